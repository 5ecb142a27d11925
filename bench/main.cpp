/// jury_bench: times the engine's stages on synthetic competitions (SPEC §11) and prints a table
/// stage × size → wall time, peak memory. Every (stage, size) runs in a forked child so that the
/// peak RSS (VmHWM) is that run's own. Stages are a list: an import stage or a results stage is
/// one more entry in `stages()`.
///
///   jury_bench [STAGE...] [--sizes 1000,10000,100000] [--judges N] [--seed N] [--workdir DIR]
///
/// Sizes are entry counts; judges = entries / 10 (or --judges N for every size), k = 5 judges
/// per entry.
///
/// The assign stages work on the generated competition in memory. The database stages (score
/// import, results) work on a real competition database built through the Competition facade,
/// once per size and run, in a child of its own (so its memory is no stage's): see Workspace.

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <sqlite3.h>
#include <xlsxwriter.h>

#include "engine/competition.hpp"
#include "engine/errors.hpp"
#include "fixtures/generator.hpp"
#include "fixtures/simulator.hpp"
#include "importers/csv_reader.hpp"
#include "judging/assign_problem.hpp"
#include "judging/assignment.hpp"
#include "judging/timetable.hpp"

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

using namespace jury;

/// --judges N: the judges of every size; 0 = entries / 10.
int g_judges = 0;

int judges_for(int entries) {
  return g_judges > 0 ? g_judges : std::max(1, entries / 10);
}

/// What one stage reports besides time and memory.
struct StageOutput {
  std::string objective;  ///< e.g. the §5 objective
  std::string note;       ///< e.g. certified / solver path
  /// The peak RSS of another process that did the work (sqlite3), when not this process.
  long external_peak_kib = -1;
};

/// One size's competition on disk, built through the facade as the CLI would:
/// `jury init` + `import entries` + `import judges` + `assign` → assigned.db; the simulated
/// judges' filled sheets as `jury export sheets` writes them (one file per judge and kind, UTF-8
/// with BOM, a `#` criteria line, the header, one row per assigned entry) → filled/; and
/// assigned.db after `import scores filled/` → scored.db.
struct Workspace {
  fs::path dir;
  fs::path assigned_db() const { return dir / "assigned.db"; }
  fs::path scored_db() const { return dir / "scored.db"; }
  fs::path sheets() const { return dir / "filled"; }
  /// The same competition in two rounds (SPEC §12–13, see staged_config): the prelim scored,
  /// and the final assigned after `advance`.
  fs::path staged_prelim_db() const { return dir / "staged" / "prelim-scored.db"; }
  fs::path staged_final_db() const { return dir / "staged" / "final-assigned.db"; }
  /// A scratch directory for one stage run, emptied first.
  fs::path scratch(const std::string& stage) const {
    fs::path path = dir / ("run-" + stage);
    fs::remove_all(path);
    fs::create_directories(path);
    return path;
  }
};

using Work = std::function<StageOutput()>;

struct Stage {
  std::string name;
  std::string description;
  std::size_t max_default_size;  ///< larger sizes only when asked for by --sizes
  /// In-memory stages: prepares untimed input from the competition, then returns the timed work.
  std::function<Work(SyntheticCompetition&, std::uint64_t seed)> prepare;
  /// Database stages (set instead of prepare): prepares from the size's workspace.
  std::function<Work(const Workspace&)> prepare_on_disk = {};
  /// Another stage whose time this one's is divided by (printed as a ratio in the note).
  std::string compare_with = {};
  /// The database stage works on the two-round workspace (staged_prelim_db, staged_final_db).
  bool staged = false;
};

StageOutput assign_output(const AssignmentOutcome& out) {
  return {out.feasible ? std::to_string(out.objective) : "infeasible",
          fmt::format("{}, {}", out.certified ? "certified optimal" : "NOT certified", out.method)};
}

/// One subject of expertise per judge, two thirds of them LS: experts are scarce elsewhere.
void make_expertise_scarce(SyntheticCompetition& c) {
  for (std::size_t j = 0; j < c.judges.size(); ++j)
    c.judges[j].expertise = {j % 3 == 0 ? c.judges[j].expertise[0] : "LS"};
}

