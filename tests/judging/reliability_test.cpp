#include <catch2/catch.hpp>

#include <cmath>

#include "judging/reliability.hpp"

using namespace jury;

TEST_CASE("report: score distribution is min, quartiles (type 7 interpolation), max") {
  const auto odd = distribution_of({5, 1, 4, 2, 3});
  REQUIRE(odd);
  CHECK(odd->min == 1);
  CHECK(odd->q1 == 2);
  CHECK(odd->median == 3);
  CHECK(odd->q3 == 4);
  CHECK(odd->max == 5);
  const auto even = distribution_of({1, 2, 3, 4});
  CHECK(even->q1 == 1.75);  // position 0.75 between 1 and 2
  CHECK(even->median == 2.5);
  CHECK(even->q3 == 3.25);
  CHECK_FALSE(distribution_of({}).has_value());
}

TEST_CASE("report: ICC(1) of totals grouped by entry, worked by hand") {
  // Balanced: means 11, 21, 28, grand mean 20; MSB = 2·(81 + 1 + 64)/2 = 146, MSW = 12/3 = 4,
  // k0 = 2: ICC = (146 − 4)/(146 + 4).
  CHECK(*icc1({{10, 12}, {20, 22}, {30, 26}}) == Approx(142.0 / 150).epsilon(1e-14));
  // Unbalanced: N = 5, a = 2, k0 = (5 − 13/5)/1 = 2.4; MSB = 97.2, MSW = 10/3.
  CHECK(*icc1({{10, 12, 14}, {20, 22}}) == Approx(281.6 / 305.6).epsilon(1e-14));
  CHECK_FALSE(icc1({{10, 12, 14}}).has_value());        // one entry
  CHECK_FALSE(icc1({{10}, {20}}).has_value());          // no entry with two totals
  CHECK_FALSE(icc1({{10, 10}, {10, 10}}).has_value());  // no variance
}

namespace {

Config one_pool_config() {
  Config config;
  config.groups = {{"primary", "小学"}};
  config.subjects = {{"PS", "物质科学"}};
  config.kinds = {Kind{"student", "学生", "r", 3, 2}};
  Rubric rubric{std::string("r"), 1, {}};
  rubric.criteria = {{"total", "总分", 100, 100}};
  config.rubrics["r"] = rubric;
  config.aggregation.method = Method::Mean;
  config.aggregation.min_scores = 3;
  AwardPolicy policy;
  policy.pool_by = {};
  Tier first;
  first.id = "first";
  first.count = 1;
  policy.tiers = {first};
  config.awards["student"] = policy;
  return config;
}

Entry entry(std::string id) {
  Entry e;
  e.id = std::move(id);
  e.kind = "student";
  e.group = "primary";
  e.subject = "PS";
  return e;
}

}  // namespace

