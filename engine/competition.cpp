#include "engine/competition.hpp"

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>

#include "engine/assign_report.hpp"
#include "engine/award_readiness.hpp"
#include "engine/config.hpp"
#include "engine/errors.hpp"
#include "engine/handoff.hpp"
#include "engine/output_file.hpp"
#include "engine/record_changes.hpp"
#include "engine/results_codec.hpp"
#include "engine/round_results.hpp"
#include "engine/round_view.hpp"
#include "engine/score_state.hpp"
#include "engine/sha256.hpp"
#include "exporters/atomic_file.hpp"
#include "exporters/report_html.hpp"
#include "exporters/results_json.hpp"
#include "exporters/sheets.hpp"
#include "exporters/sheets_xlsx.hpp"
#include "importers/entries_importer.hpp"
#include "importers/judges_importer.hpp"
#include "importers/score_plan.hpp"
#include "importers/scores_importer.hpp"
#include "importers/table.hpp"
#include "judging/assignment.hpp"
#include "judging/conflicts.hpp"
#include "judging/results.hpp"
#include "model/i18n.hpp"
#include "model/text.hpp"

namespace fs = std::filesystem;

namespace jury {

using i18n::tr;
using i18n::trf;
using i18n::trnf;

namespace {

std::string read_file(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw InputError(path, tr("is a directory, expected a file"));
  const std::uintmax_t size = fs::file_size(path, ec);  // SPEC §10 Limits, before reading
  if (const std::string problem = file_size_problem(ec ? 0 : size); !problem.empty())
    throw InputError(path, problem);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, tr("cannot open the file for reading"));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw InputError(path, tr("cannot read the file"));
  return bytes.str();
}

/// What a directory of score sheets may hold (SPEC §15): CSV files and Excel workbooks.
bool is_sheet_file(const fs::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), ::tolower);
  const bool lock_file = path.filename().string().starts_with("~$");  // Excel's, of an open file
  return !lock_file && (extension == ".csv" || extension == ".xlsx" || extension == ".xls");
}

/// The files named on the command line; directories contribute their .csv, .xlsx and .xls files
/// in name order, and every other file in them is named in a warning.
std::vector<std::string> expand_score_paths(const std::vector<std::string>& paths,
                                            Diagnostics& report) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> inside, skipped;
    for (const auto& item : fs::directory_iterator(path)) {
      if (!item.is_regular_file()) continue;
      (is_sheet_file(item.path()) ? inside : skipped).push_back(item.path().string());
    }
    std::sort(inside.begin(), inside.end());
    std::sort(skipped.begin(), skipped.end());
    for (const auto& file : skipped)
      report.warning(file, 0, 0, "scores.skipped-file",
                     tr("skipped: not a score sheet (.csv, .xlsx or .xls)"));
    if (inside.empty())
      throw InputError(path, tr("the directory holds no score sheets (.csv, .xlsx or .xls)"));
    files.insert(files.end(), inside.begin(), inside.end());
  }
  return files;
}

/// Upsert plan of a re-import: the records to write (new or changed), and for the audit every
/// id added and every id changed with its changed fields (SPEC §3).
template <typename Record>
struct UpsertPlan {
  std::vector<Record> write;
  std::vector<std::string> added;
  std::vector<std::string> changed;  ///< "E1: status active -> withdrawn"
};

template <typename Record>
UpsertPlan<Record> plan_upsert(const std::vector<Record>& existing,
                               const std::vector<Record>& imported, ImportSummary& summary) {
  std::map<std::string, const Record*> by_id;
  for (const auto& record : existing) by_id[record.id] = &record;
  UpsertPlan<Record> plan;
  for (const Record& record : imported) {
    const auto found = by_id.find(record.id);
    if (found == by_id.end()) {
      ++summary.added;
      plan.added.push_back(record.id);
    } else if (const auto changes = changed_fields(*found->second, record); !changes.empty()) {
      ++summary.updated;
      plan.changed.push_back(record.id + ": " + describe(changes));
    } else {
      ++summary.unchanged;
      continue;
    }
    plan.write.push_back(record);
  }
  return plan;
}

/// `332 entries: 0 added, 0 updated, 332 unchanged` (or judges), in the interface language.
std::string import_message(const ImportSummary& s, bool entries) {
  const int total = s.added + s.updated + s.unchanged;
  return entries ? trf("{} entries: {} added, {} updated, {} unchanged", total, s.added, s.updated,
                       s.unchanged)
                 : trf("{} judges: {} added, {} updated, {} unchanged", total, s.added, s.updated,
                       s.unchanged);
}

/// The audit text of an entries or judges import: the summary, then every id added and every id
/// changed with the fields that changed, one per line.
template <typename Record>
std::string import_audit(const std::string& message, const UpsertPlan<Record>& plan) {
  std::string change = message;
  if (!plan.added.empty()) change += "\nadded: " + join(plan.added, ", ");
  for (const auto& line : plan.changed) change += "\nchanged " + line;
  return change;
}

