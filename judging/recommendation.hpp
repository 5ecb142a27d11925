#pragma once
/// Recommendation to the next level (推荐, SPEC §12): per award pool, a quota over the pool's
/// holders of the recommended tiers, and the first q of them by tier, rank and entry_id, leaving a
/// tie group across position q out whole for the committee to decide. Pure.

#include <string>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// An entry of a pool holding a tier.
struct TierHolder {
  std::string entry_id;
  int tier = 0;  ///< index into the kind's tiers, best first
  int rank = 0;  ///< the entry's rank in the round that decided its tier
};

/// One pool's recommendation.
struct PoolRecommendation {
  int quota = 0;
  int holders = 0;                       ///< entries holding one of the rule's tiers (n_p)
  std::vector<std::string> recommended;  ///< in candidate order
  /// The tie group (same tier and rank) across position q, left out whole: flag `recommend-tie`.
  std::vector<std::string> tied;
};

/// `pools[p]`: the tier holders of pool p (any tier, any order; pools in pool order). Quota:
/// `rule.count` apportioned by largest remainder over the pools' numbers of entries holding one of
/// `rule.tiers`, or `rule.share` of that number with the kind's `rounding`. Candidates: those
/// entries by tier (best first), rank in the tier's round, entry_id; the first q are recommended,
/// except that a group tied on (tier, rank) across position q is left out whole unless it ends
/// exactly at q — the SPEC §8 `exclude` rule (select_for_tier) on that order. Throws
/// std::invalid_argument when `rule.tiers` names a tier the policy lacks, or a holder's tier index
/// is out of range.
std::vector<PoolRecommendation> recommend_entries(
    const Recommendation& rule, const AwardPolicy& kind_policy,
    const std::vector<std::vector<TierHolder>>& pools);

}  // namespace jury
