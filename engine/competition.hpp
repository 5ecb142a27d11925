#pragma once
/// The Competition facade: runs each workflow step of SPEC §1 against the store, each in one
/// transaction with an audit record. Algorithms live in judging/, parsing in importers/, rendering
/// in exporters/; this class only loads, calls, checks state and persists.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/award_readiness.hpp"
#include "engine/store.hpp"
#include "importers/encoding.hpp"
#include "judging/reliability.hpp"
#include "model/diagnostics.hpp"
#include "model/model.hpp"

namespace jury {

/// What an import did; `report` holds its warnings (errors throw InputError instead).
struct ImportSummary {
  int added = 0;
  int updated = 0;
  int unchanged = 0;
  int recused = 0;  ///< scores only
  int blank = 0;    ///< scores only: rows left entirely blank (nothing stored)
  Report report;
  std::string message;
};

struct AssignSummary {
  int kept = 0;
  int dropped = 0;
  int added = 0;
  std::int64_t objective = 0;
  std::string message;
};

enum class RosterFormat { Csv, Json, Html, Xlsx };
std::optional<RosterFormat> parse_roster_format(const std::string& name);
/// From the file extension (.csv .json .html/.htm .xlsx); nullopt when unknown.
std::optional<RosterFormat> roster_format_from_path(const std::string& path);

/// Score sheets as CSV files (SPEC §5) or Excel workbooks with data validation (SPEC §15).
enum class SheetFormat { Csv, Xlsx };
std::optional<SheetFormat> parse_sheet_format(const std::string& name);

/// Per (judge, kind): what the judge owes.
struct JudgeProgress {
  std::string judge_id;
  std::string name;
  bool active = true;
  int assigned = 0;
  int complete = 0;  ///< complete score rows
  int partial = 0;   ///< partly filled rows
  int missing = 0;   ///< assigned pairs without any score
  int capacity = 0;
};

struct KindProgress {
  std::string kind;
  std::vector<std::pair<std::string, int>> active_by_group;  ///< group id ("" = none) → entries
  int active = 0;
  int withdrawn = 0;
  int disqualified = 0;
  int judges_per_entry = 0;
  int assignments = 0;      ///< pairs on active entries
  int open_places = 0;      ///< k − assigned, summed over active entries (what assign would fill)
  int complete_scores = 0;  ///< complete score rows on active entries
  int missing_scores = 0;   ///< assigned pairs on active entries without a complete row (owed)
  /// Entries with enough scores to rank (≥ min_scores complete rows, what `results` ranks).
  int rankable_entries = 0;
  /// Of those, the entries every assigned judge has scored (no score owed on them).
  int fully_scored_entries = 0;
  int incomplete_entries = 0;  ///< fewer than min_scores complete rows: not ranked
};

struct Status {
  std::string competition;
  int entries = 0;
  int judges_active = 0;
  int judges_inactive = 0;
  int assignments = 0;
  int recusals = 0;
  bool awarded = false;
  AwardReadiness readiness;  ///< what `jury award` would refuse on now
  std::vector<KindProgress> kinds;
  std::vector<JudgeProgress> judges;
};

class Competition {
 public:
  /// Creates the database from a config file (SPEC §2); InputError when the config is invalid.
  static Competition init(const std::string& db_path, const std::string& config_path);
  static Competition open(const std::string& db_path);

  const Config& config() const { return config_; }
  /// The effective config with all defaults, as JSON text.
  std::string config_json() const;

  /// A workbook (.xlsx, .xls) is read from its first worksheet or `sheet` (SPEC §15).
  ImportSummary import_entries(const std::string& path, Encoding encoding,
                               const std::string& sheet = {});
  ImportSummary import_judges(const std::string& path, Encoding encoding,
                              const std::string& sheet = {});
  /// Files and directories (every .csv, .xlsx and .xls inside, name order; any other file is
  /// named in a warning); all of them are one transaction.
  ImportSummary import_scores(const std::vector<std::string>& paths, Encoding encoding,
                              const std::string& sheet = {});

  AssignSummary assign(std::uint64_t seed, bool reshuffle);
  std::vector<std::string> explain(const std::string& entry_id, std::uint64_t seed) const;

  /// Writes one sheet per (judge, kind) into dir (created when missing), the stored values in
  /// the cells (or those of `filled`); returns the paths written. `encoding` applies to CSV
  /// sheets only. StateError before `assign`; InputError, writing nothing, when a sheet in dir
  /// differs from what it would write, unless `force` (SPEC §6).
  std::vector<std::string> export_sheets(const std::string& dir, Encoding encoding,
                                         const std::vector<ScoreRow>* filled = nullptr,
                                         SheetFormat format = SheetFormat::Csv,
                                         bool force = false) const;
  void export_assignments(const std::string& path) const;

  /// Computes the ranking and tiers now, storing nothing (`jury results`).
  Results results(std::optional<Method> method = std::nullopt) const;
  /// Decides and freezes the tiers (SPEC §8); StateError while an active entry is incomplete or
  /// an assigned judge owes a score (unless allowed), and when a kind has no complete score.
  Results award(bool allow_incomplete);
  /// Withdraws the decision; UsageError without a reason, which goes into the audit log.
  void reopen(const std::string& reason);
  /// What `award` would refuse on now.
  AwardReadiness readiness() const;
  /// The stored decision; StateError when not awarded.
  Results decision() const;
  bool awarded() const;

  void export_roster(const std::string& path, RosterFormat format, bool is_public) const;
  /// The §9 JSON document of a Results value (e.g. `results --json`).
  std::string results_json(const Results& results, bool is_public) const;

  Status status() const;
  /// How fair the judging was (`jury report`): distributions, ICC, components, severities.
  ReliabilityReport report() const;
  std::vector<AuditRecord> audit() const { return store_.load_audit(); }

  /// Long steps report (stage, done, total) here; the CLI shows it on a terminal only (SPEC §10).
  using Progress =
      std::function<void(const std::string& stage, std::size_t done, std::size_t total)>;
  void set_progress(Progress progress) { progress_ = std::move(progress); }

  std::vector<Entry> entries() const { return store_.load_entries(); }
  std::vector<Judge> judges() const { return store_.load_judges(); }
  std::vector<Assignment> assignments() const { return store_.load_assignments(); }
  std::vector<ScoreRow> scores() const { return store_.load_scores(); }

 private:
  Competition(Store store, Config config);
  void refuse_when_awarded(const std::string& command) const;

  Store store_;
  Config config_;
  Progress progress_;
};

}  // namespace jury