TEST_CASE("report: pools, judges, flags and tier changes under the other methods") {
  Config config = one_pool_config();
  config.aggregation.close = 0;  // the §6 flags alone; §14 `close` has its own tests
  const std::vector<Entry> entries = {entry("A"), entry("B")};
  // A: 90, 90, 30 (mean 70, median 90); B: 80, 80, 80.
  const std::vector<ScoreRow> scores = {{"X", "A", {90.0}, ""}, {"Y", "A", {90.0}, ""},
                                        {"Z", "A", {30.0}, ""}, {"X", "B", {80.0}, ""},
                                        {"Y", "B", {80.0}, ""}, {"Z", "B", {80.0}, ""}};
  const ReliabilityReport report = build_reliability_report(config, entries, scores);
  CHECK(report.method == Method::Mean);

  REQUIRE(report.pools.size() == 1);
  const PoolReliability& pool = report.pools[0];
  CHECK(pool.entries == 2);
  CHECK(pool.components == 1);
  REQUIRE(pool.scores);
  CHECK(pool.scores->min == 70);
  CHECK(pool.scores->q1 == 72.5);
  CHECK(pool.scores->max == 80);
  // Means 70, 80, grand 75: MSB = 150, MSW = 2400/4 = 600, k0 = 3: (150 − 600)/(150 + 1200).
  CHECK(*pool.icc == Approx(-1.0 / 3).epsilon(1e-14));

  // Severity with λ = 3: r = (20, 20, −40) ⟂ 1 and L r = 2r, so b = r / (2 + 3).
  REQUIRE(report.judges.size() == 3);
  CHECK(report.judges[0].judge_id == "X");
  CHECK(report.judges[0].load == 2);
  CHECK(report.judges[0].mean_total == 85);
  CHECK(report.judges[0].severity == Approx(4).margin(1e-12));
  CHECK(report.judges[2].judge_id == "Z");
  CHECK(report.judges[2].mean_total == 55);
  CHECK(report.judges[2].severity == Approx(-8).margin(1e-12));

  REQUIRE(report.flagged.size() == 1);
  CHECK(report.flagged[0].entry_id == "A");
  CHECK(report.flagged[0].flags == std::vector<std::string>{"disagreement"});

  // Mean gives B the first prize; median (90 vs 80) and zscore (mean z +1/3 vs −1/3) give it to
  // A; trimmed-mean (3 < 5 totals: plain mean) and severity (θ_A = 70, θ_B = 256/3) agree.
  REQUIRE(report.methods.size() == 4);
  CHECK(report.methods[0].method == Method::TrimmedMean);
  CHECK(report.methods[0].changes.empty());
  CHECK(report.methods[1].method == Method::Median);
  REQUIRE(report.methods[1].changes.size() == 2);
  CHECK(report.methods[1].changes[0].entry_id == "B");
  CHECK(report.methods[1].changes[0].configured_tier == "first");
  CHECK_FALSE(report.methods[1].changes[0].other_tier.has_value());
  CHECK(report.methods[1].changes[1].entry_id == "A");
  CHECK(report.methods[1].changes[1].other_tier == "first");
  CHECK(report.methods[2].method == Method::ZScore);
  CHECK(report.methods[2].changes.size() == 2);
  CHECK(report.methods[3].method == Method::Severity);
  CHECK(report.methods[3].changes.empty());
}

TEST_CASE("report (SPEC §9, §14): ranked scores, component sizes, tier counts and the SEs") {
  Config config = one_pool_config();
  const std::vector<Entry> entries = {entry("A"), entry("B"), entry("C")};
  // As above, and C with no scores (incomplete: not ranked, no tier, no SE).
  const std::vector<ScoreRow> scores = {{"X", "A", {90.0}, ""}, {"Y", "A", {90.0}, ""},
                                        {"Z", "A", {30.0}, ""}, {"X", "B", {80.0}, ""},
                                        {"Y", "B", {80.0}, ""}, {"Z", "B", {80.0}, ""}};
  const ReliabilityReport report = build_reliability_report(config, entries, scores);
  REQUIRE(report.pools.size() == 1);
  CHECK(report.pools[0].ranked_scores == std::vector<double>{80, 70});
  CHECK(report.pools[0].component_sizes == std::vector<ComponentSize>{{2, 3}});
  // Mean: B first, A none; median: A first, B none.
  REQUIRE(report.tiers.size() == 2);
  CHECK(report.tiers[0].tier == std::optional<std::string>("first"));
  CHECK(report.tiers[0].entries == 1);
  CHECK_FALSE(report.tiers[1].tier.has_value());
  CHECK(report.tiers[1].entries == 1);
  CHECK(report.methods[1].tiers[0].entries == 1);
  // Mean: residuals A 20, 20, −40, B 0: σ² = 2400 / (6 − 2) = 600, SE = √(600 / 3).
  CHECK(report.standard_errors.size() == 2);
  CHECK(report.standard_errors.at("A") == Approx(std::sqrt(200.0)).epsilon(1e-12));
  CHECK(report.standard_errors.at("B") == Approx(std::sqrt(200.0)).epsilon(1e-12));
  // Severity b = (4, 4, −8): θ_A = (86 + 86 + 38) / 3 = 70, θ_B = (76 + 76 + 88) / 3 = 80;
  // RSS = 256 + 256 + 1024 + 16 + 16 + 64 = 1632 over 6 − 2 − 3 + 1 = 2: σ² = 816. L = 2I − ⅔J
  // (two entries, each judged by all three), (L + 3I)⁻¹ = ⅕(I + (2/9)J), diagonal 11/45.
  for (const JudgeReliability& judge : report.judges)
    CHECK(judge.severity_error == Approx(std::sqrt(816.0 * 11 / 45)).epsilon(1e-9));
}
