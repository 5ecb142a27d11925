#include "judging/awards.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>

namespace jury {

namespace {

/// Floor division for a positive divisor (C++ `/` truncates toward zero).
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

int to_int(std::int64_t v) {
  return static_cast<int>(v);
}

}  // namespace

std::vector<int> apportion_largest_remainder(int places, const std::vector<int>& pool_sizes) {
  std::vector<int> quotas(pool_sizes.size(), 0);
  const std::int64_t total = std::accumulate(pool_sizes.begin(), pool_sizes.end(), std::int64_t{0});
  if (total <= 0) return quotas;

  // Exact integer arithmetic: the fractional part of places·n_p/n is remainder_p / n, so comparing
  // fractional parts is comparing the integer remainders.
  std::vector<std::int64_t> remainders(pool_sizes.size(), 0);
  std::int64_t given = 0;
  for (std::size_t p = 0; p < pool_sizes.size(); ++p) {
    const std::int64_t product = std::int64_t{places} * pool_sizes[p];
    quotas[p] = to_int(floor_div(product, total));
    remainders[p] = product - std::int64_t{quotas[p]} * total;
    given += quotas[p];
  }

  // Order for the remaining places: largest remainder, then larger pool, then earlier pool.
  std::vector<std::size_t> order(pool_sizes.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (remainders[a] != remainders[b]) return remainders[a] > remainders[b];
    if (pool_sizes[a] != pool_sizes[b]) return pool_sizes[a] > pool_sizes[b];
    return a < b;
  });
  // Σ remainders = (places − given)·n and each remainder < n, so at least (places − given) pools
  // have a positive remainder: the leftover places never reach a pool with a zero remainder.
  const std::int64_t leftover = std::int64_t{places} - given;
  for (std::int64_t k = 0; k < leftover && k < std::int64_t(order.size()); ++k)
    ++quotas[order[static_cast<std::size_t>(k)]];
  return quotas;
}

int share_quota(const Decimal& share, int pool_size, Rounding rounding) {
  if (share.denominator <= 0)
    throw std::invalid_argument("share_quota: decimal share with a non-positive denominator");
  // share·n = numerator·n / denominator, held as an exact fraction.
  const std::int64_t numerator = share.numerator * std::int64_t{pool_size};
  const std::int64_t denominator = share.denominator;
  switch (rounding) {
    case Rounding::Floor:
      return to_int(floor_div(numerator, denominator));
    case Rounding::Round:  // half up: floor(x + 1/2) = floor((2·num + den) / (2·den))
      return to_int(floor_div(2 * numerator + denominator, 2 * denominator));
    case Rounding::Ceil:
      return to_int(-floor_div(-numerator, denominator));
  }
  throw std::invalid_argument("share_quota: unknown rounding");
}

std::vector<int> quotas_across_pools(const std::optional<int>& count,
                                     const std::optional<Decimal>& share, Rounding rounding,
                                     const std::vector<int>& pool_sizes) {
  if (count) return apportion_largest_remainder(*count, pool_sizes);
  if (!share) throw std::invalid_argument("quotas_across_pools: neither count nor share is set");
  std::vector<int> quotas;
  quotas.reserve(pool_sizes.size());
  for (int size : pool_sizes) quotas.push_back(share_quota(*share, size, rounding));
  return quotas;
}

std::vector<int> tier_quotas(const AwardPolicy& policy, std::size_t tier,
                             const std::vector<int>& pool_sizes) {
  const Tier& t = policy.tiers.at(tier);
  if (!t.count && !t.share)
    throw std::invalid_argument("tier " + t.id + " has neither count nor share");
  return quotas_across_pools(t.count, t.share, policy.rounding, pool_sizes);
}

std::vector<std::vector<int>> pool_quotas(const AwardPolicy& policy,
                                          const std::vector<int>& pool_sizes) {
  std::vector<std::vector<int>> quotas(pool_sizes.size(), std::vector<int>(policy.tiers.size(), 0));
  for (std::size_t i = 0; i < policy.tiers.size(); ++i) {
    const std::vector<int> per_pool = tier_quotas(policy, i, pool_sizes);
    for (std::size_t p = 0; p < pool_sizes.size(); ++p) quotas[p][i] = per_pool[p];
  }
  return quotas;
}

