#pragma once

/// The subcommands of `jury`, one setup function per command group: each adds its subcommands
/// and their options to the app and, when one of them is chosen, records what to run.

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <functional>
#include <memory>
#include <string>

namespace jury::cli {

/// The options every subcommand knows (SPEC §10).
struct GlobalOptions {
  std::string db = std::getenv("JURY_DB") ? std::getenv("JURY_DB") : "jury.db";
  std::string lang;  ///< --lang en|zh; read before parsing, see language_option
};

/// The parsed command line: the action of the chosen subcommand (empty when none was chosen)
/// and whether it asked for JSON, so an error is reported as JSON too (SPEC §10).
struct Command {
  std::function<int()> run;
  const bool* json = nullptr;
};

/// When `sub` is the chosen subcommand, main runs `run(global, *options)`; a --json flag of the
/// options also decides how an error is reported.
template <class Options>
void set_action(CLI::App* sub, const GlobalOptions& global, Command& command,
                std::shared_ptr<Options> options,
                int (*run)(const GlobalOptions&, const Options&)) {
  sub->callback([&global, &command, options, run] {
    command.run = [&global, options, run] { return run(global, *options); };
    if constexpr (requires { options->json; }) command.json = &options->json;
  });
}

/// init, config show
void add_setup_commands(CLI::App& app, const GlobalOptions& global, Command& command);
/// import entries|judges|scores
void add_import_commands(CLI::App& app, const GlobalOptions& global, Command& command);
/// export sheets|assignments|schedule|roster|certificates|stats|comments
void add_export_commands(CLI::App& app, const GlobalOptions& global, Command& command);
/// assign, rejudge
void add_assignment_commands(CLI::App& app, const GlobalOptions& global, Command& command);
/// status, results, award, report
void add_decision_commands(CLI::App& app, const GlobalOptions& global, Command& command);
/// advance, absent, schedule
void add_round_commands(CLI::App& app, const GlobalOptions& global, Command& command);
/// audit, demo
void add_record_commands(CLI::App& app, const GlobalOptions& global, Command& command);

}  // namespace jury::cli