bool judge_may_score_kind(const Judge& judge, const std::string& kind) {
  return judge.kinds.empty() ||
         std::find(judge.kinds.begin(), judge.kinds.end(), kind) != judge.kinds.end();
}

}  // namespace

std::optional<SheetFormat> parse_sheet_format(const std::string& name) {
  if (name == "csv") return SheetFormat::Csv;
  if (name == "xlsx") return SheetFormat::Xlsx;
  return std::nullopt;
}

Competition::Competition(Store store, Config config)
    : store_(std::move(store)), config_(std::move(config)) {}

Competition Competition::init(const std::string& db_path, const std::string& config_path) {
  const std::string bytes = read_file(config_path);
  Diagnostics report;
  std::optional<Config> config = parse_config(bytes, config_path, report);
  if (!config || report.has_errors()) throw InputError(report);
  // The database is a path the user names (SPEC §10): a folder that is missing is exit 2 with
  // what to do, not SQLite's "unable to open database file".
  if (const std::string hint = output_hint(db_path); !hint.empty())
    throw OutputError(trf("cannot create the competition database {}{}", db_path, hint));
  Store store = Store::create(db_path);
  {
    Store::Transaction transaction(store);
    store.save_config_json(config_to_json(*config).dump(2));
    store.open_round(config->rounds.front().id);  // SPEC §12: `jury init` opens the first round
    std::string change = fmt::format("created competition {} ({} {})", config->competition_id,
                                     config->competition_name, config->year);
    if (config->rounds.size() > 1) change += "; current round " + config->rounds.front().id;
    store.append_audit("init", config_path, sha256_hex(bytes), change);
    transaction.commit();
  }
  return Competition(std::move(store), std::move(*config));
}

Competition Competition::open(const std::string& db_path) {
  Store store = Store::open(db_path);
  Diagnostics report;
  std::optional<Config> config = parse_config(store.config_json(), db_path, report);
  if (!config)
    throw JuryError(kExitInternal, "the stored config is unreadable:\n" + report.to_text());
  return Competition(std::move(store), std::move(*config));
}

std::string Competition::config_json() const {
  return config_to_json(config_).dump(2);
}

void Competition::refuse_when_awarded(const std::string& command) const {
  if (awarded())
    throw StateError(
        trf("the prize tiers are decided and frozen; `{}` is refused until `jury "
            "award --reopen --reason TEXT`",
            command));
}

ImportSummary Competition::import_entries(const std::string& path, Encoding encoding,
                                          const std::string& sheet) {
  Store::Transaction transaction(store_);  // the write lock before the checks (SPEC §10)
  refuse_when_awarded("import entries");
  const std::string bytes = read_file(path);
  const std::vector<Entry> existing = store_.load_entries();
  Diagnostics report;
  const auto imported = ::jury::import_entries(bytes, path, encoding, config_, existing,
                                               store_.scored_entry_ids(), report, sheet);
  if (report.has_errors()) throw InputError(report);

  std::vector<Entry> records;
  for (const auto& item : imported) records.push_back(item.entry);
  ImportSummary summary;
  summary.diagnostics = report;
  const UpsertPlan<Entry> plan = plan_upsert(existing, records, summary);
  summary.message = import_message(summary, true);

  store_.upsert_entries(plan.write);
  store_.append_audit(
      "import entries", path, sha256_hex(bytes),
      import_audit(i18n::in_english([&] { return import_message(summary, true); }), plan));
  transaction.commit();
  return summary;
}

ImportSummary Competition::import_judges(const std::string& path, Encoding encoding,
                                         const std::string& sheet) {
  Store::Transaction transaction(store_);  // the write lock before the checks (SPEC §10)
  refuse_when_awarded("import judges");
  const std::string bytes = read_file(path);
  const std::vector<Judge> existing = store_.load_judges();
  Diagnostics report;
  const auto imported =
      ::jury::import_judges(bytes, path, encoding, config_, report, existing, sheet);
  if (report.has_errors()) throw InputError(report);

  std::vector<Judge> records;
  for (const auto& item : imported) records.push_back(item.judge);
  ImportSummary summary;
  summary.diagnostics = report;
  const UpsertPlan<Judge> plan = plan_upsert(existing, records, summary);
  summary.message = import_message(summary, false);

  store_.upsert_judges(plan.write);
  store_.append_audit(
      "import judges", path, sha256_hex(bytes),
      import_audit(i18n::in_english([&] { return import_message(summary, false); }), plan));
  transaction.commit();
  return summary;
}

namespace {

/// A score sheet's bytes with one read of the known size (thousands of sheets per import).
std::string read_score_file(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw InputError(path, tr("is a directory, expected a file"));
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!in) throw InputError(path, tr("cannot open the file for reading"));
  std::string bytes;
  char buffer[1 << 16];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, in.get())) > 0;)
    bytes.append(buffer, got);
  if (std::ferror(in.get())) throw InputError(path, tr("cannot read the file"));
  return bytes;
}

