#pragma once
/// Prize tiers (SPEC §8) as a pure pipeline: quota per pool and tier, then allocation within a
/// pool. Persistence is the engine's business; nothing here does I/O.

#include <cstddef>
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

/// Per-pool quotas of one `count|share` rule (a tier, an advance, a recommendation): `count`
/// apportioned across the pools by largest remainder, or `share` per pool with `rounding`.
/// Throws std::invalid_argument when neither is set.
std::vector<int> quotas_across_pools(const std::optional<int>& count,
                                     const std::optional<Decimal>& share, Rounding rounding,
                                     const std::vector<int>& pool_sizes);

/// Quota of tier i of the policy in each pool of the given sizes (count or share as above).
/// Throws std::invalid_argument when the tier has neither count nor share.
std::vector<int> tier_quotas(const AwardPolicy& policy, std::size_t tier,
                             const std::vector<int>& pool_sizes);

/// quotas[p][i]: quota of tier i in pool p for the kind's policy (count tiers apportioned across
/// the pools, each tier on its own; share tiers per pool).
std::vector<std::vector<int>> pool_quotas(const AwardPolicy& policy,
                                          const std::vector<int>& pool_sizes);

/// One ranked entry of a pool, in rank order (competition ranking; equal rank = tie group).
struct RankedCandidate {
  int rank = 0;
  double score = 0;  ///< rounded score, compared with a tier's min_score
};

/// SPEC §8 steps 1–2 for one tier with q places (the rule `jury award` applies to each tier and
/// `jury advance` to the next round's places, SPEC §12). Candidates: the entries of `ranked` (rank
/// order) that `may_get` allows (false = already holds a tier, or forfeited) and whose score is
/// ≥ `min_score` when set. Returns the indices into `ranked` of those who get it, in rank order.
/// Throws std::invalid_argument when `ranked` is not in rank order or `may_get` has another size.
std::vector<std::size_t> select_for_tier(const std::vector<RankedCandidate>& ranked,
                                         const std::vector<bool>& may_get, std::int64_t q,
                                         std::optional<double> min_score, TiePolicy ties);

/// SPEC §8 steps 1 and 3 along the tier list: the places q of each tier in turn, and the carry
/// they leave to the next tier.
class TierCarry {
 public:
  explicit TierCarry(bool cascade) : cascade_(cascade) {}
  /// Step 1: q = max(0, quota + carry).
  std::int64_t places(int quota) const;
  /// Step 3, after `awarded` entries got a tier that had q places: carry = q − a if a > q, or if
  /// a < q and cascade; else 0.
  void settle(std::int64_t q, std::size_t awarded);

 private:
  bool cascade_;
  std::int64_t carry_ = 0;
};

/// Allocation in one pool (SPEC §8 steps 1–3). Returns, per candidate, the index of the tier it
/// gets, or nullopt for no prize. `quotas` has one value per tier of the policy.
std::vector<std::optional<int>> allocate_tiers(const AwardPolicy& policy,
                                               const std::vector<int>& quotas,
                                               const std::vector<RankedCandidate>& ranked);

}  // namespace jury