std::function<StageOutput()> general_flow(SyntheticCompetition& c, std::uint64_t seed) {
  return [&c, seed] {
    const detail::AssignProblem problem({&c.config, &c.entries, &c.judges, {}, {}, seed});
    const auto r = detail::solve_flow(problem);
    if (r.status != detail::SolverResult::Status::Optimal) return StageOutput{"infeasible", ""};
    return StageOutput{std::to_string(problem.added_objective(r.pairs)),
                       r.certified ? "certified optimal, flow" : "NOT certified"};
  };
}

/// `timetable`: SPEC §13 colour_interviews on the pairs of the §5 assignment (made untimed first),
/// as if every pair were an interview: objective = slots used, which must equal Δ.
std::function<StageOutput()> timetable_stage(SyntheticCompetition& c, std::uint64_t seed) {
  AssignmentInput input{&c.config, &c.entries, &c.judges, {}, {}, seed};
  auto pairs = std::make_shared<std::vector<Assignment>>(assign_judges(input).added);
  return [pairs, seed] {
    const std::vector<int> slots = colour_interviews(*pairs, seed);
    const int used = slots.empty() ? 0 : *std::max_element(slots.begin(), slots.end());
    return StageOutput{std::to_string(used), fmt::format("slots for {} interviews, Δ = {}",
                                                         pairs->size(), interview_degree(*pairs))};
  };
}

// ---------------------------------------------------------------- database stages

/// Builds the workspace of one size (see Workspace); runs in a child of its own.
void build_workspace(const Workspace& w, int entries, std::uint64_t seed) {
  SyntheticCompetition generated = generate_competition(entries, judges_for(entries), 5, seed);
  const fs::path input = w.dir / "input";
  write_competition(generated, input);
  {
    Competition c =
        Competition::init(w.assigned_db().string(), (input / "competition.json").string());
    c.import_entries((input / "entries.csv").string(), Encoding::Auto);
    c.import_judges((input / "judges.csv").string(), Encoding::Auto);
    c.assign(seed, AssignMode::Incremental);
    SimulationOptions options;
    options.seed = seed;
    const auto filled = simulate_scores(c.config(), c.entries(), c.assignments(), options);
    c.export_sheets(w.sheets().string(), Encoding::Utf8, &filled);
  }  // closing checkpoints the WAL into the file, so a plain copy is a complete database
  fs::copy_file(w.assigned_db(), w.scored_db());
  Competition::open(w.scored_db().string()).import_scores({w.sheets().string()}, Encoding::Auto);
}

/// The generated config in two rounds: the prelim as generated, then a final of the best fifth
/// of each pool (k = 5, combined 0.3 · prelim + 0.7 · final) with interviews in two sessions of
/// 24 quarter-hour slots — the shape of a national final.
void write_staged_config(const fs::path& from, const fs::path& to) {
  std::ifstream in(from);
  nlohmann::ordered_json config = nlohmann::ordered_json::parse(in);
  nlohmann::ordered_json advance = nlohmann::ordered_json::object();
  for (const auto& kind : config["kinds"])
    advance[kind["id"].get<std::string>()] = {{"share", 0.2}};
  config["rounds"] =
      nlohmann::ordered_json::array({{{"id", "prelim"}, {"label", "初评"}},
                                     {{"id", "final"},
                                      {"label", "终评"},
                                      {"advance", advance},
                                      {"weights", {{"prelim", 0.3}, {"final", 0.7}}},
                                      {"interviews",
                                       {{"slot_minutes", 15},
                                        {"sessions",
                                         {{{"start", "2024-07-20 08:30"}, {"slots", 24}},
                                          {{"start", "2024-07-21 08:30"}, {"slots", 24}}}}}}}});
  std::ofstream(to) << config.dump(2);
}