namespace {

/// SPEC §8 step 1: indices (into `ranked`) of the entries that may get the tier, in rank order.
/// Decision: entries that already hold a (better) tier are skipped, so positions count only the
/// remaining entries. With min_score the list is the entries whose rounded score is ≥ min_score;
/// ranks in it need not be contiguous and are never renumbered: tie groups are still "equal rank".
std::vector<std::size_t> candidates_for(const std::vector<RankedCandidate>& ranked,
                                        const std::vector<bool>& may_get,
                                        std::optional<double> min_score) {
  std::vector<std::size_t> candidates;
  for (std::size_t k = 0; k < ranked.size(); ++k) {
    if (!may_get[k]) continue;
    if (min_score && ranked[k].score < *min_score) continue;
    candidates.push_back(k);
  }
  return candidates;
}

/// SPEC §8 step 2: how many leading candidates get the tier when there are q places (q ≥ 1).
/// B = the tie group of the q-th candidate = the run of candidates with its rank, located by
/// positions in the candidate list (1-based position q = index q−1). Decision: "B ends exactly at
/// position q" means the last candidate of B is the q-th candidate of the list.
std::size_t winners(const std::vector<std::size_t>& candidates,
                    const std::vector<RankedCandidate>& ranked, std::size_t q, TiePolicy ties) {
  if (candidates.size() <= q) return candidates.size();
  const auto rank_at = [&](std::size_t position) { return ranked[candidates[position]].rank; };
  const int boundary_rank = rank_at(q - 1);
  std::size_t group_begin = q - 1;  // first position of B (0-based)
  while (group_begin > 0 && rank_at(group_begin - 1) == boundary_rank) --group_begin;
  std::size_t group_end = q;  // one past the last position of B (0-based)
  while (group_end < candidates.size() && rank_at(group_end) == boundary_rank) ++group_end;

  if (ties == TiePolicy::Share) return group_end;  // at or above B, may exceed q
  return group_end == q ? q : group_begin;         // exclude: strictly above B, or B fits exactly
}

void require_rank_order(const std::vector<RankedCandidate>& ranked) {
  for (std::size_t k = 1; k < ranked.size(); ++k)
    if (ranked[k].rank < ranked[k - 1].rank)
      throw std::invalid_argument("SPEC §8 selection: candidates are not in rank order");
}

std::vector<bool> holding_no_tier(const std::vector<std::optional<int>>& tiers_given) {
  std::vector<bool> no_tier(tiers_given.size());
  for (std::size_t k = 0; k < tiers_given.size(); ++k) no_tier[k] = !tiers_given[k];
  return no_tier;
}

}  // namespace

std::vector<std::size_t> select_for_tier(const std::vector<RankedCandidate>& ranked,
                                         const std::vector<bool>& may_get, std::int64_t q,
                                         std::optional<double> min_score, TiePolicy ties) {
  require_rank_order(ranked);
  if (may_get.size() != ranked.size())
    throw std::invalid_argument("select_for_tier: one may_get flag per candidate expected");
  if (q <= 0) return {};  // step 1: if q = 0, nobody gets the tier
  std::vector<std::size_t> candidates = candidates_for(ranked, may_get, min_score);
  candidates.resize(winners(candidates, ranked, static_cast<std::size_t>(q), ties));
  return candidates;
}

std::int64_t TierCarry::places(int quota) const {
  return std::max<std::int64_t>(0, std::int64_t{quota} + carry_);
}

void TierCarry::settle(std::int64_t q, std::size_t awarded) {
  // Overflow (a > q) always carries (negatively); a shortfall only with cascade. Decision: when a
  // negative carry exceeds the next quota, q is 0 there and (since a = q = 0) the part of the
  // deficit beyond that tier is not carried further.
  const auto a = static_cast<std::int64_t>(awarded);
  carry_ = (a > q || (a < q && cascade_)) ? q - a : 0;
}

std::vector<std::optional<int>> allocate_tiers(const AwardPolicy& policy,
                                               const std::vector<int>& quotas,
                                               const std::vector<RankedCandidate>& ranked) {
  if (quotas.size() != policy.tiers.size())
    throw std::invalid_argument("allocate_tiers: one quota per tier expected");
  require_rank_order(ranked);

  std::vector<std::optional<int>> tiers_given(ranked.size());
  TierCarry carry(policy.cascade);
  for (std::size_t i = 0; i < policy.tiers.size(); ++i) {
    const std::int64_t q = carry.places(quotas[i]);
    const std::vector<std::size_t> awarded = select_for_tier(
        ranked, holding_no_tier(tiers_given), q, policy.tiers[i].min_score, policy.ties);
    for (std::size_t k : awarded) tiers_given[k] = static_cast<int>(i);
    carry.settle(q, awarded.size());
  }
  return tiers_given;
}

}  // namespace jury
