#include "engine/competition.hpp"

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>

#include "engine/config.hpp"
#include "engine/errors.hpp"
#include "engine/results_codec.hpp"
#include "engine/sha256.hpp"
#include "exporters/results_json.hpp"
#include "exporters/roster.hpp"
#include "exporters/sheets.hpp"
#include "exporters/sheets_xlsx.hpp"
#include "importers/entries_importer.hpp"
#include "importers/judges_importer.hpp"
#include "importers/scores_importer.hpp"
#include "judging/assignment.hpp"
#include "judging/conflicts.hpp"
#include "judging/results.hpp"

namespace fs = std::filesystem;

namespace jury {

namespace {

std::string read_file(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw InputError(path, "is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "cannot open the file for reading");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw InputError(path, "cannot read the file");
  return bytes.str();
}

/// Writes through a temporary file and a rename, so a failed export never leaves half a file.
void write_file(const std::string& path, const std::string& bytes) {
  const std::string temporary = path + ".part";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw JuryError(kExitInternal, fmt::format("{}: cannot open for writing", path));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw JuryError(kExitInternal, fmt::format("{}: cannot write", path));
  }
  fs::rename(temporary, path);
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
std::vector<std::string> expand_score_paths(const std::vector<std::string>& paths, Report& report) {
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
                     "skipped: not a score sheet (.csv, .xlsx or .xls)");
    if (inside.empty())
      throw InputError(path, "the directory holds no score sheets (.csv, .xlsx or .xls)");
    files.insert(files.end(), inside.begin(), inside.end());
  }
  return files;
}

bool same_entry(const Entry& a, const Entry& b) {
  return a.id == b.id && a.kind == b.kind && a.group == b.group && a.subject == b.subject &&
         a.title == b.title && a.school == b.school && a.district == b.district &&
         a.students == b.students && a.advisors == b.advisors && a.status == b.status;
}

bool same_judge(const Judge& a, const Judge& b) {
  return a.id == b.id && a.name == b.name && a.affiliation == b.affiliation &&
         a.district == b.district && a.expertise == b.expertise && a.kinds == b.kinds &&
         a.max_load == b.max_load && a.conflicts == b.conflicts && a.active == b.active;
}

/// Upsert plan: which records are new, which change, which stay as they are.
template <typename Record, typename Imported, typename Same>
std::vector<Record> changed_records(const std::vector<Record>& existing,
                                    const std::vector<Imported>& imported, Same same,
                                    ImportSummary& summary) {
  std::map<std::string, const Record*> by_id;
  for (const auto& record : existing) by_id[record.id] = &record;
  std::vector<Record> changed;
  for (const auto& item : imported) {
    const Record& record = item.first;
    const auto found = by_id.find(record.id);
    if (found == by_id.end()) {
      ++summary.added;
    } else if (same(*found->second, record)) {
      ++summary.unchanged;
      continue;
    } else {
      ++summary.updated;
    }
    changed.push_back(record);
  }
  return changed;
}

std::string import_message(const ImportSummary& s, const std::string& what) {
  return fmt::format("{} {}: {} added, {} updated, {} unchanged", s.added + s.updated + s.unchanged,
                     what, s.added, s.updated, s.unchanged);
}

bool judge_may_score_kind(const Judge& judge, const std::string& kind) {
  return judge.kinds.empty() ||
         std::find(judge.kinds.begin(), judge.kinds.end(), kind) != judge.kinds.end();
}

}  // namespace

std::optional<RosterFormat> parse_roster_format(const std::string& name) {
  if (name == "csv") return RosterFormat::Csv;
  if (name == "json") return RosterFormat::Json;
  if (name == "html" || name == "htm") return RosterFormat::Html;
  if (name == "xlsx") return RosterFormat::Xlsx;
  return std::nullopt;
}

std::optional<SheetFormat> parse_sheet_format(const std::string& name) {
  if (name == "csv") return SheetFormat::Csv;
  if (name == "xlsx") return SheetFormat::Xlsx;
  return std::nullopt;
}

std::optional<RosterFormat> roster_format_from_path(const std::string& path) {
  std::string extension = fs::path(path).extension().string();
  if (extension.empty()) return std::nullopt;
  std::transform(extension.begin(), extension.end(), extension.begin(), ::tolower);
  return parse_roster_format(extension.substr(1));
}

Competition::Competition(Store store, Config config)
    : store_(std::move(store)), config_(std::move(config)) {}

