/// jury_bench: times the engine's stages on synthetic competitions (SPEC §11) and prints a table
/// stage × size → wall time, peak memory. Every (stage, size) runs in a forked child so that the
/// peak RSS (VmHWM) is that run's own. Stages are a list: an import stage or a results stage is
/// one more entry in `stages()`.
///
///   jury_bench [STAGE...] [--sizes 1000,10000,100000] [--seed N]
///
/// Sizes are entry counts; judges = entries / 10, k = 5 judges per entry.

#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "fixtures/generator.hpp"
#include "judging/assign_problem.hpp"
#include "judging/assignment.hpp"

namespace {

using namespace jury;

/// What one stage reports besides time and memory.
struct StageOutput {
  std::string objective;  ///< e.g. the §5 objective
  std::string note;       ///< e.g. certified / solver path
};

struct Stage {
  std::string name;
  std::string description;
  std::size_t max_default_size;  ///< larger sizes only when asked for by --sizes
  /// Prepares untimed input from the competition, then returns the timed work.
  std::function<std::function<StageOutput()>(SyntheticCompetition&, std::uint64_t seed)> prepare;
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

Measurement run_in_child(const Stage& stage, int entries, std::uint64_t seed) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    SyntheticCompetition c = generate_competition(entries, std::max(1, entries / 10), 5, seed);
    const auto work = stage.prepare(c, seed);
    Measurement m;
    m.input_kib = peak_rss_kib();
    const auto start = std::chrono::steady_clock::now();
    const StageOutput out = work();
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m.peak_kib = peak_rss_kib();
    std::snprintf(m.objective, sizeof m.objective, "%s", out.objective.c_str());
    std::snprintf(m.note, sizeof m.note, "%s", out.note.c_str());
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

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> wanted;
  std::vector<int> sizes;
  std::uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--sizes" && i + 1 < argc) {
      sizes = parse_sizes(argv[++i]);
    } else if (arg == "--seed" && i + 1 < argc) {
      seed = std::stoull(argv[++i]);
    } else if (arg == "--help" || arg == "-h") {
      std::puts("jury_bench [STAGE...] [--sizes 1000,10000,100000] [--seed N]\nstages:");
      for (const Stage& s : stages())
        std::printf("  %-16s %s\n", s.name.c_str(), s.description.c_str());
      return 0;
    } else {
      wanted.push_back(arg);
    }
  }
  const bool explicit_sizes = !sizes.empty();
  if (!explicit_sizes) sizes = {1000, 10000, 100000};
  std::printf("%-18s %8s %7s %3s %9s %10s %10s %12s  %s\n", "stage", "entries", "judges", "k",
              "time [s]", "input MiB", "peak MiB", "objective", "note");
  for (const Stage& stage : stages()) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), stage.name) == wanted.end())
      continue;
    for (int n : sizes) {
      if (!explicit_sizes && static_cast<std::size_t>(n) > stage.max_default_size) continue;
      const Measurement m = run_in_child(stage, n, seed);
      std::printf("%-18s %8d %7d %3d %9.2f %10.1f %10.1f %12s  %s\n", stage.name.c_str(), n,
                  std::max(1, n / 10), 5, m.seconds, static_cast<double>(m.input_kib) / 1024.0,
                  static_cast<double>(m.peak_kib) / 1024.0, m.objective, m.note);
      std::fflush(stdout);
    }
  }
  return 0;
}
