/// The subcommands that bring data in and out: init, config, import and export.

#include <fmt/format.h>

#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "cli/commands.hpp"
#include "engine/competition.hpp"
#include "engine/errors.hpp"
#include "exporters/diagnostics_json.hpp"
#include "model/i18n.hpp"

namespace jury::cli {

namespace {

using i18n::tr;
using i18n::trf;

struct InitOptions {
  std::string config;  ///< the competition config file
};

struct ConfigShowOptions {};

/// import entries|judges FILE
struct ImportOptions {
  std::string file;
  std::string encoding = "auto";
  std::string sheet;  ///< --sheet: the worksheet of a workbook (SPEC §15)
  bool json = false;
};

/// import scores FILES...
struct ImportScoresOptions {
  std::vector<std::string> files;  ///< sheet files or directories of sheets
  std::string encoding = "auto";
  std::string sheet;
  bool json = false;
};

struct ExportSheetsOptions {
  std::string dir;
  std::string encoding = "auto";
  bool force = false;
  std::string format;
};

struct ExportAssignmentsOptions {
  std::string file;
  std::optional<std::string> round;  ///< --round ID (SPEC §12); unset = the current round
};

/// export schedule|certificates|stats|comments FILE [--format]
struct ExportFileOptions {
  std::string file;
  std::string format;
};

struct ExportRosterOptions {
  std::string file;
  std::string format;
  bool is_public = false;
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
    std::cout << diagnostics_json(summary.diagnostics);
  else
    std::cerr << summary.diagnostics.to_text();
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

int run_init(const GlobalOptions& global, const InitOptions& o) {
  Competition::init(global.db, o.config);
  std::cout << trf("competition database {} created from {}", global.db, o.config) << "\n";
  return kExitOk;
}

int run_config_show(const GlobalOptions& global, const ConfigShowOptions& /*none*/) {
  std::cout << Competition::open(global.db).config_json() << "\n";
  return kExitOk;
}

/// Opens the database, shows progress on a terminal and prints what `import` brought in.
template <class Options, class Import>
int run_import(const GlobalOptions& global, const Options& o, Import import) {
  Competition competition = Competition::open(global.db);
  show_progress_on_terminal(competition);
  print_import(import(competition, encoding_option(o.encoding)), o.json);
  return kExitOk;
}

int run_import_entries(const GlobalOptions& global, const ImportOptions& o) {
  return run_import(global, o, [&](Competition& competition, Encoding encoding) {
    return competition.import_entries(o.file, encoding, o.sheet);
  });
}

int run_import_judges(const GlobalOptions& global, const ImportOptions& o) {
  return run_import(global, o, [&](Competition& competition, Encoding encoding) {
    return competition.import_judges(o.file, encoding, o.sheet);
  });
}

int run_import_scores(const GlobalOptions& global, const ImportScoresOptions& o) {
  return run_import(global, o, [&](Competition& competition, Encoding encoding) {
    return competition.import_scores(o.files, encoding, o.sheet);
  });
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
std::string_view office_format(const ExportFileOptions& o, const char* names) {
  if (o.format.empty()) {
    const RosterFormat* format = roster_format_of_path(o.file);
    return format ? format->name : "csv";
  }
  const RosterFormat* format = find_roster_format(o.format);
  if (!format) throw UsageError("unknown format \"" + o.format + "\"; use " + names);
  return format->name;
}

int run_export_sheets(const GlobalOptions& global, const ExportSheetsOptions& o) {
  const Competition competition = Competition::open(global.db);
  const Encoding encoding = encoding_option(o.encoding == "auto" ? "utf-8" : o.encoding);
  if (encoding == Encoding::Utf16) throw UsageError(tr("sheets are written as utf-8 or gb18030"));
  const auto format = parse_sheet_format(o.format.empty() ? "csv" : o.format);
  if (!format) throw UsageError(trf("unknown sheet format \"{}\"; use csv or xlsx", o.format));
  if (*format == SheetFormat::Xlsx && o.encoding != "auto")
    throw UsageError(tr("--encoding applies to CSV sheets; xlsx workbooks need none"));
  const auto written = competition.export_sheets(o.dir, encoding, nullptr, *format, o.force);
  std::cout << trf("{} score sheets written to {}", written.size(), o.dir) << "\n";
  warn_about_stale_sheets(o.dir, written);
  return kExitOk;
}

int run_export_assignments(const GlobalOptions& global, const ExportAssignmentsOptions& o) {
  const Competition competition = Competition::open(global.db);
  competition.export_assignments(o.file, competition.round_of(o.round));
  std::cout << trf("assignments written to {}", o.file) << "\n";
  return kExitOk;
}

int run_export_schedule(const GlobalOptions& global, const ExportFileOptions& o) {
  const Competition competition = Competition::open(global.db);
  const std::string name = !o.format.empty()                                       ? o.format
                           : o.file.ends_with(".html") || o.file.ends_with(".htm") ? "html"
                                                                                   : "csv";
  const auto format = parse_schedule_format(name);
  if (!format) throw UsageError(trf("unknown schedule format \"{}\"; use csv or html", o.format));
  competition.export_schedule(o.file, *format);
  std::cout << trf("timetable written to {}", o.file) << "\n";
  return kExitOk;
}

int run_export_certificates(const GlobalOptions& global, const ExportFileOptions& o) {
  const Competition competition = Competition::open(global.db);
  competition.export_certificates(o.file, office_format(o, "csv|xlsx"));
  std::cout << trf("certificates written to {}", o.file) << "\n";
  return kExitOk;
}

int run_export_stats(const GlobalOptions& global, const ExportFileOptions& o) {
  const Competition competition = Competition::open(global.db);
  competition.export_stats(o.file, office_format(o, "csv|xlsx|html"));
  std::cout << trf("statistics written to {}", o.file) << "\n";
  return kExitOk;
}

int run_export_comments(const GlobalOptions& global, const ExportFileOptions& o) {
  const Competition competition = Competition::open(global.db);
  competition.export_comments(o.file, office_format(o, "csv|html"));
  std::cout << trf("comments written to {}", o.file) << "\n";
  return kExitOk;
}

int run_export_roster(const GlobalOptions& global, const ExportRosterOptions& o) {
  const Competition competition = Competition::open(global.db);
  const RosterFormat* format =
      o.format.empty() ? roster_format_of_path(o.file) : find_roster_format(o.format);
  if (!format)
    throw UsageError(trf("cannot tell the roster format of \"{}\"; use --format {}", o.file,
                         roster_format_names("|")));
  competition.export_roster(o.file, *format, o.is_public ? Audience::Public : Audience::Committee);
  std::cout << (o.is_public ? trf("roster written to {} (public)", o.file)
                            : trf("roster written to {}", o.file))
            << "\n";
  return kExitOk;
}

/// import entries|judges: the same options, `run` imports the one or the other.
void add_import_file(CLI::App* import, const char* what, const std::string& description,
                     int (*run)(const GlobalOptions&, const ImportOptions&),
                     const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<ImportOptions>();
  auto* sub = import->add_subcommand(what, description);
  sub->add_option("FILE", o->file, tr("CSV file or Excel workbook (.xlsx, .xls)"))->required();
  sub->add_option("--encoding", o->encoding, tr("utf-8, gb18030 or utf-16 (default: detect)"));
  sub->add_option("--sheet", o->sheet, tr("the worksheet of a workbook (default: the first)"));
  sub->add_flag("--json", o->json, tr("print diagnostics as a JSON array"));
  set_action(sub, global, command, o, run);
}

void add_import_scores(CLI::App* import, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<ImportScoresOptions>();
  auto* sub = import->add_subcommand("scores", tr("import filled score sheets"));
  sub->add_option("FILES", o->files, tr("sheet files or directories of sheets"))->required();
  sub->add_option("--encoding", o->encoding, tr("utf-8, gb18030 or utf-16 (default: detect)"));
  sub->add_option("--sheet", o->sheet, tr("the worksheet of each workbook (default: the first)"));
  sub->add_flag("--json", o->json, tr("print diagnostics as a JSON array"));
  set_action(sub, global, command, o, run_import_scores);
}

void add_export_sheets(CLI::App* export_cmd, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<ExportSheetsOptions>();
  auto* sub = export_cmd->add_subcommand("sheets", tr("one score sheet per judge and kind"));
  sub->add_option("DIR", o->dir, tr("output directory"))->required();
  sub->add_option("--encoding", o->encoding, tr("utf-8 (with BOM, default) or gb18030"));
  sub->add_flag("--force", o->force,
                tr("overwrite sheets in DIR that differ from what would be written (e.g. returned "
                   "sheets not imported yet)"));
  sub->add_option("--format", o->format,
                  tr("csv (default) or xlsx (Excel workbooks with data validation)"));
  set_action(sub, global, command, o, run_export_sheets);
}

void add_export_assignments(CLI::App* export_cmd, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<ExportAssignmentsOptions>();
  auto* sub = export_cmd->add_subcommand("assignments", tr("judge_id,entry_id pairs"));
  sub->add_option("FILE", o->file, tr("output CSV file"))->required();
  sub->add_option("--round", o->round, tr("the round (default: the current one)"))
      ->option_text("ID");
  set_action(sub, global, command, o, run_export_assignments);
}

void add_export_schedule(CLI::App* export_cmd, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<ExportFileOptions>();
  auto* sub = export_cmd->add_subcommand("schedule", tr("the current round's interview timetable"));
  sub->add_option("FILE", o->file, tr("output file (.csv or .html)"))->required();
  sub->add_option("--format", o->format, tr("csv or html (default: from FILE, else csv)"));
  set_action(sub, global, command, o, run_export_schedule);
}

void add_export_roster(CLI::App* export_cmd, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<ExportRosterOptions>();
  auto* sub = export_cmd->add_subcommand("roster", tr("the award roster from the decision"));
  sub->add_option("FILE", o->file, trf("output file (.{})", roster_format_names(" .")))->required();
  sub->add_option(
      "--format", o->format,
      trf("{} (default: from FILE)", roster_format_names(i18n::trc("flag list", ", "))));
  sub->add_flag("--public", o->is_public, tr("leave out scores, flags and anything about judges"));
  set_action(sub, global, command, o, run_export_roster);
}

/// SPEC §16: the office tables made from the decision and the comments.
void add_office_table(CLI::App* export_cmd, const char* what, const std::string& description,
                      const std::string& formats,
                      int (*run)(const GlobalOptions&, const ExportFileOptions&),
                      const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<ExportFileOptions>();
  auto* sub = export_cmd->add_subcommand(what, description);
  sub->add_option("FILE", o->file, tr("output file"))->required();
  sub->add_option("--format", o->format, trf("{} (default: from FILE, else csv)", formats));
  set_action(sub, global, command, o, run);
}

}  // namespace

void add_setup_commands(CLI::App& app, const GlobalOptions& global, Command& command) {
  auto init_options = std::make_shared<InitOptions>();
  auto* init = app.add_subcommand("init", tr("create the competition database from a config file"));
  init->add_option("CONFIG", init_options->config, tr("competition config (JSON)"))->required();
  set_action(init, global, command, init_options, run_init);

  auto* config = app.add_subcommand("config", tr("show the competition config"));
  config->require_subcommand(1);
  auto* show = config->add_subcommand("show", tr("print the effective config with all defaults"));
  set_action(show, global, command, std::make_shared<ConfigShowOptions>(), run_config_show);
}

void add_import_commands(CLI::App& app, const GlobalOptions& global, Command& command) {
  auto* import = app.add_subcommand("import", tr("import entries, judges or filled score sheets"));
  import->require_subcommand(1);
  add_import_file(import, "entries", tr("import the entries file"), run_import_entries, global,
                  command);
  add_import_file(import, "judges", tr("import the judges file"), run_import_judges, global,
                  command);
  add_import_scores(import, global, command);
}

void add_export_commands(CLI::App& app, const GlobalOptions& global, Command& command) {
  auto* export_cmd =
      app.add_subcommand("export", tr("write sheets, assignments, the timetable, the roster, "
                                      "certificates, statistics or comments"));
  export_cmd->require_subcommand(1);
  add_export_sheets(export_cmd, global, command);
  add_export_assignments(export_cmd, global, command);
  add_export_schedule(export_cmd, global, command);
  add_export_roster(export_cmd, global, command);
  add_office_table(export_cmd, "certificates",
                   tr("one row per person of each awarded entry, with its certificate number "
                      "(after `jury award`)"),
                   tr("csv or xlsx"), run_export_certificates, global, command);
  add_office_table(export_cmd, "stats",
                   tr("entries, ranked, per tier and recommended, per school and district (after "
                      "`jury award`)"),
                   tr("csv, xlsx or html"), run_export_stats, global, command);
  add_office_table(export_cmd, "comments",
                   tr("the judges' comments per entry, judges numbered, never named"),
                   tr("csv or html"), run_export_comments, global, command);
}

}  // namespace jury::cli
