/// jury_fairness: the fairness measurement of SPEC §14 `jury rejudge` on simulated competitions.
/// For each size and seed: generate a competition (fixtures/generator), aggregate with `severity`
/// and connected pools; simulated judges (fixtures/simulator) score k = 5, k = 10, and k = 5 then
/// re-judging by judging/rejudge at several budgets; each result's tiers are compared with the
/// tiers the latent qualities earn under the same quotas (fixtures/fairness). Prints one line per
/// (size, seed, design) and a summary over all runs per design.
///
///   jury_fairness [--sizes 1000,3000] [--seeds 101,102,...] [--severity 0.125] [--noise 0.12]
///                 [--budgets 0.1,0.2,0.3] [--designs "steady M=1 x4",...] [--summary-only]
///
/// Drives the pure judging/ library in-process: no database, no CLI.

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "fixtures/fairness.hpp"
#include "fixtures/generator.hpp"
#include "fixtures/simulator.hpp"
#include "judging/assignment.hpp"
#include "judging/rejudge.hpp"
#include "judging/reliability.hpp"
#include "judging/results.hpp"
#include "judging/totals.hpp"
#include "model/decimal.hpp"

namespace {

using namespace jury;

/// One way to spend the re-judging budget: the order of judging/rejudge, M new judges per chosen
/// entry, and the budget spent in this many successive calls (each re-aggregating first).
struct Design {
  std::string name;
  RejudgeOrder order = RejudgeOrder::ExpectedChanges;
  int extra = 2;
  int rounds = 1;
  bool steady = false;  ///< RejudgeInput::judge_noise: the steadiest judges take the new pairs
};

std::vector<Design> designs() {
  return {{"distance M=2", RejudgeOrder::Distance, 2, 1, false},
          {"expected M=2", RejudgeOrder::ExpectedChanges, 2, 1, false},
          {"expected M=1 x3", RejudgeOrder::ExpectedChanges, 1, 3, false},
          {"expected M=1 x4", RejudgeOrder::ExpectedChanges, 1, 4, false},
          {"expected M=1 x6", RejudgeOrder::ExpectedChanges, 1, 6, false},
          {"expected M=1 x12", RejudgeOrder::ExpectedChanges, 1, 12, false},
          {"steady M=2", RejudgeOrder::ExpectedChanges, 2, 1, true},
          {"steady M=1 x3", RejudgeOrder::ExpectedChanges, 1, 3, true},
          {"steady M=1 x4", RejudgeOrder::ExpectedChanges, 1, 4, true},
          {"steady M=1 x6", RejudgeOrder::ExpectedChanges, 1, 6, true},
          {"steady M=1 x12", RejudgeOrder::ExpectedChanges, 1, 12, true}};
}

struct Run {
  std::string label;  ///< e.g. `k=5`, `k=5 + expected M=2 @0.3`
  TierAccuracy accuracy;
  std::int64_t judgings = 0;  ///< all pairs scored
  std::int64_t planned = 0;   ///< Σ k = 5 over the entries (the base of the added share)
  int disconnected = 0;       ///< pools whose judge–entry graph has more than one component
};

struct Scenario {
  SyntheticCompetition competition;
  SimulationOptions options;
  Results truth;
};

Config with_k(Config config, int k) {
  config.judging.default_judges_per_entry = k;
  for (auto& [kind, per_entry] : config.judging.judges_per_entry) per_entry = k;
  return config;
}

/// The pools of `results` with more than one component (the SPEC §6 warning of `severity`).
int disconnected_pools(const Config& config, const std::vector<Entry>& entries,
                       const std::vector<ScoreRow>& rows) {
  int count = 0;
  for (const KindTotals& totals : collect_totals(config, entries, rows))
    for (const PoolResult& pool : kind_pools(config, totals.kind, entries)) {
      std::vector<bool> in(totals.entry_ids.size(), false);
      for (std::size_t e = 0; e < totals.entry_ids.size(); ++e) {
        const Entry& entry = entries[totals.entry_index[e]];
        in[e] = (!pool.group || entry.group == *pool.group) &&
                (!pool.subject || entry.subject == *pool.subject);
      }
      if (count_components(totals, in) > 1) ++count;
    }
  return count;
}

struct Scored {
  std::vector<Assignment> pairs;
  std::vector<ScoreRow> rows;
  Results results;
};

Scored score(const Scenario& s, const Config& config, std::vector<Assignment> pairs) {
  Scored out;
  out.pairs = std::move(pairs);
  std::sort(out.pairs.begin(), out.pairs.end());
  out.rows = simulate_scores(config, s.competition.entries, out.pairs, s.options);
  out.results = compute_results(config, s.competition.entries, out.rows);
  return out;
}

Run measure(const Scenario& s, const Config& config, const Scored& scored, std::string label,
            std::int64_t planned) {
  Run run;
  run.label = std::move(label);
  run.accuracy = tier_accuracy(scored.results, s.truth);
  run.judgings = static_cast<std::int64_t>(scored.pairs.size());
  run.planned = planned;
  run.disconnected = disconnected_pools(config, s.competition.entries, scored.rows);
  return run;
}

Scored assign_and_score(const Scenario& s, const Config& config) {
  AssignmentInput input;
  input.config = &config;
  input.entries = &s.competition.entries;
  input.judges = &s.competition.judges;
  input.seed = s.options.seed;
  input.connect = true;
  const AssignmentOutcome outcome = assign_judges(input);
  if (!outcome.feasible)
    throw std::runtime_error("assignment infeasible: " +
                             (outcome.problems.empty() ? "" : outcome.problems.front()));
  return score(s, config, outcome.added);
}

/// k = 5, then `design.rounds` calls of plan_rejudge with budgets F·r/rounds (cumulative, so
/// together they add at most ⌊F · Σk⌋ judgings), re-aggregating after each.
Scored rejudge(const Scenario& s, const Config& config, const Scored& base, const Decimal& budget,
               const Design& design) {
  Scored current = base;
  for (int r = 1; r <= design.rounds; ++r) {
    RejudgeInput input;
    input.config = &config;
    input.entries = &s.competition.entries;
    input.judges = &s.competition.judges;
    input.current = current.pairs;
    input.pools = rejudge_places(config, current.results, 0);
    input.budget = Decimal{budget.numerator * r, budget.denominator * design.rounds};
    input.extra = design.extra;
    input.order = design.order;
    input.seed = s.options.seed + static_cast<std::uint64_t>(r);
    if (design.steady)
      input.judge_noise = judge_noise_ratios(config, s.competition.entries, current.rows);
    const RejudgePlan plan = plan_rejudge(input);
    if (!plan.feasible)
      throw std::runtime_error("rejudge infeasible: " +
                               (plan.problems.empty() ? "" : plan.problems.front()));
    if (plan.added.empty()) break;
    std::vector<Assignment> pairs = current.pairs;
    pairs.insert(pairs.end(), plan.added.begin(), plan.added.end());
    current = score(s, config, std::move(pairs));
  }
  return current;
}

/// ICC(1) of the single-judge totals of the k = 5 scores over all kinds (the reliability of one
/// judge, as `jury report` computes it per pool).
double single_judge_icc(const Scenario& s, const Config& config, const Scored& scored) {
  std::vector<std::vector<double>> by_entry;
  for (const KindTotals& totals : collect_totals(config, s.competition.entries, scored.rows)) {
    if (totals.kind != "student") continue;  // one kind: its totals share one scale
    for (const auto& entry : totals.by_entry) {
      std::vector<double> values;
      for (const JudgeTotal& t : entry) values.push_back(t.value);
      by_entry.push_back(std::move(values));
    }
  }
  return icc1(by_entry).value_or(0);
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t comma = text.find(',', at);
    parts.push_back(text.substr(at, comma - at));
    at = comma == std::string::npos ? text.size() : comma + 1;
  }
  return parts;
}

