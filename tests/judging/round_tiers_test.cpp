#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "judging/awards.hpp"
#include "judging/round_tiers.hpp"

using namespace jury;

namespace {

/// A round's ranking from (entry_id, score) listed best first, entry_id inside equal scores;
/// equal scores tie (competition ranking 1, 2, 2, 4).
std::vector<RoundPlace> ranking(const std::vector<std::pair<std::string, double>>& listed) {
  std::vector<RoundPlace> places;
  for (std::size_t k = 0; k < listed.size(); ++k) {
    const bool tied = k > 0 && listed[k].second == listed[k - 1].second;
    places.push_back({listed[k].first, tied ? places.back().rank : int(k) + 1, listed[k].second});
  }
  return places;
}

Tier tier(const std::string& id, int count, std::optional<double> min_score = std::nullopt) {
  Tier t;
  t.id = id;
  t.count = count;
  t.min_score = min_score;
  return t;
}

AwardPolicy policy_of(std::vector<Tier> tiers, TiePolicy ties, bool cascade = false) {
  AwardPolicy policy;
  policy.tiers = std::move(tiers);
  policy.ties = ties;
  policy.cascade = cascade;
  return policy;
}

/// The allocation as "entry:tier id" in entry_id order, e.g. "A:first B:third".
std::string listing(const AwardPolicy& policy, const std::map<std::string, int>& tiers) {
  std::string out;
  for (const auto& [id, t] : tiers)
    out += (out.empty() ? "" : " ") + id + ":" + policy.tiers[std::size_t(t)].id;
  return out;
}

const std::size_t kPrelim = 0;
const std::size_t kFinal = 1;

}  // namespace

TEST_CASE(
    "SPEC §12: tiers from two rounds, the overflow of a final tier carried to a "
    "preliminary tier") {
  // 一等奖 and 二等奖 decided by the final, 三等奖 by the preliminary ranking; quotas 1 / 2 / 3.
  PoolAcrossRounds pool;
  pool.rankings = {
      ranking(
          {{"A", 95}, {"B", 92}, {"C", 90}, {"D", 88}, {"E", 85}, {"F", 80}, {"G", 80}, {"H", 70}}),
      ranking({{"C", 95}, {"A", 90}, {"B", 90}, {"D", 90}})};
  const std::vector<std::size_t> rounds{kFinal, kFinal, kPrelim};
  // share: first (q 1) → C. second (q 2): candidates A, B, D all rank 2 → B is all three → 3
  // awarded, carry 2 − 3 = −1. third (q 3 − 1 = 2) from the preliminary ranking among those with
  // no tier: E (5), F (6), G (6), H (8) → the 2nd is F, its group {F, G} → E, F, G.
  const auto share =
      policy_of({tier("first", 1), tier("second", 2), tier("third", 3)}, TiePolicy::Share);
  CHECK(
      listing(share, allocate_round_tiers(share, rounds, AbsentPolicy::Forfeit, {1, 2, 3}, pool)) ==
      "A:second B:second C:first D:second E:third F:third G:third");
  // exclude: second (q 2): the group {A, B, D} crosses position 2 → nobody, no cascade → carry
  // 0. third (q 3) from the preliminary ranking: A (1), B (2), D (4) hold no tier and come first
  // → A, B, D.
  const auto exclude =
      policy_of({tier("first", 1), tier("second", 2), tier("third", 3)}, TiePolicy::Exclude);
  CHECK(listing(exclude, allocate_round_tiers(exclude, rounds, AbsentPolicy::Forfeit, {1, 2, 3},
                                              pool)) == "A:third B:third C:first D:third");
  // exclude with cascade: the 2 unused places of second move to third (q 5): A, B, D, E, then
  // the 5th is F, whose group {F, G} crosses position 5 → A, B, D, E.
  const auto cascade =
      policy_of({tier("first", 1), tier("second", 2), tier("third", 3)}, TiePolicy::Exclude, true);
  CHECK(listing(cascade, allocate_round_tiers(cascade, rounds, AbsentPolicy::Forfeit, {1, 2, 3},
                                              pool)) == "A:third B:third C:first D:third E:third");
}

