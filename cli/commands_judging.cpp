/// The subcommands of the judging itself: assign, rejudge, status, results, award, report,
/// advance, absent, schedule, audit and demo.

#include <iostream>

#include "cli/commands.hpp"
#include "demo/demo.hpp"
#include "engine/competition.hpp"
#include "engine/errors.hpp"
#include "exporters/atomic_file.hpp"
#include "exporters/audit_views.hpp"
#include "exporters/results_views.hpp"
#include "exporters/status_views.hpp"
#include "model/i18n.hpp"
#include "model/text.hpp"

namespace jury::cli {

namespace {

using i18n::tr;
using i18n::trf;

struct AssignOptions {
  std::uint64_t seed = 0;
  bool reshuffle = false;
  std::string explain;  ///< --explain ENTRY_ID
};

struct RejudgeOptions {
  std::string budget = "0.3";  ///< --budget F (SPEC §14)
  int extra = 2;               ///< --extra M (SPEC §14)
  std::uint64_t seed = 0;
};

struct StatusOptions {
  bool json = false;
  std::optional<std::string> round;  ///< --round ID (SPEC §12); unset = the current round
};

struct ResultsOptions {
  bool json = false;
  std::string method;
  std::optional<std::string> round;
};

struct AwardOptions {
  bool allow_incomplete = false;
  bool reopen = false;
  std::string reason;
};

struct ReportOptions {
  bool json = false;
  std::string html;  ///< report --html FILE (SPEC §14)
  std::optional<std::string> round;
};

struct AdvanceOptions {
  bool allow_incomplete = false;
  bool reopen = false;
};

struct AbsentOptions {
  std::vector<std::string> entry_ids;
  bool undo = false;
};

struct ScheduleOptions {
  std::uint64_t seed = 0;
};

struct AuditOptions {
  bool json = false;
  bool verify = false;
};

struct DemoOptions {
  std::string dir = "jury-demo";
};

int run_assign(const GlobalOptions& global, const AssignOptions& o) {
  Competition competition = Competition::open(global.db);
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

int run_rejudge(const GlobalOptions& global, const RejudgeOptions& o) {
  Competition competition = Competition::open(global.db);
  std::cout << competition.rejudge(o.budget, o.extra, o.seed).message << "\n";
  return kExitOk;
}

int run_status(const GlobalOptions& global, const StatusOptions& o) {
  const Competition competition = Competition::open(global.db);
  const Status status = competition.status(competition.round_of(o.round));
  std::cout << (o.json ? status_json(status) : status_text(competition.config(), status));
  return kExitOk;
}

int run_results(const GlobalOptions& global, const ResultsOptions& o) {
  const Competition competition = Competition::open(global.db);
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
                       : results_text(competition.config(), results));
  return kExitOk;
}

int run_award(const GlobalOptions& global, const AwardOptions& o) {
  Competition competition = Competition::open(global.db);
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
  std::cout << results_text(competition.config(), decided);
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

int run_report(const GlobalOptions& global, const ReportOptions& o) {
  const Competition competition = Competition::open(global.db);
  if (!o.html.empty()) {
    if (o.json) throw UsageError(tr("--json and --html are two forms of the report; choose one"));
    competition.export_report(o.html, competition.round_of(o.round));
    std::cout << trf("report written to {}", o.html) << "\n";
    return kExitOk;
  }
  const ReliabilityReport report = competition.report(competition.round_of(o.round));
  std::cout << (o.json ? report_json(report) : report_text(competition.config(), report));
  return kExitOk;
}

int run_advance(const GlobalOptions& global, const AdvanceOptions& o) {
  Competition competition = Competition::open(global.db);
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

int run_absent(const GlobalOptions& global, const AbsentOptions& o) {
  Competition competition = Competition::open(global.db);
  std::cout << competition.absent(o.entry_ids, o.undo ? Attendance::Present : Attendance::Absent)
            << "\n";
  return kExitOk;
}

int run_schedule(const GlobalOptions& global, const ScheduleOptions& o) {
  Competition competition = Competition::open(global.db);
  std::cout << competition.schedule(o.seed).message << "\n";
  return kExitOk;
}

int run_audit(const GlobalOptions& global, const AuditOptions& o) {
  const Competition competition = Competition::open(global.db);
  if (o.verify) {  // SPEC §10: exit 3 when something was changed outside jury
    const TamperReport report = competition.verify();
    std::cout << (o.json ? verify_json(report) : verify_text(report));
    return report.intact() ? kExitOk : kExitState;
  }
  std::cout << (o.json ? audit_json(competition.audit()) : audit_text(competition.audit()));
  return kExitOk;
}

int run_demo_command(const GlobalOptions& /*global*/, const DemoOptions& o) {
  create_output_folder(o.dir);
  return jury::run_demo(o.dir, std::cout);
}

void add_assign(CLI::App& app, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<AssignOptions>();
  auto* sub = app.add_subcommand("assign", tr("assign judges to entries (optimal, incremental)"));
  sub->add_option("--seed", o->seed, tr("chooses among optimal assignments (default 0)"));
  sub->add_flag("--reshuffle", o->reshuffle, tr("recompute the assignments that have no scores"));
  sub->add_option("--explain", o->explain, tr("explain the judges of one entry"))
      ->option_text("ENTRY_ID");
  set_action(sub, global, command, o, run_assign);
}

void add_rejudge(CLI::App& app, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<RejudgeOptions>();
  auto* sub = app.add_subcommand(
      "rejudge", tr("more judges for the entries nearest a prize boundary (after the scores)"));
  sub->add_option("--budget", o->budget,
                  tr("added judgings of the round at most F × its judgings, all calls "
                     "together (default 0.3)"))
      ->option_text("F");
  sub->add_option("--extra", o->extra, tr("more judges per chosen entry (default 2)"))
      ->option_text("M");
  sub->add_option("--seed", o->seed, tr("chooses among optimal assignments (default 0)"));
  set_action(sub, global, command, o, run_rejudge);
}

void add_status(CLI::App& app, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<StatusOptions>();
  auto* sub = app.add_subcommand("status", tr("counts and what is still missing"));
  sub->add_flag("--json", o->json, tr("print JSON"));
  sub->add_option("--round", o->round, tr("the round (default: the current one)"))
      ->option_text("ID");
  set_action(sub, global, command, o, run_status);
}

void add_results(CLI::App& app, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<ResultsOptions>();
  auto* sub = app.add_subcommand("results", tr("ranking preview (nothing is stored)"));
  sub->add_flag("--json", o->json, tr("print the results as JSON (the roster's JSON document)"));
  sub->add_option("--method", o->method, tr("override the aggregation method"));
  sub->add_option("--round", o->round, tr("as of this round (default: the current one)"))
      ->option_text("ID");
  set_action(sub, global, command, o, run_results);
}

void add_award(CLI::App& app, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<AwardOptions>();
  auto* sub = app.add_subcommand("award", tr("decide and freeze the prize tiers"));
  sub->add_flag("--allow-incomplete", o->allow_incomplete,
                tr("decide although entries are incomplete"));
  sub->add_flag("--reopen", o->reopen, tr("withdraw the decision (audited; needs --reason)"));
  sub->add_option("--reason", o->reason,
                  tr("why the decision is reopened (goes into the audit log)"))
      ->option_text("TEXT");
  set_action(sub, global, command, o, run_award);
}

void add_report(CLI::App& app, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<ReportOptions>();
  auto* sub = app.add_subcommand("report", tr("how fair the judging was (not for publication)"));
  sub->add_flag("--json", o->json, tr("print JSON"));
  sub->add_option("--html", o->html, tr("write the committee's page (charts, close decisions)"))
      ->option_text("FILE");
  sub->add_option("--round", o->round, tr("the round (default: the current one)"))
      ->option_text("ID");
  set_action(sub, global, command, o, run_report);
}

void add_advance(CLI::App& app, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<AdvanceOptions>();
  auto* sub = app.add_subcommand(
      "advance", tr("close the current round; its best entries go on to the next round"));
  sub->add_flag("--allow-incomplete", o->allow_incomplete,
                tr("advance although entrants going on are incomplete (they do not go on)"));
  sub->add_flag("--reopen", o->reopen,
                tr("back to the previous round while the current one has no scores"));
  set_action(sub, global, command, o, run_advance);
}

void add_absent(CLI::App& app, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<AbsentOptions>();
  auto* sub = app.add_subcommand("absent", tr("mark entrants of the current round absent"));
  sub->add_option("ENTRY_ID", o->entry_ids, tr("entries absent from the round (e.g. the defence)"))
      ->required();
  sub->add_flag("--undo", o->undo, tr("they are present after all"));
  set_action(sub, global, command, o, run_absent);
}

void add_schedule(CLI::App& app, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<ScheduleOptions>();
  auto* sub = app.add_subcommand("schedule", tr("interview timetable of the current round"));
  sub->add_option("--seed", o->seed, tr("chooses among timetables (default 0)"));
  set_action(sub, global, command, o, run_schedule);
}

void add_audit(CLI::App& app, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<AuditOptions>();
  auto* sub = app.add_subcommand("audit", tr("the append-only audit log"));
  sub->add_flag("--json", o->json, tr("print JSON"));
  sub->add_flag("--verify", o->verify,
                tr("check the audit chain and the state digest; exit 3 naming what was changed "
                   "outside jury"));
  set_action(sub, global, command, o, run_audit);
}

void add_demo(CLI::App& app, const GlobalOptions& global, Command& command) {
  auto o = std::make_shared<DemoOptions>();
  auto* sub = app.add_subcommand("demo", tr("the whole workflow on the bundled sample"));
  sub->add_option("DIR", o->dir, tr("output directory (default ./jury-demo)"));
  set_action(sub, global, command, o, run_demo_command);
}

}  // namespace

void add_assignment_commands(CLI::App& app, const GlobalOptions& global, Command& command) {
  add_assign(app, global, command);
  add_rejudge(app, global, command);
}

void add_decision_commands(CLI::App& app, const GlobalOptions& global, Command& command) {
  add_status(app, global, command);
  add_results(app, global, command);
  add_award(app, global, command);
  add_report(app, global, command);
}

void add_round_commands(CLI::App& app, const GlobalOptions& global, Command& command) {
  add_advance(app, global, command);
  add_absent(app, global, command);
  add_schedule(app, global, command);
}

void add_record_commands(CLI::App& app, const GlobalOptions& global, Command& command) {
  add_audit(app, global, command);
  add_demo(app, global, command);
}

}  // namespace jury::cli
