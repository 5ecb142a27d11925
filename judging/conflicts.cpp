#include "judging/conflicts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "model/i18n.hpp"
#include "model/text.hpp"

namespace jury {

namespace {

ConflictTexts advisors_and_students(const Entry& entry) {
  ConflictTexts texts(entry.advisors.begin(), entry.advisors.end());
  texts.insert(texts.end(), entry.students.begin(), entry.students.end());
  return texts;
}

/// SPEC §5, one spec per rule, in the order of the ConflictRule enumeration.
constexpr ConflictRuleSpec kConflictRules[] = {
    {ConflictRule::School, [](const Judge& j) { return ConflictTexts{j.affiliation}; },
     [](const Entry& e) { return ConflictTexts{e.school}; },
     [](const Entry& e) { return i18n::trf("works at the entry's school {}", e.school); }},
    {ConflictRule::Advisor, [](const Judge& j) { return ConflictTexts{j.name}; },
     advisors_and_students,
     [](const Entry&) { return std::string(i18n::tr("is an advisor or student of this entry")); }},
    {ConflictRule::District, [](const Judge& j) { return ConflictTexts{j.district}; },
     [](const Entry& e) { return ConflictTexts{e.district}; },
     [](const Entry& e) { return i18n::trf("from the entry's district {}", e.district); },
     /*dense=*/true},
    {ConflictRule::Declared,
     [](const Judge& j) { return ConflictTexts(j.conflicts.begin(), j.conflicts.end()); },
     [](const Entry& e) {
       return ConflictTexts{e.id, e.school};
     },
     [](const Entry&) {
       return std::string(i18n::tr("declared (回避) this entry or its school"));
     }},
};

constexpr bool specs_follow_the_enumeration() {
  if (std::size(kConflictRules) != table_of<ConflictRule>().values.size()) return false;
  for (std::size_t r = 0; r < std::size(kConflictRules); ++r)
    if (kConflictRules[r].rule != table_of<ConflictRule>().values[r].value) return false;
  return true;
}
static_assert(specs_follow_the_enumeration(),
              "one ConflictRuleSpec per ConflictRule, in the enumeration's order");

/// Whether two sorted ranges share an element.
template <typename Range>
bool intersect(const Range& a, const Range& b) {
  auto i = a.begin();
  auto k = b.begin();
  while (i != a.end() && k != b.end()) {
    if (*i == *k) return true;
    if (*i < *k)
      ++i;
    else
      ++k;
  }
  return false;
}

}  // namespace

std::span<const ConflictRuleSpec> conflict_rule_specs() {
  return kConflictRules;
}

const ConflictRuleSpec& conflict_rule_spec(ConflictRule rule) {
  return kConflictRules[static_cast<std::size_t>(rule)];
}

std::vector<std::string> folded_keys(const ConflictTexts& texts) {
  std::vector<std::string> keys;
  for (std::string_view text : texts)
    if (std::string key = fold_key(text); !key.empty()) keys.push_back(std::move(key));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

bool keys_meet(const std::vector<std::string>& judge_keys,
               const std::vector<std::string>& entry_keys) {
  return intersect(judge_keys, entry_keys);
}

bool conflict_fires(ConflictRule rule, const Judge& judge, const Entry& entry) {
  const ConflictRuleSpec& spec = conflict_rule_spec(rule);
  return keys_meet(folded_keys(spec.judge_texts(judge)), folded_keys(spec.entry_texts(entry)));
}

std::optional<ConflictRule> find_conflict(const Judge& judge, const Entry& entry,
                                          const std::vector<ConflictRule>& active_rules) {
  for (ConflictRule rule : active_rules)
    if (conflict_fires(rule, judge, entry)) return rule;
  return std::nullopt;
}

bool school_conflict(const Judge& judge, const Entry& entry) {
  return conflict_fires(ConflictRule::School, judge, entry);
}
bool advisor_conflict(const Judge& judge, const Entry& entry) {
  return conflict_fires(ConflictRule::Advisor, judge, entry);
}
bool district_conflict(const Judge& judge, const Entry& entry) {
  return conflict_fires(ConflictRule::District, judge, entry);
}
bool declared_conflict(const Judge& judge, const Entry& entry) {
  return conflict_fires(ConflictRule::Declared, judge, entry);
}

// ---------------------------------------------------------------- ConflictIndex

std::span<const int> ConflictIndex::KeyRows::of(std::size_t item) const {
  return std::span<const int>(keys).subspan(offsets[item], offsets[item + 1] - offsets[item]);
}

void ConflictIndex::add_row(KeyRows& rows, const ConflictTexts& texts) {
  const std::size_t start = rows.keys.size();
  for (std::string_view text : texts) {
    std::string key = fold_key(text);
    if (key.empty()) continue;
    const auto [it, inserted] = ids_.emplace(std::move(key), static_cast<int>(ids_.size()));
    rows.keys.push_back(it->second);
  }
  const auto begin = rows.keys.begin() + static_cast<std::ptrdiff_t>(start);
  std::sort(begin, rows.keys.end());
  rows.keys.erase(std::unique(begin, rows.keys.end()), rows.keys.end());
  rows.offsets.push_back(rows.keys.size());
}

ConflictIndex::ConflictIndex(const std::vector<Judge>& judges, const std::vector<Entry>& entries,
                             std::vector<ConflictRule> active_rules)
    : rules_(std::move(active_rules)), by_rule_(rules_.size()) {
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    const ConflictRuleSpec& spec = conflict_rule_spec(rules_[r]);
    RuleKeys& keys = by_rule_[r];
    for (const Entry& entry : entries) add_row(keys.entries, spec.entry_texts(entry));
    for (const Judge& judge : judges) add_row(keys.judges, spec.judge_texts(judge));
    for (std::size_t e = 0; e < entries.size(); ++e)
      for (int key : keys.entries.of(e)) keys.entries_by_key.emplace_back(key, e);
    std::sort(keys.entries_by_key.begin(), keys.entries_by_key.end());
  }
}

bool ConflictIndex::fires_at(std::size_t rule_position, std::size_t judge,
                             std::size_t entry) const {
  const RuleKeys& keys = by_rule_[rule_position];
  return intersect(keys.judges.of(judge), keys.entries.of(entry));
}

bool ConflictIndex::fires(ConflictRule rule, std::size_t judge, std::size_t entry) const {
  const auto it = std::find(rules_.begin(), rules_.end(), rule);
  return it != rules_.end() &&
         fires_at(static_cast<std::size_t>(it - rules_.begin()), judge, entry);
}

std::optional<ConflictRule> ConflictIndex::conflict(std::size_t judge, std::size_t entry) const {
  for (std::size_t r = 0; r < rules_.size(); ++r)
    if (fires_at(r, judge, entry)) return rules_[r];
  return std::nullopt;
}

std::vector<std::size_t> ConflictIndex::conflicting_entries(std::size_t judge) const {
  std::vector<std::size_t> out;
  for (const RuleKeys& keys : by_rule_)
    for (int key : keys.judges.of(judge)) {
      const auto first = std::lower_bound(keys.entries_by_key.begin(), keys.entries_by_key.end(),
                                          std::pair<int, std::size_t>(key, 0));
      for (auto it = first; it != keys.entries_by_key.end() && it->first == key; ++it)
        out.push_back(it->second);
    }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace jury
