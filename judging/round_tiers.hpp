#pragma once
/// Prize tiers of a staged competition (SPEC §12 "Scores, ranks and tiers"): SPEC §8 per pool,
/// tiers in order with its carry, except that each tier is decided by its own round's ranking and
/// its quota counts the pool's entries ranked in that round. With one round this is exactly
/// allocate_tiers (judging/awards.hpp). Pure; the engine supplies the rankings.

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// An entry's place in one round's ranking of its pool.
struct RoundPlace {
  std::string entry_id;
  int rank = 0;      ///< §7 rank in the round (competition ranking)
  double score = 0;  ///< the round's rounded (combined) score, compared with min_score
};

/// One award pool across the rounds.
struct PoolAcrossRounds {
  /// rankings[r]: the pool's entries ranked in round r (rounds order), in rank order with
  /// entry_id inside a tie; a round the kind is not judged in has an empty ranking.
  std::vector<std::vector<RoundPlace>> rankings;
  std::set<std::string> absent;  ///< entries marked absent in any round
};

/// quotas[p][i]: quota of tier i in pool p (SPEC §8 count or share) with n_p = the number of
/// entries of pool p ranked in tier i's round. `tier_rounds[i]` = index of tier i's round.
std::vector<std::vector<int>> round_tier_quotas(const AwardPolicy& policy,
                                                const std::vector<std::size_t>& tier_rounds,
                                                const std::vector<PoolAcrossRounds>& pools);

/// Allocation in one pool: tier i's candidates are the entries ranked in round tier_rounds[i] that
/// hold no tier yet (under `forfeit`, never one absent from any round), in that round's rank
/// order, min_score compared with that round's score; q and carry as SPEC §8. `quotas` has one
/// value per tier (round_tier_quotas). Returns entry_id → tier index for every entry given a tier.
/// Throws std::invalid_argument on sizes that do not match, a tier round outside `rankings`, or a
/// better tier decided in an earlier round than a worse one (a config error caught at load).
std::map<std::string, int> allocate_round_tiers(const AwardPolicy& policy,
                                                const std::vector<std::size_t>& tier_rounds,
                                                AbsentPolicy absent, const std::vector<int>& quotas,
                                                const PoolAcrossRounds& pool);

}  // namespace jury
