/// The thin `jury` executable: parse arguments, call the Competition facade, print, and map every
/// error to its exit code (SPEC §10) in one place.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <unistd.h>
#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/views.hpp"
#include "demo/demo.hpp"
#include "engine/competition.hpp"
#include "engine/errors.hpp"
#include "engine/status_view.hpp"
#include "exporters/atomic_file.hpp"
#include "model/i18n.hpp"
#include "model/text.hpp"

namespace {

using namespace jury;
using i18n::tr;
using i18n::trf;

struct Options {
  std::string db = std::getenv("JURY_DB") ? std::getenv("JURY_DB") : "jury.db";
  std::string file;
  std::vector<std::string> files;
  std::string encoding = "auto";
  std::string lang;   ///< --lang en|zh (SPEC §10); read before parsing, see language_option
  std::string sheet;  ///< --sheet: the worksheet of a workbook (SPEC §15)
  bool json = false;
  std::uint64_t seed = 0;
  bool reshuffle = false;
  std::string explain;
  std::string format;
  bool is_public = false;
  bool allow_incomplete = false;
  bool reopen = false;
  std::string reason;
  bool force = false;
  std::string method;
  std::string demo_dir = "jury-demo";
  std::optional<std::string> round;  ///< --round ID (SPEC §12); unset = the current round
  bool undo = false;                 ///< absent --undo
  bool verify = false;               ///< audit --verify
  std::string html;                  ///< report --html FILE (SPEC §14)
  std::string budget = "0.3";        ///< rejudge --budget F (SPEC §14)
  int extra = 2;                     ///< rejudge --extra M (SPEC §14)
};

Encoding encoding_option(const std::string& name) {
  if (name == "auto") return Encoding::Auto;
  const auto encoding = parse_encoding(name);
  if (!encoding)
    throw UsageError(trf("unknown encoding \"{}\"; use utf-8, gb18030 or utf-16", name));
  return *encoding;
}

/// Warnings of a successful import, then its summary.
void print_import(const ImportSummary& summary, bool json) {
  if (isatty(STDERR_FILENO)) std::cerr << "\r\x1b[K";  // clear a progress line
  if (json)
    std::cout << cli::diagnostics_json(summary.report);
  else
    std::cerr << summary.report.to_text();
  std::cerr << summary.message << "\n";
}

/// Progress on stderr only when it is a terminal, so scripts and logs get nothing extra.
void show_progress_on_terminal(Competition& competition) {
  if (!isatty(STDERR_FILENO)) return;
  competition.set_progress([](const std::string& stage, std::size_t done, std::size_t total) {
    if (done % 50 != 0) return;  // a few updates a second at most
    std::cerr << fmt::format("\r{} {}/{}\x1b[K", stage, done, total) << std::flush;
  });
}

int run_import(const Options& o, const std::string& what) {
  Competition competition = Competition::open(o.db);
  show_progress_on_terminal(competition);
  const Encoding encoding = encoding_option(o.encoding);
  if (what == "entries")
    print_import(competition.import_entries(o.file, encoding, o.sheet), o.json);
  if (what == "judges") print_import(competition.import_judges(o.file, encoding, o.sheet), o.json);
  if (what == "scores") print_import(competition.import_scores(o.files, encoding, o.sheet), o.json);
  return kExitOk;
}

int run_assign(const Options& o) {
  Competition competition = Competition::open(o.db);
  if (!o.explain.empty()) {
    for (const auto& line : competition.explain(o.explain, o.seed)) std::cout << line << "\n";
    return kExitOk;
  }
  std::cout << competition
                   .assign(o.seed, o.reshuffle ? AssignMode::Reshuffle : AssignMode::Incremental)
                   .message
            << "\n";
  return kExitOk;
}

int run_rejudge(const Options& o) {
  Competition competition = Competition::open(o.db);
  std::cout << competition.rejudge(o.budget, o.extra, o.seed).message << "\n";
  return kExitOk;
}

/// Sheets left in DIR from an earlier export (e.g. of a judge who has withdrawn since) would be
/// picked up by `jury import scores DIR` and refused there: say so now.
void warn_about_stale_sheets(const std::string& dir, const std::vector<std::string>& written) {
  std::set<std::filesystem::path> fresh;
  for (const auto& path : written) fresh.insert(std::filesystem::path(path).filename());
  std::vector<std::string> stale;
  const std::set<std::string> sheet_extensions{".csv", ".xlsx", ".xls"};
  for (const auto& item : std::filesystem::directory_iterator(dir))
    if (sheet_extensions.count(item.path().extension().string()) &&
        !fresh.count(item.path().filename()))
      stale.push_back(item.path().filename().string());
  std::sort(stale.begin(), stale.end());
  if (stale.empty()) return;
  std::cerr << trf("warning: {0} holds {1} other sheet(s) not written by this export (e.g. {2}); "
                   "remove them before `jury import scores {0}`",
                   dir, stale.size(), stale.front())
            << "\n";
}

/// The format of an office table (SPEC §16): --format, else FILE's extension, else CSV; the
/// export itself refuses a format it does not have.
std::string_view office_format(const Options& o, const char* names) {
  if (o.format.empty()) {
    const RosterFormat* format = roster_format_of_path(o.file);
    return format ? format->name : "csv";
  }
  const RosterFormat* format = find_roster_format(o.format);
  if (!format) throw UsageError("unknown format \"" + o.format + "\"; use " + names);
  return format->name;
}

int run_export(const Options& o, const std::string& what) {
  const Competition competition = Competition::open(o.db);
  if (what == "sheets") {
    const Encoding encoding = encoding_option(o.encoding == "auto" ? "utf-8" : o.encoding);
    if (encoding == Encoding::Utf16) throw UsageError(tr("sheets are written as utf-8 or gb18030"));
    const auto format = parse_sheet_format(o.format.empty() ? "csv" : o.format);
    if (!format) throw UsageError(trf("unknown sheet format \"{}\"; use csv or xlsx", o.format));
    if (*format == SheetFormat::Xlsx && o.encoding != "auto")
      throw UsageError(tr("--encoding applies to CSV sheets; xlsx workbooks need none"));
    const auto written = competition.export_sheets(o.file, encoding, nullptr, *format, o.force);
    std::cout << trf("{} score sheets written to {}", written.size(), o.file) << "\n";
    warn_about_stale_sheets(o.file, written);
  } else if (what == "assignments") {
    competition.export_assignments(o.file, competition.round_of(o.round));
    std::cout << trf("assignments written to {}", o.file) << "\n";
  } else if (what == "schedule") {
    const std::string name = !o.format.empty()                                       ? o.format
                             : o.file.ends_with(".html") || o.file.ends_with(".htm") ? "html"
                                                                                     : "csv";
    const auto format = parse_schedule_format(name);
    if (!format) throw UsageError(trf("unknown schedule format \"{}\"; use csv or html", o.format));
    competition.export_schedule(o.file, *format);
    std::cout << trf("timetable written to {}", o.file) << "\n";
  } else if (what == "certificates") {
    competition.export_certificates(o.file, office_format(o, "csv|xlsx"));
    std::cout << trf("certificates written to {}", o.file) << "\n";
  } else if (what == "stats") {
    competition.export_stats(o.file, office_format(o, "csv|xlsx|html"));
    std::cout << trf("statistics written to {}", o.file) << "\n";
  } else if (what == "comments") {
    competition.export_comments(o.file, office_format(o, "csv|html"));
    std::cout << trf("comments written to {}", o.file) << "\n";
  } else {
    const RosterFormat* format =
        o.format.empty() ? roster_format_of_path(o.file) : find_roster_format(o.format);
    if (!format)
      throw UsageError(trf("cannot tell the roster format of \"{}\"; use --format {}", o.file,
                           roster_format_names("|")));
    competition.export_roster(o.file, *format,
                              o.is_public ? Audience::Public : Audience::Committee);
    std::cout << (o.is_public ? trf("roster written to {} (public)", o.file)
                              : trf("roster written to {}", o.file))
              << "\n";
  }
  return kExitOk;
}

int run_results(const Options& o) {
  const Competition competition = Competition::open(o.db);
  std::optional<Method> method;
  if (!o.method.empty()) {
    method = parse_method(o.method);
    if (!method)
      throw UsageError(
          trf("unknown method \"{}\"; use one of {}", o.method, join(all_names<Method>(), ", ")));
  }
  // The entries are loaded once, for the ranking and the JSON document.
  const std::vector<Entry> entries = competition.entries();
  const Results results = competition.results(entries, method, competition.round_of(o.round));
  for (const auto& warning : results.warnings) std::cerr << tr("warning: ") << warning << "\n";
  std::cout << (o.json ? competition.results_json(results, entries, Audience::Committee)
                       : cli::results_text(competition.config(), results));
  return kExitOk;
}

int run_award(const Options& o) {
  Competition competition = Competition::open(o.db);
  if (o.reopen) {
    competition.reopen(o.reason);
    std::cout << tr("decision reopened: entries, judges, assignment and scores may change again; "
                    "run `jury award` to decide again")
              << "\n";
    return kExitOk;
  }
  if (!o.reason.empty()) throw UsageError(tr("--reason goes with --reopen"));
  const AwardReadiness readiness = competition.readiness();
  const Results decided =
      competition.award(o.allow_incomplete ? Incomplete::Allow : Incomplete::Refuse);
  std::cout << cli::results_text(competition.config(), decided);
  if (!readiness.ready())
    std::cout << i18n::trnf("decided with --allow-incomplete: {} incomplete entry without a tier",
                            "decided with --allow-incomplete: {} incomplete entries without a tier",
                            readiness.incomplete_entries.size(),
                            readiness.incomplete_entries.size())
              << (readiness.owed.empty() ? "" : tr("; scores still owed: "))
              << describe_owed(readiness) << "\n";
  std::cout << tr("prize tiers decided and frozen") << "\n";
  return kExitOk;
}

int run_status(const Options& o) {
  const Competition competition = Competition::open(o.db);
  const Status status = competition.status(competition.round_of(o.round));
  std::cout << (o.json ? status_json(status) : status_text(competition.config(), status));
  return kExitOk;
}

int run_report(const Options& o) {
  const Competition competition = Competition::open(o.db);
  if (!o.html.empty()) {
    if (o.json) throw UsageError(tr("--json and --html are two forms of the report; choose one"));
    competition.export_report(o.html, competition.round_of(o.round));
    std::cout << trf("report written to {}", o.html) << "\n";
    return kExitOk;
  }
  const ReliabilityReport report = competition.report(competition.round_of(o.round));
  std::cout << (o.json ? cli::report_json(report) : cli::report_text(competition.config(), report));
  return kExitOk;
}

int run_advance(const Options& o) {
  Competition competition = Competition::open(o.db);
  if (o.reopen) {
    if (o.allow_incomplete)
      throw UsageError(tr("--allow-incomplete goes with `advance`, not --reopen"));
    std::cout << competition.reopen_round() << "\n";
    return kExitOk;
  }
  std::cout
      << competition.advance(o.allow_incomplete ? Incomplete::Allow : Incomplete::Refuse).message
      << "\n";
  return kExitOk;
}

int run_absent(const Options& o) {
  Competition competition = Competition::open(o.db);
  std::cout << competition.absent(o.files, o.undo ? Attendance::Present : Attendance::Absent)
            << "\n";
  return kExitOk;
}

int run_schedule(const Options& o) {
  Competition competition = Competition::open(o.db);
  std::cout << competition.schedule(o.seed).message << "\n";
  return kExitOk;
}

int run_audit(const Options& o) {
  const Competition competition = Competition::open(o.db);
  if (o.verify) {  // SPEC §10: exit 3 when something was changed outside jury
    const TamperReport report = competition.verify();
    std::cout << (o.json ? cli::verify_json(report) : cli::verify_text(report));
    return report.intact() ? kExitOk : kExitState;
  }
  std::cout << (o.json ? cli::audit_json(competition.audit())
                       : cli::audit_text(competition.audit()));
  return kExitOk;
}

/// Prints the error the way SPEC §10 asks and returns its exit code.
int report_error(const JuryError& error, bool json) {
  if (isatty(STDERR_FILENO)) std::cerr << "\r\x1b[K";  // clear a progress line
  if (const auto* input = dynamic_cast<const InputError*>(&error)) {
    if (json)
      std::cout << cli::diagnostics_json(input->report());
    else
      std::cerr << input->report().to_text();
  }
  if (const auto* infeasible = dynamic_cast<const InfeasibleError*>(&error))
    for (const auto& line : infeasible->problems()) std::cerr << "  " << line << "\n";
  std::cerr << "jury: " << error.what() << "\n";
  return error.exit_code();
}

/// The value of `--lang` (SPEC §10), read before the command line is parsed because the help
/// texts are made in the chosen language; empty when not given. The parser checks it again.
std::string language_option(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--lang" && i + 1 < argc) return argv[i + 1];
    if (arg.starts_with("--lang=")) return std::string(arg.substr(7));
  }
  return {};
}

