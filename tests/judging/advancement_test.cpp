#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "judging/advancement.hpp"

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

AwardPolicy kind_policy(TiePolicy ties, Rounding rounding = Rounding::Floor) {
  AwardPolicy policy;
  policy.ties = ties;
  policy.rounding = rounding;
  return policy;
}

AdvanceRule by_count(int count, std::optional<double> min_score = std::nullopt) {
  AdvanceRule rule;
  rule.count = count;
  rule.min_score = min_score;
  return rule;
}

AdvanceRule by_share(Decimal share) {
  AdvanceRule rule;
  rule.share = share;
  return rule;
}

/// Who goes on, one character per ranked candidate: '+' goes on, '-' does not.
std::string going_on(const PoolAdvance& pool) {
  std::string out;
  for (bool on : pool.goes_on) out += on ? '+' : '-';
  return out;
}

}  // namespace

TEST_CASE(
    "SPEC §12 advance: count is apportioned by largest remainder over the pools' ranked "
    "entries") {
  // Pools of 3 and 5 ranked entries (n = 8), 4 places: 4·3/8 = 1.5, 4·5/8 = 2.5 → floors 1, 2;
  // the last place: equal parts, the larger pool → quotas 1, 3.
  const auto pools =
      select_advancing(by_count(4), kind_policy(TiePolicy::Share),
                       {ranked_by_score({90, 80, 70}), ranked_by_score({95, 85, 75, 65, 55})});
  REQUIRE(pools.size() == 2);
  CHECK(pools[0].quota == 1);
  CHECK(going_on(pools[0]) == "+--");
  CHECK(pools[1].quota == 3);
  CHECK(going_on(pools[1]) == "+++--");
  CHECK(pools[1].going_on() == 3);
  // A pool with no ranked entry gets no place; the others share all of them.
  const auto with_empty = select_advancing(by_count(3), kind_policy(TiePolicy::Share),
                                           {{}, ranked_by_score({90, 80, 70, 60})});
  CHECK(with_empty[0].quota == 0);
  CHECK(with_empty[0].going_on() == 0);
  CHECK(with_empty[1].quota == 3);
}

TEST_CASE("SPEC §12 advance: share uses the kind's rounding") {
  // 0.5 · 5 = 2.5 → floor 2, round (half up) 3, ceil 3; 0.5 · 4 = 2 in every rounding.
  const std::vector<std::vector<RankedCandidate>> pools{ranked_by_score({90, 80, 70, 60, 50}),
                                                        ranked_by_score({90, 80, 70, 60})};
  const Decimal half{5, 10};
  const auto floor = select_advancing(by_share(half), kind_policy(TiePolicy::Share), pools);
  CHECK(floor[0].quota == 2);
  CHECK(going_on(floor[0]) == "++---");
  CHECK(floor[1].quota == 2);
  const auto round =
      select_advancing(by_share(half), kind_policy(TiePolicy::Share, Rounding::Round), pools);
  CHECK(round[0].quota == 3);
  CHECK(going_on(round[0]) == "+++--");
  const auto ceil =
      select_advancing(by_share(half), kind_policy(TiePolicy::Share, Rounding::Ceil), pools);
  CHECK(ceil[0].quota == 3);
  CHECK(ceil[1].quota == 2);
}

TEST_CASE("SPEC §12 advance share: a tie group across the last place goes on whole") {
  // Quota 2; the 2nd candidate's tie group is {85, 85} → all three of 90, 85, 85 go on.
  const auto pools = select_advancing(by_count(2), kind_policy(TiePolicy::Share),
                                      {ranked_by_score({90, 85, 85, 80})});
  CHECK(pools[0].quota == 2);
  CHECK(going_on(pools[0]) == "+++-");
  CHECK(pools[0].going_on() == 3);
}

TEST_CASE("SPEC §12 advance exclude: a tie group across the last place stays behind whole") {
  const auto pools = select_advancing(by_count(2), kind_policy(TiePolicy::Exclude),
                                      {ranked_by_score({90, 85, 85, 80})});
  CHECK(pools[0].quota == 2);
  CHECK(going_on(pools[0]) == "+---");
  // The group is the whole head of the ranking: nobody goes on.
  const auto head = select_advancing(by_count(1), kind_policy(TiePolicy::Exclude),
                                     {ranked_by_score({90, 90, 80})});
  CHECK(going_on(head[0]) == "---");
}

TEST_CASE("SPEC §12 advance exclude: a tie group ending exactly at the last place goes on") {
  const auto pools = select_advancing(by_count(3), kind_policy(TiePolicy::Exclude),
                                      {ranked_by_score({90, 85, 85, 80})});
  CHECK(going_on(pools[0]) == "+++-");
}

TEST_CASE("SPEC §12 advance: min_score leaves places empty") {
  // Quota 3 but only scores ≥ 85 may go on: 90 and 85 (exactly the minimum is in).
  const auto pools = select_advancing(by_count(3, 85), kind_policy(TiePolicy::Share),
                                      {ranked_by_score({90, 85, 80, 75})});
  CHECK(pools[0].quota == 3);
  CHECK(going_on(pools[0]) == "++--");
  // Minimum 82: 82 is in, 81.99 is not.
  const auto edge = select_advancing(by_count(5, 82), kind_policy(TiePolicy::Share),
                                     {ranked_by_score({90, 82, 81.99, 60})});
  CHECK(going_on(edge[0]) == "++--");
  // min_score applies before the tie rule: the candidates are 90, 85, 85 (80 is out), quota 2,
  // B = {85, 85} → share takes both.
  const auto ties = select_advancing(by_count(2, 84), kind_policy(TiePolicy::Share),
                                     {ranked_by_score({90, 85, 85, 80})});
  CHECK(going_on(ties[0]) == "+++-");
}

TEST_CASE("SPEC §12 advance: an advance needs count or share") {
  CHECK_THROWS_AS(select_advancing(AdvanceRule{}, kind_policy(TiePolicy::Share), {}),
                  std::invalid_argument);
}
