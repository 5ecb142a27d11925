#pragma once
/// Judge assignment (SPEC §5): hard constraints, the optimal min-cost assignment, incremental
/// filling, infeasibility explanations and the per-entry explanation of `jury assign --explain`.
/// Pure functions on model values; the engine loads and stores the pairs.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace jury {

struct AssignmentInput {
  const Config* config = nullptr;
  const std::vector<Entry>* entries = nullptr;  ///< all entries; only active ones need judges
  const std::vector<Judge>* judges = nullptr;   ///< all judges; only active ones get new pairs
  /// Existing pairs kept as they are: they count toward the entry's k, the judge's load and the
  /// objective.
  std::vector<Assignment> kept;
  std::vector<Assignment> recusals;  ///< pairs that must never be assigned (recorded conflicts)
  std::uint64_t seed = 0;
  /// SPEC §14 `rejudge`: when not empty, only these entries get new places, this many each on
  /// top of their kept pairs (which may already exceed k), and no other place is filled.
  std::map<std::string, int> extra_places{};
  /// SPEC §14 with §5's `--reshuffle`: entries that re-judging gave more than k places, with
  /// their number of places. Without `extra_places`, these entries are filled to this many
  /// instead of k (the pairs are recomputed, the round's places stay), and the places beyond k
  /// count in the capacities as in `rejudge`.
  std::map<std::string, int> places{};
  /// SPEC §14 connected pools: after the §5 optimum, exchange new pairs' judges between entries
  /// so that every pool's judge–entry graph is connected where eligible pairs allow.
  bool connect = false;
};

/// SPEC §14: one exchange of judges between two entries of a pool. Before it, first.judge_id
/// judged first.entry_id and second.judge_id second.entry_id; after it, the other way round.
struct JudgeExchange {
  std::string pool;
  Assignment first;
  Assignment second;
  std::int64_t cost = 0;  ///< change of the objective (loads stay, so only mismatch costs)
};

/// SPEC §14: a pool whose judge–entry graph had more than one connected component.
struct PoolComponents {
  std::string pool;
  int before = 0;  ///< components of the §5 optimum
  int after = 0;   ///< components after connecting (1 unless no feasible exchange joins them)
};

struct AssignmentOutcome {
  bool feasible = false;
  std::vector<Assignment> added;         ///< new pairs only, sorted
  std::int64_t objective = 0;            ///< the §5 objective over kept + added
  std::int64_t optimum = 0;              ///< the §5 optimum; objective = optimum + connect_cost
  std::int64_t connect_cost = 0;         ///< SPEC §14: Σ exchange costs (0 without `connect`)
  std::vector<JudgeExchange> exchanges;  ///< SPEC §14, in the order made
  std::vector<PoolComponents> pools;     ///< SPEC §14: pools that were not connected
  /// Infeasible: one human line per entry that cannot get k judges, or per kind capacity
  /// shortfall.
  std::vector<std::string> problems;
  /// Feasible: optimality was proved (a lower bound met, or every omitted pair's reduced cost
  /// checked against the solver's potentials). Always true unless a solver limit was hit.
  bool certified = false;
  std::string method;  ///< which solver path produced the result (for benchmarks and logs)
};

/// The default capacity of a judge: config max_load when set, else ⌈6·K/(5·J)⌉ with K = Σ k over
/// active entries and J = active judges (0 when there is no active judge). `added_judgings`:
/// places beyond k that re-judging added or adds (SPEC §14: capacity recomputed with them).
int default_max_load(const Config& config, const std::vector<Entry>& entries,
                     const std::vector<Judge>& judges, std::int64_t added_judgings = 0);

/// A judge's capacity: judge.max_load, else `default_load` (from default_max_load).
int judge_capacity(const Judge& judge, int default_load);

/// The §5 objective of a set of pairs: Σ cost(j,e) + balance_cost · Σ_j L_j(L_j−1)/2.
/// Pairs naming unknown judges or entries are ignored.
std::int64_t assignment_objective(const Config& config, const std::vector<Entry>& entries,
                                  const std::vector<Judge>& judges,
                                  const std::vector<Assignment>& pairs);

/// Optimal assignment of the missing places (SPEC §5). Entries with ≥ k kept pairs need nothing;
/// an entry needs k − kept new distinct judges, none of them among its kept ones or recused.
/// Same input (including seed) → identical output.
AssignmentOutcome assign_judges(const AssignmentInput& input);

/// SPEC §14 in words, for the `assign` message and its audit record.
struct ConnectReport {
  std::string objective;              ///< e.g. `1234 (§5 optimum 1200 + 34 for connecting)`
  std::vector<std::string> details;   ///< per pool: components and the exchanges made
  std::vector<std::string> warnings;  ///< pools left with more than one component
};
ConnectReport describe_connecting(const AssignmentOutcome& outcome);

/// Human explanation of one entry's assignment given the current pairs: a line per judge of the
/// entry (cost terms: mismatch, load), then for every other judge the reason it was not chosen
/// (inactive, kind, conflict rule, recused, at capacity, or higher cost than the chosen ones).
std::vector<std::string> explain_assignment(const AssignmentInput& input,
                                            const std::vector<Assignment>& current,
                                            const std::string& entry_id);

}  // namespace jury