/// The two-round workspace: init, imports, assign, the simulated prelim sheets imported →
/// prelim-scored.db; then advance and assign → final-assigned.db.
void build_staged_workspace(const Workspace& w, int entries, std::uint64_t seed) {
  SyntheticCompetition generated = generate_competition(entries, judges_for(entries), 5, seed);
  const fs::path dir = w.dir / "staged";
  write_competition(generated, dir / "input");
  write_staged_config(dir / "input" / "competition.json", dir / "input" / "rounds.json");
  {
    Competition c =
        Competition::init(w.staged_prelim_db().string(), (dir / "input" / "rounds.json").string());
    c.import_entries((dir / "input" / "entries.csv").string(), Encoding::Auto);
    c.import_judges((dir / "input" / "judges.csv").string(), Encoding::Auto);
    c.assign(seed, AssignMode::Incremental);
    SimulationOptions options;
    options.seed = seed;
    const auto filled =
        simulate_scores(c.config().for_round(0), c.entries(), c.assignments(), options);
    c.export_sheets((dir / "filled").string(), Encoding::Utf8, &filled);
    c.import_scores({(dir / "filled").string()}, Encoding::Auto);
  }
  fs::copy_file(w.staged_prelim_db(), w.staged_final_db());
  Competition final_round = Competition::open(w.staged_final_db().string());
  final_round.advance(Incomplete::Refuse);
  final_round.assign(seed, AssignMode::Incremental);
}

/// Runs `build` in a forked child once per size and run (the marker file says it is done).
Workspace built(const fs::path& root, int entries, std::uint64_t seed, const char* marker,
                void (*build)(const Workspace&, int, std::uint64_t)) {
  Workspace w{root / (std::to_string(entries) +
                      (g_judges > 0 ? "x" + std::to_string(g_judges) : std::string()))};
  if (fs::exists(w.dir / marker)) return w;
  // What an interrupted run left: the whole size for the base workspace, else the staged part.
  fs::remove_all(std::string(marker) == "ready" ? w.dir : w.dir / "staged");
  fs::create_directories(w.dir / "staged");
  const auto start = std::chrono::steady_clock::now();
  std::fflush(nullptr);  // a child must not flush the parent's buffered output again
  const pid_t pid = fork();
  if (pid == 0) {
    try {
      build(w, entries, seed);
    } catch (const InputError& e) {
      std::fprintf(stderr, "building the %d-entry workspace failed: %s\n%s", entries, e.what(),
                   e.diagnostics().to_text().c_str());
      _exit(1);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "building the %d-entry workspace failed: %s\n", entries, e.what());
      _exit(1);
    }
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("cannot build the workspace in " + w.dir.string());
  std::ofstream(w.dir / marker) << "ok\n";
  std::fprintf(stderr, "(workspace of %d entries built in %.1f s: %s)\n", entries,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
               w.dir.string().c_str());
  return w;
}

Workspace workspace_for(const fs::path& root, int entries, std::uint64_t seed, bool staged) {
  const Workspace w = built(root, entries, seed, "ready", build_workspace);
  return staged ? built(root, entries, seed, "staged-ready", build_staged_workspace) : w;
}

