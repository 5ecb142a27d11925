#pragma once
/// The Competition facade: runs each workflow step of SPEC §1 against the store, each in one
/// transaction with an audit record. Algorithms live in judging/, parsing in importers/, rendering
/// in exporters/; this class only loads, calls, checks state and persists.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/award_readiness.hpp"
#include "engine/store.hpp"
#include "engine/tamper.hpp"
#include "exporters/roster_formats.hpp"
#include "importers/encoding.hpp"
#include "judging/reliability.hpp"
#include "model/diagnostics.hpp"
#include "model/model.hpp"
#include "model/status.hpp"

namespace jury {

struct ScoreContext;
struct ScoreWrites;
struct SheetScores;

/// What an import did; `diagnostics` holds its warnings (errors throw InputError instead).
struct ImportSummary {
  int added = 0;
  int updated = 0;
  int unchanged = 0;
  int recused = 0;  ///< scores only
  int blank = 0;    ///< scores only: rows left entirely blank (nothing stored)
  Diagnostics diagnostics;
  std::string message;
};

struct AssignSummary {
  int kept = 0;
  int dropped = 0;
  int added = 0;
  std::int64_t objective = 0;
  std::string message;
};

/// What `jury rejudge` did (SPEC §14).
struct RejudgeSummary {
  std::int64_t planned = 0;          ///< the round's judgings: Σ k over its counted entries
  std::int64_t allowance = 0;        ///< ⌊F · planned⌋: all re-judging of the round together
  std::int64_t already = 0;          ///< judgings re-judging had added before this call
  std::vector<std::string> entries;  ///< the entries that get M more judges, most uncertain first
  std::vector<Assignment> added;     ///< the new pairs
  std::int64_t objective = 0;        ///< §5 objective of the round's pairs after adding
  std::string message;
};

/// What `jury advance` did (SPEC §12): per pool of each kind going on, the quota and who went on.
struct AdvanceSummary {
  struct Pool {
    std::string kind;
    std::string pool;  ///< pool_id: `student/primary`
    int ranked = 0;    ///< entries ranked in the round that closed
    int quota = 0;
    int going_on = 0;
  };
  std::string closed;  ///< round id
  std::string opened;  ///< round id
  std::vector<Pool> pools;
  std::vector<std::string> left_out;  ///< incomplete entrants (only with --allow-incomplete)
  std::string message;
};

/// What `jury schedule` did (SPEC §13).
struct ScheduleSummary {
  int interviews = 0;
  int slots = 0;  ///< slots used: Δ
  std::string message;
};

/// `jury export schedule FILE --format csv|html` (SPEC §13).
enum class ScheduleFormat { Csv, Html };
std::optional<ScheduleFormat> parse_schedule_format(const std::string& name);

/// `assign` (SPEC §5): keep every unscored pair that is still valid, or recompute them all
/// (`--reshuffle`).
enum class AssignMode { Incremental, Reshuffle };
/// `award` and `advance`: refuse while entries are incomplete, or go on without them
/// (`--allow-incomplete`).
enum class Incomplete { Refuse, Allow };
/// `absent`: the entrants are absent, or present after all (`--undo`).
enum class Attendance { Absent, Present };

/// Score sheets as CSV files (SPEC §5) or Excel workbooks with data validation (SPEC §15).
enum class SheetFormat { Csv, Xlsx };
std::optional<SheetFormat> parse_sheet_format(const std::string& name);

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

  /// SPEC §5 for the current round (§12: its counted entrants and the judges serving in it);
  /// in a scheduled round new pairs get the earliest slot free for both (SPEC §13).
  AssignSummary assign(std::uint64_t seed, AssignMode mode);
  std::vector<std::string> explain(const std::string& entry_id, std::uint64_t seed) const;
  /// SPEC §14 `rejudge`: `extra` more judges for the current round's least certain entries,
  /// while all re-judging of the round stays within ⌊budget × its judgings⌋. UsageError for a
  /// budget that is no decimal ≥ 0 or extra < 1; StateError when awarded or while the round's
  /// scores are not complete; InfeasibleError when §5 cannot place the new judges.
  RejudgeSummary rejudge(const std::string& budget, int extra, std::uint64_t seed);

  // ---------------------------------------------------------------- rounds (SPEC §12–13)
  /// Index into config().rounds of the current round: the last one opened.
  std::size_t current_round() const;
  /// The round `--round ID` names, the current one when unset: UsageError for an id that is no
  /// round, StateError for a round not opened yet.
  std::size_t round_of(const std::optional<std::string>& id) const;
  /// Closes the current round and opens the next with the entrants its `advance` selects;
  /// StateError at the last round and while an entrant going on is incomplete (unless allowed).
  AdvanceSummary advance(Incomplete incomplete);
  /// `advance --reopen`: back to the previous round while the current one has no scores.
  std::string reopen_round();
  /// `absent ENTRY_ID...`: marks entrants of the current round absent (their unscored
  /// assignments go) or present again. InputError for an id that is no entrant.
  std::string absent(const std::vector<std::string>& entry_ids, Attendance attendance);
  /// `schedule`: a slot for every assignment of the current round, exactly Δ slots.
  ScheduleSummary schedule(std::uint64_t seed);
  /// The current round's timetable; StateError when it is not scheduled.
  void export_schedule(const std::string& path, ScheduleFormat format) const;

