#pragma once
/// Boundary re-judging (SPEC §14 `jury rejudge`): which entries get more judges, how many places
/// the budget allows, and the new pairs under every §5 rule. Pure: the engine loads the round,
/// checks its state and stores the pairs; the fairness measurement (bench/fairness) calls the
/// same functions on simulated competitions.
///
/// Readings of the SPEC:
/// - Budget: cumulative over the round. The round's judgings are its planned ones, Σ k over the
///   counted entries; a place beyond k on an entry was added by re-judging. All calls together
///   add at most ⌊F · Σ k⌋ judgings (F exact as written, rounded down), so `--budget 0.1` then
///   `--budget 0.2` adds about 0.1 · Σ k each time and a repeated `--budget 0.1` adds nothing.
/// - Each chosen entry gets exactly M new judges; a remainder below M stays unspent.
/// - Entries whose outcome cannot change (no boundary in the pool, SE 0) are never chosen.
/// - Which judges (beyond §5's hard rules, which always hold): with `judge_noise`, the new pairs
///   go to the judges whose totals scatter least around the fit (their severity b_j is the best
///   estimated, and a steadier judge's total moves the entry's score nearer its true value): the
///   steadiest half of the judges first, widened to 3/4 and then to every judge when the half
///   cannot take all new pairs; among them the §5 objective decides. The objective reported is
///   §5's over all pairs, so it may exceed the unrestricted optimum.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "judging/close_decisions.hpp"
#include "model/decimal.hpp"
#include "model/model.hpp"

namespace jury {

/// One ranked entry of a pool, in the round's rank order.
struct RejudgePlace {
  std::string entry_id;
  BoundaryPlace place;  ///< rounded score, SE_e and outcome (as the `close` flags see them)
  int judgings = 0;     ///< n_e: its complete totals
};

/// How candidates are ordered.
enum class RejudgeOrder {
  /// The SPEC's minimum: smallest |s − b| / SE first (nearest boundary).
  Distance,
  /// Expected outcome changes the M new judgings bring: with the entry's true score ~ N(s, SE²)
  /// and the new estimate s' ~ N(s, SE² − SE'²), SE' = SE·√(n/(n+M)), the drop in the chance
  /// that the entry lies on the other side of a boundary, summed over the boundaries next to
  /// it (above and below). Unlike the distance, it weighs entries already re-judged (smaller
  /// SE gain) and entries between two close boundaries (two chances to be wrong).
  ExpectedChanges,
};

struct RejudgeCandidate {
  std::string entry_id;
  double distance = 0;  ///< min |s − b| / SE over the pool's boundaries
  double priority = 0;  ///< larger first (−distance for Distance)
};

/// The candidates of every pool, best first (ties: smaller distance, then entry_id); entries
/// without SE > 0 or in pools without a boundary are left out.
std::vector<RejudgeCandidate> rejudge_candidates(
    const std::vector<std::vector<RejudgePlace>>& pools, int extra, RejudgeOrder order);

/// The expected change of one entry (RejudgeOrder::ExpectedChanges), for tests and reports.
/// `boundaries` ascending.
double expected_outcome_changes(double score, double standard_error, int judgings, int extra,
                                const std::vector<double>& boundaries);

/// ⌊budget · planned⌋, exactly on the decimal as written.
std::int64_t rejudge_allowance(std::int64_t planned_judgings, const Decimal& budget);

/// The ranked places of each pool of `results` in round `round` of `config`: outcome = `on` for
/// an entry flagged `advance`, else its tier when `round` decides that tier (one round: always),
/// else none — the outcomes of SPEC §14's boundaries.
std::vector<std::vector<RejudgePlace>> rejudge_places(const Config& config, const Results& results,
                                                      std::size_t round);

/// Per judge, how much its complete totals of the round scatter around the aggregation's fit,
/// relative to its kind's σ² (SPEC §14): Σ r² / Σ (1 − 1/n_e) over its totals, r = t − θ_e − b_j
/// (b = 0 for methods without judge effects), shrunk toward σ² by `pseudo_totals` totals of σ²,
/// divided by σ², and averaged over the kinds weighted by its totals. 1 = a typical judge.
std::map<std::string, double> judge_noise_ratios(const Config& config,
                                                 const std::vector<Entry>& entries,
                                                 const std::vector<ScoreRow>& scores,
                                                 double pseudo_totals = 10);

struct RejudgeInput {
  const Config* config = nullptr;                ///< as the round sees it (Config::for_round)
  const std::vector<Entry>* entries = nullptr;   ///< the round's counted entries
  const std::vector<Judge>* judges = nullptr;    ///< judges not serving in the round inactive
  std::vector<Assignment> current;               ///< the round's pairs
  std::vector<Assignment> recusals;              ///< never assigned again
  std::vector<std::vector<RejudgePlace>> pools;  ///< rejudge_places of the round's results
  Decimal budget{3, 10};                         ///< F
  int extra = 2;                                 ///< M
  RejudgeOrder order = RejudgeOrder::ExpectedChanges;
  std::uint64_t seed = 0;
  /// judge_noise_ratios of the round's scores; empty: every eligible judge alike (the §5 optimum).
  std::map<std::string, double> judge_noise{};
};

struct RejudgePlan {
  std::int64_t planned = 0;              ///< Σ k over the counted entries
  std::int64_t allowance = 0;            ///< ⌊F · planned⌋
  std::int64_t already = 0;              ///< places beyond k already on counted entries
  std::vector<RejudgeCandidate> chosen;  ///< in priority order
  std::vector<Assignment> added;         ///< new pairs, sorted
  std::int64_t objective = 0;            ///< §5 objective of all pairs after adding
  bool feasible = true;                  ///< false: `problems` say why
  std::vector<std::string> problems;
  /// Judges allowed new pairs (all active judges when `judge_noise` is empty).
  std::size_t preferred_judges = 0;
};

/// Chooses the entries (best first, as many as ⌊(allowance − already) / M⌋, skipping those with
/// fewer than M eligible judges) and assigns M new judges to each by the §5 optimum with
/// capacities recomputed for the added judgings (judging/assignment `extra_places`).
RejudgePlan plan_rejudge(const RejudgeInput& input);

}  // namespace jury