void print_run(int size, std::uint64_t seed, const Run& run) {
  std::printf("%7d %5llu  %-30s %6d %6d %8.4f %8lld %+8.3f %5d\n", size,
              static_cast<unsigned long long>(seed), run.label.c_str(), run.accuracy.entries,
              run.accuracy.entries - run.accuracy.same, run.accuracy.share(),
              static_cast<long long>(run.judgings),
              static_cast<double>(run.judgings - run.planned) / static_cast<double>(run.planned),
              run.disconnected);
}

struct Total {
  TierAccuracy accuracy;
  std::int64_t judgings = 0;
  std::int64_t planned = 0;
  int disconnected = 0;
  int runs = 0;
  int worse_than_k10 = 0;  ///< runs (size, seed) whose accuracy is below k = 10's
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes{1000, 3000};
  std::vector<std::uint64_t> seeds{101, 102, 103, 104, 105, 106, 107, 108};
  std::vector<std::string> budgets{"0.1", "0.2", "0.3"};
  double severity = 0.125, noise = 0.12;
  bool summary_only = false;
  std::vector<std::string> only;  // --designs: names of the designs to run (default: all)
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool value = i + 1 < argc;
    if (arg == "--sizes" && value) {
      sizes.clear();
      for (const std::string& s : split(argv[++i])) sizes.push_back(std::stoi(s));
    } else if (arg == "--seeds" && value) {
      seeds.clear();
      for (const std::string& s : split(argv[++i])) seeds.push_back(std::stoull(s));
    } else if (arg == "--budgets" && value) {
      budgets = split(argv[++i]);
    } else if (arg == "--severity" && value) {
      severity = std::stod(argv[++i]);
    } else if (arg == "--noise" && value) {
      noise = std::stod(argv[++i]);
    } else if (arg == "--designs" && value) {
      only = split(argv[++i]);
    } else if (arg == "--summary-only") {
      summary_only = true;
    } else {
      std::puts(
          "jury_fairness [--sizes 1000,3000] [--seeds 101,...,108] [--budgets 0.1,0.2,0.3]\n"
          "              [--severity SD] [--noise SD] [--designs NAME,...] [--summary-only]\n"
          "severity, noise: the simulated judges' severity SD and per-criterion noise SD as\n"
          "fractions of the max (defaults 0.125 and 0.12); judges = entries / 10.");
      return arg == "--help" || arg == "-h" ? 0 : 2;
    }
  }

  std::printf("simulated judges: severity SD %.3f, noise SD %.3f of each criterion's max\n",
              severity, noise);
  if (!summary_only)
    std::printf("%7s %5s  %-30s %6s %6s %8s %8s %8s %5s\n", "entries", "seed", "design", "ranked",
                "wrong", "accuracy", "judgings", "added", "disc");
  std::vector<std::string> order;  // labels in first-seen order
  std::map<std::string, Total> totals;
  double icc_sum = 0;
  int icc_runs = 0;
  for (int size : sizes)
    for (std::uint64_t seed : seeds) {
      Scenario s;
      s.competition = generate_competition(size, std::max(1, size / 10), 5, seed);
      s.competition.config.aggregation.method = Method::Severity;
      s.options.seed = seed;
      s.options.severity_sd = severity;
      s.options.noise_sd = noise;
      s.truth = quality_results(s.competition.config, s.competition.entries, s.options);
      const Config k5 = with_k(s.competition.config, 5);
      const Config k10 = with_k(s.competition.config, 10);
      const Scored base = assign_and_score(s, k5);
      const std::int64_t planned = static_cast<std::int64_t>(base.pairs.size());
      icc_sum += single_judge_icc(s, k5, base);
      ++icc_runs;

      std::vector<Run> runs;
      runs.push_back(measure(s, k5, base, "k=5", planned));
      runs.push_back(measure(s, k10, assign_and_score(s, k10), "k=10", planned));
      for (const Design& design : designs()) {
        if (!only.empty() && std::find(only.begin(), only.end(), design.name) == only.end())
          continue;
        for (const std::string& text : budgets) {
          const std::optional<Decimal> budget = parse_decimal(text);
          if (!budget) throw std::invalid_argument("bad budget " + text);
          runs.push_back(measure(s, k5, rejudge(s, k5, base, *budget, design),
                                 fmt::format("k=5 + {} @{}", design.name, text), planned));
        }
      }
      const double k10_share = runs[1].accuracy.share();
      for (const Run& run : runs) {
        if (!summary_only) print_run(size, seed, run);
        if (!totals.contains(run.label)) order.push_back(run.label);
        Total& t = totals[run.label];
        t.accuracy += run.accuracy;
        t.judgings += run.judgings;
        t.planned += run.planned;
        t.disconnected += run.disconnected;
        ++t.runs;
        if (run.accuracy.share() < k10_share) ++t.worse_than_k10;
      }
      std::fflush(stdout);
    }

  std::printf("\nsummary over %d runs (sizes × seeds); single-judge ICC(1) %.3f\n", icc_runs,
              icc_runs ? icc_sum / icc_runs : 0.0);
  std::printf("%-30s %8s %8s %8s %10s %5s\n", "design", "ranked", "wrong", "accuracy", "added",
              "<k=10");
  for (const std::string& label : order) {
    const Total& t = totals.at(label);
    std::printf("%-30s %8d %8d %8.4f %+10.3f %2d/%-2d  disconnected pools %d\n", label.c_str(),
                t.accuracy.entries, t.accuracy.entries - t.accuracy.same, t.accuracy.share(),
                static_cast<double>(t.judgings - t.planned) / static_cast<double>(t.planned),
                t.worse_than_k10, t.runs, t.disconnected);
  }
  return 0;
}