/// A score sheet read and decoded, ahead of its checks.
struct LoadedSheet {
  std::string file;
  std::string sha256;  ///< of the file's bytes, for the audit
  DecodedFile decoded;
  Diagnostics diagnostics;  ///< what decoding found
  std::size_t size() const { return decoded.content.size(); }
};

/// Sheets held decoded ahead of the checks: all of a national import's (a few MB), a bound for
/// larger ones.
constexpr std::size_t kSheetBytesAhead = std::size_t{64} << 20;

LoadedSheet load_score_sheet(const std::string& file, Encoding encoding, const std::string& sheet) {
  LoadedSheet loaded{file, "", {}, {}};
  std::string bytes = read_score_file(file);
  loaded.sha256 = sha256_hex(bytes);
  loaded.decoded = decode_file(std::move(bytes), file, encoding, loaded.diagnostics, sheet);
  return loaded;
}

/// The sheet checked against the context (no pair rules across rows yet).
SheetScores check_score_sheet(LoadedSheet loaded, const ScoreContext& context,
                              const std::string& sheet) {
  SheetScores read{
      std::move(loaded.file), std::move(loaded.sha256), {}, std::move(loaded.diagnostics)};
  read.rows = import_scores(loaded.decoded, read.file, context, read.diagnostics, sheet);
  for (const ImportedScore& item : read.rows)
    if (!item.pair) throw JuryError(kExitInternal, "the importer returned an unknown pair");
  return read;
}

/// The connection set up for one import's bulk writes, for the import's duration.
///
/// A page cache that holds the transaction's pages: with the default 2 MB, SQLite spills dirty
/// pages into the WAL mid-transaction and writes the same pages again and again. Memory only.
///
/// Every row written is checked in-process against the pairs loaded inside the transaction
/// (the importer refuses any pair that is not assigned, the plan never writes a recused pair, a
/// recusal deletes the pair's scores before its assignment), so SQLite's own foreign-key probe
/// into `assignments` per row (the largest SQLite cost of the import after the insert itself) is
/// switched off for this connection during the import. The pragma cannot change inside a
/// transaction: it is set before BEGIN and restored after COMMIT or rollback.
class BulkScoreWrites {
 public:
  explicit BulkScoreWrites(SQLite::Database& db) : db_(db) {
    db_.exec("PRAGMA cache_size = -262144");
    db_.exec("PRAGMA foreign_keys = OFF");
  }
  ~BulkScoreWrites() {
    try {
      db_.exec("PRAGMA foreign_keys = ON");
    } catch (...) {  // NOLINT(bugprone-empty-catch): nothing to do in a destructor
    }
  }
  BulkScoreWrites(const BulkScoreWrites&) = delete;
  BulkScoreWrites& operator=(const BulkScoreWrites&) = delete;

 private:
  SQLite::Database& db_;
};

}  // namespace

ImportSummary Competition::import_scores(const std::vector<std::string>& paths, Encoding encoding,
                                         const std::string& sheet) {
  const BulkScoreWrites bulk(store_.database());  // before the transaction
  Store::Transaction transaction(store_);         // the write lock before the checks (SPEC §10)
  refuse_when_awarded("import scores");
  Diagnostics report;
  const std::vector<std::string> files = expand_score_paths(paths, report);
  refuse_other_rounds_sheets(files);
  const std::string& round = round_id(current_round());  // SPEC §12: into the current round
  // Before the threads start: in_english switches the language of the whole process.
  const std::string audit_prefix = i18n::in_english([&] { return round_prefix(config_, round); });

  // Three steps on three threads: a loader reads and decodes the sheets from the start (they
  // need nothing of the competition), while this thread loads the state; a reader checks and
  // plans each sheet against it; this thread writes what is planned. Each sheet is planned as it
  // is read: only the writes are kept (SPEC §10: every error of every file is listed, and any
  // error writes nothing: what was written is undone with the transaction).
  Handoff<LoadedSheet> loaded(kSheetBytesAhead, [](const LoadedSheet& s) { return s.size(); });
  Producer<LoadedSheet> loader(loaded, [&](Handoff<LoadedSheet>& out) {
    for (const std::string& file : files)
      if (!out.push(load_score_sheet(file, encoding, sheet))) return;
  });
  const ScoreState state(store_, config_, current_round());
  ScorePlanner planner({state.recused(), state.stored(), state.pair_count()}, std::move(report),
                       audit_prefix);
  Handoff<ScoreWrites> planned(2);
  std::size_t checked = 0;  // sheets checked and planned
  Producer<ScoreWrites> reader(planned, [&](Handoff<ScoreWrites>& out) {
    for (; checked < files.size(); ++checked) {
      std::optional<LoadedSheet> next = loaded.pop();
      if (!next || out.cancelled()) return;  // the loader failed (its finish() says why)
      if (progress_) progress_("reading score sheets", checked, files.size());
      planner.add(check_score_sheet(std::move(*next), state.context(), sheet));
      if (planner.batch_ready() && !out.push(planner.take_writes())) return;
    }
  });
  while (std::optional<ScoreWrites> writes = planned.pop()) persist_scores(round, *writes);
  reader.finish();
  loader.finish();
  if (checked != files.size())  // never commit an import of fewer sheets than named
    throw JuryError(kExitInternal, "import scores: not every sheet was checked");
  ScorePlan plan = std::move(planner).finish();
  if (plan.diagnostics.has_errors())
    throw InputError(plan.diagnostics);  // the transaction rolls back
  persist_scores(round, plan);           // the last, partial batch
  transaction.commit();
  ImportSummary summary;
  summary.added = plan.added;
  summary.updated = plan.updated;
  summary.unchanged = plan.unchanged;
  summary.blank = plan.blank;
  summary.recused = plan.recused;
  summary.diagnostics = std::move(plan.diagnostics);
  summary.message =
      trf("{} file(s): {} score rows added, {} replaced, {} unchanged, {} blank, {} recusals",
          files.size(), summary.added, summary.updated, summary.unchanged, summary.blank,
          summary.recused);
  return summary;
}

