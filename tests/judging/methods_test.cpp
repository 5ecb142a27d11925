#include <catch2/catch.hpp>
#include <cmath>

#include "judging/aggregation.hpp"
#include "judging/method_mean.hpp"
#include "judging/method_median.hpp"
#include "judging/method_trimmed_mean.hpp"
#include "judging/method_zscore.hpp"

using namespace jury;

namespace {

/// A kind's totals from (entry, judge, total) triples; ids are E<i> and J<j>.
KindTotals make_totals(int entries, int judges,
                       const std::vector<std::tuple<int, int, double>>& t) {
  KindTotals totals;
  for (int e = 0; e < entries; ++e) totals.entry_ids.push_back("E" + std::to_string(e));
  for (int j = 0; j < judges; ++j) totals.judge_ids.push_back("J" + std::to_string(j));
  totals.by_entry.resize(static_cast<std::size_t>(entries));
  for (const auto& [e, j, value] : t)
    totals.by_entry[static_cast<std::size_t>(e)].push_back(JudgeTotal{j, value, 0});
  return totals;
}

double trimmed(std::vector<double> values, int trim) {
  std::sort(values.begin(), values.end());
  return trimmed_mean_of_sorted(values, trim);
}

}  // namespace

TEST_CASE("SPEC §6 mean: arithmetic mean of the entry's complete totals") {
  const KindTotals totals = make_totals(2, 3, {{0, 0, 80}, {0, 1, 70}, {0, 2, 76.5}});
  const EntryScores scores = MeanMethod().score(totals);
  CHECK(scores[0] == 75.5);
  CHECK_FALSE(scores[1].has_value());  // no totals, no score
}

TEST_CASE("SPEC §6 median: middle value, mean of the two middle values for even counts") {
  CHECK(median_of_sorted({70, 80, 90}) == 80);
  CHECK(median_of_sorted({60, 70, 80, 100}) == 75);
  CHECK(median_of_sorted({55}) == 55);
  const KindTotals totals = make_totals(1, 4, {{0, 0, 100}, {0, 1, 60}, {0, 2, 80}, {0, 3, 70}});
  CHECK(MedianMethod().score(totals)[0] == 75);
}

TEST_CASE("SPEC §6 trimmed-mean: fewer than 2·trim + 3 totals give the plain mean") {
  CHECK(trimmed({50, 70, 80, 90}, 1) == 72.5);                    // 4 < 5: mean of all four
  CHECK(trimmed({100, 92, 86, 80, 74, 70, 10}, 3) == 512.0 / 7);  // 7 < 9
}

TEST_CASE("SPEC §6 trimmed-mean: drop the trim highest and lowest, then mean") {
  CHECK(trimmed({90, 50, 70, 80, 60}, 1) == 70);  // 5 judges: drop 90 and 50
  // 7 judges: trim 1 drops 100 and 10; trim 2 drops 100, 92 and 70, 10
  CHECK(trimmed({100, 92, 86, 80, 74, 70, 10}, 1) == 402.0 / 5);
  CHECK(trimmed({100, 92, 86, 80, 74, 70, 10}, 2) == 80);
}

TEST_CASE("SPEC §6 trimmed-mean: one copy of a repeated extreme per dropped place") {
  CHECK(trimmed({80, 80, 70, 60, 60}, 1) == 70);  // drop one 80, one 60 → {80, 70, 60}
  CHECK(trimmed({90, 90, 90, 80, 60, 60, 60}, 2) == 230.0 / 3);  // → {90, 80, 60}
  CHECK(trimmed({75, 75, 75, 75}, 1) == 75);
  const KindTotals totals =
      make_totals(1, 5, {{0, 0, 80}, {0, 1, 80}, {0, 2, 70}, {0, 3, 60}, {0, 4, 60}});
  CHECK(TrimmedMeanMethod(1).score(totals)[0] == 70);
  CHECK(TrimmedMeanMethod(0).score(totals)[0] == 70);  // trim 0 keeps all: mean 350/5
}

TEST_CASE("SPEC §6 zscore: judges of zero spread and with a single total contribute z = 0") {
  // Judge 0: E0=80, E1=70, E2=60 (m = 70, s = √(200/3)); judge 1: E0=75, E1=75 (s = 0);
  // judge 2: E2=90 only. All totals: M = 450/6 = 75, S = √(500/6).
  const KindTotals totals =
      make_totals(4, 3, {{0, 0, 80}, {0, 1, 75}, {1, 0, 70}, {1, 1, 75}, {2, 0, 60}, {2, 2, 90}});
  const EntryScores scores = ZScoreMethod().score(totals);
  const double z = 10 / std::sqrt(200.0 / 3);  // judge 0's z for E0 (and −z for E2)
  const double big_s = std::sqrt(500.0 / 6);
  CHECK(*scores[0] == Approx(75 + big_s * (z + 0) / 2).epsilon(1e-14));
  CHECK(*scores[0] == Approx(75 + std::sqrt(125.0) / 2).epsilon(1e-14));
  CHECK(*scores[1] == Approx(75).epsilon(1e-14));
  CHECK(*scores[2] == Approx(75 - std::sqrt(125.0) / 2).epsilon(1e-14));
  CHECK_FALSE(scores[3].has_value());
}

