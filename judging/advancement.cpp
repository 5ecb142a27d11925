#include "judging/advancement.hpp"

#include <algorithm>
#include <stdexcept>

namespace jury {

int PoolAdvance::going_on() const {
  return static_cast<int>(std::count(goes_on.begin(), goes_on.end(), true));
}

std::vector<PoolAdvance> select_advancing(const AdvanceRule& rule, const AwardPolicy& kind_policy,
                                          const std::vector<std::vector<RankedCandidate>>& pools) {
  if (!rule.count && !rule.share)
    throw std::invalid_argument("select_advancing: the advance has neither count nor share");
  std::vector<int> ranked_counts;
  for (const auto& ranked : pools) ranked_counts.push_back(static_cast<int>(ranked.size()));
  const std::vector<int> quotas =
      quotas_across_pools(rule.count, rule.share, kind_policy.rounding, ranked_counts);

  std::vector<PoolAdvance> outcome;
  for (std::size_t p = 0; p < pools.size(); ++p) {
    const std::vector<RankedCandidate>& ranked = pools[p];
    PoolAdvance pool{quotas[p], std::vector<bool>(ranked.size(), false)};
    const std::vector<bool> everyone(ranked.size(), true);
    for (std::size_t k :
         select_for_tier(ranked, everyone, quotas[p], rule.min_score, kind_policy.ties))
      pool.goes_on[k] = true;
    outcome.push_back(std::move(pool));
  }
  return outcome;
}

}  // namespace jury