TEST_CASE("SPEC §12: a tier's quota uses n_p = the pool's number of entries ranked in its round") {
  const auto policy = [] {
    AwardPolicy p =
        policy_of({tier("first", 3), tier("second", 0), tier("third", 6)}, TiePolicy::Share);
    p.tiers[1].count.reset();
    p.tiers[1].share = Decimal{5, 10};
    return p;
  }();
  // Pool sizes: preliminary 10 and 20, final 2 and 4.
  std::vector<PoolAcrossRounds> pools(2);
  for (std::size_t p = 0; p < 2; ++p) {
    pools[p].rankings.resize(2);
    for (int k = 0; k < 10 * int(p + 1); ++k)
      pools[p].rankings[kPrelim].push_back({"P" + std::to_string(k), k + 1, 100.0 - k});
    for (int k = 0; k < 2 * int(p + 1); ++k)
      pools[p].rankings[kFinal].push_back({"P" + std::to_string(k), k + 1, 100.0 - k});
  }
  // first, count 3 over final sizes 2/4: 3·2/6 = 1, 3·4/6 = 2. second, share 0.5 of 2 and 4: 1, 2.
  // third, count 6 over preliminary sizes 10/20: 2, 4.
  const auto quotas = round_tier_quotas(policy, {kFinal, kFinal, kPrelim}, pools);
  CHECK(quotas == std::vector<std::vector<int>>{{1, 1, 2}, {2, 2, 4}});
  // All decided by the preliminary round: the sizes are 10 and 20 for every tier.
  CHECK(round_tier_quotas(policy, {kPrelim, kPrelim, kPrelim}, pools) ==
        std::vector<std::vector<int>>{{1, 5, 2}, {2, 10, 4}});
}

TEST_CASE(
    "SPEC §12: with forfeit an entrant absent from a round gets no tier at all, with keep it may "
    "still get a tier decided by an earlier round") {
  // C went on to the final and was absent from it: not ranked there.
  PoolAcrossRounds pool;
  pool.rankings = {ranking({{"A", 95}, {"B", 90}, {"C", 85}, {"D", 80}, {"E", 75}}),
                   ranking({{"A", 92}, {"B", 88}})};
  pool.absent = {"C"};
  const auto policy =
      policy_of({tier("first", 1), tier("second", 1), tier("third", 2)}, TiePolicy::Share);
  const std::vector<std::size_t> rounds{kFinal, kFinal, kPrelim};
  // forfeit: third (q 2) from the preliminary ranking skips C → D, E.
  CHECK(listing(policy, allocate_round_tiers(policy, rounds, AbsentPolicy::Forfeit, {1, 1, 2},
                                             pool)) == "A:first B:second D:third E:third");
  // keep: C, ranked 3rd in the preliminary round, takes a third prize → C, D.
  CHECK(listing(policy, allocate_round_tiers(policy, rounds, AbsentPolicy::Keep, {1, 1, 2},
                                             pool)) == "A:first B:second C:third D:third");
  // Under forfeit an absence anywhere counts, even an entry ranked in the deciding round.
  pool.absent = {"A"};
  CHECK(listing(policy, allocate_round_tiers(policy, rounds, AbsentPolicy::Forfeit, {1, 1, 2},
                                             pool)) == "B:first C:third D:third");
}

TEST_CASE("SPEC §12: a tier's min_score is compared with the score of the tier's round") {
  PoolAcrossRounds pool;
  pool.rankings = {ranking({{"A", 90}, {"B", 70}, {"C", 65}, {"D", 50}}),
                   ranking({{"B", 88}, {"A", 80}, {"C", 78}})};
  const auto policy = policy_of({tier("first", 1, 85), tier("second", 1, 85), tier("third", 2, 68)},
                                TiePolicy::Share);
  // first (final, ≥ 85): B (88). second (final, ≥ 85): A 80 and C 78 fall short → nobody, no
  // cascade. third (preliminary, ≥ 68): A (90) only — C's final 78 would pass, its preliminary 65
  // does not; D 50 neither.
  CHECK(listing(policy, allocate_round_tiers(policy, {kFinal, kFinal, kPrelim},
                                             AbsentPolicy::Forfeit, {1, 1, 2}, pool)) ==
        "A:third B:first");
}