TEST_CASE("SPEC §6 zscore: all totals equal gives every entry the kind mean") {
  const KindTotals totals = make_totals(2, 2, {{0, 0, 70}, {0, 1, 70}, {1, 0, 70}, {1, 1, 70}});
  const EntryScores scores = ZScoreMethod().score(totals);
  CHECK(scores[0] == 70);
  CHECK(scores[1] == 70);
}

TEST_CASE("aggregation methods are chosen by aggregation.method") {
  const KindTotals totals =
      make_totals(1, 5, {{0, 0, 90}, {0, 1, 80}, {0, 2, 70}, {0, 3, 60}, {0, 4, 20}});
  AggregationConfig config;
  config.trim = 1;
  CHECK(make_aggregation_method(Method::Mean, config)->score(totals)[0] == 64);
  CHECK(make_aggregation_method(Method::Median, config)->score(totals)[0] == 70);
  CHECK(make_aggregation_method(Method::TrimmedMean, config)->score(totals)[0] == 70);
  // one judge per total, each with a single total: every z is 0, the score is the kind mean
  CHECK(make_aggregation_method(Method::ZScore, config)->score(totals)[0] == 64);
  // one entry: θ is the mean of the totals less the judges' effects, which λ > 0 shrinks to 0
  config.severity_shrinkage = 3;
  CHECK(*make_aggregation_method(Method::Severity, config)->score(totals)[0] ==
        Approx(64).epsilon(1e-14));
}

TEST_CASE(
    "SPEC §6 zscore: z = 0 when s_j = 0, also for equal totals that are not binary fractions") {
  // Rubric max 30/30/7, weights 20/10/3: a judge giving (29, 13, 1) to every entry has the total
  // 29·20/30 + 13·10/30 + 1·3/7 = 24.095238… nine times, so s_j = 0 and every z_je = 0. In
  // doubles the mean of the nine copies is one ulp above the total, which must not turn into
  // z = (t − m)/s = −1. Judge 1 gives 10 and 20 (m = 15, s = 5, z = ∓1).
  const double t = 29.0 * 20 / 30 + 13.0 * 10 / 30 + 1.0 * 3 / 7;
  std::vector<std::tuple<int, int, double>> rows;
  for (int e = 0; e < 9; ++e) rows.emplace_back(e, 0, t);
  rows.emplace_back(0, 1, 10.0);
  rows.emplace_back(1, 1, 20.0);
  const KindTotals totals = make_totals(9, 2, rows);
  const EntryScores scores = ZScoreMethod().score(totals);
  // M = (9t + 30)/11, S = population SD of the 11 totals; E2..E8 have only judge 0's z = 0.
  const double big_m = (9 * 24.095238095238095 + 30) / 11;
  for (int e = 2; e < 9; ++e)
    CHECK(*scores[static_cast<std::size_t>(e)] == Approx(big_m).epsilon(1e-12));
  double squares =
      9 * (t - big_m) * (t - big_m) + (10 - big_m) * (10 - big_m) + (20 - big_m) * (20 - big_m);
  const double big_s = std::sqrt(squares / 11);
  CHECK(*scores[0] == Approx(big_m + big_s * (0 - 1) / 2).epsilon(1e-12));
  CHECK(*scores[1] == Approx(big_m + big_s * (0 + 1) / 2).epsilon(1e-12));
}

TEST_CASE("SPEC §6 mean / §7 rounding: the mean of decimals is the double nearest the exact mean") {
  // (7.8 + 5.1 + 1.7 + 2)/4 = 4.15 exactly, rounded half away at precision 1: 4.2. Summed in
  // doubles in this order the mean is 4.1499999999999995, which would round to 4.1.
  CHECK(mean_of({7.8, 5.1, 1.7, 2}) == 4.15);
  CHECK(median_of_sorted({1.7, 2, 5.1, 7.8}) == 3.55);  // (2 + 5.1)/2
  CHECK(mean_of({1.0 / 3, 2.0 / 3}) == 0.5);            // not decimals: the plain double mean
}
