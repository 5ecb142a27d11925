#pragma once
/// Who goes on to the next round (SPEC §12 `jury advance`): per award pool, a quota of places and
/// the SPEC §8 selection for one tier. Pure; the engine loads the rankings and stores the entrants.

#include <vector>

#include "judging/awards.hpp"
#include "model/model.hpp"

namespace jury {

/// One pool's outcome of `jury advance`.
struct PoolAdvance {
  int quota = 0;              ///< places in the next round
  std::vector<bool> goes_on;  ///< per ranked candidate of the pool, in its rank order
  int going_on() const;       ///< how many go on (may exceed quota under `ties: share`)
};

/// One kind of the next round, its pools in pool order; `pools[p]` = the entries of pool p ranked
/// in the current round, in rank order (incomplete and absent entries are not ranked, so they
/// never go on). Quota: `rule.count` apportioned across the pools by largest remainder over their
/// numbers of ranked entries, or `rule.share` of that number with the kind's `rounding`. Selection:
/// SPEC §8 steps 1–2 for one tier with that quota, `rule.min_score` and the kind's `ties` (no tier
/// is held yet and no carry applies).
std::vector<PoolAdvance> select_advancing(const AdvanceRule& rule, const AwardPolicy& kind_policy,
                                          const std::vector<std::vector<RankedCandidate>>& pools);

}  // namespace jury
