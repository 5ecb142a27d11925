#include "judging/results.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <set>
#include <span>
#include <tuple>

#include "judging/aggregation.hpp"
#include "judging/awards.hpp"
#include "judging/close_decisions.hpp"
#include "judging/method_mean.hpp"
#include "judging/ranking.hpp"
#include "judging/standard_errors.hpp"
#include "judging/totals.hpp"

namespace jury {

namespace {

/// Where a pool sits: group order, then subject order of the config (unknown ids last, by id).
/// Fields the kind is not split by stay empty.
struct PoolKey {
  int group_order = 0;
  std::string group;
  int subject_order = 0;
  std::string subject;

  friend bool operator<(const PoolKey& a, const PoolKey& b) {
    return std::tie(a.group_order, a.group, a.subject_order, a.subject) <
           std::tie(b.group_order, b.group, b.subject_order, b.subject);
  }
};

int order_or_last(int index) {
  return index < 0 ? INT_MAX : index;
}

bool splits_by(const AwardPolicy& policy, const std::string& field) {
  return std::find(policy.pool_by.begin(), policy.pool_by.end(), field) != policy.pool_by.end();
}

/// The pool of an entry of a kind with this policy.
PoolKey pool_key_of(const Config& config, const AwardPolicy& policy, const Entry& entry) {
  PoolKey key;
  if (splits_by(policy, "group")) {
    key.group = entry.group;
    key.group_order = order_or_last(config.group_index(entry.group));
  }
  if (splits_by(policy, "subject")) {
    key.subject = entry.subject;
    key.subject_order = order_or_last(config.subject_index(entry.subject));
  }
  return key;
}

/// The kind's active entries (indices into KindTotals) grouped into pools, in pool order.
std::map<PoolKey, std::vector<std::size_t>> split_into_pools(const Config& config,
                                                             const AwardPolicy& policy,
                                                             const KindTotals& totals,
                                                             const std::vector<Entry>& entries) {
  std::map<PoolKey, std::vector<std::size_t>> pools;
  for (std::size_t e = 0; e < totals.entry_ids.size(); ++e)
    pools[pool_key_of(config, policy, entries[totals.entry_index[e]])].push_back(e);
  return pools;
}

std::optional<std::string> pool_field(bool split, const std::string& value) {
  if (!split || value.empty()) return std::nullopt;
  return value;
}

/// An empty pool result naming the pool of `key`.
PoolResult named_pool(const std::string& kind, const AwardPolicy& policy, const PoolKey& key) {
  PoolResult pool;
  pool.kind = kind;
  pool.group = pool_field(splits_by(policy, "group"), key.group);
  pool.subject = pool_field(splits_by(policy, "subject"), key.subject);
  return pool;
}

/// Everything a kind contributes that does not depend on the pool.
struct KindContext {
  const Config& config;
  const KindTotals& totals;
  const EntryScores& raw_scores;
  const std::vector<std::optional<double>>& standard_errors;  ///< SE_e per entry (SPEC §14)
  const std::vector<ScoreRow>& scores;
  std::vector<std::size_t> tiebreak;
  const ScoreCombiner& combine;
};

bool has_disagreement(const std::vector<JudgeTotal>& totals, double threshold) {
  if (totals.empty()) return false;
  const auto [low, high] = std::minmax_element(
      totals.begin(), totals.end(),
      [](const JudgeTotal& a, const JudgeTotal& b) { return a.value < b.value; });
  return high->value - low->value > threshold;
}

/// One entry's line before ranking: score, tiebreak values and flags.
EntryResult score_entry(const KindContext& kind, std::size_t e) {
  const AggregationConfig& aggregation = kind.config.aggregation;
  const auto& totals = kind.totals.by_entry[e];
  EntryResult result;
  result.entry_id = kind.totals.entry_ids[e];
  result.scores = static_cast<int>(totals.size());
  result.standard_error = kind.standard_errors[e];
  const bool complete =
      !totals.empty() && result.scores >= aggregation.min_scores && kind.raw_scores[e].has_value();
  if (!complete) result.flags.push_back("incomplete");
  if (has_disagreement(totals, aggregation.disagreement)) result.flags.push_back("disagreement");
  if (!complete) return result;
  result.raw_score = kind.raw_scores[e];
  if (kind.combine) result.raw_score = kind.combine(result.entry_id, *result.raw_score);
  if (!result.raw_score) {  // a weighted round without a score (SPEC §12): not ranked
    result.flags.insert(result.flags.begin(), "incomplete");
    return result;
  }
  result.score = round_to_precision(*result.raw_score, aggregation.precision);
  for (std::size_t c : kind.tiebreak) {
    std::vector<double> values;
    for (const JudgeTotal& t : totals) values.push_back(*kind.scores[t.row].values[c]);
    result.tiebreak_values.push_back(round_to_precision(mean_of(values), aggregation.precision));
  }
  return result;
}

/// The pool's rows in listing order: ranked entries by rank then entry_id, then incomplete ones
/// by entry_id. Tiers are filled in later.
PoolResult rank_pool(const KindContext& kind, const std::vector<std::size_t>& members) {
  PoolResult pool;
  std::vector<EntryResult> ranked;
  std::vector<EntryResult> incomplete;
  for (std::size_t e : members) {
    EntryResult row = score_entry(kind, e);
    (row.score ? ranked : incomplete).push_back(std::move(row));
  }
  std::vector<RankKey> keys;
  for (const EntryResult& row : ranked) {
    RankKey key{row.entry_id, {*row.score}};
    key.keys.insert(key.keys.end(), row.tiebreak_values.begin(), row.tiebreak_values.end());
    keys.push_back(std::move(key));
  }
  for (const RankedPosition& position : rank_entries(keys)) {
    pool.rows.push_back(std::move(ranked[position.index]));
    pool.rows.back().rank = position.rank;
  }
  pool.entries = static_cast<int>(pool.rows.size());
  for (EntryResult& row : incomplete) pool.rows.push_back(std::move(row));
  return pool;
}

/// Quotas across the kind's pools, then tiers inside each pool (SPEC §8).
void award_tiers(const AwardPolicy& policy, std::span<PoolResult> pools) {
  std::vector<int> sizes;
  for (const PoolResult& pool : pools) sizes.push_back(pool.entries);
  const std::vector<std::vector<int>> quotas = pool_quotas(policy, sizes);
  for (std::size_t p = 0; p < pools.size(); ++p) {
    PoolResult& pool = pools[p];
    for (std::size_t i = 0; i < policy.tiers.size(); ++i)
      pool.quotas.emplace_back(policy.tiers[i].id, quotas[p][i]);
    std::vector<RankedCandidate> candidates;
    for (int r = 0; r < pool.entries; ++r) {
      const EntryResult& row = pool.rows[static_cast<std::size_t>(r)];
      candidates.push_back(RankedCandidate{*row.rank, *row.score});
    }
    const auto tiers = allocate_tiers(policy, quotas[p], candidates);
    for (std::size_t r = 0; r < tiers.size(); ++r)
      if (tiers[r]) pool.rows[r].tier = policy.tiers[static_cast<std::size_t>(*tiers[r])].id;
  }
}

/// SPEC §6: warn when the judge–entry graph of a pool has more than one connected component.
void warn_if_disconnected(const KindTotals& totals, const std::vector<std::size_t>& members,
                          const PoolResult& pool, std::vector<std::string>& warnings) {
  std::vector<bool> in_pool(totals.entry_ids.size(), false);
  for (std::size_t e : members) in_pool[e] = true;
  const int components = count_components(totals, in_pool);
  if (components > 1)
    warnings.push_back("pool " + pool_id(pool) + ": the judge–entry graph has " +
                       std::to_string(components) +
                       " connected components; severity effects are not comparable across them");
}

/// The judge effects of a method that models judges, reported as severities (SPEC §6).
void add_severities(const KindTotals& totals, const std::vector<double>& judge_effects,
                    std::vector<JudgeSeverity>& severities) {
  for (std::size_t j = 0; j < judge_effects.size(); ++j)
    severities.push_back(JudgeSeverity{totals.judge_ids[j], totals.kind, judge_effects[j]});
}

/// SPEC §14 in a competition of one round: the outcome of a ranked entry is its tier.
void flag_close_entries(double close, PoolResult& pool) {
  std::vector<BoundaryPlace> places;
  for (int r = 0; r < pool.entries; ++r) {
    const EntryResult& row = pool.rows[static_cast<std::size_t>(r)];
    places.push_back({*row.score, row.standard_error, row.tier});
  }
  const std::vector<bool> flagged = close_decisions(places, close);
  for (std::size_t r = 0; r < flagged.size(); ++r)
    if (flagged[r]) pool.rows[r].flags.push_back("close");
}

}  // namespace

Results compute_results(const Config& config, const std::vector<Entry>& entries,
                        const std::vector<ScoreRow>& scores, std::optional<Method> method) {
  Results results = rank_results(config, entries, scores, method);
  // A kind's pools are consecutive (kind order); quotas are apportioned across them.
  for (auto pool = results.pools.begin(); pool != results.pools.end();) {
    const auto end = std::find_if(pool, results.pools.end(),
                                  [&](const PoolResult& p) { return p.kind != pool->kind; });
    award_tiers(config.awards.at(pool->kind), std::span<PoolResult>(pool, end));
    for (; pool != end; ++pool) flag_close_entries(config.aggregation.close, *pool);
  }
  return results;
}

Results rank_results(const Config& config, const std::vector<Entry>& entries,
                     const std::vector<ScoreRow>& scores, std::optional<Method> method,
                     const ScoreCombiner& combine) {
  Results results;
  results.method = method.value_or(config.aggregation.method);
  const auto aggregation = make_aggregation_method(results.method, config.aggregation);

  for (const KindTotals& totals : collect_totals(config, entries, scores)) {
    const Aggregate aggregate = aggregation->aggregate(totals);
    add_severities(totals, aggregate.judge_effects, results.severities);
    const bool models_judges = !aggregate.judge_effects.empty();
    const Rubric& rubric = config.rubric_of(totals.kind);
    const std::vector<std::optional<double>> errors =
        entry_standard_errors(totals, standard_errors(totals, aggregate.judge_effects));
    const KindContext kind{config, totals, aggregate.scores,
                           errors, scores, tiebreak_criteria(config, rubric),
                           combine};
    const AwardPolicy& policy = config.awards.at(totals.kind);

    std::vector<PoolResult> pools;
    for (const auto& [key, members] : split_into_pools(config, policy, totals, entries)) {
      PoolResult pool = rank_pool(kind, members);
      const PoolResult name = named_pool(totals.kind, policy, key);
      pool.kind = name.kind;
      pool.group = name.group;
      pool.subject = name.subject;
      if (models_judges) warn_if_disconnected(totals, members, pool, results.warnings);
      pools.push_back(std::move(pool));
    }
    for (PoolResult& pool : pools) results.pools.push_back(std::move(pool));
  }
  return results;
}

std::vector<PoolResult> kind_pools(const Config& config, const std::string& kind,
                                   const std::vector<Entry>& entries) {
  const AwardPolicy& policy = config.awards.at(kind);
  std::set<PoolKey> keys;
  for (const Entry& entry : entries)
    if (entry.kind == kind && entry.active()) keys.insert(pool_key_of(config, policy, entry));
  std::vector<PoolResult> pools;
  for (const PoolKey& key : keys) pools.push_back(named_pool(kind, policy, key));
  return pools;
}

}  // namespace jury
