#include "judging/reliability.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "judging/aggregation.hpp"
#include "judging/results.hpp"
#include "judging/standard_errors.hpp"
#include "judging/totals.hpp"

namespace jury {

namespace {

double quantile_of_sorted(const std::vector<double>& sorted, double p) {
  const double position = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

}  // namespace

std::optional<Distribution> distribution_of(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  return Distribution{values.front(), quantile_of_sorted(values, 0.25),
                      quantile_of_sorted(values, 0.5), quantile_of_sorted(values, 0.75),
                      values.back()};
}

std::optional<double> icc1(const std::vector<std::vector<double>>& totals_by_entry) {
  double n = 0, sum = 0, sum_sq_sizes = 0, groups = 0;
  for (const auto& totals : totals_by_entry) {
    if (totals.empty()) continue;
    groups += 1;
    n += static_cast<double>(totals.size());
    sum_sq_sizes += static_cast<double>(totals.size() * totals.size());
    for (double t : totals) sum += t;
  }
  if (groups < 2 || n <= groups) return std::nullopt;
  const double grand_mean = sum / n;
  double between = 0, within = 0;
  for (const auto& totals : totals_by_entry) {
    if (totals.empty()) continue;
    double entry_sum = 0;
    for (double t : totals) entry_sum += t;
    const double entry_mean = entry_sum / static_cast<double>(totals.size());
    between +=
        static_cast<double>(totals.size()) * (entry_mean - grand_mean) * (entry_mean - grand_mean);
    for (double t : totals) within += (t - entry_mean) * (t - entry_mean);
  }
  const double ms_between = between / (groups - 1);
  const double ms_within = within / (n - groups);
  const double k0 = (n - sum_sq_sizes / n) / (groups - 1);
  const double denominator = ms_between + (k0 - 1) * ms_within;
  if (denominator <= 0) return std::nullopt;
  return (ms_between - ms_within) / denominator;
}

namespace {

/// Index of an entry in its kind's totals (entry_ids are sorted).
std::size_t entry_position(const KindTotals& totals, const std::string& entry_id) {
  return static_cast<std::size_t>(
      std::lower_bound(totals.entry_ids.begin(), totals.entry_ids.end(), entry_id) -
      totals.entry_ids.begin());
}

PoolReliability pool_reliability(const PoolResult& pool, const KindTotals& totals) {
  PoolReliability out{pool.kind, pool.group, pool.subject, pool.entries, {}, {}, 0, {}, {}};
  std::vector<bool> in_pool(totals.entry_ids.size(), false);
  std::vector<double> scores;
  std::vector<std::vector<double>> ranked_totals;
  for (const EntryResult& row : pool.rows) {
    const std::size_t e = entry_position(totals, row.entry_id);
    in_pool[e] = true;
    if (!row.score) continue;
    scores.push_back(*row.score);
    out.ranked_scores.push_back(*row.score);
    std::vector<double> values;
    for (const JudgeTotal& t : totals.by_entry[e]) values.push_back(t.value);
    ranked_totals.push_back(std::move(values));
  }
  out.scores = distribution_of(std::move(scores));
  out.icc = icc1(ranked_totals);
  out.component_sizes = component_sizes(totals, in_pool);
  out.components = static_cast<int>(out.component_sizes.size());
  return out;
}

/// Load, mean total and severity ± SE per judge; the severity is always the severity model's
/// judge effect (SPEC §9), whichever method the competition ranks by, and its SE (SPEC §14) the
/// one of that model's fit.
void add_judges(const KindTotals& totals, const AggregationConfig& aggregation,
                std::vector<JudgeReliability>& out) {
  const auto severity = make_aggregation_method(Method::Severity, aggregation);
  const std::vector<double> effects = severity->aggregate(totals).judge_effects;
  const std::vector<double> errors = severity_standard_errors(
      totals, aggregation.severity_shrinkage, standard_errors(totals, effects).sigma());
  std::vector<JudgeReliability> judges(totals.judge_ids.size());
  for (const auto& entry : totals.by_entry)
    for (const JudgeTotal& t : entry) {
      JudgeReliability& judge = judges[static_cast<std::size_t>(t.judge)];
      ++judge.load;
      judge.mean_total += t.value;
    }
  for (std::size_t j = 0; j < judges.size(); ++j) {
    judges[j].judge_id = totals.judge_ids[j];
    judges[j].kind = totals.kind;
    judges[j].mean_total /= judges[j].load;
    judges[j].severity = effects[j];
    judges[j].severity_error = errors[j];
    out.push_back(std::move(judges[j]));
  }
}

std::vector<TierChange> tier_changes(const Results& configured, const Results& other) {
  std::map<std::string, std::optional<std::string>> other_tier;
  for (const PoolResult& pool : other.pools)
    for (const EntryResult& row : pool.rows) other_tier[row.entry_id] = row.tier;
  std::vector<TierChange> changes;
  for (const PoolResult& pool : configured.pools)
    for (const EntryResult& row : pool.rows) {
      const auto& tier = other_tier[row.entry_id];
      if (tier != row.tier) changes.push_back(TierChange{row.entry_id, pool.kind, row.tier, tier});
    }
  return changes;
}

/// Ranked entries per tier and without one, per kind: kind order, tier order, then no tier.
std::vector<TierCount> tier_counts(const Config& config, const Results& results) {
  std::vector<TierCount> counts;
  for (const Kind& kind : config.kinds) {
    const auto policy = config.awards.find(kind.id);
    if (policy == config.awards.end()) continue;
    std::vector<std::optional<std::string>> tiers;
    for (const Tier& tier : policy->second.tiers) tiers.emplace_back(tier.id);
    tiers.emplace_back(std::nullopt);
    for (const auto& tier : tiers) {
      TierCount count{kind.id, tier, 0};
      for (const PoolResult& pool : results.pools)
        for (const EntryResult& row : pool.rows)
          if (pool.kind == kind.id && row.rank && row.tier == tier) ++count.entries;
      counts.push_back(std::move(count));
    }
  }
  return counts;
}

}  // namespace

ReliabilityReport build_reliability_report(const Config& config, const std::vector<Entry>& entries,
                                           const std::vector<ScoreRow>& scores) {
  ReliabilityReport report;
  report.method = config.aggregation.method;
  const Results results = compute_results(config, entries, scores);
  report.warnings = results.warnings;
  const std::vector<KindTotals> kinds = collect_totals(config, entries, scores);
  for (const PoolResult& pool : results.pools) {
    const auto& totals = kinds[static_cast<std::size_t>(config.kind_index(pool.kind))];
    report.pools.push_back(pool_reliability(pool, totals));
    for (const EntryResult& row : pool.rows) {
      if (!row.flags.empty())
        report.flagged.push_back(FlaggedEntry{row.entry_id, pool.kind, row.flags});
      if (row.standard_error) report.standard_errors.emplace(row.entry_id, *row.standard_error);
    }
  }
  report.tiers = tier_counts(config, results);
  for (const KindTotals& totals : kinds) add_judges(totals, config.aggregation, report.judges);
  for (const AggregationMethodInfo& other : aggregation_methods()) {
    if (other.method == report.method) continue;
    const Results other_results = compute_results(config, entries, scores, other.method);
    report.methods.push_back(MethodComparison{other.method, tier_changes(results, other_results),
                                              tier_counts(config, other_results)});
  }
  return report;
}

}  // namespace jury
