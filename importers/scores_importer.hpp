#pragma once
/// Score sheets (SPEC §6): CSV bytes → validated score rows + every problem of the file.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "importers/encoding.hpp"
#include "importers/table.hpp"
#include "model/diagnostics.hpp"
#include "model/id_numbering.hpp"
#include "model/model.hpp"

namespace jury {

/// Hash lookups over a context's entries, judges and pairs. Keys are views into the containers,
/// which must outlive the index and stay unchanged. Ids are numbered once (open addressing over
/// the views, no node per id) and a pair is found by its two numbers among its judge's pairs, in
/// one flat table sorted by (judge, entry): the rows of a sheet share their judge, so they search
/// the same few dozen pairs.
class ScoreIndex {
 public:
  /// `assigned`: the pairs in (judge, entry) order, distinct.
  ScoreIndex(const std::map<std::string, Entry>& entries, const std::set<std::string>& judge_ids,
             const std::vector<Assignment>& assigned);
  ScoreIndex(const std::map<std::string, Entry>& entries, const std::set<std::string>& judge_ids,
             const std::set<Assignment>& assigned);
  const Entry* find_entry(std::string_view id) const;
  bool has_judge(std::string_view id) const;
  /// The pair as held by the `assigned` container, nullptr when absent.
  const Assignment* find_pair(std::string_view judge_id, std::string_view entry_id) const;

  /// An assigned pair whose judge and entry are both known: one lookup answers all three checks.
  struct KnownPair {
    const Assignment* pair = nullptr;
    const Entry* entry = nullptr;  ///< nullptr when the judge or the entry is unknown
  };
  const KnownPair* find_known_pair(std::string_view judge_id, std::string_view entry_id) const;

 private:
  const KnownPair* find(std::string_view judge_id, std::string_view entry_id) const;
  void add_ids(const std::map<std::string, Entry>& entries, const std::set<std::string>& judge_ids);
  template <typename Pairs>
  void add_pairs(const Pairs& assigned);

  IdNumbering entry_numbers_;
  std::vector<const Entry*> entries_;  ///< by entry number; nullptr: only in a pair
  IdNumbering judge_numbers_;
  std::vector<bool> judges_;  ///< by judge number: a judge of judge_ids (else only in a pair)
  /// The pairs by (judge number, entry number): judge j's are [first_pair_of_judge_[j],
  /// first_pair_of_judge_[j + 1]), a sheet's few dozen neighbours to search, not every pair.
  std::vector<std::uint32_t> first_pair_of_judge_;
  std::vector<std::uint32_t> pair_entries_;  ///< entry number of each pair
  std::vector<KnownPair> pairs_;
};

/// Each rubric's criteria by the words a sheet's header may name them with (id or label, as
/// Vocabulary matches them): built once per context, not once per sheet.
struct CriterionWords;
std::shared_ptr<const CriterionWords> criterion_words(const Config& config);

/// What a sheet is checked against: the round's rubrics, and its entries, judges and assigned
/// pairs through one index.
struct ScoreContext {
  const Config& config;
  const ScoreIndex& index;  ///< the round's entries, judges, and assigned and recused pairs
  /// The stored rows, by their pair in the index: a sheet's row is merged into the stored row
  /// criterion by criterion (SPEC §6). Absent = nothing stored yet.
  const std::unordered_map<const Assignment*, ScoreRow>* stored = nullptr;
  /// Judges who are withdrawn (active no): rows of theirs that are no longer assigned give one
  /// error per sheet that says so, instead of one "not assigned" per row.
  const std::set<std::string>* withdrawn_judges = nullptr;
  /// SPEC §12: entrants absent from the round; their rows are skipped with a warning, filled or
  /// not.
  const std::set<std::string>* absent_entries = nullptr;
  std::shared_ptr<const CriterionWords> criteria = criterion_words(config);
};

/// One (judge, entry) row of a sheet, merged into what is stored (SPEC §6): a value in the
/// sheet replaces the stored value of its criterion, `-` clears it, an empty cell keeps it. The
/// comment likewise (`-` clears it, empty keeps it).
struct ImportedScore {
  ScoreRow row;  ///< the row as it is to be stored (no values = nothing to store)
  bool recuse = false;
  int line = 0;        ///< physical line of the (first) row
  bool blank = false;  ///< the sheet's row held no value, no `-` and no comment
  /// The row's pair as the context's index holds it (an assigned or recused pair); set on every
  /// row returned, so the caller need not look it up again.
  const Assignment* pair = nullptr;
};

/// The cell text that clears a stored value (SPEC §6); also `－` (NFKC).
inline constexpr std::string_view kClearCell = "-";

/// The wide sheet layout written by `jury export sheets` (header judge_id, entry_id, title, one
/// column per criterion id or label, comment, recuse; '#' comment lines) and the long layout
/// (judge_id, entry_id, criterion, score; optional comment, recuse). Values in ScoreRow are in the
/// rubric order of the entry's kind, merged into `context.stored` (see ImportedScore); absent or
/// blank = nullopt. Collects every problem of the file into report; returns the (judge, entry)
/// rows without errors, in file order (long layout: order of first appearance). A file without
/// errors also gets a warning "scores.incomplete" per row that is partly filled once merged
/// (SPEC §6: stored and reported as incomplete). An Excel workbook is read from its first
/// worksheet or `sheet` (SPEC §15); a criterion header may note the maximum
/// (without_maximum_note: `创新性（满分 40）`, as the xlsx sheets write it).
std::vector<ImportedScore> import_scores(std::string_view bytes, const std::string& file,
                                         Encoding encoding, const ScoreContext& context,
                                         Diagnostics& report, const std::string& sheet = {});
/// The same for a file decoded already (decode_file, with its diagnostics in `report`).
std::vector<ImportedScore> import_scores(const DecodedFile& decoded, const std::string& file,
                                         const ScoreContext& context, Diagnostics& report,
                                         const std::string& sheet = {});

/// Why a score cell is not a valid score.
enum class ScoreProblem { None, NotANumber, OutOfRange, NotAMultipleOfStep };

/// Parses a score cell (NFKC: full-width digits are fine; trimmed) and checks it is a number in
/// [0, max] and a multiple of step (|v/step − round(v/step)| ≤ 1e-12·max(1, v/step): only the
/// rounding error of the division passes). Empty cells are the caller's business.
ScoreProblem parse_score(std::string_view cell, double max, double step, double& value);

/// The recuse column: yes, y, true, 1, 是, 回避 → true; empty, no, n, false, 0, 否 → false.
std::optional<bool> parse_recuse(std::string_view cell);

}  // namespace jury
