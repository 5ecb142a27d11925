#pragma once
/// The enumerated concepts of the model, each with the one table that spells it: the name used
/// in config files, stored documents and on the command line, and a label for people. Parsing,
/// printing and the lists of allowed values in messages all come from these tables, so a new
/// value is one enumerator plus one row here.

#include <algorithm>
#include <concepts>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jury {

/// One value of an enumerated concept and how it is written.
template <typename Enum>
struct EnumSpelling {
  Enum value;
  std::string_view name;   ///< in files and on the command line, e.g. "trimmed-mean"
  std::string_view label;  ///< for people, e.g. "trimmed mean"
};

/// All values of a concept in their canonical order, and what the concept is called in
/// messages ("unknown conflict rule \"x\"; expected one of …").
template <typename Enum>
struct EnumTable {
  std::string_view concept_name;
  std::span<const EnumSpelling<Enum>> values;
};

// ---------------------------------------------------------------- the concepts

/// How `share` quotas are rounded (SPEC §8).
enum class Rounding { Floor, Round, Ceil };
inline constexpr EnumSpelling<Rounding> kRoundingSpellings[] = {
    {Rounding::Floor, "floor", "rounded down"},
    {Rounding::Round, "round", "rounded half up"},
    {Rounding::Ceil, "ceil", "rounded up"},
};
constexpr EnumTable<Rounding> enum_table(Rounding) {
  return {"rounding", kRoundingSpellings};
}

/// What happens to a tie group across a tier's quota (SPEC §8).
enum class TiePolicy { Share, Exclude };
inline constexpr EnumSpelling<TiePolicy> kTiePolicySpellings[] = {
    {TiePolicy::Share, "share", "the whole tie group gets the tier"},
    {TiePolicy::Exclude, "exclude", "a tie group across the quota is left out"},
};
constexpr EnumTable<TiePolicy> enum_table(TiePolicy) {
  return {"tie policy", kTiePolicySpellings};
}

/// `awards.<kind>.absent`: what an absence from a round costs an entrant (SPEC §12).
enum class AbsentPolicy {
  Forfeit,  ///< no tier at all
  Keep,     ///< may still get a tier decided by an earlier round
};
inline constexpr EnumSpelling<AbsentPolicy> kAbsentPolicySpellings[] = {
    {AbsentPolicy::Forfeit, "forfeit", "an absent entrant gets no tier"},
    {AbsentPolicy::Keep, "keep", "an absent entrant keeps a tier decided by an earlier round"},
};
constexpr EnumTable<AbsentPolicy> enum_table(AbsentPolicy) {
  return {"absent policy", kAbsentPolicySpellings};
}

/// Conflict-of-interest rules (SPEC §5); what each compares is its ConflictRuleSpec in
/// judging/conflicts.cpp.
enum class ConflictRule { School, Advisor, District, Declared };
inline constexpr EnumSpelling<ConflictRule> kConflictRuleSpellings[] = {
    {ConflictRule::School, "school", "works at the entry's school"},
    {ConflictRule::Advisor, "advisor", "is an advisor or student of the entry"},
    {ConflictRule::District, "district", "comes from the entry's district"},
    {ConflictRule::Declared, "declared", "declared (回避) the entry or its school"},
};
constexpr EnumTable<ConflictRule> enum_table(ConflictRule) {
  return {"conflict rule", kConflictRuleSpellings};
}

/// Aggregation methods (SPEC §6); each is implemented by one AggregationMethod, registered in
/// judging/aggregation.cpp.
enum class Method { Mean, TrimmedMean, Median, ZScore, Severity };
inline constexpr EnumSpelling<Method> kMethodSpellings[] = {
    {Method::Mean, "mean", "arithmetic mean"},
    {Method::TrimmedMean, "trimmed-mean", "mean without the highest and lowest totals"},
    {Method::Median, "median", "median"},
    {Method::ZScore, "zscore", "mean of standardised totals"},
    {Method::Severity, "severity", "mean corrected for each judge's severity"},
};
constexpr EnumTable<Method> enum_table(Method) {
  return {"method", kMethodSpellings};
}

/// Whether an entry takes part (SPEC §3).
enum class EntryStatus { Active, Withdrawn, Disqualified };
inline constexpr EnumSpelling<EntryStatus> kEntryStatusSpellings[] = {
    {EntryStatus::Active, "active", "正常"},
    {EntryStatus::Withdrawn, "withdrawn", "退赛"},
    {EntryStatus::Disqualified, "disqualified", "取消资格"},
};
constexpr EnumTable<EntryStatus> enum_table(EntryStatus) {
  return {"status", kEntryStatusSpellings};
}

// ---------------------------------------------------------------- derived from the tables

/// An enumeration with a table above (found by argument-dependent lookup of enum_table).
template <typename Enum>
concept Spelled = requires(Enum value) {
  { enum_table(value) } -> std::same_as<EnumTable<Enum>>;
};

template <Spelled Enum>
constexpr EnumTable<Enum> table_of() {
  return enum_table(Enum{});
}

/// The row of a value; every enumerator has one (the tests check each table).
template <Spelled Enum>
constexpr const EnumSpelling<Enum>& spelling_of(Enum value) {
  const auto values = table_of<Enum>().values;
  return *std::find_if(values.begin(), values.end(),
                       [value](const EnumSpelling<Enum>& row) { return row.value == value; });
}

template <Spelled Enum>
std::string to_string(Enum value) {
  return std::string(spelling_of(value).name);
}

template <Spelled Enum>
std::string label_of(Enum value) {
  return std::string(spelling_of(value).label);
}

/// The value spelled exactly `name` (names are case-sensitive, as in JSON), or nullopt.
template <Spelled Enum>
std::optional<Enum> parse_enum(std::string_view name) {
  for (const auto& row : table_of<Enum>().values)
    if (row.name == name) return row.value;
  return std::nullopt;
}

/// Every value, in table order.
template <Spelled Enum>
std::vector<Enum> all_values() {
  std::vector<Enum> values;
  for (const auto& row : table_of<Enum>().values) values.push_back(row.value);
  return values;
}

/// Every name, in table order (for "expected one of …").
template <Spelled Enum>
std::vector<std::string> all_names() {
  std::vector<std::string> names;
  for (const auto& row : table_of<Enum>().values) names.emplace_back(row.name);
  return names;
}

inline std::optional<Method> parse_method(std::string_view name) {
  return parse_enum<Method>(name);
}
inline std::optional<ConflictRule> parse_conflict_rule(std::string_view name) {
  return parse_enum<ConflictRule>(name);
}

}  // namespace jury
