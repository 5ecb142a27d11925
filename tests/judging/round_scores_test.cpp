#include <catch2/catch.hpp>

#include <optional>
#include <vector>

#include "judging/round_scores.hpp"

using namespace jury;

TEST_CASE("SPEC §12: a round's score is Σ w_q · s_q over this round and earlier ones") {
  // The sample's final: weights prelim 0.3, final 0.7; 0.3 · 80 + 0.7 · 90 = 24 + 63 = 87.
  CHECK(combined_score({Decimal{3, 10}, Decimal{7, 10}}, {80.0, 90.0}) == 87.0);
  // Unrounded scores go in: 0.3 · 85.25 + 0.7 · 91.125 = 25.575 + 63.7875 = 89.3625.
  CHECK(combined_score({Decimal{3, 10}, Decimal{7, 10}}, {85.25, 91.125}) == 89.3625);
  // Default weights {this round: 1}: the round's own score, earlier rounds left out.
  CHECK(combined_score({std::nullopt, Decimal{1, 1}}, {70.0, 88.5}) == 88.5);
  CHECK(combined_score({Decimal{1, 1}}, {61.25}) == 61.25);
}

TEST_CASE("SPEC §12: combined scores are summed in rounds order in double precision") {
  // 0.1 · 52.25 + 0.2 · 87.125 + 0.7 · 93.5 is 88.1 exactly in decimals; in doubles, summed in
  // rounds order, it is 88.10000000000001 (the reverse order would give 88.1).
  const auto score =
      combined_score({Decimal{1, 10}, Decimal{2, 10}, Decimal{7, 10}}, {52.25, 87.125, 93.5});
  REQUIRE(score);
  CHECK(*score == 88.10000000000001);
  CHECK(*score != 88.1);
  CHECK(*score == (0.1 * 52.25 + 0.2 * 87.125) + 0.7 * 93.5);
}

TEST_CASE("SPEC §12: an entry without a score in a weighted round has no combined score") {
  CHECK_FALSE(combined_score({Decimal{3, 10}, Decimal{7, 10}}, {80.0, std::nullopt}));
  CHECK_FALSE(combined_score({Decimal{3, 10}, Decimal{7, 10}}, {std::nullopt, 90.0}));
  // A round outside `weights` (or weighted 0) needs no score.
  CHECK(combined_score({std::nullopt, Decimal{1, 1}}, {std::nullopt, 90.0}) == 90.0);
  CHECK(combined_score({Decimal{0, 1}, Decimal{1, 1}}, {std::nullopt, 90.0}) == 90.0);
  CHECK_THROWS_AS(combined_score({Decimal{1, 1}}, {1.0, 2.0}), std::invalid_argument);
}

TEST_CASE("SPEC §12: weights must sum to 1, exactly on the decimals") {
  CHECK(weights_sum_to_one({Decimal{3, 10}, Decimal{7, 10}}));
  CHECK(weights_sum_to_one({Decimal{1, 10}, Decimal{2, 10}, Decimal{7, 10}}));
  // 0.3 + 0.6 + 0.1 is 1, although in doubles it sums to 0.9999999999999999.
  CHECK(weights_sum_to_one({Decimal{3, 10}, Decimal{6, 10}, Decimal{1, 10}}));
  CHECK(0.3 + 0.6 + 0.1 != 1.0);
  CHECK(weights_sum_to_one({Decimal{33, 100}, Decimal{67, 100}}));
  CHECK(weights_sum_to_one({Decimal{25, 100}, Decimal{75, 100}}));
  CHECK(weights_sum_to_one({Decimal{1, 1}}));
  CHECK_FALSE(weights_sum_to_one({Decimal{3, 10}, Decimal{6, 10}}));
  CHECK_FALSE(weights_sum_to_one({Decimal{333, 1000}, Decimal{333, 1000}, Decimal{333, 1000}}));
  CHECK_FALSE(weights_sum_to_one({}));
}
