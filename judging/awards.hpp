#pragma once
/// Prize tiers (SPEC §8) as a pure pipeline: quota per pool and tier, then allocation within a
/// pool. Persistence is the engine's business; nothing here does I/O.

#include <cstdint>
#include <optional>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// Largest-remainder (Hamilton) apportionment of `places` over pools of the given sizes:
/// floor(places·n_p/n) each, remaining places to the largest fractional parts; equal parts go to
/// the larger pool, then to the earlier pool. All zero when the total size is 0.
std::vector<int> apportion_largest_remainder(int places, const std::vector<int>& pool_sizes);

/// rounding(share · pool_size), computed exactly on the decimal share.
int share_quota(const Decimal& share, int pool_size, Rounding rounding);

/// quotas[p][i]: quota of tier i in pool p for the kind's policy (count tiers apportioned across
/// the pools, each tier on its own; share tiers per pool).
std::vector<std::vector<int>> pool_quotas(const AwardPolicy& policy,
                                          const std::vector<int>& pool_sizes);

/// One ranked entry of a pool, in rank order (competition ranking; equal rank = tie group).
struct RankedCandidate {
  int rank = 0;
  double score = 0;  ///< rounded score, compared with a tier's min_score
};

/// SPEC §8 step 1: q = max(0, quota + carry), the places of a tier.
std::int64_t tier_places(int quota, std::int64_t carry);

/// SPEC §8 step 3: the carry a tier passes on after `awarded` of its `places` were given:
/// q − a on overflow (a shared tie took more places), or on a shortfall when `cascade`; else 0.
std::int64_t carry_after(std::int64_t places, std::int64_t awarded, bool cascade);

/// Allocation in one pool (SPEC §8 steps 1–3). Returns, per candidate, the index of the tier it
/// gets, or nullopt for no prize. `quotas` has one value per tier of the policy.
std::vector<std::optional<int>> allocate_tiers(const AwardPolicy& policy,
                                               const std::vector<int>& quotas,
                                               const std::vector<RankedCandidate>& ranked);

}  // namespace jury