Competition Competition::init(const std::string& db_path, const std::string& config_path) {
  const std::string bytes = read_file(config_path);
  Report report;
  std::optional<Config> config = parse_config(bytes, config_path, report);
  if (!config || report.has_errors()) throw InputError(report);
  Store store = Store::create(db_path);
  {
    Store::Transaction transaction(store);
    store.save_config_json(config_to_json(*config).dump(2));
    store.append_audit("init", config_path, sha256_hex(bytes),
                       fmt::format("created competition {} ({} {})", config->competition_id,
                                   config->competition_name, config->year));
    transaction.commit();
  }
  return Competition(std::move(store), std::move(*config));
}

Competition Competition::open(const std::string& db_path) {
  Store store = Store::open(db_path);
  Report report;
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
    throw StateError(fmt::format(
        "the prize tiers are decided and frozen; `{}` is refused until `jury award --reopen`",
        command));
}

ImportSummary Competition::import_entries(const std::string& path, Encoding encoding,
                                          const std::string& sheet) {
  const std::string bytes = read_file(path);
  const std::vector<Entry> existing = store_.load_entries();
  Report report;
  const auto imported = ::jury::import_entries(bytes, path, encoding, config_, existing,
                                               store_.scored_entry_ids(), report, sheet);
  if (report.has_errors()) throw InputError(report);

  std::vector<std::pair<Entry, int>> records;
  for (const auto& item : imported) records.emplace_back(item.entry, item.line);
  ImportSummary summary;
  summary.report = report;
  const std::vector<Entry> changed = changed_records(existing, records, same_entry, summary);
  summary.message = import_message(summary, "entries");

  Store::Transaction transaction(store_);
  store_.upsert_entries(changed);
  store_.append_audit("import entries", path, sha256_hex(bytes), summary.message);
  transaction.commit();
  return summary;
}

ImportSummary Competition::import_judges(const std::string& path, Encoding encoding,
                                         const std::string& sheet) {
  const std::string bytes = read_file(path);
  Report report;
  const auto imported = ::jury::import_judges(bytes, path, encoding, config_, report, sheet);
  if (report.has_errors()) throw InputError(report);

  std::vector<std::pair<Judge, int>> records;
  for (const auto& item : imported) records.emplace_back(item.judge, item.line);
  ImportSummary summary;
  summary.report = report;
  const std::vector<Judge> changed =
      changed_records(store_.load_judges(), records, same_judge, summary);
  summary.message = import_message(summary, "judges");

  Store::Transaction transaction(store_);
  store_.upsert_judges(changed);
  store_.append_audit("import judges", path, sha256_hex(bytes), summary.message);
  transaction.commit();
  return summary;
}

namespace {

/// Old values of a replaced score row, for the audit log.
std::string describe_replacement(const ScoreRow& old_row, const ScoreRow& new_row) {
  return fmt::format("{}/{}: [{}] -> [{}]", new_row.judge_id, new_row.entry_id,
                     encode_score_values(old_row.values), encode_score_values(new_row.values));
}

bool all_blank(const ScoreRow& row) {
  return std::none_of(row.values.begin(), row.values.end(), [](const auto& v) { return bool(v); });
}

/// A score sheet's bytes with one read of the known size (thousands of sheets per import).
std::string read_score_file(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw InputError(path, "is a directory, expected a file");
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!in) throw InputError(path, "cannot open the file for reading");
  std::string bytes;
  char buffer[1 << 16];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, in.get())) > 0;)
    bytes.append(buffer, got);
  if (std::ferror(in.get())) throw InputError(path, "cannot read the file");
  return bytes;
}

/// Rows are written in batches: one prepared INSERT per batch instead of one per sheet.
constexpr std::size_t kScoreBatch = 8192;

}  // namespace