std::vector<std::string> sheet_files(const fs::path& dir) {
  std::vector<std::string> files;
  for (const auto& item : fs::directory_iterator(dir)) files.push_back(item.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

/// Cells of a sheet's header line (its second line; ids only, so no quoting).
std::size_t header_width(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::getline(in, line);
  return static_cast<std::size_t>(std::count(line.begin(), line.end(), ',')) + 1;
}

/// `import-scores`: Competition::import_scores of every filled sheet (validated, one
/// transaction) into a copy of assigned.db; the timed work includes closing the database (the
/// WAL checkpoint into the file), so that both sides end with the rows in the database file.
Work import_scores_stage(const Workspace& w) {
  const fs::path db = w.scratch("import-scores") / "jury.db";
  fs::copy_file(w.assigned_db(), db);
  auto competition = std::make_shared<std::optional<Competition>>(Competition::open(db.string()));
  return [competition, sheets = w.sheets(), files = sheet_files(w.sheets())] {
    const ImportSummary summary = (*competition)->import_scores({sheets.string()}, Encoding::Auto);
    competition->reset();
    return StageOutput{std::to_string(summary.added),
                       fmt::format("{} files, one transaction", files.size())};
  };
}

/// Runs `sqlite3 DB < script > out 2> err` and waits; returns its peak RSS in KiB.
long run_sqlite3(const fs::path& db, const fs::path& script, const fs::path& out,
                 const fs::path& err) {
  std::fflush(nullptr);  // a child must not flush the parent's buffered output again
  const pid_t pid = fork();
  if (pid == 0) {
    if (!std::freopen(script.c_str(), "r", stdin) || !std::freopen(out.c_str(), "w", stdout) ||
        !std::freopen(err.c_str(), "w", stderr))
      _exit(127);
    execlp("sqlite3", "sqlite3", "-bail", db.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("sqlite3 failed; see " + err.string());
  return usage.ru_maxrss;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// `sqlite3-import`: the sqlite3 command-line tool's `.import` of the very same sheet files into
/// a fresh table (all columns TEXT, no key, no checks) of a fresh database: one process, one
/// transaction (`.import` inside BEGIN … COMMIT does not commit per file), `--skip 2` for the
/// `#` criteria line and the header. The timed work is the whole process's wall time.
Work sqlite3_import_stage(const Workspace& w) {
  const fs::path dir = w.scratch("sqlite3-import");
  const std::vector<std::string> files = sheet_files(w.sheets());
  std::map<std::size_t, std::string> table_of_width;  // sheets of different widths: a table each
  std::string imports;
  for (const auto& file : files) {
    const std::size_t width = header_width(file);
    auto [it, fresh] = table_of_width.emplace(width, "scores_" + std::to_string(width));
    imports += fmt::format(".import --skip 2 '{}' {}\n", file, it->second);
  }
  std::string script;
  for (const auto& [width, table] : table_of_width) {
    script += "CREATE TABLE " + table + "(";
    for (std::size_t c = 0; c < width; ++c) script += fmt::format("{}c{} TEXT", c ? ", " : "", c);
    script += ");\n";
  }
  script += ".mode csv\nBEGIN;\n" + imports + "COMMIT;\n";
  std::string count = "SELECT ";
  for (const auto& [width, table] : table_of_width)
    count += fmt::format("{}(SELECT count(*) FROM {})", count.size() > 7 ? " + " : "", table);
  script += count + ";\n";
  std::ofstream(dir / "import.sql") << script;
  return [dir, files = files.size()] {
    const long peak =
        run_sqlite3(dir / "x.db", dir / "import.sql", dir / "out.txt", dir / "err.txt");
    std::string rows = read_text(dir / "out.txt");
    while (!rows.empty() && (rows.back() == '\n' || rows.back() == '"')) rows.pop_back();
    if (!rows.empty() && rows.front() == '"') rows.erase(0, 1);
    const bool warned = !read_text(dir / "err.txt").empty();
    return StageOutput{rows,
                       fmt::format("{} files, one transaction{}", files,
                                   warned ? "; sqlite3 warned, see err.txt" : ""),
                       peak};
  };
}

/// The generated entries.csv as an office's workbook (SPEC §15): every cell a text cell in the
/// shared string table, as Excel writes them.
void write_entries_workbook(const fs::path& csv, const fs::path& xlsx) {
  std::ifstream in(csv, std::ios::binary);
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  Diagnostics report;
  const std::vector<CsvRow> rows = read_csv(text, csv.string(), report);
  lxw_workbook* book = workbook_new(xlsx.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, "报名表");
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < rows[r].fields.size(); ++c)
      if (!rows[r].fields[c].empty())
        worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                               rows[r].fields[c].c_str(), nullptr);
  if (workbook_close(book) != LXW_NO_ERROR)
    throw std::runtime_error("cannot write " + xlsx.string());
}

/// `import-entries-csv|xlsx`: Competition::import_entries of the size's entries into a fresh
/// database, from the generated CSV or from the same table as an .xlsx workbook.
Work import_entries_stage(const Workspace& w, bool workbook) {
  const fs::path dir = w.scratch(workbook ? "import-entries-xlsx" : "import-entries-csv");
  const fs::path input = w.dir / "input";
  fs::path file = input / "entries.csv";
  if (workbook) {
    file = dir / "entries.xlsx";
    write_entries_workbook(input / "entries.csv", file);
  }
  auto competition = std::make_shared<std::optional<Competition>>(
      Competition::init((dir / "jury.db").string(), (input / "competition.json").string()));
  return [competition, file] {
    const ImportSummary summary = (*competition)->import_entries(file.string(), Encoding::Auto);
    competition->reset();
    return StageOutput{
        std::to_string(summary.added),
        fmt::format("{:.1f} MB file", static_cast<double>(fs::file_size(file)) / 1e6)};
  };
}

/// `results-METHOD`: Competition::results (what `jury results` runs: load entries and scores from
/// the database, compute_results) on scored.db with the given method.
Work results_stage(const Workspace& w, Method method) {
  auto competition = std::make_shared<Competition>(Competition::open(w.scored_db().string()));
  return [competition, method] {
    const Results results = competition->results(method);
    int ranked = 0;
    for (const auto& pool : results.pools)
      for (const auto& row : pool.rows) ranked += row.rank ? 1 : 0;
    return StageOutput{std::to_string(ranked),
                       fmt::format("ranked entries in {} pools", results.pools.size())};
  };
}

/// `sqlite3-read`: the baseline of `results`: the SQLite C API (sqlite3_prepare_v2 / step /
/// column_text, what the sqlite3 shell does under the hood, without its output formatting) reads
/// every row `jury results` needs from scored.db, each once: the config, every entry (all ten
/// columns, in id order) and the round's scores (in entry, judge order), touching every column's
/// text. The timed work is opening, reading and closing the database.
Work sqlite3_read_stage(const Workspace& w) {
  return [db = w.scored_db().string()] {
    sqlite3* handle = nullptr;
    if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open " + db);
    std::size_t rows = 0;
    std::size_t bytes = 0;
    for (const char* sql :
         {"SELECT value FROM meta WHERE key = 'config'",
          "SELECT id, kind, grp, subject, title, school, district, students, advisors, status "
          "FROM entries ORDER BY id",
          "SELECT judge_id, entry_id, vals, comment FROM scores WHERE round = (SELECT id FROM "
          "rounds ORDER BY position LIMIT 1) ORDER BY entry_id, judge_id"}) {
      sqlite3_stmt* statement = nullptr;
      if (sqlite3_prepare_v2(handle, sql, -1, &statement, nullptr) != SQLITE_OK)
        throw std::runtime_error(sqlite3_errmsg(handle));
      const int columns = sqlite3_column_count(statement);
      while (sqlite3_step(statement) == SQLITE_ROW) {
        ++rows;
        for (int c = 0; c < columns; ++c) {
          const unsigned char* text = sqlite3_column_text(statement, c);
          bytes += static_cast<std::size_t>(sqlite3_column_bytes(statement, c)) + (text ? 1 : 0);
        }
      }
      sqlite3_finalize(statement);
    }
    sqlite3_close(handle);
    return StageOutput{std::to_string(rows), fmt::format("rows read, {:.1f} MB of text",
                                                         static_cast<double>(bytes) / 1e6)};
  };
}

/// `results-json-severity`: what `jury results --json --method severity` does after parsing its
/// arguments: open the database, Competition::results, Competition::results_json, the text
/// written out (to a file in the scratch directory instead of stdout).
Work results_json_stage(const Workspace& w) {
  const fs::path out = w.scratch("results-json") / "results.json";
  return [db = w.scored_db().string(), out] {
    const Competition competition = Competition::open(db);
    const std::vector<Entry> entries = competition.entries();  // once, as `jury results` does
    const Results results = competition.results(entries, Method::Severity, std::nullopt);
    const std::string text = competition.results_json(results, entries, Audience::Committee);
    std::FILE* file = std::fopen(out.c_str(), "wb");
    if (!file || std::fwrite(text.data(), 1, text.size(), file) != text.size() ||
        std::fclose(file) != 0)
      throw std::runtime_error("cannot write " + out.string());
    return StageOutput{std::to_string(text.size()), "bytes of JSON"};
  };
}

/// `advance`: Competition::advance (what `jury advance` runs: every round's results, the §8
/// selection per pool, the entrants stored) on a copy of the scored prelim.
Work advance_stage(const Workspace& w) {
  const fs::path db = w.scratch("advance") / "jury.db";
  fs::copy_file(w.staged_prelim_db(), db);
  auto competition = std::make_shared<std::optional<Competition>>(Competition::open(db.string()));
  return [competition] {
    const AdvanceSummary summary = (*competition)->advance(Incomplete::Refuse);
    int ranked = 0;
    int going_on = 0;
    for (const auto& pool : summary.pools) {
      ranked += pool.ranked;
      going_on += pool.going_on;
    }
    competition->reset();
    return StageOutput{std::to_string(going_on),
                       fmt::format("go on of {} ranked in {} pools", ranked, summary.pools.size())};
  };
}

/// `schedule`: Competition::schedule (what `jury schedule` runs: the colouring of the final's
/// interviews, stored) on a copy of the assigned final; objective = slots used, which is Δ.
Work schedule_stage(const Workspace& w, std::uint64_t seed) {
  const fs::path db = w.scratch("schedule") / "jury.db";
  fs::copy_file(w.staged_final_db(), db);
  auto competition = std::make_shared<std::optional<Competition>>(Competition::open(db.string()));
  return [competition, seed] {
    const ScheduleSummary summary = (*competition)->schedule(seed);
    competition->reset();
    return StageOutput{std::to_string(summary.slots),
                       fmt::format("{} interviews in Δ slots", summary.interviews)};
  };
}

std::vector<Stage> stages() {
  std::vector<Stage> list;
  list.push_back({"assign", "jury assign: the §5 optimum (default conflict rules)", 100000,
                  [](SyntheticCompetition& c, std::uint64_t seed) {
                    return std::function<StageOutput()>([&c, seed] {
                      AssignmentInput input{&c.config, &c.entries, &c.judges, {}, {}, seed};
                      return assign_output(assign_judges(input));
                    });
                  }});
  list.push_back({"assign-district", "the same with all four conflict rules (district too)", 100000,
                  [](SyntheticCompetition& c, std::uint64_t seed) {
                    c.config.judging.conflicts = {ConflictRule::School, ConflictRule::Advisor,
                                                  ConflictRule::District, ConflictRule::Declared};
                    return std::function<StageOutput()>([&c, seed] {
                      AssignmentInput input{&c.config, &c.entries, &c.judges, {}, {}, seed};
                      return assign_output(assign_judges(input));
                    });
                  }});
  list.push_back({"assign-scarce",
                  "the same with scarce expertise (one subject per judge, two thirds of them LS), "
                  "so mismatch and load costs trade off",
                  100000, [](SyntheticCompetition& c, std::uint64_t seed) {
                    make_expertise_scarce(c);
                    return std::function<StageOutput()>([&c, seed] {
                      AssignmentInput input{&c.config, &c.entries, &c.judges, {}, {}, seed};
                      return assign_output(assign_judges(input));
                    });
                  }});
  list.push_back(
      {"assign-flow",
       "the general solver alone (LEMON NetworkSimplex on 40 candidates per entry, certified by "
       "reduced costs): an independent check of the objective",
       10000, general_flow});
  list.push_back({"assign-flow-scarce", "the general solver alone on the scarce-expertise variant",
                  10000, [](SyntheticCompetition& c, std::uint64_t seed) {
                    make_expertise_scarce(c);
                    return general_flow(c, seed);
                  }});
  list.push_back({"timetable",
                  "jury schedule's colouring (SPEC §13) of the assignment's pairs: exactly Δ "
                  "slots, no judge or entrant twice in one",
                  100000, timetable_stage});
  list.push_back({"sqlite3-import",
                  "baseline: the sqlite3 tool's .import of the same sheet rows into a fresh "
                  "table, no validation, one transaction (peak = the sqlite3 process)",
                  100000, nullptr, sqlite3_import_stage});
  list.push_back({"import-scores",
                  "jury import scores: every filled sheet validated and stored in one "
                  "transaction; ratio = time / sqlite3-import time",
                  100000, nullptr, import_scores_stage, "sqlite3-import"});
  list.push_back({"import-entries-csv",
                  "jury import entries of the generated entries.csv into a fresh database", 100000,
                  nullptr, [](const Workspace& w) { return import_entries_stage(w, false); }});
  list.push_back({"import-entries-xlsx",
                  "the same table as an .xlsx workbook (SPEC §15); ratio = time / CSV time", 100000,
                  nullptr, [](const Workspace& w) { return import_entries_stage(w, true); },
                  "import-entries-csv"});
  list.push_back({"advance",
                  "jury advance on the two-round version (SPEC §12): close the prelim, the best "
                  "fifth of each pool goes on",
                  100000, nullptr, advance_stage, "", true});
  list.push_back({"schedule",
                  "jury schedule on its final (SPEC §13): every interview a slot, exactly Δ "
                  "slots, stored",
                  100000, nullptr, [](const Workspace& w) { return schedule_stage(w, 1); }, "",
                  true});
  list.push_back({"sqlite3-read",
                  "baseline: the SQLite C API reads every row jury results needs (config, "
                  "entries, the round's scores) from the scored database, once each",
                  100000, nullptr, sqlite3_read_stage});
  for (const Method method : all_values<Method>())
    list.push_back({"results-" + to_string(method),
                    "jury results --method " + to_string(method) +
                        ": load entries and scores, aggregate, rank, tiers",
                    100000, nullptr,
                    [method](const Workspace& w) { return results_stage(w, method); },
                    "sqlite3-read"});
  list.push_back({"results-json-severity",
                  "jury results --json --method severity: open, results, the JSON document "
                  "written; ratio = time / sqlite3-read time",
                  100000, nullptr, results_json_stage, "sqlite3-read"});
  return list;
}

long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

struct Measurement {
  double seconds = 0;
  long input_kib = 0;  ///< peak before the timed work (the generated competition)
  long peak_kib = 0;
  char objective[64] = {};
  char note[128] = {};
};

/// The stage's prepared work: from the generated competition, or from the size's workspace.
Work prepare_stage(const Stage& stage, const std::optional<Workspace>& workspace, int entries,
                   std::uint64_t seed, std::optional<SyntheticCompetition>& competition) {
  if (stage.prepare_on_disk) return stage.prepare_on_disk(*workspace);
  competition = generate_competition(entries, judges_for(entries), 5, seed);
  return stage.prepare(*competition, seed);
}

Measurement run_in_child(const Stage& stage, const std::optional<Workspace>& workspace, int entries,
                         std::uint64_t seed) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::fflush(nullptr);  // a child must not flush the parent's buffered output again
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    Measurement m;
    try {
      std::optional<SyntheticCompetition> c;
      const Work work = prepare_stage(stage, workspace, entries, seed, c);
      m.input_kib = peak_rss_kib();
      const auto start = std::chrono::steady_clock::now();
      const StageOutput out = work();
      m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      m.peak_kib = out.external_peak_kib >= 0 ? out.external_peak_kib : peak_rss_kib();
      std::snprintf(m.objective, sizeof m.objective, "%s", out.objective.c_str());
      std::snprintf(m.note, sizeof m.note, "%s", out.note.c_str());
    } catch (const std::exception& e) {
      std::snprintf(m.note, sizeof m.note, "failed: %s", e.what());
    }
    const ssize_t written = write(fds[1], &m, sizeof m);
    _exit(written == static_cast<ssize_t>(sizeof m) ? 0 : 1);
  }
  close(fds[1]);
  Measurement m;
  const ssize_t got = read(fds[0], &m, sizeof m);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (got != static_cast<ssize_t>(sizeof m)) std::snprintf(m.note, sizeof m.note, "child failed");
  return m;
}

std::vector<int> parse_sizes(const std::string& text) {
  std::vector<int> sizes;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t comma = text.find(',', at);
    sizes.push_back(std::stoi(text.substr(at, comma - at)));
    at = comma == std::string::npos ? text.size() : comma + 1;
  }
  return sizes;
}

