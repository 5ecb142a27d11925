#pragma once
/// Score import as one pure step (SPEC §6, §10): the rows the importer read from every sheet and
/// what is stored → what the import writes, the audit text of each file and every diagnostic.
/// The pair rules across rows live here: a pair given in two files, scores for a recused pair,
/// and what each row does to its stored row. No files, no database: the caller loads, plans and
/// persists the plan in one transaction.

#include <cstddef>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "importers/scores_importer.hpp"
#include "model/diagnostics.hpp"
#include "model/model.hpp"
#include "model/score_values.hpp"

namespace jury {

/// One sheet as the importer read it.
struct SheetScores {
  std::string file;                 ///< as diagnostics and the audit name it
  std::string sha256;               ///< of the file's bytes, for the audit
  std::vector<ImportedScore> rows;  ///< import_scores(); every row's `pair` is set
  Diagnostics diagnostics;          ///< import_scores()'s diagnostics of this file
};

/// What is stored for the round, with pairs as the importer's context holds them.
struct StoredScores {
  const std::set<Assignment>& recused;
  const std::unordered_map<const Assignment*, ScoreRow>& rows;  ///< by pair
  std::size_t pairs = 0;  ///< pairs the context knows: the planner makes room to see each once
};

/// What importing one (merged) sheet row does to the store.
enum class RowChange {
  None,       ///< a row of a recused pair that recuses again or is blank
  Blank,      ///< nothing stored and nothing to store
  Unchanged,  ///< the stored row already says this
  Recusal,    ///< the judge recuses: the pair and its scores go
  Cleared,    ///< every stored value cleared with `-`: the stored row goes
  Added,      ///< a first row for the pair
  Replaced,   ///< the stored row changes
};

/// What the row does, given its pair (as held by the context) and what is stored.
RowChange classify_row(const ImportedScore& item, const Assignment& pair,
                       const StoredScores& stored);

/// The writes and the audit entry of one file, in file order.
struct FileScorePlan {
  std::string file;
  std::string sha256;
  std::vector<Assignment> cleared;   ///< stored rows whose every value the sheet cleared
  std::vector<Assignment> recusals;  ///< pairs whose judge recuses: scores and pair go
  std::string audit;                 ///< the audit change text (English)
};

/// Writes of planned sheets, in file order.
struct ScoreWrites {
  static constexpr std::size_t kRowBatch = 8192;

  /// Rows for pairs with no stored row, and rows that replace the stored row, in file order, in
  /// batches of at most kRowBatch rows: whoever persists them can free each batch once
  /// written, so that the rows and SQLite's page cache do not peak together.
  std::vector<std::vector<EncodedScoreRow>> inserts;
  std::vector<std::vector<EncodedScoreRow>> replacements;
  std::vector<FileScorePlan> files;
};

struct ScorePlan : ScoreWrites {
  Diagnostics diagnostics;  ///< every diagnostic, in the order the files were named
  int added = 0;
  int updated = 0;
  int unchanged = 0;
  int blank = 0;
  int recused = 0;
};

/// The same, one sheet at a time as the caller reads them (only the writes are kept, not the
/// rows): add() every sheet in order, then finish().
class ScorePlanner {
 public:
  ScorePlanner(const StoredScores& stored, Diagnostics report, std::string round_prefix);
  void add(SheetScores sheet);
  /// Whether a full batch of rows is waiting to be taken.
  bool batch_ready() const { return plan_.inserts.size() > 1 || plan_.replacements.size() > 1; }
  /// The writes planned since the last call, for a caller that persists them (inside its
  /// transaction) while it reads the next sheets. Nothing once there is an error (the writes
  /// not taken are dropped): what was taken must then be rolled back, as finish() refuses the
  /// plan.
  ScoreWrites take_writes();
  /// The diagnostics and the counts, and the writes not taken; the diagnostics only after an
  /// error.
  ScorePlan finish() &&;

 private:
  StoredScores stored_;  ///< a copy: it only holds references, and callers pass a temporary
  std::string round_prefix_;
  std::vector<std::string> files_;  ///< of the sheets added, for "also given in FILE:LINE"
  std::unordered_map<const Assignment*, std::pair<std::size_t, int>> seen_;  ///< → (sheet, line)
  ScorePlan plan_;
};

/// Plans the import of `sheets` (moved from; each sheet's rows are freed once planned) against
/// `stored`. `report` holds what was said before the sheets were read (the folder listing); the
/// plan's diagnostics continue it. With any error, the plan holds the diagnostics only (nothing
/// may be written). `round_prefix` starts each audit text (empty in a single-round competition).
ScorePlan plan_score_import(std::vector<SheetScores> sheets, const StoredScores& stored,
                            Diagnostics report, const std::string& round_prefix);

}  // namespace jury