ImportSummary Competition::import_scores(const std::vector<std::string>& paths, Encoding encoding,
                                         const std::string& sheet) {
  refuse_when_awarded("import scores");
  Report report;
  const std::vector<std::string> files = expand_score_paths(paths, report);

  std::map<std::string, Entry> entries;
  for (auto& e : store_.load_entry_kinds()) entries.emplace_hint(entries.end(), e.id, std::move(e));
  std::set<std::string> judge_ids;
  for (const auto& j : store_.load_judges()) judge_ids.insert(judge_ids.end(), j.id);
  const auto recusal_list = store_.load_recusals();
  const std::set<Assignment> recused(recusal_list.begin(), recusal_list.end());
  // Recused pairs are known to the importer so that re-importing the same sheet is not an error.
  std::set<Assignment> known;
  for (auto& a : store_.load_assignments()) known.insert(known.end(), std::move(a));
  known.insert(recused.begin(), recused.end());
  const ScoreIndex index(entries, judge_ids, known);
  const ScoreContext context{config_, entries, judge_ids, known, &index};

  // Every stored row belongs to an assigned pair (foreign key), so `known` holds its pair.
  std::unordered_map<const Assignment*, ScoreRow> existing;
  for (auto& row : store_.load_scores())
    if (const Assignment* pair = index.find_pair(row.judge_id, row.entry_id))
      existing.emplace(pair, std::move(row));

  // Files are read, checked and written one by one inside the one transaction; after the first
  // error nothing more is written, the rest is still checked (every error is listed), and the
  // transaction is rolled back: a file with any error changes nothing.
  ImportSummary summary;
  std::unordered_map<const Assignment*, std::pair<std::size_t, int>> seen;  // → (file, line)
  std::vector<ScoreRow> upserts;
  // A page cache that holds the transaction's pages: with the default 2 MB, SQLite spills dirty
  // pages into the WAL mid-transaction and writes the same pages again and again. Memory only.
  store_.database().exec("PRAGMA cache_size = -262144");
  Store::Transaction transaction(store_);
  for (std::size_t f = 0; f < files.size(); ++f) {
    if (progress_) progress_("reading score sheets", f, files.size());
    const std::string& path = files[f];
    const std::string bytes = read_score_file(path);
    std::vector<ImportedScore> rows =
        ::jury::import_scores(bytes, path, encoding, context, report, sheet);
    std::vector<const Assignment*> pairs;  // per row: its pair in `known`
    pairs.reserve(rows.size());
    for (const auto& item : rows) {
      const Assignment* pair = index.find_pair(item.row.judge_id, item.row.entry_id);
      if (!pair) throw JuryError(kExitInternal, "the importer returned an unknown pair");
      pairs.push_back(pair);
      const auto [where, fresh] = seen.emplace(pair, std::make_pair(f, item.line));
      if (!fresh)
        report.error(
            path, item.line, 1, "scores.duplicate-pair",
            fmt::format("judge {} and entry {} are also given in {}:{}; give each pair once",
                        pair->judge_id, pair->entry_id, files[where->second.first],
                        where->second.second));
      if (recused.count(*pair) && !item.recuse && !all_blank(item.row))
        report.error(path, item.line, 1, "scores.recused-pair",
                     fmt::format("judge {} has recused from entry {}; no scores can be entered "
                                 "for this pair",
                                 pair->judge_id, pair->entry_id));
    }
    if (report.has_errors()) continue;

    std::vector<Assignment> recusals;
    std::vector<std::string> replaced;
    int file_added = 0;
    int file_replaced = 0;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      ImportedScore& item = rows[r];
      const Assignment& pair = *pairs[r];
      const auto old = existing.find(&pair);
      if (item.recuse) {
        if (recused.count(pair)) continue;  // already recorded
        if (old != existing.end()) replaced.push_back(describe_replacement(old->second, {}));
        recusals.push_back(pair);
        continue;
      }
      if (recused.count(pair)) continue;  // a blank row of a recused pair: nothing to do
      if (all_blank(item.row)) {
        ++summary.blank;
        continue;
      }
      if (old == existing.end()) {
        ++file_added;
      } else if (old->second.values == item.row.values && old->second.comment == item.row.comment) {
        ++summary.unchanged;
        continue;
      } else {
        ++file_replaced;
        replaced.push_back(describe_replacement(old->second, item.row));
      }
      upserts.push_back(std::move(item.row));
    }
    // A pair is given in one file only (else an error above), so batching the upserts across
    // files does not reorder any two writes of the same pair.
    if (upserts.size() >= kScoreBatch) {
      store_.upsert_scores(upserts);
      upserts.clear();
    }
    if (!recusals.empty()) {
      store_.delete_scores(recusals);
      store_.delete_assignments(recusals);
      store_.insert_recusals(recusals);
    }
    summary.added += file_added;
    summary.updated += file_replaced;
    summary.recused += static_cast<int>(recusals.size());
    std::string change = fmt::format("{} score rows: {} new, {} replaced, {} recusals", rows.size(),
                                     file_added, file_replaced, recusals.size());
    for (const auto& line : replaced) change += "\n" + line;
    store_.append_audit("import scores", path, sha256_hex(bytes), change);
  }
  if (report.has_errors()) throw InputError(report);  // the transaction rolls back
  store_.upsert_scores(upserts);
  transaction.commit();
  summary.report = std::move(report);
  summary.message = fmt::format(
      "{} file(s): {} score rows added, {} replaced, {} unchanged, {} blank, {} recusals",
      files.size(), summary.added, summary.updated, summary.unchanged, summary.blank,
      summary.recused);
  return summary;
}

