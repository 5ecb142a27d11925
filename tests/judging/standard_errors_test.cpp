#include "judging/standard_errors.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <tuple>

#include "judging/method_severity.hpp"

using namespace jury;

namespace {

using Triples = std::vector<std::tuple<int, int, double>>;  // entry, judge, total

KindTotals make_totals(int entries, int judges, const Triples& t) {
  KindTotals totals;
  for (int e = 0; e < entries; ++e) totals.entry_ids.push_back("E" + std::to_string(e));
  for (int j = 0; j < judges; ++j) totals.judge_ids.push_back("J" + std::to_string(j));
  totals.by_entry.resize(static_cast<std::size_t>(entries));
  for (const auto& [e, j, value] : t)
    totals.by_entry[static_cast<std::size_t>(e)].push_back(JudgeTotal{j, value, 0});
  return totals;
}

/// Two judges scoring both of two entries: E0 80 / 84, E1 70 / 72. With λ = 0: b = (−1.5, 1.5),
/// θ = (82, 71), every residual ±0.5, RSS = 1; N 4, E 2, J 2, C 1 → dof 1, σ = 1.
const Triples kCrossed{{0, 0, 80}, {0, 1, 84}, {1, 0, 70}, {1, 1, 72}};

}  // namespace

TEST_CASE("§14 standard error, other methods: residuals around the entry's mean, J = C = 0") {
  // E0 80, 84 (mean 82: residuals ±2); E1 70, 70, 76 (mean 72: −2, −2, 4). RSS = 8 + 24 = 32,
  // N = 5, E = 2 → dof 3, σ = √(32/3); SE_E0 = σ/√2 = √(16/3), SE_E1 = σ/√3 = √(32/9).
  const KindTotals totals =
      make_totals(3, 3, {{0, 0, 80}, {0, 1, 84}, {1, 0, 70}, {1, 1, 70}, {1, 2, 76}});
  const StandardErrors errors = standard_errors(totals, {});
  CHECK(errors.rss == 32);
  CHECK(errors.totals == 5);
  CHECK(errors.entries == 2);  // E2 has no totals
  CHECK(errors.judges == 0);
  CHECK(errors.components == 0);
  CHECK(errors.degrees_of_freedom() == 3);
  CHECK(errors.sigma() == Approx(std::sqrt(32.0 / 3)).epsilon(1e-12));
  const auto se = entry_standard_errors(totals, errors);
  REQUIRE(se.size() == 3);
  CHECK(*se[0] == Approx(std::sqrt(16.0 / 3)).epsilon(1e-12));
  CHECK(*se[1] == Approx(std::sqrt(32.0 / 9)).epsilon(1e-12));
  CHECK_FALSE(se[2]);
}

TEST_CASE("§14 standard error, severity: residuals t − θ_e − b_j, dof N − E − J + C") {
  const KindTotals totals = make_totals(2, 2, kCrossed);
  const SeverityFit fit = fit_severity(totals, 0);
  REQUIRE(fit.judge_effect[0] == Approx(-1.5));
  const StandardErrors errors = standard_errors(totals, fit.judge_effect);
  CHECK(errors.rss == Approx(1).epsilon(1e-12));
  CHECK(errors.judges == 2);
  CHECK(errors.components == 1);
  CHECK(errors.degrees_of_freedom() == 1);
  CHECK(errors.sigma() == Approx(1).epsilon(1e-12));
  CHECK(*errors.entry_error(2) == Approx(std::sqrt(0.5)).epsilon(1e-12));
}

TEST_CASE("§14 standard error: each connected component adds a degree of freedom") {
  // A second, separate pair: J2, J3 on E2 60 / 60 and E3 50 / 54 → b = (−1, 1), θ = (60, 52),
  // residuals ±1, RSS 4. Together RSS 5, N 8, E 4, J 4, C 2 → dof 2, σ = √2.5.
  Triples t = kCrossed;
  for (auto [e, j, v] : Triples{{2, 2, 60}, {2, 3, 60}, {3, 2, 50}, {3, 3, 54}})
    t.emplace_back(e, j, v);
  const KindTotals totals = make_totals(4, 4, t);
  const StandardErrors errors = standard_errors(totals, fit_severity(totals, 0).judge_effect);
  CHECK(errors.rss == Approx(5).epsilon(1e-12));
  CHECK(errors.components == 2);
  CHECK(errors.degrees_of_freedom() == 2);
  CHECK(errors.sigma() == Approx(std::sqrt(2.5)).epsilon(1e-12));
}

TEST_CASE("§14 standard error: max(1, …) keeps σ defined with no spare degree of freedom") {
  const KindTotals totals = make_totals(1, 1, {{0, 0, 77}});
  const StandardErrors errors = standard_errors(totals, {});
  CHECK(errors.degrees_of_freedom() == 1);  // N − E = 0
  CHECK(errors.sigma() == 0);
  CHECK(*errors.entry_error(1) == 0);
  CHECK_FALSE(errors.entry_error(0));
}

TEST_CASE("§14 judge severity SE: σ·√v_j, v from (L + λI)⁻¹ or L's pseudo-inverse (λ = 0)") {
  const KindTotals totals = make_totals(2, 2, kCrossed);
  // L = [[1, −1], [−1, 1]] (two entries, each adding 1 − 1/2 and −1/2).
  // λ = 0: L⁺ = [[¼, −¼], [−¼, ¼]] → SE = σ/2 (b_0 − b_1 is the mean of two differences of
  // variance 2σ², and b_0 = (b_0 − b_1)/2).
  const auto pseudo = severity_standard_errors(totals, 0, 2.0);
  REQUIRE(pseudo.size() == 2);
  CHECK(pseudo[0] == Approx(1.0).epsilon(1e-12));
  CHECK(pseudo[1] == Approx(1.0).epsilon(1e-12));
  // λ = 3: (L + 3I)⁻¹ = [[4, 1], [1, 4]] / 15 → v = 4/15.
  const auto ridge = severity_standard_errors(totals, 3, 1.0);
  CHECK(ridge[0] == Approx(std::sqrt(4.0 / 15)).epsilon(1e-12));
  CHECK(ridge[1] == Approx(std::sqrt(4.0 / 15)).epsilon(1e-12));
  // Above the exact limit: v_j ≈ 1 / (L_jj + λ) = 1/4.
  const auto approx = severity_variance_factors(totals, 3, 0);
  CHECK(approx[0] == Approx(0.25).epsilon(1e-12));
}

TEST_CASE("§14 judge severity SE: a judge alone in its component (λ = 0) has SE 0") {
  // J2 scores only E2, which nobody else scores: its b is fixed at 0 by Σ b = 0.
  Triples t = kCrossed;
  t.emplace_back(2, 2, 65);
  const KindTotals totals = make_totals(3, 3, t);
  const auto se = severity_standard_errors(totals, 0, 1.0);
  CHECK(se[0] == Approx(0.5).epsilon(1e-12));
  CHECK(se[2] == 0);
}