void Competition::persist_scores(const std::string& round, ScoreWrites& writes) {
  // A pair is given in one file only (else the plan has an error), so writing every file's
  // deletions before the inserts and replacements reorders no two writes of one pair.
  for (const FileScorePlan& file : writes.files) {
    store_.delete_scores(round, file.cleared);
    if (!file.recusals.empty()) {
      store_.delete_scores(round, file.recusals);
      store_.delete_assignments(round, file.recusals);
      store_.insert_recusals(round, file.recusals);
    }
    store_.append_audit("import scores", file.file, file.sha256, file.audit);
  }
  // Each batch freed once written, while SQLite's page cache grows.
  for (std::vector<EncodedScoreRow>& batch : writes.inserts) {
    store_.insert_new_scores(round, batch);
    std::vector<EncodedScoreRow>().swap(batch);
  }
  for (std::vector<EncodedScoreRow>& batch : writes.replacements) {
    store_.upsert_scores(round, batch);
    std::vector<EncodedScoreRow>().swap(batch);
  }
}

namespace {

/// SPEC §5 needs entries and judges to assign; before they are there, `assign` says so (exit 3,
/// as `award` before any score) instead of "0 added" or a list of every entry with no eligible
/// judge. Entries all withdrawn while pairs remain is work (the pairs go), not a refusal.
void refuse_nothing_to_assign(const Config& config, const RoundView& view,
                              const std::vector<Entry>& counted, bool has_pairs) {
  const std::string prefix = round_prefix(config, view.id);
  const bool entries =
      std::any_of(counted.begin(), counted.end(), [](const Entry& e) { return e.active(); });
  if (!entries && has_pairs) return;
  if (!entries && view.entrants.empty() && view.index == 0)
    throw StateError(trf(
        "{}no entries to assign yet: import them first with `jury import entries FILE`", prefix));
  if (!entries && view.entrants.empty())  // SPEC §12: `advance` sent nobody on
    throw StateError(
        trf("{}no entrants to assign: `jury advance` sent no entry on from round {} "
            "(`jury advance --reopen` reopens it)",
            prefix, round_name(config, config.rounds.at(view.index - 1).id)));
  if (!entries)
    throw StateError(
        trnf("{}no active entries to assign: the {} entry is withdrawn, disqualified "
             "or absent",
             "{}no active entries to assign: all {} entries are withdrawn, "
             "disqualified or absent",
             view.entrants.size(), prefix, view.entrants.size()));
  if (view.judges.empty())
    throw StateError(
        trf("{}no judges to assign yet: import them first with `jury import judges FILE`", prefix));
  if (std::none_of(view.judges.begin(), view.judges.end(), [](const Judge& j) { return j.active; }))
    throw StateError(config.rounds.size() > 1
                         ? trf("{}no active judges to assign: every judge is withdrawn (`active` "
                               "no) or does not serve in this round (`rounds`)",
                               prefix)
                         : trf("{}no active judges to assign: every judge is withdrawn (`active` "
                               "no)",
                               prefix));
}

}  // namespace