AssignSummary Competition::assign(std::uint64_t seed, bool reshuffle) {
  refuse_when_awarded("assign");
  const std::vector<Entry> entries = store_.load_entries();
  const std::vector<Judge> judges = store_.load_judges();
  const std::vector<Assignment> current = store_.load_assignments();
  const std::set<Assignment> scored = store_.scored_pairs();

  std::map<std::string, const Entry*> entry_by_id;
  for (const auto& e : entries) entry_by_id[e.id] = &e;
  std::map<std::string, const Judge*> judge_by_id;
  for (const auto& j : judges) judge_by_id[j.id] = &j;

  // A pair with scores always stays. An unscored pair stays unless --reshuffle, or unless it no
  // longer meets the hard rules (judge withdrawn, entry withdrawn, kind, conflict).
  AssignmentInput input;
  input.config = &config_;
  input.entries = &entries;
  input.judges = &judges;
  input.recusals = store_.load_recusals();
  input.seed = seed;
  std::vector<Assignment> dropped;
  for (const auto& pair : current) {
    const Judge& judge = *judge_by_id.at(pair.judge_id);
    const Entry& entry = *entry_by_id.at(pair.entry_id);
    const bool still_valid = judge.active && entry.active() &&
                             judge_may_score_kind(judge, entry.kind) &&
                             !find_conflict(judge, entry, config_.judging.conflicts);
    if (scored.count(pair) || (!reshuffle && still_valid))
      input.kept.push_back(pair);
    else
      dropped.push_back(pair);
  }

  const AssignmentOutcome outcome = assign_judges(input);
  if (!outcome.feasible) throw InfeasibleError(outcome.problems);

  AssignSummary summary;
  summary.kept = static_cast<int>(input.kept.size());
  summary.dropped = static_cast<int>(dropped.size());
  summary.added = static_cast<int>(outcome.added.size());
  summary.objective = outcome.objective;
  summary.message =
      fmt::format("assignment (seed {}{}): {} kept, {} dropped, {} added; objective {}", seed,
                  reshuffle ? ", reshuffle" : "", summary.kept, summary.dropped, summary.added,
                  summary.objective);
  Store::Transaction transaction(store_);
  store_.delete_assignments(dropped);
  store_.insert_assignments(outcome.added);
  store_.append_audit(reshuffle ? "assign --reshuffle" : "assign", "", "", summary.message);
  transaction.commit();
  return summary;
}

std::vector<std::string> Competition::explain(const std::string& entry_id,
                                              std::uint64_t seed) const {
  const std::vector<Entry> entries = store_.load_entries();
  const std::vector<Judge> judges = store_.load_judges();
  if (std::none_of(entries.begin(), entries.end(),
                   [&](const Entry& e) { return e.id == entry_id; }))
    throw InputError("--explain", fmt::format("unknown entry \"{}\"", entry_id));
  AssignmentInput input;
  input.config = &config_;
  input.entries = &entries;
  input.judges = &judges;
  input.kept = store_.load_assignments();
  input.recusals = store_.load_recusals();
  input.seed = seed;
  return explain_assignment(input, input.kept, entry_id);
}

std::vector<std::string> Competition::export_sheets(const std::string& dir, Encoding encoding,
                                                    const std::vector<ScoreRow>* filled,
                                                    SheetFormat format) const {
  fs::create_directories(dir);
  const std::vector<Entry> entries = store_.load_entries();
  const std::vector<Judge> judges = store_.load_judges();
  // Sheets go to active judges for active entries: nobody scores a withdrawn entry.
  std::set<std::string> active_entries, active_judges;
  for (const auto& e : entries)
    if (e.active()) active_entries.insert(e.id);
  for (const auto& j : judges)
    if (j.active) active_judges.insert(j.id);
  std::vector<Assignment> pairs;
  for (const auto& pair : store_.load_assignments())
    if (active_entries.count(pair.entry_id) && active_judges.count(pair.judge_id))
      pairs.push_back(pair);
  const auto sheets = format == SheetFormat::Xlsx
                          ? score_sheets_xlsx(config_, entries, judges, pairs, filled)
                          : score_sheets(config_, entries, judges, pairs, filled);
  std::vector<std::string> written;
  const fs::path base = fs::weakly_canonical(dir);
  for (const auto& sheet : sheets) {
    const fs::path target = base / sheet.file_name;
    if (target.parent_path() != base)  // safe_file_stem guarantees it; never trust it blindly
      throw JuryError(kExitInternal, fmt::format("refusing to write {} outside {}", sheet.file_name,
                                                 base.string()));
    const std::string bytes = format == SheetFormat::Xlsx ? sheet.text  // a workbook
                              : encoding == Encoding::Gb18030
                                  ? encode_text(sheet.text, Encoding::Gb18030)
                                  : "\xEF\xBB\xBF" + sheet.text;
    write_file(target.string(), bytes);
    written.push_back(target.string());
  }
  return written;
}

