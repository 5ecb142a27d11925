#pragma once
/// Statistics for `jury report` (SPEC §9): how far the scores can be trusted. Per pool the score
/// distribution, ICC(1) of the judge totals and the connected components of the judge–entry graph;
/// per judge load, mean total and severity; flagged entries; and the entries whose tier would
/// change under each other aggregation method.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "judging/totals.hpp"
#include "model/model.hpp"

namespace jury {

/// Five-number summary; quartiles by linear interpolation between order statistics at
/// position (n − 1)·p (the common "type 7" definition).
struct Distribution {
  double min = 0;
  double q1 = 0;
  double median = 0;
  double q3 = 0;
  double max = 0;
};

/// Five-number summary of the values (any order); nullopt when empty.
std::optional<Distribution> distribution_of(std::vector<double> values);

/// One-way random-effects ICC(1) of totals grouped by entry (unbalanced: k0 =
/// (N − Σ n_e² / N) / (a − 1)). nullopt when it is undefined (fewer than 2 entries, no entry
/// with 2 totals, or no variance at all).
std::optional<double> icc1(const std::vector<std::vector<double>>& totals_by_entry);

struct PoolReliability {
  std::string kind;
  std::optional<std::string> group;
  std::optional<std::string> subject;
  int entries = 0;                     ///< ranked entries
  std::optional<Distribution> scores;  ///< of the ranked entries' (rounded) scores
  std::optional<double> icc;           ///< ICC(1) of the ranked entries' totals
  int components = 0;                  ///< of the pool's judge–entry graph
  std::vector<double> ranked_scores;   ///< the ranked entries' rounded scores, in rank order
  std::vector<ComponentSize> component_sizes;  ///< of those components, largest first
};

struct JudgeReliability {
  std::string judge_id;
  std::string kind;
  int load = 0;               ///< complete totals given in the kind
  double mean_total = 0;      ///< mean of those totals
  double severity = 0;        ///< b_j of the severity model (negative = harsh)
  double severity_error = 0;  ///< its SE (SPEC §14), σ of the severity model's fit
};

struct FlaggedEntry {
  std::string entry_id;
  std::string kind;
  std::vector<std::string> flags;
};

/// An entry whose tier under `method` differs from its tier under the configured method.
struct TierChange {
  std::string entry_id;
  std::string kind;
  std::optional<std::string> configured_tier;  ///< tier id under config.aggregation.method
  std::optional<std::string> other_tier;       ///< tier id under `method`
};

/// How many ranked entries of a kind hold a tier (nullopt: none) under one method.
struct TierCount {
  std::string kind;
  std::optional<std::string> tier;
  int entries = 0;
};

struct MethodComparison {
  Method method = Method::Mean;
  std::vector<TierChange> changes;  ///< in results order (kind, pool, rank, entry_id)
  std::vector<TierCount> tiers;     ///< kind order, tier order, then no tier
};

struct ReliabilityReport {
  Method method = Method::Severity;  ///< the configured method
  std::vector<PoolReliability> pools;
  std::vector<JudgeReliability> judges;   ///< kind order, then judge_id
  std::vector<FlaggedEntry> flagged;      ///< in results order
  std::vector<MethodComparison> methods;  ///< every other method, in registry order
  std::vector<std::string> warnings;      ///< those of the configured method's results
  std::vector<TierCount> tiers;           ///< under the configured method, as in MethodComparison
  std::map<std::string, double> standard_errors;  ///< SE_e by entry_id, entries with totals
};

ReliabilityReport build_reliability_report(const Config& config, const std::vector<Entry>& entries,
                                           const std::vector<ScoreRow>& scores);

}  // namespace jury