AssignSummary Competition::assign(std::uint64_t seed, AssignMode mode) {
  const bool reshuffle = mode == AssignMode::Reshuffle;
  Store::Transaction transaction(store_);  // the write lock before the checks (SPEC §10)
  refuse_when_awarded("assign");
  const std::size_t round = current_round();
  const RoundView view = load_round_view(store_, config_, round);
  // SPEC §12: §5 over the round's entrants that are active and not absent, and the judges who
  // serve in it, with the round's k.
  const std::vector<Entry> entries = view.counted_entries();
  const std::vector<Judge>& judges = view.judges;
  const std::vector<Assignment> current = store_.load_assignments(view.id);
  const std::set<Assignment> scored = store_.scored_pairs(view.id);
  refuse_nothing_to_assign(config_, view, entries, !current.empty());

  std::map<std::string, const Entry*> entry_by_id;
  for (const auto& e : entries) entry_by_id[e.id] = &e;
  std::map<std::string, const Judge*> judge_by_id;
  for (const auto& j : judges) judge_by_id[j.id] = &j;

  // A pair with scores always stays. An unscored pair stays unless --reshuffle, or unless it no
  // longer meets the hard rules (judge withdrawn, entry withdrawn, kind, conflict).
  AssignmentInput input;
  input.config = &view.config;
  input.entries = &entries;
  input.judges = &judges;
  input.recusals = store_.load_recusals(view.id);
  input.seed = seed;
  input.connect = connects_pools(view.config);
  // SPEC §14: places that `rejudge` added beyond k belong to the round's plan; `assign`
  // (--reshuffle or after a withdrawal) recomputes their judges but keeps the places.
  std::map<std::string, int> places;
  for (const auto& pair : current) ++places[pair.entry_id];
  std::erase_if(places, [&](const auto& item) {
    return item.second <= view.config.judges_per_entry(entry_by_id.at(item.first)->kind);
  });
  input.places = places;
  std::vector<Assignment> dropped;
  for (const auto& pair : current) {
    const Judge& judge = *judge_by_id.at(pair.judge_id);
    const Entry& entry = *entry_by_id.at(pair.entry_id);
    const bool still_valid = judge.active && entry.active() &&
                             judge_may_score_kind(judge, entry.kind) &&
                             !find_conflict(judge, entry, view.config.judging.conflicts);
    if (scored.count(pair) || (!reshuffle && still_valid))
      input.kept.push_back(pair);
    else
      dropped.push_back(pair);
  }

  const AssignmentOutcome outcome = assign_judges(input);
  if (!outcome.feasible) throw InfeasibleError(outcome.problems);
  const auto slots = place_new_pairs(round, input.kept, outcome.added);

  AssignSummary summary;
  summary.kept = static_cast<int>(input.kept.size());
  summary.dropped = static_cast<int>(dropped.size());
  summary.added = static_cast<int>(outcome.added.size());
  summary.objective = outcome.objective;
  const auto message = [&] {
    std::string text = trf("{}assignment (seed {}{}): {} kept, {} dropped, {} added; objective {}",
                           round_prefix(config_, view.id), seed, reshuffle ? tr(", reshuffle") : "",
                           summary.kept, summary.dropped, summary.added, objective_text(outcome));
    if (!slots.empty()) text += trf("; {} new interview(s) placed in the timetable", slots.size());
    for (const std::string& line : connecting_lines(outcome)) text += "\n" + line;
    return text;
  };
  summary.message = message();
  store_.delete_assignments(view.id, dropped);
  store_.insert_assignments(view.id, outcome.added);
  store_.save_slots(view.id, slots);
  store_.append_audit(reshuffle ? "assign --reshuffle" : "assign", "", "",
                      i18n::in_english(message) + exchanges_audit(outcome));
  transaction.commit();
  return summary;
}

std::vector<std::string> Competition::explain(const std::string& entry_id,
                                              std::uint64_t seed) const {
  const RoundView view = load_round_view(store_, config_, current_round());
  const std::vector<Entry> entries = view.counted_entries();
  if (std::none_of(entries.begin(), entries.end(),
                   [&](const Entry& e) { return e.id == entry_id; }))
    throw InputError("--explain", config_.rounds.size() > 1
                                      ? trf("unknown entry \"{}\" in round {}", entry_id, view.id)
                                      : trf("unknown entry \"{}\"", entry_id));
  AssignmentInput input;
  input.config = &view.config;
  input.entries = &entries;
  input.judges = &view.judges;
  input.kept = store_.load_assignments(view.id);
  input.recusals = store_.load_recusals(view.id);
  input.seed = seed;
  return explain_assignment(input, input.kept, entry_id);
}

