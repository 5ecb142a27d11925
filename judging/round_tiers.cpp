#include "judging/round_tiers.hpp"

#include <stdexcept>

#include "judging/awards.hpp"

namespace jury {

namespace {

/// SPEC §12: along the tier list (best first) the rounds never move to a later round.
void require_tier_rounds(const AwardPolicy& policy, const std::vector<std::size_t>& tier_rounds,
                         std::size_t round_count) {
  if (tier_rounds.size() != policy.tiers.size())
    throw std::invalid_argument("round tiers: one round per tier expected");
  for (std::size_t i = 0; i < tier_rounds.size(); ++i) {
    if (tier_rounds[i] >= round_count)
      throw std::invalid_argument("round tiers: tier " + policy.tiers[i].id +
                                  " is decided by a round the pool has no ranking for");
    if (i > 0 && tier_rounds[i] > tier_rounds[i - 1])
      throw std::invalid_argument("round tiers: tier " + policy.tiers[i - 1].id +
                                  " is decided earlier than the worse tier " + policy.tiers[i].id);
  }
}

std::vector<RankedCandidate> candidates_of(const std::vector<RoundPlace>& ranking) {
  std::vector<RankedCandidate> candidates;
  candidates.reserve(ranking.size());
  for (const RoundPlace& place : ranking) candidates.push_back({place.rank, place.score});
  return candidates;
}

/// Who in `ranking` may still get a tier: no tier yet, and under forfeit never absent.
std::vector<bool> eligible_in(const std::vector<RoundPlace>& ranking,
                              const std::map<std::string, int>& held, AbsentPolicy absent,
                              const std::set<std::string>& absentees) {
  std::vector<bool> eligible(ranking.size());
  for (std::size_t k = 0; k < ranking.size(); ++k) {
    const std::string& id = ranking[k].entry_id;
    eligible[k] = held.count(id) == 0 && !(absent == AbsentPolicy::Forfeit && absentees.count(id));
  }
  return eligible;
}

}  // namespace

std::vector<std::vector<int>> round_tier_quotas(const AwardPolicy& policy,
                                                const std::vector<std::size_t>& tier_rounds,
                                                const std::vector<PoolAcrossRounds>& pools) {
  for (const PoolAcrossRounds& pool : pools)
    require_tier_rounds(policy, tier_rounds, pool.rankings.size());
  std::vector<std::vector<int>> quotas(pools.size(), std::vector<int>(policy.tiers.size(), 0));
  for (std::size_t i = 0; i < policy.tiers.size(); ++i) {
    std::vector<int> ranked_counts;  // n_p of tier i: the pool's entries ranked in its round
    for (const PoolAcrossRounds& pool : pools)
      ranked_counts.push_back(static_cast<int>(pool.rankings[tier_rounds[i]].size()));
    const std::vector<int> per_pool = tier_quotas(policy, i, ranked_counts);
    for (std::size_t p = 0; p < pools.size(); ++p) quotas[p][i] = per_pool[p];
  }
  return quotas;
}

std::map<std::string, int> allocate_round_tiers(const AwardPolicy& policy,
                                                const std::vector<std::size_t>& tier_rounds,
                                                AbsentPolicy absent, const std::vector<int>& quotas,
                                                const PoolAcrossRounds& pool) {
  if (quotas.size() != policy.tiers.size())
    throw std::invalid_argument("allocate_round_tiers: one quota per tier expected");
  require_tier_rounds(policy, tier_rounds, pool.rankings.size());

  std::map<std::string, int> held;
  TierCarry carry(policy.cascade);
  for (std::size_t i = 0; i < policy.tiers.size(); ++i) {
    const std::vector<RoundPlace>& ranking = pool.rankings[tier_rounds[i]];
    const std::int64_t q = carry.places(quotas[i]);
    const std::vector<std::size_t> awarded =
        select_for_tier(candidates_of(ranking), eligible_in(ranking, held, absent, pool.absent), q,
                        policy.tiers[i].min_score, policy.ties);
    for (std::size_t k : awarded) held[ranking[k].entry_id] = static_cast<int>(i);
    carry.settle(q, awarded.size());
  }
  return held;
}

}  // namespace jury
