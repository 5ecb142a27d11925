/// The thin `jury` executable: parse arguments, run the chosen subcommand (cli/commands_*.cpp)
/// and map every error to its exit code (SPEC §10) in one place.

#include <CLI/CLI.hpp>

#include <unistd.h>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "cli/commands.hpp"
#include "engine/errors.hpp"
#include "exporters/atomic_file.hpp"
#include "exporters/diagnostics_json.hpp"
#include "model/i18n.hpp"

namespace {

using namespace jury;
using i18n::tr;
using i18n::trf;

/// Prints the error the way SPEC §10 asks and returns its exit code.
int report_error(const JuryError& error, bool json) {
  if (isatty(STDERR_FILENO)) std::cerr << "\r\x1b[K";  // clear a progress line
  if (const auto* input = dynamic_cast<const InputError*>(&error)) {
    if (json)
      std::cout << diagnostics_json(input->diagnostics());
    else
      std::cerr << input->diagnostics().to_text();
  }
  if (const auto* infeasible = dynamic_cast<const InfeasibleError*>(&error))
    for (const auto& line : infeasible->problems()) std::cerr << "  " << line << "\n";
  std::cerr << "jury: " << error.what() << "\n";
  return error.exit_code();
}

/// Runs the parsed command; every error it throws becomes its exit code here.
int run_command(const cli::Command& command) {
  try {
    return command.run ? command.run() : kExitUsage;
  } catch (const JuryError& error) {
    return report_error(error, command.json && *command.json);
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

/// The options before (or after, see fallthrough) the subcommand, and the rules of the app.
void add_global_options(CLI::App& app, cli::GlobalOptions& global) {
  app.set_version_flag("--version", std::string("jury ") + JURY_VERSION,
                       tr("Display program version information and exit"));
  app.add_option("--db", global.db, tr("competition database (default ./jury.db, or $JURY_DB)"));
  app.add_option("--lang", global.lang,
                 tr("interface language: en or zh (default: $JURY_LANG, else the locale)"))
      ->check(CLI::IsMember({"en", "zh"}));
  app.set_help_flag("-h,--help", tr("Print this help message and exit"));
  // Global options may also come after the command (`jury status --db X`, SPEC §10): every
  // subcommand (created later, which inherit this) passes options it does not know to its parent.
  app.fallthrough();
  app.require_subcommand(1);
}

}  // namespace

int main(int argc, char** argv) {
  // A file-size limit (ulimit -f) makes a write fail with EFBIG, reported as exit 2 with the
  // path, instead of killing the process halfway through (SPEC §10).
  std::signal(SIGXFSZ, SIG_IGN);
  i18n::set_language(i18n::choose_language(language_option(argc, argv), std::getenv("JURY_LANG"),
                                           std::getenv("LC_ALL"), std::getenv("LANG")));
  CLI::App app{
      tr("jury — judging and scoring engine for youth science and technology competitions")};
  cli::GlobalOptions global;
  cli::Command command;
  add_global_options(app, global);
  for (auto* add_commands :
       {cli::add_setup_commands, cli::add_import_commands, cli::add_assignment_commands,
        cli::add_export_commands, cli::add_decision_commands, cli::add_round_commands,
        cli::add_record_commands})
    add_commands(app, global, command);
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
  return run_command(command);
}