namespace {

/// The folder for the sheets is created when missing; a path that cannot be a folder is exit 2.
void make_sheet_folder(const std::string& dir) {
  try {
    create_output_folder(dir);
  } catch (const OutputFileError& error) {
    throw OutputError(
        trf("cannot write score sheets into {}: {}; no sheet was written", dir, error.reason()));
  }
}

/// Whether writing `bytes` to `path` would replace something else: a file with other bytes, or
/// anything that is not a regular file (a link, a folder). Nothing there → false.
bool would_replace_other(const fs::path& path, const std::string& bytes) {
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  if (ec || !fs::exists(status)) return false;
  return !fs::is_regular_file(status) || read_file(path.string()) != bytes;
}

/// Why a differing sheet in the folder matters: read as a score sheet against the store, how
/// many of its rows importing it would change (scores not imported yet, recusals).
std::string what_overwriting_loses(const ScoreState& state, const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(path, ec)))
    return tr("it is not a regular file, e.g. a link");
  Diagnostics report;
  std::vector<ImportedScore> rows = import_scores(read_file(path.string()), path.string(),
                                                  Encoding::Auto, state.context(), report);
  if (report.has_errors())
    return tr("jury cannot read it back as a score sheet: check it before overwriting");
  std::size_t unimported = 0;
  const StoredScores stored{state.recused(), state.stored()};
  for (const ImportedScore& row : rows) {
    const RowChange change = classify_row(row, *row.pair, stored);
    unimported +=
        change != RowChange::None && change != RowChange::Blank && change != RowChange::Unchanged;
  }
  if (unimported == 0)
    return tr(
        "it holds no score that is not stored already, e.g. an earlier export: overwriting "
        "loses nothing");
  return trf(
      "it holds {} row(s) with scores or recusals not imported yet: import it first with `jury "
      "import scores`, or move it away",
      unimported);
}

}  // namespace

std::vector<std::string> Competition::export_sheets(const std::string& dir, Encoding encoding,
                                                    const std::vector<ScoreRow>* filled,
                                                    SheetFormat format, bool force) const {
  const RoundView view = load_round_view(store_, config_, current_round());
  // Sheets go to active judges for active entries: nobody scores a withdrawn (or, in a staged
  // competition, absent) entry.
  const std::vector<Entry> entries = view.counted_entries();
  const std::vector<Judge>& judges = view.judges;
  std::set<std::string> active_entries, active_judges;
  for (const auto& e : entries)
    if (e.active()) active_entries.insert(e.id);
  for (const auto& j : judges)
    if (j.active) active_judges.insert(j.id);
  // A later round nobody takes part in (every entrant absent, or nobody went on) has no sheet.
  if (config_.rounds.size() > 1 && active_entries.empty()) {
    make_sheet_folder(dir);
    return {};
  }
  const std::vector<Assignment> assignments = store_.load_assignments(view.id);
  std::vector<Assignment> pairs;
  for (const auto& pair : assignments)
    if (active_entries.count(pair.entry_id) && active_judges.count(pair.judge_id))
      pairs.push_back(pair);
  if (assignments.empty()) throw StateError(tr("no assignments yet; run `jury assign` first"));
  if (pairs.empty())
    throw StateError(
        tr("no active judge is assigned an active entry, so there is no sheet to write; run `jury "
           "assign` first"));
  // SPEC §6: the cells carry the values already stored, so a re-exported sheet is the judge's
  // current sheet (`filled` replaces them, for simulated judges).
  const std::vector<ScoreRow> stored =
      filled ? std::vector<ScoreRow>{} : store_.load_scores(view.id);
  const std::vector<ScoreRow>* values = filled ? filled : &stored;
  // SPEC §12–13: `<judge_id>-<kind>-<round_id>` with several rounds; slot order when scheduled.
  std::map<Assignment, int> slots;
  for (const auto& [pair, slot] : store_.load_slots(view.id)) slots.emplace(pair, slot);
  const SheetRound round{config_.rounds.size() > 1 ? "-" + safe_file_stem(view.id) : "",
                         store_.scheduled(view.id) ? &slots : nullptr};
  const auto sheets = format == SheetFormat::Xlsx
                          ? score_sheets_xlsx(view.config, entries, judges, pairs, values, round)
                          : score_sheets(view.config, entries, judges, pairs, values, round);

  make_sheet_folder(dir);
  const fs::path base = fs::weakly_canonical(dir);
  std::vector<std::pair<fs::path, std::string>> files;
  Diagnostics differing;
  std::unique_ptr<ScoreState> state;  // loaded only when a sheet in the folder differs
  for (const auto& sheet : sheets) {
    const fs::path target = base / sheet.file_name;
    if (target.parent_path() != base)  // safe_file_stem guarantees it; never trust it blindly
      throw JuryError(kExitInternal, fmt::format("refusing to write {} outside {}", sheet.file_name,
                                                 base.string()));
    std::string bytes = format == SheetFormat::Xlsx     ? sheet.text  // a workbook
                        : encoding == Encoding::Gb18030 ? encode_text(sheet.text, Encoding::Gb18030)
                                                        : "\xEF\xBB\xBF" + sheet.text;
    if (!force && would_replace_other(target, bytes)) {
      if (!state) state = std::make_unique<ScoreState>(store_, config_, view.index);
      differing.error(target.string(), 0, 0, "sheets.would-overwrite",
                      trf("this sheet differs from the one jury would write now ({}); pass "
                          "--force to overwrite",
                          what_overwriting_loses(*state, target)));
    }
    files.emplace_back(target, std::move(bytes));
  }
  if (differing.has_errors())
    throw InputError(differing, trf("{} sheet(s) in {} would be overwritten; no sheet was written",
                                    differing.items().size(), dir));
  std::vector<std::string> written;
  for (const auto& [target, bytes] : files) {
    write_file(target.string(), bytes);
    written.push_back(target.string());
  }
  return written;
}

