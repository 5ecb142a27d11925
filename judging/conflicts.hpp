#pragma once
/// Conflict-of-interest rules (SPEC §5): one function per rule, so that a new rule (e.g.
/// relatives) is one more function here plus one line in `fires`. Names, schools and districts
/// compare by fold_key() (NFKC, trimmed, inner whitespace removed).
///
/// The per-pair functions fold on every call and are meant for single checks (explanations,
/// tests). Assignment at scale uses ConflictIndex, which folds every string once and interns it,
/// so that a pair check is a few integer comparisons — never 10^9 string folds.

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// `school`: the judge works at the entry's school (fold(j.affiliation) == fold(e.school)).
bool school_conflict(const Judge& judge, const Entry& entry);
/// `advisor`: the judge is one of the entry's advisors or students (by folded name).
bool advisor_conflict(const Judge& judge, const Entry& entry);
/// `district`: judge and entry come from the same district, both non-empty (folded).
bool district_conflict(const Judge& judge, const Entry& entry);
/// `declared`: the judge's declared conflicts (回避) name the entry id or the entry's school.
bool declared_conflict(const Judge& judge, const Entry& entry);

/// Whether one rule fires for the pair.
bool conflict_fires(ConflictRule rule, const Judge& judge, const Entry& entry);

/// The first rule of `active_rules` (in that order) that fires for the pair, if any.
std::optional<ConflictRule> find_conflict(const Judge& judge, const Entry& entry,
                                          const std::vector<ConflictRule>& active_rules);

/// Every judge's and entry's folded keys, interned once, with inverted indexes from key to
/// entries. Indices are positions in the vectors given to the constructor (which must outlive
/// nothing: the index copies what it needs).
class ConflictIndex {
 public:
  ConflictIndex(const std::vector<Judge>& judges, const std::vector<Entry>& entries,
                std::vector<ConflictRule> active_rules);

  /// Same answer as find_conflict(judges[judge], entries[entry], active_rules).
  std::optional<ConflictRule> conflict(std::size_t judge, std::size_t entry) const;
  bool fires(ConflictRule rule, std::size_t judge, std::size_t entry) const;

  /// All entries some active rule excludes for the judge: ascending, without duplicates.
  std::vector<std::size_t> conflicting_entries(std::size_t judge) const;

  const std::vector<ConflictRule>& rules() const { return rules_; }

 private:
  static constexpr int kNone = -1;  ///< key of an empty string: never equal to anything
  struct JudgeKeys {
    int name = kNone;
    int affiliation = kNone;
    int district = kNone;
    std::vector<int> declared;  ///< sorted
  };
  struct EntryKeys {
    int id = kNone;
    int school = kNone;
    int district = kNone;
    std::vector<int> people;  ///< advisors and students, sorted
  };

  /// Id of the folded text; kNone for empty text. Ids are only compared, never iterated.
  int intern(const std::string& raw);
  static void add_to(std::vector<std::vector<std::size_t>>& by_key, int key, std::size_t entry);

  std::vector<ConflictRule> rules_;
  std::unordered_map<std::string, int> ids_;
  std::vector<JudgeKeys> judges_;
  std::vector<EntryKeys> entries_;
  std::vector<std::vector<std::size_t>> entries_by_school_;
  std::vector<std::vector<std::size_t>> entries_by_person_;
  std::vector<std::vector<std::size_t>> entries_by_district_;
  std::vector<std::vector<std::size_t>> entries_by_id_;
};

}  // namespace jury