TEST_CASE("SPEC §12: a better tier cannot be decided earlier than a worse one") {
  PoolAcrossRounds pool;
  pool.rankings = {ranking({{"A", 90}}), ranking({{"A", 80}})};
  const auto policy = policy_of({tier("first", 1), tier("second", 1)}, TiePolicy::Share);
  CHECK_THROWS_AS(
      allocate_round_tiers(policy, {kPrelim, kFinal}, AbsentPolicy::Forfeit, {1, 1}, pool),
      std::invalid_argument);
  CHECK_THROWS_AS(allocate_round_tiers(policy, {2, 2}, AbsentPolicy::Forfeit, {1, 1}, pool),
                  std::invalid_argument);
  CHECK_THROWS_AS(allocate_round_tiers(policy, {kFinal}, AbsentPolicy::Forfeit, {1, 1}, pool),
                  std::invalid_argument);
  CHECK_THROWS_AS(round_tier_quotas(policy, {kPrelim, kFinal}, {pool}), std::invalid_argument);
}

// ------------------------------------------------------------------ independent checks

namespace {

/// Entry ids E0, E1, … of a random pool of up to `most` − 1 entries.
std::vector<std::string> random_entry_ids(std::mt19937_64& rng, int most) {
  std::vector<std::string> ids;
  const int size = int(rng() % std::uint64_t(most));
  for (int k = 0; k < size; ++k) ids.push_back("E" + std::to_string(k));
  return ids;
}

/// Random scores, best first, with many ties; entry ids E0.. in the order given.
std::vector<std::pair<std::string, double>> random_listing(std::mt19937_64& rng,
                                                           const std::vector<std::string>& ids) {
  std::vector<std::pair<std::string, double>> listed;
  for (const std::string& id : ids) listed.push_back({id, double(50 + rng() % 6)});
  std::sort(listed.begin(), listed.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return listed;
}

/// Random tiers with min_scores; quotas are passed explicitly.
AwardPolicy random_policy(std::mt19937_64& rng) {
  std::vector<Tier> tiers;
  const int count = int(rng() % 4) + 1;
  for (int i = 0; i < count; ++i) {
    std::optional<double> min_score;
    if (rng() % 3 == 0) min_score = double(50 + rng() % 6);
    tiers.push_back(tier("t" + std::to_string(i), 1, min_score));
  }
  return policy_of(tiers, rng() % 2 ? TiePolicy::Share : TiePolicy::Exclude, rng() % 2 == 0);
}

std::vector<int> random_quotas(std::mt19937_64& rng, std::size_t tiers) {
  std::vector<int> quotas;
  for (std::size_t i = 0; i < tiers; ++i) quotas.push_back(int(rng() % 6));
  return quotas;
}

/// SPEC §12 tiers written straight from the text, with sets and rank comparisons.
std::map<std::string, int> naive_round_tiers(const AwardPolicy& policy,
                                             const std::vector<std::size_t>& tier_rounds,
                                             AbsentPolicy absent, const std::vector<int>& quotas,
                                             const PoolAcrossRounds& pool) {
  std::map<std::string, int> held;
  long carry = 0;
  for (std::size_t i = 0; i < policy.tiers.size(); ++i) {
    const long q = std::max(0L, long(quotas[i]) + carry);
    std::vector<RoundPlace> candidates;
    for (const RoundPlace& place : pool.rankings[tier_rounds[i]]) {
      if (held.count(place.entry_id)) continue;
      if (absent == AbsentPolicy::Forfeit && pool.absent.count(place.entry_id)) continue;
      if (policy.tiers[i].min_score && place.score < *policy.tiers[i].min_score) continue;
      candidates.push_back(place);
    }
    std::vector<std::string> awarded;
    if (q > 0 && long(candidates.size()) <= q) {
      for (const auto& c : candidates) awarded.push_back(c.entry_id);
    } else if (q > 0) {
      const int b_rank = candidates[std::size_t(q - 1)].rank;
      long last_of_b = 0;
      for (std::size_t k = 0; k < candidates.size(); ++k)
        if (candidates[k].rank == b_rank) last_of_b = long(k) + 1;
      const bool with_b = policy.ties == TiePolicy::Share || last_of_b == q;
      for (const auto& c : candidates)
        if (c.rank < b_rank || (with_b && c.rank == b_rank)) awarded.push_back(c.entry_id);
    }
    for (const auto& id : awarded) held[id] = int(i);
    const long a = long(awarded.size());
    carry = (a > q || (a < q && policy.cascade)) ? q - a : 0;
  }
  return held;
}

}  // namespace

TEST_CASE("SPEC §12: with one round, tiers are exactly SPEC §8 allocate_tiers") {
  std::mt19937_64 rng(12);
  for (int round = 0; round < 20000; ++round) {
    PoolAcrossRounds pool;
    pool.rankings = {ranking(random_listing(rng, random_entry_ids(rng, 13)))};
    const AwardPolicy policy = random_policy(rng);
    const std::vector<int> quotas = random_quotas(rng, policy.tiers.size());

    std::vector<RankedCandidate> ranked;
    for (const RoundPlace& place : pool.rankings[0]) ranked.push_back({place.rank, place.score});
    const auto one_round = allocate_tiers(policy, quotas, ranked);
    std::map<std::string, int> expected;
    for (std::size_t k = 0; k < ranked.size(); ++k)
      if (one_round[k]) expected[pool.rankings[0][k].entry_id] = *one_round[k];

    const std::vector<std::size_t> rounds(policy.tiers.size(), 0);
    const AbsentPolicy absent = rng() % 2 ? AbsentPolicy::Forfeit : AbsentPolicy::Keep;
    REQUIRE(allocate_round_tiers(policy, rounds, absent, quotas, pool) == expected);
  }
  // And the quotas: one round's sizes for every tier are pool_quotas.
  for (int round = 0; round < 2000; ++round) {
    AwardPolicy policy = random_policy(rng);
    for (Tier& t : policy.tiers) {
      if (rng() % 2) {
        t.count.reset();
        t.share = Decimal{std::int64_t(rng() % 101), 100};
      } else {
        t.count = int(rng() % 30);
      }
    }
    policy.rounding =
        std::vector<Rounding>{Rounding::Floor, Rounding::Round, Rounding::Ceil}[rng() % 3];
    std::vector<PoolAcrossRounds> pools(rng() % 5);
    std::vector<int> sizes;
    for (auto& pool : pools) {
      pool.rankings.resize(1);
      pool.rankings[0].resize(rng() % 40);
      sizes.push_back(int(pool.rankings[0].size()));
    }
    REQUIRE(round_tier_quotas(policy, std::vector<std::size_t>(policy.tiers.size(), 0), pools) ==
            pool_quotas(policy, sizes));
  }
}

TEST_CASE("SPEC §12: tiers over three rounds agree with a naive implementation") {
  std::mt19937_64 rng(3);
  for (int round = 0; round < 20000; ++round) {
    // Round 0 ranks everyone; each later round ranks a subset of the previous one's entrants.
    std::vector<std::string> entrants = random_entry_ids(rng, 14);
    PoolAcrossRounds pool;
    for (int r = 0; r < 3; ++r) {
      pool.rankings.push_back(ranking(random_listing(rng, entrants)));
      std::vector<std::string> next;
      for (const std::string& id : entrants) {
        if (rng() % 2) continue;
        if (rng() % 5 == 0)
          pool.absent.insert(id);  // went on, absent from the next round: not ranked there
        else
          next.push_back(id);
      }
      entrants = next;
    }
    const AwardPolicy policy = random_policy(rng);
    std::vector<std::size_t> rounds;
    std::size_t latest = 2;
    for (std::size_t i = 0; i < policy.tiers.size(); ++i) {
      latest = rng() % 2 ? latest : std::size_t(rng() % (latest + 1));
      rounds.push_back(latest);
    }
    const std::vector<int> quotas = random_quotas(rng, policy.tiers.size());
    for (AbsentPolicy absent : {AbsentPolicy::Forfeit, AbsentPolicy::Keep})
      REQUIRE(allocate_round_tiers(policy, rounds, absent, quotas, pool) ==
              naive_round_tiers(policy, rounds, absent, quotas, pool));
  }
}