void Competition::export_assignments(const std::string& path,
                                     std::optional<std::size_t> round) const {
  // SPEC §10: the header is 评委编号,作品编号 in Chinese, as on the sheets.
  std::string text = std::string(tr("judge_id")) + "," + tr("entry_id") + "\r\n";
  for (const auto& pair : store_.load_assignments(round_id(round.value_or(current_round()))))
    text += pair.judge_id + "," + pair.entry_id + "\r\n";
  write_file(path, text);
}

std::vector<Assignment> Competition::assignments() const {
  return store_.load_assignments(round_id(current_round()));
}

std::vector<ScoreRow> Competition::scores() const {
  return store_.load_scores(round_id(current_round()));
}

Results Competition::results(std::optional<Method> method, std::optional<std::size_t> round) const {
  return results(store_.load_entries(), method, round);
}

Results Competition::results(const std::vector<Entry>& entries, std::optional<Method> method,
                             std::optional<std::size_t> round) const {
  if (!config_.staged())
    return compute_results(config_, entries, store_.load_scores(round_id(0)), method);
  return staged_results(store_, config_, entries, round.value_or(current_round()), method);
}

ReliabilityReport Competition::report(std::optional<std::size_t> round) const {
  const RoundView view = load_round_view(store_, config_, round.value_or(current_round()));
  const std::vector<ScoreRow> scores = store_.load_scores(view.id);
  if (scores.empty())
    throw StateError(
        trf("{}no scores yet, so nothing to report on; import the score sheets "
            "first (`jury import scores DIR`)",
            round_prefix(config_, view.id)));
  return build_reliability_report(view.config, view.counted_entries(), scores);
}

void Competition::export_report(const std::string& path, std::optional<std::size_t> round) const {
  const std::size_t index = round.value_or(current_round());
  const RoundView view = load_round_view(store_, config_, index);
  const std::vector<Entry> entries = view.counted_entries();
  const ReliabilityReport shown_report = report(index);
  const Results shown_results = results(std::nullopt, index);
  write_file(
      path, report_html(CommitteeReport{view.config, entries, shown_report, shown_results, index}));
}

bool Competition::awarded() const {
  return store_.decision_json().has_value();
}

namespace {

std::string first_ids(const std::vector<std::string>& ids, std::size_t shown = 10) {
  std::vector<std::string> head(
      ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), shown)));
  if (ids.size() > shown) head.push_back("…");
  return join(head, ", ");
}

/// SPEC §8: what `award` says when it refuses, and what to do.
std::string refusal(const Config& config, const AwardReadiness& readiness) {
  std::vector<std::string> reasons;
  if (!readiness.incomplete_entries.empty())
    reasons.push_back(trnf("{} active entry is incomplete (fewer than {} complete scores): {}",
                           "{} active entries are incomplete (fewer than {} complete scores): {}",
                           readiness.incomplete_entries.size(), readiness.incomplete_entries.size(),
                           config.aggregation.min_scores, first_ids(readiness.incomplete_entries)));
  if (!readiness.owed.empty())
    reasons.push_back(trf("{} score(s) still owed by {} judge(s): {}", readiness.owed_count(),
                          readiness.owed.size(), describe_owed(readiness)));
  return trf(
      "the prize tiers cannot be decided yet: {}; import the missing score sheets (`jury status` "
      "lists them), or decide anyway with `jury award --allow-incomplete`",
      join(reasons, tr("; ")));
}

/// The audit text of a decision (English: in_english).
std::string award_audit(const Results& decided, const AwardReadiness& readiness,
                        const std::map<std::string, int>& awarded_per_tier) {
  std::string change = fmt::format("decided with method {}", to_string(decided.method));
  if (!readiness.ready())
    change += fmt::format(", incomplete allowed: {} entries incomplete, {} scores owed",
                          readiness.incomplete_entries.size(), readiness.owed_count());
  for (const auto& [tier, count] : awarded_per_tier) change += fmt::format("; {} {}", tier, count);
  if (!readiness.incomplete_entries.empty())
    change += "\nincomplete (no tier): " + join(readiness.incomplete_entries, ", ");
  if (!readiness.owed.empty()) change += "\nowed: " + describe_owed(readiness, SIZE_MAX);
  return change;
}