/// CLI11's own words in the help (labels, the headings of option and subcommand groups), in the
/// interface language; called once every subcommand exists. English keeps CLI11's words, and so
/// do value names such as TEXT: CLI11 aligns the columns by bytes, not by display width.
void translate_help(CLI::App& app) {
  if (!i18n::chinese()) return;
  const auto formatter = app.get_formatter();
  for (const char* label : {i18n::N_("Usage"), i18n::N_("OPTIONS"), i18n::N_("SUBCOMMAND"),
                            i18n::N_("SUBCOMMANDS"), i18n::N_("Positionals"), i18n::N_("REQUIRED")})
    formatter->label(label, tr(label));
  for (CLI::Option* option : app.get_options())
    if (option->get_group() == "Options") option->group(tr("Options"));
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_group() == "Subcommands") sub->group(tr("Subcommands"));
    translate_help(*sub);
  }
}

}  // namespace

int main(int argc, char** argv) {
  // A file-size limit (ulimit -f) makes a write fail with EFBIG, reported as exit 2 with the
  // path, instead of killing the process halfway through (SPEC §10).
  std::signal(SIGXFSZ, SIG_IGN);
  i18n::set_language(i18n::choose_language(language_option(argc, argv), std::getenv("JURY_LANG"),
                                           std::getenv("LC_ALL"), std::getenv("LANG")));
  Options o;
  CLI::App app{
      tr("jury — judging and scoring engine for youth science and technology competitions")};
  app.set_version_flag("--version", std::string("jury ") + JURY_VERSION,
                       tr("Display program version information and exit"));
  app.add_option("--db", o.db, tr("competition database (default ./jury.db, or $JURY_DB)"));
  app.add_option("--lang", o.lang,
                 tr("interface language: en or zh (default: $JURY_LANG, else the locale)"))
      ->check(CLI::IsMember({"en", "zh"}));
  app.set_help_flag("-h,--help", tr("Print this help message and exit"));
  // Global options may also come after the command (`jury status --db X`, SPEC §10): every
  // subcommand (created below, which inherit this) passes options it does not know to its parent.
  app.fallthrough();
  app.require_subcommand(1);
  int (*action)(const Options&) = nullptr;
  std::string import_what, export_what;

  auto* init = app.add_subcommand("init", tr("create the competition database from a config file"));
  init->add_option("CONFIG", o.file, tr("competition config (JSON)"))->required();

  auto* config = app.add_subcommand("config", tr("show the competition config"));
  config->require_subcommand(1);
  config->add_subcommand("show", tr("print the effective config with all defaults"));

  auto* import = app.add_subcommand("import", tr("import entries, judges or filled score sheets"));
  import->require_subcommand(1);
  for (const char* what : {"entries", "judges"}) {
    auto* sub =
        import->add_subcommand(what, what == std::string("entries") ? tr("import the entries file")
                                                                    : tr("import the judges file"));
    sub->add_option("FILE", o.file, tr("CSV file or Excel workbook (.xlsx, .xls)"))->required();
    sub->add_option("--encoding", o.encoding, tr("utf-8, gb18030 or utf-16 (default: detect)"));
    sub->add_option("--sheet", o.sheet, tr("the worksheet of a workbook (default: the first)"));
    sub->add_flag("--json", o.json, tr("print diagnostics as a JSON array"));
    sub->callback([&, what] { import_what = what; });
  }
  auto* scores = import->add_subcommand("scores", tr("import filled score sheets"));
  scores->add_option("FILES", o.files, tr("sheet files or directories of sheets"))->required();
  scores->add_option("--encoding", o.encoding, tr("utf-8, gb18030 or utf-16 (default: detect)"));
  scores->add_option("--sheet", o.sheet, tr("the worksheet of each workbook (default: the first)"));
  scores->add_flag("--json", o.json, tr("print diagnostics as a JSON array"));
  scores->callback([&] { import_what = "scores"; });

  auto* assign =
      app.add_subcommand("assign", tr("assign judges to entries (optimal, incremental)"));
  assign->add_option("--seed", o.seed, tr("chooses among optimal assignments (default 0)"));
  assign->add_flag("--reshuffle", o.reshuffle, tr("recompute the assignments that have no scores"));
  assign->add_option("--explain", o.explain, tr("explain the judges of one entry"))
      ->option_text("ENTRY_ID");

  auto* rejudge = app.add_subcommand(
      "rejudge", tr("more judges for the entries nearest a prize boundary (after the scores)"));
  rejudge
      ->add_option("--budget", o.budget,
                   tr("added judgings of the round at most F × its judgings, all calls "
                      "together (default 0.3)"))
      ->option_text("F");
  rejudge->add_option("--extra", o.extra, tr("more judges per chosen entry (default 2)"))
      ->option_text("M");
  rejudge->add_option("--seed", o.seed, tr("chooses among optimal assignments (default 0)"));

  auto* export_cmd =
      app.add_subcommand("export", tr("write sheets, assignments, the timetable, the roster, "
                                      "certificates, statistics or comments"));
  export_cmd->require_subcommand(1);
  auto* sheets = export_cmd->add_subcommand("sheets", tr("one score sheet per judge and kind"));
  sheets->add_option("DIR", o.file, tr("output directory"))->required();
  sheets->add_option("--encoding", o.encoding, tr("utf-8 (with BOM, default) or gb18030"));
  sheets->add_flag(
      "--force", o.force,
      tr("overwrite sheets in DIR that differ from what would be written (e.g. returned "
         "sheets not imported yet)"));
  sheets->add_option("--format", o.format,
                     tr("csv (default) or xlsx (Excel workbooks with data validation)"));
  sheets->callback([&] { export_what = "sheets"; });
  auto* pairs = export_cmd->add_subcommand("assignments", tr("judge_id,entry_id pairs"));
  pairs->add_option("FILE", o.file, tr("output CSV file"))->required();
  pairs->add_option("--round", o.round, tr("the round (default: the current one)"))
      ->option_text("ID");
  pairs->callback([&] { export_what = "assignments"; });
  auto* timetable =
      export_cmd->add_subcommand("schedule", tr("the current round's interview timetable"));
  timetable->add_option("FILE", o.file, tr("output file (.csv or .html)"))->required();
  timetable->add_option("--format", o.format, tr("csv or html (default: from FILE, else csv)"));
  timetable->callback([&] { export_what = "schedule"; });
  auto* roster = export_cmd->add_subcommand("roster", tr("the award roster from the decision"));
  roster->add_option("FILE", o.file, trf("output file (.{})", roster_format_names(" .")))
      ->required();
  roster->add_option(
      "--format", o.format,
      trf("{} (default: from FILE)", roster_format_names(i18n::trc("flag list", ", "))));
  roster->add_flag("--public", o.is_public,
                   tr("leave out scores, flags and anything about judges"));
  roster->callback([&] { export_what = "roster"; });
  // SPEC §16: the office tables made from the decision and the comments.
  const auto add_office_table = [&](const char* what, const std::string& description,
                                    const std::string& formats) {
    auto* sub = export_cmd->add_subcommand(what, description);
    sub->add_option("FILE", o.file, tr("output file"))->required();
    sub->add_option("--format", o.format, trf("{} (default: from FILE, else csv)", formats));
    sub->callback([&, what] { export_what = what; });
  };
  add_office_table("certificates",
                   tr("one row per person of each awarded entry, with its certificate number "
                      "(after `jury award`)"),
                   tr("csv or xlsx"));
  add_office_table("stats",
                   tr("entries, ranked, per tier and recommended, per school and district (after "
                      "`jury award`)"),
                   tr("csv, xlsx or html"));
  add_office_table("comments", tr("the judges' comments per entry, judges numbered, never named"),
                   tr("csv or html"));

  auto* status = app.add_subcommand("status", tr("counts and what is still missing"));
  status->add_flag("--json", o.json, tr("print JSON"));
  status->add_option("--round", o.round, tr("the round (default: the current one)"))
      ->option_text("ID");
  auto* results = app.add_subcommand("results", tr("ranking preview (nothing is stored)"));
  results->add_flag("--json", o.json, tr("print the results as JSON (the roster's JSON document)"));
  results->add_option("--method", o.method, tr("override the aggregation method"));
  results->add_option("--round", o.round, tr("as of this round (default: the current one)"))
      ->option_text("ID");
  auto* award = app.add_subcommand("award", tr("decide and freeze the prize tiers"));
  award->add_flag("--allow-incomplete", o.allow_incomplete,
                  tr("decide although entries are incomplete"));
  award->add_flag("--reopen", o.reopen, tr("withdraw the decision (audited; needs --reason)"));
  award
      ->add_option("--reason", o.reason,
                   tr("why the decision is reopened (goes into the audit log)"))
      ->option_text("TEXT");
  auto* report = app.add_subcommand("report", tr("how fair the judging was (not for publication)"));
  report->add_flag("--json", o.json, tr("print JSON"));
  report->add_option("--html", o.html, tr("write the committee's page (charts, close decisions)"))
      ->option_text("FILE");
  report->add_option("--round", o.round, tr("the round (default: the current one)"))
      ->option_text("ID");
  auto* advance = app.add_subcommand(
      "advance", tr("close the current round; its best entries go on to the next round"));
  advance->add_flag("--allow-incomplete", o.allow_incomplete,
                    tr("advance although entrants going on are incomplete (they do not go on)"));
  advance->add_flag("--reopen", o.reopen,
                    tr("back to the previous round while the current one has no scores"));
  auto* absent = app.add_subcommand("absent", tr("mark entrants of the current round absent"));
  absent->add_option("ENTRY_ID", o.files, tr("entries absent from the round (e.g. the defence)"))
      ->required();
  absent->add_flag("--undo", o.undo, tr("they are present after all"));
  auto* schedule = app.add_subcommand("schedule", tr("interview timetable of the current round"));
  schedule->add_option("--seed", o.seed, tr("chooses among timetables (default 0)"));
  auto* audit = app.add_subcommand("audit", tr("the append-only audit log"));
  audit->add_flag("--json", o.json, tr("print JSON"));
  audit->add_flag("--verify", o.verify,
                  tr("check the audit chain and the state digest; exit 3 naming what was changed "
                     "outside jury"));
  auto* demo = app.add_subcommand("demo", tr("the whole workflow on the bundled sample"));
  demo->add_option("DIR", o.demo_dir, tr("output directory (default ./jury-demo)"));

  translate_help(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  try {
    if (*init) {
      Competition::init(o.db, o.file);
      std::cout << trf("competition database {} created from {}", o.db, o.file) << "\n";
      return kExitOk;
    }
    if (*config) {
      std::cout << Competition::open(o.db).config_json() << "\n";
      return kExitOk;
    }
    if (*import) return run_import(o, import_what);
    if (*assign) action = run_assign;
    if (*rejudge) action = run_rejudge;
    if (*export_cmd) return run_export(o, export_what);
    if (*status) action = run_status;
    if (*results) action = run_results;
    if (*award) action = run_award;
    if (*audit) action = run_audit;
    if (*report) action = run_report;
    if (*advance) action = run_advance;
    if (*absent) action = run_absent;
    if (*schedule) action = run_schedule;
    if (*demo) {
      create_output_folder(o.demo_dir);
      return run_demo(o.demo_dir, std::cout);
    }
    return action ? action(o) : kExitUsage;
  } catch (const JuryError& error) {
    return report_error(error, o.json);
  } catch (const OutputFileError& error) {  // a folder or file the user named (SPEC §10)
    std::cerr << "jury: "
              << trf("cannot write {}: {}; choose another path", error.path(), error.reason())
              << "\n";
    return kExitInvalidInput;
  } catch (const std::exception& error) {
    std::cerr << "jury: " << tr("internal error: ") << error.what() << "\n";
    return kExitInternal;
  }
}
