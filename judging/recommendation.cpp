#include "judging/recommendation.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "judging/awards.hpp"

namespace jury {

namespace {

/// Per tier index of the policy: whether the rule recommends among its holders.
std::vector<bool> recommended_tiers(const Recommendation& rule, const AwardPolicy& policy) {
  std::vector<bool> chosen(policy.tiers.size(), false);
  for (const std::string& id : rule.tiers) {
    const auto it = std::find_if(policy.tiers.begin(), policy.tiers.end(),
                                 [&](const Tier& tier) { return tier.id == id; });
    if (it == policy.tiers.end())
      throw std::invalid_argument("recommend: unknown tier \"" + id + "\"");
    chosen[static_cast<std::size_t>(it - policy.tiers.begin())] = true;
  }
  return chosen;
}

/// The pool's candidates in recommendation order: tier, rank, entry_id.
std::vector<TierHolder> candidates_in_order(const std::vector<TierHolder>& holders,
                                            const std::vector<bool>& chosen) {
  std::vector<TierHolder> candidates;
  for (const TierHolder& holder : holders) {
    if (holder.tier < 0 || static_cast<std::size_t>(holder.tier) >= chosen.size())
      throw std::invalid_argument("recommend: entry " + holder.entry_id +
                                  " holds a tier index out of range");
    if (chosen[static_cast<std::size_t>(holder.tier)]) candidates.push_back(holder);
  }
  std::sort(candidates.begin(), candidates.end(), [](const TierHolder& a, const TierHolder& b) {
    return std::tie(a.tier, a.rank, a.entry_id) < std::tie(b.tier, b.rank, b.entry_id);
  });
  return candidates;
}

/// The candidates as a §8 ranking: equal (tier, rank) share a rank (1 + position of the group's
/// first member), so the tie groups are exactly the recommendation's.
std::vector<RankedCandidate> as_ranking(const std::vector<TierHolder>& candidates) {
  std::vector<RankedCandidate> ranked;
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const bool tied_with_previous = k > 0 && candidates[k].tier == candidates[k - 1].tier &&
                                    candidates[k].rank == candidates[k - 1].rank;
    ranked.push_back({tied_with_previous ? ranked.back().rank : static_cast<int>(k) + 1, 0.0});
  }
  return ranked;
}

PoolRecommendation recommend_in_pool(const std::vector<TierHolder>& candidates, int quota) {
  PoolRecommendation pool;
  pool.quota = quota;
  pool.holders = static_cast<int>(candidates.size());
  const std::vector<RankedCandidate> ranked = as_ranking(candidates);
  const std::size_t chosen = select_for_tier(ranked, std::vector<bool>(ranked.size(), true), quota,
                                             std::nullopt, TiePolicy::Exclude)
                                 .size();
  for (std::size_t k = 0; k < chosen; ++k) pool.recommended.push_back(candidates[k].entry_id);
  // Fewer than q chosen while more than q are candidates: the group starting at `chosen` crosses
  // position q and was left out whole.
  const auto q = static_cast<std::size_t>(std::max(quota, 0));
  if (chosen < q && candidates.size() > q)
    for (std::size_t k = chosen; k < ranked.size() && ranked[k].rank == ranked[chosen].rank; ++k)
      pool.tied.push_back(candidates[k].entry_id);
  return pool;
}

}  // namespace

std::vector<PoolRecommendation> recommend_entries(
    const Recommendation& rule, const AwardPolicy& kind_policy,
    const std::vector<std::vector<TierHolder>>& pools) {
  if (!rule.count && !rule.share)
    throw std::invalid_argument(
        "recommend_entries: the recommendation has neither count nor share");
  const std::vector<bool> chosen = recommended_tiers(rule, kind_policy);
  std::vector<std::vector<TierHolder>> candidates;
  std::vector<int> holder_counts;
  for (const auto& holders : pools) {
    candidates.push_back(candidates_in_order(holders, chosen));
    holder_counts.push_back(static_cast<int>(candidates.back().size()));
  }
  const std::vector<int> quotas =
      quotas_across_pools(rule.count, rule.share, kind_policy.rounding, holder_counts);
  std::vector<PoolRecommendation> outcome;
  for (std::size_t p = 0; p < pools.size(); ++p)
    outcome.push_back(recommend_in_pool(candidates[p], quotas[p]));
  return outcome;
}

}  // namespace jury