using Measured = std::map<std::pair<std::string, int>, std::vector<Measurement>>;

/// The fastest of a stage's runs, with the median of their times.
std::pair<Measurement, double> fastest(const std::vector<Measurement>& runs) {
  std::vector<double> times;
  for (const Measurement& m : runs) times.push_back(m.seconds);
  std::sort(times.begin(), times.end());
  const auto best = std::min_element(
      runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.seconds < b.seconds; });
  return {*best, times[times.size() / 2]};
}

void print_measurement(const Stage& stage, int n, const Measured& measured) {
  const auto [m, median] = fastest(measured.at({stage.name, n}));
  const std::size_t count = measured.at({stage.name, n}).size();
  std::string note = m.note;
  if (count > 1) note += fmt::format("; fastest of {} runs, median {:.2f} s", count, median);
  const auto base = measured.find({stage.compare_with, n});
  if (!stage.compare_with.empty() && base != measured.end()) {
    const double base_seconds = fastest(base->second).first.seconds;
    if (base_seconds > 0)
      note += fmt::format("; ratio {:.2f} = {:.2f} s / {} {:.2f} s", m.seconds / base_seconds,
                          m.seconds, stage.compare_with, base_seconds);
  }
  std::printf("%-20s %8d %7d %3d %9.2f %10.1f %10.1f %12s  %s\n", stage.name.c_str(), n,
              judges_for(n), 5, m.seconds, static_cast<double>(m.input_kib) / 1024.0,
              static_cast<double>(m.peak_kib) / 1024.0, m.objective, note.c_str());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> wanted;
  std::vector<int> sizes;
  std::uint64_t seed = 1;
  std::string workdir;
  int repeat = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--sizes" && i + 1 < argc) {
      sizes = parse_sizes(argv[++i]);
    } else if (arg == "--judges" && i + 1 < argc) {
      g_judges = std::stoi(argv[++i]);
    } else if (arg == "--seed" && i + 1 < argc) {
      seed = std::stoull(argv[++i]);
    } else if (arg == "--workdir" && i + 1 < argc) {
      workdir = argv[++i];
    } else if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::stoi(argv[++i]));
    } else if (arg == "--help" || arg == "-h") {
      std::puts(
          "jury_bench [STAGE...] [--sizes 1000,10000,100000] [--judges N] [--seed N] [--workdir "
          "DIR] [--repeat N]\n"
          "--workdir: where the database stages build their competitions (kept; default a\n"
          "temporary directory, removed at the end)\n"
          "--repeat: run the stages N times in turn and report each by its fastest run (with\n"
          "the median), for a machine whose speed varies\nstages:");
      for (const Stage& s : stages())
        std::printf("  %-20s %s\n", s.name.c_str(), s.description.c_str());
      return 0;
    } else {
      wanted.push_back(arg);
    }
  }
  const bool explicit_sizes = !sizes.empty();
  if (!explicit_sizes) sizes = {1000, 10000, 100000};
  const bool temporary_root = workdir.empty();
  if (temporary_root) {
    char pattern[] = "/tmp/jury-bench-XXXXXX";
    if (!mkdtemp(pattern)) throw std::runtime_error("cannot create a temporary directory");
    workdir = pattern;
  }
  const fs::path root = fs::absolute(workdir);

  // The runs: every (stage, size) wanted, `repeat` rounds of them in turn, so that a stage and
  // its baseline see the machine in the same state; each is reported by its fastest run.
  const std::vector<Stage> all_stages = stages();
  std::vector<std::pair<const Stage*, int>> runs;
  for (const Stage& stage : all_stages) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), stage.name) == wanted.end())
      continue;
    for (int n : sizes)
      if (explicit_sizes || static_cast<std::size_t>(n) <= stage.max_default_size)
        runs.emplace_back(&stage, n);
  }
  std::printf("%-20s %8s %7s %3s %9s %10s %10s %12s  %s\n", "stage", "entries", "judges", "k",
              "time [s]", "input MiB", "peak MiB", "objective", "note");
  std::map<std::pair<std::string, int>, std::vector<Measurement>> measured;
  for (int round = 0; round < repeat; ++round)
    for (const auto& [stage, n] : runs) {
      std::optional<Workspace> workspace;
      if (stage->prepare_on_disk) workspace = workspace_for(root, n, seed, stage->staged);
      measured[{stage->name, n}].push_back(run_in_child(*stage, workspace, n, seed));
      if (repeat == 1) print_measurement(*stage, n, measured);
    }
  if (repeat > 1)
    for (const auto& [stage, n] : runs) print_measurement(*stage, n, measured);
  if (temporary_root) fs::remove_all(root);
  return 0;
}