void Competition::export_assignments(const std::string& path) const {
  std::string text = "judge_id,entry_id\r\n";
  for (const auto& pair : store_.load_assignments())
    text += pair.judge_id + "," + pair.entry_id + "\r\n";
  write_file(path, text);
}

Results Competition::results(std::optional<Method> method) const {
  return compute_results(config_, store_.load_entries(), store_.load_scores(), method);
}

ReliabilityReport Competition::report() const {
  return build_reliability_report(config_, store_.load_entries(), store_.load_scores());
}

bool Competition::awarded() const {
  return store_.decision_json().has_value();
}

Results Competition::award(bool allow_incomplete) {
  if (awarded())
    throw StateError(
        "the prize tiers are already decided; `jury award --reopen` first to decide again");
  Results decided = results();
  std::vector<std::string> incomplete;
  for (const auto& pool : decided.pools)
    for (const auto& row : pool.rows)
      if (!row.rank) incomplete.push_back(row.entry_id);
  if (!incomplete.empty() && !allow_incomplete) {
    std::string sample;
    for (std::size_t i = 0; i < incomplete.size() && i < 10; ++i)
      sample += (i ? ", " : "") + incomplete[i];
    throw StateError(fmt::format(
        "{} active entries are incomplete (fewer than {} complete scores): {}{}; finish the "
        "scores or use --allow-incomplete",
        incomplete.size(), config_.aggregation.min_scores, sample,
        incomplete.size() > 10 ? ", …" : ""));
  }
  Store::Transaction transaction(store_);
  store_.save_decision(results_to_json(decided).dump());
  std::map<std::string, int> awarded_per_tier;
  for (const auto& pool : decided.pools)
    for (const auto& row : pool.rows)
      if (row.tier) ++awarded_per_tier[pool.kind + "/" + *row.tier];
  std::string change = fmt::format("decided with method {}{}", to_string(decided.method),
                                   allow_incomplete ? ", incomplete entries allowed" : "");
  for (const auto& [tier, count] : awarded_per_tier) change += fmt::format("; {} {}", tier, count);
  store_.append_audit("award", "", "", change);
  transaction.commit();
  return decided;
}

void Competition::reopen() {
  if (!awarded()) throw StateError("nothing to reopen: the prize tiers are not decided");
  Store::Transaction transaction(store_);
  store_.clear_decision();
  store_.append_audit("award --reopen", "", "", "decision withdrawn; scores and assignment open");
  transaction.commit();
}

Results Competition::decision() const {
  const auto document = store_.decision_json();
  if (!document) throw StateError("the prize tiers are not decided yet; run `jury award` first");
  return results_from_json(nlohmann::json::parse(*document));
}

std::string Competition::results_json(const Results& results, bool is_public) const {
  return results_json_text(config_, store_.load_entries(), results, is_public);
}

void Competition::export_roster(const std::string& path, RosterFormat format,
                                bool is_public) const {
  const Results decided = decision();
  const std::vector<Entry> entries = store_.load_entries();
  switch (format) {
    case RosterFormat::Csv:
      write_file(path, roster_csv(config_, entries, decided, is_public));
      break;
    case RosterFormat::Json:
      write_file(path, results_json_text(config_, entries, decided, is_public));
      break;
    case RosterFormat::Html:
      write_file(path, roster_html(config_, entries, decided, is_public));
      break;
    case RosterFormat::Xlsx: {
      const std::string temporary = path + ".part";
      write_roster_xlsx(temporary, config_, entries, decided, is_public);
      fs::rename(temporary, path);
      break;
    }
  }
}

}  // namespace jury