  /// Writes one sheet per (judge, kind) into dir (created when missing), the stored values in
  /// the cells (or those of `filled`); returns the paths written. `encoding` applies to CSV
  /// sheets only. StateError before `assign`; InputError, writing nothing, when a sheet in dir
  /// differs from what it would write, unless `force` (SPEC §6).
  std::vector<std::string> export_sheets(const std::string& dir, Encoding encoding,
                                         const std::vector<ScoreRow>* filled = nullptr,
                                         SheetFormat format = SheetFormat::Csv,
                                         bool force = false) const;
  /// The pairs of a round (default: the current one).
  void export_assignments(const std::string& path,
                          std::optional<std::size_t> round = std::nullopt) const;

  /// Computes the ranking and tiers now, storing nothing (`jury results`); in a staged
  /// competition as of `round` (default: the current one), SPEC §12.
  Results results(std::optional<Method> method = std::nullopt,
                  std::optional<std::size_t> round = std::nullopt) const;
  /// The same from `entries` as entries() returned them: `results --json` loads them once for
  /// the ranking and the document.
  Results results(const std::vector<Entry>& entries, std::optional<Method> method,
                  std::optional<std::size_t> round) const;
  /// Decides and freezes the tiers (SPEC §8); StateError while an active entry is incomplete or
  /// an assigned judge owes a score (unless allowed), when a kind has no complete score, and when
  /// no entry is ranked at all.
  Results award(Incomplete incomplete);
  /// Withdraws the decision; UsageError without a reason, which goes into the audit log.
  void reopen(const std::string& reason);
  /// What `award` would refuse on now.
  AwardReadiness readiness() const;
  /// The stored decision; StateError when not awarded.
  Results decision() const;
  bool awarded() const;

  /// The decision as a roster in one of exporters/roster_formats.hpp's formats.
  void export_roster(const std::string& path, const RosterFormat& format, Audience audience) const;
  // ---------------------------------------------------------------- office tables (SPEC §16)
  // `format` is the name of a roster format (exporters/roster_formats.hpp); each table is written
  // in some of them and refuses the others (UsageError).
  /// One row per person of every entry holding a tier (csv, xlsx); StateError before `award`.
  void export_certificates(const std::string& path, std::string_view format) const;
  /// Entries, ranked, per tier and recommended, per school and district (csv, xlsx, html);
  /// StateError before `award` (the counts are those of the decision).
  void export_stats(const std::string& path, std::string_view format) const;
  /// Every round's comments per entry, judges numbered, never named (csv, html).
  void export_comments(const std::string& path, std::string_view format) const;

  /// The §9 JSON document of a Results value (e.g. `results --json`).
  std::string results_json(const Results& results, Audience audience) const;
  /// The same with `entries` as entries() returned them.
  std::string results_json(const Results& results, const std::vector<Entry>& entries,
                           Audience audience) const;

  Status status(std::optional<std::size_t> round = std::nullopt) const;
  /// How fair the judging was (`jury report`): distributions, ICC, components, severities; of
  /// one round (default: the current one).
  ReliabilityReport report(std::optional<std::size_t> round = std::nullopt) const;
  /// `jury report --html FILE` (SPEC §14): the report of `round` (default: the current one) with
  /// its results' close decisions, as the committee's page, written atomically.
  void export_report(const std::string& path,
                     std::optional<std::size_t> round = std::nullopt) const;
  std::vector<AuditRecord> audit() const { return store_.load_audit(); }
  /// `jury audit --verify` (SPEC §10): what was changed outside jury, nothing when intact.
  TamperReport verify() const { return store_.verify(); }

  /// Long steps report (stage, done, total) here; the CLI shows it on a terminal only (SPEC §10).
  using Progress =
      std::function<void(const std::string& stage, std::size_t done, std::size_t total)>;
  void set_progress(Progress progress) { progress_ = std::move(progress); }

  std::vector<Entry> entries() const { return store_.load_entries(); }
  std::vector<Judge> judges() const { return store_.load_judges(); }
  /// The current round's assignments and scores.
  std::vector<Assignment> assignments() const;
  std::vector<ScoreRow> scores() const;

 private:
  Competition(Store store, Config config);
  void refuse_when_awarded(const std::string& command) const;
  const std::string& round_id(std::size_t round) const { return config_.rounds[round].id; }
  /// Score sheets of another round than the current one: StateError (earlier rounds are
  /// read-only, SPEC §12).
  void refuse_other_rounds_sheets(const std::vector<std::string>& files) const;
  /// The writes and audit entries of a checked score import, inside its transaction.
  void persist_scores(const std::string& round, ScoreWrites& writes);
  /// After `assign` changed a scheduled round: the new pairs' slots (SPEC §13).
  std::vector<std::pair<Assignment, int>> place_new_pairs(
      std::size_t round, const std::vector<Assignment>& kept,
      const std::vector<Assignment>& added) const;

  Store store_;
  Config config_;
  Progress progress_;
};

}  // namespace jury