/// SPEC §8 decides tiers among ranked entries; with none (no entries yet, every one withdrawn,
/// none complete even with --allow-incomplete, or no entrant left in the round) `award` says what
/// is missing (exit 3, as with no complete score) instead of freezing an empty decision.
void refuse_nothing_to_award(const Config& config, const std::vector<Entry>& entries,
                             const Results& decided, const std::string& last_round) {
  bool listed = false;
  for (const auto& pool : decided.pools)
    for (const auto& row : pool.rows) {
      if (row.rank) return;
      listed = true;
    }
  if (entries.empty())
    throw StateError(
        tr("no entries to award yet: import them first with `jury import entries FILE`, then "
           "their scores"));
  if (std::none_of(entries.begin(), entries.end(), [](const Entry& e) { return e.active(); }))
    throw StateError(trnf("no active entries to award: the {} entry is withdrawn or disqualified",
                          "no active entries to award: all {} entries are withdrawn or "
                          "disqualified",
                          entries.size(), entries.size()));
  if (listed)  // --allow-incomplete with every counted entry incomplete
    throw StateError(
        tr("no entry has enough complete scores to be ranked (`min_scores`): there is nothing to "
           "decide, even with --allow-incomplete; import the missing score sheets (`jury status` "
           "lists them)"));
  throw StateError(
      trf("{}no entrant of the round can be ranked: every one is withdrawn, disqualified or "
          "absent, or `jury advance` sent none on; there is nothing to decide",
          round_prefix(config, last_round)));
}

}  // namespace

Results Competition::award(Incomplete incomplete) {
  const bool allow_incomplete = incomplete == Incomplete::Allow;
  Store::Transaction transaction(store_);  // the write lock before the checks (SPEC §10)
  if (awarded())
    throw StateError(
        tr("the prize tiers are already decided; `jury award --reopen --reason TEXT` first to "
           "decide again"));
  if (const std::size_t last = config_.rounds.size() - 1; current_round() != last)
    throw StateError(
        trf("the prize tiers are decided in the last round ({}), and the current round is {}; "
            "close it with `jury advance` first",
            round_id(last), round_id(current_round())));
  const AwardReadiness readiness = this->readiness();
  if (!readiness.ready() && !allow_incomplete) throw StateError(refusal(config_, readiness));
  if (!readiness.kinds_without_scores.empty()) {
    std::vector<std::string> kinds;
    for (const auto& kind : readiness.kinds_without_scores)
      kinds.push_back(fmt::format("{} ({})", kind_label(config_, kind), kind));
    throw StateError(
        trf("no complete score at all for kind {}: there is nothing to decide, even with "
            "--allow-incomplete; import the score sheets first",
            join(kinds, tr(", "))));
  }
  const std::vector<Entry> entries = store_.load_entries();
  Results decided = results(entries, std::nullopt, std::nullopt);
  refuse_nothing_to_award(config_, entries, decided, round_id(config_.rounds.size() - 1));
  store_.save_decision(results_to_json(decided).dump());
  std::map<std::string, int> awarded_per_tier;
  for (const auto& pool : decided.pools)
    for (const auto& row : pool.rows)
      if (row.tier) ++awarded_per_tier[pool.kind + "/" + *row.tier];
  store_.append_audit("award", "", "", i18n::in_english([&] {
                        return award_audit(decided, readiness, awarded_per_tier);
                      }));
  transaction.commit();
  return decided;
}

AwardReadiness Competition::readiness() const {
  return staged_award_readiness(store_, config_);
}

void Competition::reopen(const std::string& reason) {
  if (trim_text(reason).empty())
    throw UsageError(
        tr("`jury award --reopen` needs --reason TEXT, e.g. --reason \"JZ21-S0042 "
           "disqualified during the 公示\"; the reason goes into the audit log"));
  Store::Transaction transaction(store_);  // the write lock before the checks (SPEC §10)
  if (!awarded()) throw StateError(tr("nothing to reopen: the prize tiers are not decided"));
  store_.clear_decision();
  store_.append_audit("award --reopen", "", "",
                      "decision withdrawn; entries, judges, assignment and scores open again\n"
                      "reason: " +
                          trim_text(reason));
  transaction.commit();
}

Results Competition::decision() const {
  const auto document = store_.decision_json();
  if (!document)
    throw StateError(tr("the prize tiers are not decided yet; run `jury award` first"));
  return results_from_json(nlohmann::json::parse(*document));
}

std::string Competition::results_json(const Results& results, Audience audience) const {
  return results_json(results, store_.load_entries(), audience);
}

std::string Competition::results_json(const Results& results, const std::vector<Entry>& entries,
                                      Audience audience) const {
  return results_json_text(config_, entries, results, audience);
}

void Competition::export_roster(const std::string& path, const RosterFormat& format,
                                Audience audience) const {
  const Results decided = decision();
  const std::vector<Entry> entries = store_.load_entries();
  guard_output([&] { format.write(path, {config_, entries, decided, audience}); });
}

}  // namespace jury
