#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "judging/awards.hpp"

using namespace jury;

namespace {

/// Candidates from scores listed best first; equal scores tie (competition ranking 1, 2, 2, 4).
std::vector<RankedCandidate> ranked_by_score(const std::vector<double>& scores) {
  std::vector<RankedCandidate> ranked;
  for (std::size_t k = 0; k < scores.size(); ++k) {
    const int rank = (k > 0 && scores[k] == scores[k - 1]) ? ranked.back().rank : int(k) + 1;
    ranked.push_back({rank, scores[k]});
  }
  return ranked;
}

Tier tier(const std::string& id, std::optional<double> min_score = std::nullopt) {
  Tier t;
  t.id = id;
  t.count = 1;  // the allocation only reads min_score; quotas are passed explicitly
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

/// The allocation as a string, one letter per candidate: tier 0 = 'A', 1 = 'B', … no prize = '-'.
std::string letters(const std::vector<std::optional<int>>& tiers) {
  std::string out;
  for (const auto& t : tiers) out += t ? char('A' + *t) : '-';
  return out;
}

std::string allocate(const AwardPolicy& policy, const std::vector<int>& quotas,
                     const std::vector<double>& scores) {
  return letters(allocate_tiers(policy, quotas, ranked_by_score(scores)));
}

const std::vector<Tier> three_tiers{tier("first"), tier("second"), tier("third")};

}  // namespace

// ------------------------------------------------------------------ apportionment

TEST_CASE("SPEC §8: count N_i apportioned by largest remainder (Hamilton), each tier on its own") {
  // Pools 92/100/92, n = 284, worked by hand:
  //  12: 12·92 = 1104 = 3·284 + 252, 12·100 = 1200 = 4·284 + 64 → floors 3,4,3 (10), 2 left:
  //      remainders 252, 64, 252 → both 92-pools (equal parts, equal sizes) → 4,4,4.
  //  28: 28·92 = 2576 = 9·284 + 20, 28·100 = 2800 = 9·284 + 244 → 9,9,9 (27), 1 left → 9,10,9.
  // 102: 102·92 = 9384 = 33·284 + 12, 102·100 = 10200 = 35·284 + 260 → 33,35,33 (101) → 33,36,33.
  CHECK(apportion_largest_remainder(12, {92, 100, 92}) == std::vector<int>{4, 4, 4});
  CHECK(apportion_largest_remainder(28, {92, 100, 92}) == std::vector<int>{9, 10, 9});
  CHECK(apportion_largest_remainder(102, {92, 100, 92}) == std::vector<int>{33, 36, 33});

  // The Jingzhou sample's pools 78/96/110 (n = 284):
  //  12: 936 = 3·284 + 84, 1152 = 4·284 + 16, 1320 = 4·284 + 184 → 3,4,4 + 1 → 3,4,5.
  //  28: 2184 = 7·284 + 196, 2688 = 9·284 + 132, 3080 = 10·284 + 240 → 7,9,10 + 2 → 8,9,11.
  // 102: 7956 = 28·284 + 4, 9792 = 34·284 + 136, 11220 = 39·284 + 144 → 28,34,39 + 1 → 28,34,40.
  CHECK(apportion_largest_remainder(12, {78, 96, 110}) == std::vector<int>{3, 4, 5});
  CHECK(apportion_largest_remainder(28, {78, 96, 110}) == std::vector<int>{8, 9, 11});
  CHECK(apportion_largest_remainder(102, {78, 96, 110}) == std::vector<int>{28, 34, 40});
}

TEST_CASE("SPEC §8: equal fractional parts go to the larger pool, then to the earlier pool") {
  // 3 places over 1/3/2 (n = 6): exact shares 0.5, 1.5, 1.0 → floors 0,1,1, one place left;
  // the 1-pool and the 3-pool both have part 0.5 → the larger (later) pool wins.
  CHECK(apportion_largest_remainder(3, {1, 3, 2}) == std::vector<int>{0, 2, 1});
  // 2 places over 1/1/2 (n = 4): 0.5, 0.5, 1.0 → floors 0,0,1; equal parts, equal sizes → earlier.
  CHECK(apportion_largest_remainder(2, {1, 1, 2}) == std::vector<int>{1, 0, 1});
  // 1 place over 5/5/5/5: all parts 0.25 → the first pool.
  CHECK(apportion_largest_remainder(1, {5, 5, 5, 5}) == std::vector<int>{1, 0, 0, 0});
  // 2 places over 3/5/3/5 (n = 16): 6/16, 10/16, 6/16, 10/16 → the two 5-pools.
  CHECK(apportion_largest_remainder(2, {3, 5, 3, 5}) == std::vector<int>{0, 1, 0, 1});
}

TEST_CASE("SPEC §8: apportionment of an empty kind (n = 0) is all zero — a larger pool is exact") {
  CHECK(apportion_largest_remainder(5, {0, 0}) == std::vector<int>{0, 0});
  CHECK(apportion_largest_remainder(5, {}).empty());
  CHECK(apportion_largest_remainder(0, {3, 4}) == std::vector<int>{0, 0});
  CHECK(apportion_largest_remainder(4, {0, 8}) == std::vector<int>{0, 4});
  CHECK(apportion_largest_remainder(7, {10}) == std::vector<int>{7});
  // More places than entries: proportional all the same (20·3/4 = 15, 20·1/4 = 5).
  CHECK(apportion_largest_remainder(20, {3, 1}) == std::vector<int>{15, 5});
}

TEST_CASE("SPEC §8: largest remainder, checked against its definition on random pools") {
  // Independent characterisation: the quotas sum to N, each is floor or floor + 1 of N·n_p/n, and
  // any pool given the extra place beats any pool not given one on (part, size, earlier).
  std::mt19937_64 rng(7);
  for (int round = 0; round < 3000; ++round) {
    const int pools = int(rng() % 6) + 1;
    std::vector<int> sizes;
    for (int p = 0; p < pools; ++p) sizes.push_back(int(rng() % 12));
    const int places = int(rng() % 40);
    const std::vector<int> quotas = apportion_largest_remainder(places, sizes);
    std::int64_t n = 0;
    for (int s : sizes) n += s;
    REQUIRE(quotas.size() == sizes.size());
    if (n == 0) {
      CHECK(std::all_of(quotas.begin(), quotas.end(), [](int q) { return q == 0; }));
      continue;
    }
    int sum = 0;
    std::vector<bool> extra(sizes.size());
    for (std::size_t p = 0; p < sizes.size(); ++p) {
      const std::int64_t floor_part = std::int64_t(places) * sizes[p] / n;
      REQUIRE((quotas[p] == floor_part || quotas[p] == floor_part + 1));
      extra[p] = quotas[p] == floor_part + 1;
      sum += quotas[p];
    }
    REQUIRE(sum == places);
    const auto key = [&](std::size_t p) {
      return std::make_tuple(std::int64_t(places) * sizes[p] % n, sizes[p], -int(p));
    };
    for (std::size_t a = 0; a < sizes.size(); ++a)
      for (std::size_t b = 0; b < sizes.size(); ++b)
        if (extra[a] && !extra[b]) REQUIRE(key(a) > key(b));
  }
}

// ------------------------------------------------------------------ share quotas

TEST_CASE("SPEC §8: share f_i quota is rounding(f_i · n_p), exact on the decimal share") {
  const Decimal f057{57, 100};
  CHECK(share_quota(f057, 100, Rounding::Floor) == 57);  // 0.57·100 is 56.999… in binary
  CHECK(share_quota(f057, 100, Rounding::Round) == 57);
  CHECK(share_quota(f057, 100, Rounding::Ceil) == 57);
  CHECK(share_quota({29, 100}, 100, Rounding::Floor) == 29);    // 28.999… in binary
  CHECK(share_quota({7, 100}, 100, Rounding::Ceil) == 7);       // 7.000…01 in binary
  CHECK(share_quota({145, 1000}, 100, Rounding::Round) == 15);  // 14.5 (14.499… in binary)

  // `round` is half up: 0.35·10 = 3.5 → 4, 0.25·10 = 2.5 → 3 (not to even), 0.24·10 = 2.4 → 2.
  CHECK(share_quota({35, 100}, 10, Rounding::Floor) == 3);
  CHECK(share_quota({35, 100}, 10, Rounding::Round) == 4);
  CHECK(share_quota({35, 100}, 10, Rounding::Ceil) == 4);
  CHECK(share_quota({25, 100}, 10, Rounding::Round) == 3);
  CHECK(share_quota({24, 100}, 10, Rounding::Round) == 2);
  CHECK(share_quota({26, 100}, 10, Rounding::Floor) == 2);
  CHECK(share_quota({26, 100}, 10, Rounding::Ceil) == 3);

  // Edge sizes: an empty pool gets nothing; a share of 1 gets the whole pool.
  CHECK(share_quota({15, 100}, 0, Rounding::Ceil) == 0);
  CHECK(share_quota({1, 1}, 37, Rounding::Floor) == 37);
  CHECK(share_quota({1, 10}, 3, Rounding::Ceil) == 1);  // 0.3 → 1
  CHECK(share_quota({1, 10}, 3, Rounding::Round) == 0);
}

TEST_CASE("SPEC §8: pool_quotas apportions count tiers across pools and applies shares per pool") {
  AwardPolicy policy;
  Tier first = tier("first");
  first.count = 12;
  Tier second = tier("second");
  second.count.reset();
  second.share = Decimal{15, 100};
  Tier third = tier("third");
  third.count = 102;
  policy.tiers = {first, second, third};
  policy.rounding = Rounding::Round;
  // 0.15·92 = 13.8 → 14, 0.15·100 = 15, count tiers as in the Hamilton test above.
  const auto quotas = pool_quotas(policy, {92, 100, 92});
  CHECK(quotas == std::vector<std::vector<int>>{{4, 14, 33}, {4, 15, 36}, {4, 14, 33}});

  policy.rounding = Rounding::Floor;
  CHECK(pool_quotas(policy, {10})[0] == std::vector<int>{12, 1, 102});  // 0.15·10 = 1.5 → 1
  CHECK(pool_quotas(policy, {}).empty());
}

// ------------------------------------------------------------------ allocation

TEST_CASE(
    "SPEC §8 share: a tie group straddling the boundary gets the tier — the overflow is deducted "
    "from the next tier") {
  // Tier 1 (q = 2): the 2nd candidate's tie group B = {85, 85} → 3 awarded, carry 2 − 3 = −1.
  // Tier 2: q = 2 − 1 = 1 → 80. Tier 3: q = 1 → 75.
  const auto share = policy_of(three_tiers, TiePolicy::Share);
  CHECK(allocate(share, {2, 2, 1}, {90, 85, 85, 80, 75, 70}) == "AAABC-");
  // The overflow is carried even without cascade, and reaches a tie group at tier 2's boundary:
  // tier 2 q = 3 − 1 = 2: candidates 80, 75, 75, 70 → B = {75, 75} → 3 awarded, carry −1;
  // tier 3 q = 2 − 1 = 1 → 70.
  CHECK(allocate(share, {2, 3, 2}, {90, 85, 85, 80, 75, 75, 70, 60}) == "AAABBBC-");
  // A tie group straddling the last tier's boundary: everyone in it gets the tier.
  CHECK(allocate(share, {1, 1, 1}, {90, 80, 70, 70, 70, 60}) == "ABCCC-");
}

TEST_CASE("SPEC §8 exclude: only those ranked strictly above B get the tier") {
  // Tier 1 (q = 2): B = {85, 85} at positions 2–3 does not end at 2 → only 90; a = 1 < q, no
  // cascade → carry 0. Tier 2 (q = 2): candidates skip 90, so the 85s are positions 1–2: B ends
  // exactly at 2 → both. Tier 3 (q = 1): 80.
  const auto exclude = policy_of(three_tiers, TiePolicy::Exclude);
  CHECK(allocate(exclude, {2, 2, 1}, {90, 85, 85, 80, 75, 70}) == "ABBC--");
  // A tie group straddling the last boundary: nobody in it gets the tier.
  CHECK(allocate(exclude, {1, 1, 2}, {90, 80, 70, 70, 70, 60}) == "AB----");
  // B is the whole candidate list's head: nobody gets the tier.
  CHECK(allocate(exclude, {2, 1, 0}, {90, 90, 90, 80}) == "----");
}

TEST_CASE("SPEC §8 exclude: B ending exactly at position q gets the tier") {
  const auto exclude = policy_of(three_tiers, TiePolicy::Exclude);
  CHECK(allocate(exclude, {2, 0, 0}, {90, 90, 80}) == "AA-");
  CHECK(allocate(exclude, {3, 2, 0}, {95, 90, 90, 80, 80, 70}) == "AAABB-");
  // Share gives the same result when B ends at q.
  CHECK(allocate(policy_of(three_tiers, TiePolicy::Share), {3, 2, 0}, {95, 90, 90, 80, 80, 70}) ==
        "AAABB-");
}

TEST_CASE("SPEC §8 exclude with cascade: places left by an excluded tie group move down") {
  // Tier 1 (q = 2): only 90 → a = 1 < 2, cascade → carry 1. Tier 2 (q = 3): candidates 85, 85,
  // 80, 75, 70; the 3rd is 80, B = {80} ends at 3 → 3 awarded. Tier 3 (q = 1): 75.
  const auto exclude = policy_of(three_tiers, TiePolicy::Exclude, true);
  CHECK(allocate(exclude, {2, 2, 1}, {90, 85, 85, 80, 75, 70}) == "ABBBC-");
}

TEST_CASE("SPEC §8: if q = 0, nobody gets tier i") {
  const auto share = policy_of(three_tiers, TiePolicy::Share);
  CHECK(allocate(share, {0, 2, 0}, {90, 80, 70, 60}) == "BB--");
  CHECK(allocate(share, {0, 0, 0}, {90, 80}) == "--");
  // q = 0 with cascade does not create a carry (a = q = 0).
  CHECK(allocate(policy_of(three_tiers, TiePolicy::Share, true), {0, 0, 1}, {90, 80}) == "C-");
}

TEST_CASE("SPEC §8: a negative carry larger than the next quota makes q = 0 there") {
  // Tier 1 (q = 1): B = four 90s → a = 4, carry −3. Tier 2: q = max(0, 2 − 3) = 0 → nobody;
  // a = q = 0 → carry 0 (decision: the deficit is not carried past a tier with q = 0).
  // Tier 3 (q = 1): 80.
  const auto share = policy_of(three_tiers, TiePolicy::Share);
  CHECK(allocate(share, {1, 2, 1}, {90, 90, 90, 90, 80, 70}) == "AAAAC-");
  CHECK(allocate(policy_of(three_tiers, TiePolicy::Share, true), {1, 2, 1},
                 {90, 90, 90, 90, 80, 70}) == "AAAAC-");
  // Overflow exactly eating the next quota: carry −2, tier 2 q = 0 → nobody, tier 3 q = 1 → 80.
  CHECK(allocate(share, {1, 2, 1}, {90, 90, 90, 80, 70}) == "AAAC-");
}

TEST_CASE(
    "SPEC §8: with at most q candidates all get tier i — the shortfall cascades only if set") {
  const std::vector<Tier> two{tier("first"), tier("second")};
  // 3 candidates, q = 5: all three; no cascade → carry 0, nobody left for tier 2 anyway.
  CHECK(allocate(policy_of(two, TiePolicy::Share), {5, 1}, {90, 80, 80}) == "AAA");
  CHECK(allocate(policy_of(two, TiePolicy::Exclude, true), {5, 1}, {90, 80, 80}) == "AAA");
  CHECK(allocate(policy_of(two, TiePolicy::Share), {1, 1}, {}).empty());
}

TEST_CASE("SPEC §8: min_score leaves places empty — cascade moves them to the next tier") {
  // Tier 1 q = 1 (no min): 90. Tier 2 q = 2, min 80: no candidate (70 < 80) → a = 0.
  // Tier 3 q = 1, min 50 (inclusive): candidates 70, 65, 55, 50.
  const std::vector<Tier> tiers{tier("first"), tier("second", 80), tier("third", 50)};
  const std::vector<double> scores{90, 70, 65, 55, 50, 45};
  // No cascade: the 2 places of tier 2 are lost; tier 3 q = 1 → 70.
  CHECK(allocate(policy_of(tiers, TiePolicy::Share), {1, 2, 1}, scores) == "AC----");
  // Cascade: carry 2 → tier 3 q = 3 → 70, 65, 55.
  CHECK(allocate(policy_of(tiers, TiePolicy::Share, true), {1, 2, 1}, scores) == "ACCC--");
  // Cascade: tier 3 q = 5, but only 4 candidates reach 50: all four, the 5th place stays empty.
  CHECK(allocate(policy_of(tiers, TiePolicy::Share, true), {1, 2, 3}, scores) == "ACCCC-");
  // A score exactly at min_score is a candidate; just below is not.
  const std::vector<Tier> min_tier{tier("only", 59.5)};
  CHECK(allocate(policy_of(min_tier, TiePolicy::Share), {3}, {59.5, 59.49, 59}) == "A--");
}

TEST_CASE("SPEC §8: min_score on a better tier skips entries that a later tier takes") {
  // Tier 1 min 85: only 90 is a candidate (q = 2, one place empty, no cascade).
  // Tier 2 q = 2: candidates 84, 84, 70 → B = {84, 84} ends at 2 → both (exclude).
  const std::vector<Tier> tiers{tier("first", 85), tier("second")};
  CHECK(allocate(policy_of(tiers, TiePolicy::Exclude), {2, 2}, {90, 84, 84, 70}) == "ABB-");
  // With cascade tier 2 gets q = 3 → all three remaining.
  CHECK(allocate(policy_of(tiers, TiePolicy::Exclude, true), {2, 2}, {90, 84, 84, 70}) == "ABBB");
}

TEST_CASE("allocate_tiers rejects mismatched quotas and unordered candidates") {
  const auto share = policy_of(three_tiers, TiePolicy::Share);
  CHECK_THROWS_AS(allocate_tiers(share, {1, 1}, {}), std::invalid_argument);
  CHECK_THROWS_AS(allocate_tiers(share, {1, 1, 1}, {{2, 80}, {1, 90}}), std::invalid_argument);
}

// ------------------------------------------------------------------ independent check

namespace {

/// A deliberately naive second implementation, written straight from the SPEC §8 text with sets
/// and rank comparisons instead of positions, to compare with allocate_tiers.
std::vector<std::optional<int>> naive_allocation(const AwardPolicy& policy,
                                                 const std::vector<int>& quotas,
                                                 const std::vector<RankedCandidate>& ranked) {
  std::vector<std::optional<int>> result(ranked.size());
  long carry = 0;
  for (std::size_t i = 0; i < policy.tiers.size(); ++i) {
    const long q = std::max(0L, long(quotas[i]) + carry);
    std::vector<std::size_t> candidates;
    for (std::size_t k = 0; k < ranked.size(); ++k)
      if (!result[k] &&
          (!policy.tiers[i].min_score || ranked[k].score >= *policy.tiers[i].min_score))
        candidates.push_back(k);
    std::vector<std::size_t> awarded;
    if (q == 0) {
      // nobody
    } else if (long(candidates.size()) <= q) {
      awarded = candidates;
    } else {
      const int b_rank = ranked[candidates[std::size_t(q - 1)]].rank;
      long last_position_of_b = 0;  // 1-based
      for (std::size_t p = 0; p < candidates.size(); ++p)
        if (ranked[candidates[p]].rank == b_rank) last_position_of_b = long(p) + 1;
      const bool b_included = policy.ties == TiePolicy::Share || last_position_of_b == q;
      for (std::size_t k : candidates)
        if (ranked[k].rank < b_rank || (b_included && ranked[k].rank == b_rank))
          awarded.push_back(k);
    }
    for (std::size_t k : awarded) result[k] = int(i);
    const long a = long(awarded.size());
    if (a > q || (a < q && policy.cascade))
      carry = q - a;
    else
      carry = 0;
  }
  return result;
}

}  // namespace

TEST_CASE("SPEC §8 allocation agrees with a naive implementation on random pools with ties") {
  std::mt19937_64 rng(2021);
  for (int round = 0; round < 20000; ++round) {
    // Small integer scores make many ties; scores listed best first.
    const int size = int(rng() % 13);
    std::vector<double> scores;
    for (int k = 0; k < size; ++k) scores.push_back(double(50 + rng() % 8));
    std::sort(scores.rbegin(), scores.rend());
    const auto ranked = ranked_by_score(scores);

    const int tier_count = int(rng() % 4) + 1;
    std::vector<Tier> tiers;
    std::vector<int> quotas;
    for (int i = 0; i < tier_count; ++i) {
      std::optional<double> min_score;
      if (rng() % 3 == 0) min_score = double(50 + rng() % 8);
      tiers.push_back(tier("t" + std::to_string(i), min_score));
      quotas.push_back(int(rng() % 6));
    }
    const auto ties = rng() % 2 ? TiePolicy::Share : TiePolicy::Exclude;
    const auto policy = policy_of(tiers, ties, rng() % 2 == 0);

    const auto fast = allocate_tiers(policy, quotas, ranked);
    REQUIRE(letters(fast) == letters(naive_allocation(policy, quotas, ranked)));

    // Invariants: a tie group never splits, and a better rank never gets a worse prize.
    for (std::size_t k = 1; k < ranked.size(); ++k) {
      if (ranked[k].rank == ranked[k - 1].rank) REQUIRE(fast[k] == fast[k - 1]);
      if (fast[k]) REQUIRE((fast[k - 1] && *fast[k - 1] <= *fast[k]));
    }
    // Under exclude a tier never exceeds its q (a ≤ q, carry ≥ 0): in total at most Σ quotas.
    if (ties == TiePolicy::Exclude) {
      const long given =
          std::count_if(fast.begin(), fast.end(), [](auto t) { return t.has_value(); });
      long total = 0;
      for (int q : quotas) total += q;
      REQUIRE(given <= total);
    }
  }
}
