#pragma once
/// Conflict-of-interest rules (SPEC §5). Every rule is one ConflictRuleSpec in conflicts.cpp:
/// which texts of the judge and which texts of the entry must not coincide, and how
/// `jury assign --explain` words it. The pair check, the index used at scale, the aggregated
/// solver and the explanations all derive from that one description, so a new rule (e.g.
/// relatives) is its enumerator and spelling in model/enums.hpp plus one spec here.
///
/// Texts compare by fold_key() (NFKC, trimmed, inner whitespace removed); empty texts never
/// match. The per-pair functions fold on every call and are meant for single checks
/// (explanations, re-checking kept pairs, tests). Assignment at scale uses ConflictIndex, which
/// folds every text once and interns it, so that a pair check compares a few integers.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// The texts a rule compares on one side of a pair (views into the Judge or Entry).
using ConflictTexts = std::vector<std::string_view>;

/// One conflict rule: it fires for a pair when a judge text equals an entry text (folded).
struct ConflictRuleSpec {
  ConflictRule rule;
  ConflictTexts (*judge_texts)(const Judge&);  ///< e.g. the judge's affiliation
  ConflictTexts (*entry_texts)(const Entry&);  ///< e.g. the entry's school
  /// `--explain`: why such judges are not on the entry, after "conflict of interest, ".
  std::string (*explain)(const Entry&);
  /// Excludes a large share of all pairs (every judge of a district from its district's
  /// entries): the aggregated solver then keeps entries with different texts apart, so that it
  /// respects the rule exactly instead of repairing many pairs afterwards.
  bool dense = false;
};

/// Every rule, in the order of the ConflictRule enumeration.
std::span<const ConflictRuleSpec> conflict_rule_specs();
const ConflictRuleSpec& conflict_rule_spec(ConflictRule rule);

/// The distinct non-empty folded texts, sorted.
std::vector<std::string> folded_keys(const ConflictTexts& texts);
/// Whether two folded_keys() results share a key: the test of every rule.
bool keys_meet(const std::vector<std::string>& judge_keys,
               const std::vector<std::string>& entry_keys);

/// Whether one rule fires for the pair.
bool conflict_fires(ConflictRule rule, const Judge& judge, const Entry& entry);

/// The first rule of `active_rules` (in that order) that fires for the pair, if any.
std::optional<ConflictRule> find_conflict(const Judge& judge, const Entry& entry,
                                          const std::vector<ConflictRule>& active_rules);

/// Shorthands for the rules of SPEC §5 (`conflict_fires` with that rule).
bool school_conflict(const Judge& judge, const Entry& entry);
bool advisor_conflict(const Judge& judge, const Entry& entry);
bool district_conflict(const Judge& judge, const Entry& entry);
bool declared_conflict(const Judge& judge, const Entry& entry);

/// Every judge's and entry's folded texts under each active rule, interned once, with an
/// inverted index from text to entries. Indices are positions in the vectors given to the
/// constructor (the index copies what it needs).
class ConflictIndex {
 public:
  ConflictIndex(const std::vector<Judge>& judges, const std::vector<Entry>& entries,
                std::vector<ConflictRule> active_rules);

  /// Same answer as find_conflict(judges[judge], entries[entry], active_rules).
  std::optional<ConflictRule> conflict(std::size_t judge, std::size_t entry) const;
  /// Whether `rule` is active and fires for the pair.
  bool fires(ConflictRule rule, std::size_t judge, std::size_t entry) const;

  /// All entries some active rule excludes for the judge: ascending, without duplicates.
  std::vector<std::size_t> conflicting_entries(std::size_t judge) const;

  const std::vector<ConflictRule>& rules() const { return rules_; }

 private:
  /// Interned keys per judge or per entry (compressed rows: keys of item i are
  /// keys[offsets[i] .. offsets[i+1]), sorted).
  struct KeyRows {
    std::vector<std::size_t> offsets{0};
    std::vector<int> keys;
    std::span<const int> of(std::size_t item) const;
  };
  /// One active rule's keys of every judge and entry, and (key, entry) pairs sorted by key.
  struct RuleKeys {
    KeyRows judges;
    KeyRows entries;
    std::vector<std::pair<int, std::size_t>> entries_by_key;
  };

  /// Appends the folded, interned texts as one sorted row.
  void add_row(KeyRows& rows, const ConflictTexts& texts);
  bool fires_at(std::size_t rule_position, std::size_t judge, std::size_t entry) const;

  std::vector<ConflictRule> rules_;
  std::unordered_map<std::string, int> ids_;  ///< folded text → key; only looked up
  std::vector<RuleKeys> by_rule_;             ///< parallel to rules_
};

}  // namespace jury
