#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "judging/recommendation.hpp"

using namespace jury;

namespace {

AwardPolicy three_tiers(Rounding rounding = Rounding::Floor) {
  AwardPolicy policy;
  for (const char* id : {"first", "second", "third"}) {
    Tier t;
    t.id = id;
    t.count = 1;
    policy.tiers.push_back(t);
  }
  policy.rounding = rounding;
  return policy;
}

Recommendation recommend(std::optional<int> count, std::optional<Decimal> share,
                         std::vector<std::string> tiers) {
  Recommendation rule;
  rule.label = "推荐参加省赛";
  rule.count = count;
  rule.share = share;
  rule.tiers = std::move(tiers);
  return rule;
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

constexpr int kFirst = 0;
constexpr int kSecond = 1;
constexpr int kThird = 2;

}  // namespace

TEST_CASE("SPEC §12 recommend: count is apportioned over the pools' holders of the tiers") {
  // Holders of first/second: 3 in pool 0, 5 in pool 1 (third-tier holders do not count).
  // 4 places: 1.5 and 2.5 → floors 1, 2; equal parts → the larger pool → quotas 1, 3.
  const std::vector<std::vector<TierHolder>> pools{
      {{"A", kFirst, 1}, {"B", kSecond, 2}, {"C", kSecond, 3}, {"D", kThird, 1}, {"X", kThird, 2}},
      {{"E", kFirst, 1},
       {"F", kFirst, 2},
       {"G", kSecond, 3},
       {"H", kSecond, 4},
       {"I", kSecond, 5},
       {"J", kThird, 1}}};
  const auto result =
      recommend_entries(recommend(4, std::nullopt, {"first", "second"}), three_tiers(), pools);
  REQUIRE(result.size() == 2);
  CHECK(result[0].holders == 3);
  CHECK(result[0].quota == 1);
  CHECK(joined(result[0].recommended) == "A");
  CHECK(result[1].holders == 5);
  CHECK(result[1].quota == 3);
  CHECK(joined(result[1].recommended) == "E F G");
  CHECK(result[1].tied.empty());
}

TEST_CASE("SPEC §12 recommend: share of the holders with the kind's rounding") {
  // 5 holders of first/second; 0.5 · 5 = 2.5 → floor 2, round 3, ceil 3.
  const std::vector<std::vector<TierHolder>> pools{{{"A", kFirst, 1},
                                                    {"B", kFirst, 2},
                                                    {"C", kSecond, 3},
                                                    {"D", kSecond, 4},
                                                    {"E", kSecond, 5}}};
  const auto rule = recommend(std::nullopt, Decimal{5, 10}, {"first", "second"});
  const auto floor = recommend_entries(rule, three_tiers(Rounding::Floor), pools);
  CHECK(floor[0].quota == 2);
  CHECK(joined(floor[0].recommended) == "A B");
  const auto round = recommend_entries(rule, three_tiers(Rounding::Round), pools);
  CHECK(round[0].quota == 3);
  CHECK(joined(round[0].recommended) == "A B C");
  CHECK(recommend_entries(rule, three_tiers(Rounding::Ceil), pools)[0].quota == 3);
}

TEST_CASE(
    "SPEC §12 recommend: candidates by tier (best first), then rank in the tier's round, "
    "then entry_id") {
  // A third-tier holder ranked 1st in the preliminary round still comes after every second-tier
  // holder. (Within equal tier and rank the order is entry_id: see the tied "B C" below.)
  const std::vector<std::vector<TierHolder>> pools{
      {{"T1", kThird, 1}, {"S9", kSecond, 9}, {"S2", kSecond, 2}, {"F3", kFirst, 3}}};
  const auto result = recommend_entries(recommend(3, std::nullopt, {"first", "second", "third"}),
                                        three_tiers(), pools);
  CHECK(joined(result[0].recommended) == "F3 S2 S9");
  CHECK(recommend_entries(recommend(4, std::nullopt, {"first", "second", "third"}), three_tiers(),
                          pools)[0]
            .recommended.back() == "T1");
}

TEST_CASE("SPEC §12 recommend-tie: a group tied across position q is left out whole and flagged") {
  // q = 2: A (first, 1), then B and C (second, rank 2 both) across position 2 → only A; B and C
  // get `recommend-tie`; D is simply not recommended.
  const std::vector<std::vector<TierHolder>> pools{
      {{"D", kSecond, 4}, {"C", kSecond, 2}, {"B", kSecond, 2}, {"A", kFirst, 1}}};
  const auto rule = recommend(2, std::nullopt, {"first", "second"});
  const auto result = recommend_entries(rule, three_tiers(), pools);
  CHECK(result[0].quota == 2);
  CHECK(joined(result[0].recommended) == "A");
  CHECK(joined(result[0].tied) == "B C");
  // The whole head of the list tied: nobody is recommended, all of the group is flagged.
  const auto head = recommend_entries(recommend(1, std::nullopt, {"first"}), three_tiers(),
                                      {{{"A", kFirst, 1}, {"B", kFirst, 1}, {"C", kFirst, 1}}});
  CHECK(head[0].recommended.empty());
  CHECK(joined(head[0].tied) == "A B C");
}

TEST_CASE("SPEC §12 recommend-tie: a tied group ending exactly at q is recommended") {
  const std::vector<std::vector<TierHolder>> pools{
      {{"D", kSecond, 4}, {"C", kSecond, 2}, {"B", kSecond, 2}, {"A", kFirst, 1}}};
  const auto result =
      recommend_entries(recommend(3, std::nullopt, {"first", "second"}), three_tiers(), pools);
  CHECK(joined(result[0].recommended) == "A B C");
  CHECK(result[0].tied.empty());
}

TEST_CASE("SPEC §12 recommend-tie: the same rank in different tiers is no tie") {
  // first rank 3 (decided by the final) and second rank 3 (of the same round) differ in tier.
  const std::vector<std::vector<TierHolder>> pools{{{"B", kSecond, 3}, {"A", kFirst, 3}}};
  const auto result =
      recommend_entries(recommend(1, std::nullopt, {"first", "second"}), three_tiers(), pools);
  CHECK(joined(result[0].recommended) == "A");
  CHECK(result[0].tied.empty());
}

TEST_CASE("SPEC §12 recommend: never more than the quota — fewer candidates are all recommended") {
  const std::vector<std::vector<TierHolder>> pools{{{"A", kFirst, 1}, {"B", kSecond, 2}}};
  const auto all =
      recommend_entries(recommend(5, std::nullopt, {"first", "second"}), three_tiers(), pools);
  CHECK(joined(all[0].recommended) == "A B");
  // Quota 0: nobody, and no tie to flag.
  const auto none = recommend_entries(recommend(0, std::nullopt, {"first"}), three_tiers(),
                                      {{{"A", kFirst, 1}, {"B", kFirst, 1}}});
  CHECK(none[0].recommended.empty());
  CHECK(none[0].tied.empty());
  // No holder of the tiers at all.
  const auto empty =
      recommend_entries(recommend(2, std::nullopt, {"first"}), three_tiers(), {{{"C", kThird, 1}}});
  CHECK(empty[0].holders == 0);
  CHECK(empty[0].quota == 0);
}

TEST_CASE("SPEC §12 recommend: an unknown tier or a missing count|share is refused") {
  CHECK_THROWS_AS(recommend_entries(recommend(1, std::nullopt, {"gold"}), three_tiers(), {{}}),
                  std::invalid_argument);
  CHECK_THROWS_AS(
      recommend_entries(recommend(std::nullopt, std::nullopt, {"first"}), three_tiers(), {{}}),
      std::invalid_argument);
  CHECK_THROWS_AS(
      recommend_entries(recommend(1, std::nullopt, {"first"}), three_tiers(), {{{"A", 7, 1}}}),
      std::invalid_argument);
}
