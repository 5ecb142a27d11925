#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "judging/method_severity.hpp"
#include "judging/method_zscore.hpp"

using namespace jury;

namespace {

using Triples = std::vector<std::tuple<int, int, double>>;

KindTotals make_totals(int entries, int judges, const Triples& t) {
  KindTotals totals;
  for (int e = 0; e < entries; ++e) totals.entry_ids.push_back("E" + std::to_string(e));
  for (int j = 0; j < judges; ++j) totals.judge_ids.push_back("J" + std::to_string(j));
  totals.by_entry.resize(static_cast<std::size_t>(entries));
  for (const auto& [e, j, value] : t)
    totals.by_entry[static_cast<std::size_t>(e)].push_back(JudgeTotal{j, value, 0});
  for (auto& row : totals.by_entry)
    std::sort(row.begin(), row.end(), [](auto& a, auto& b) { return a.judge < b.judge; });
  return totals;
}

/// Noise-free additive totals t_je = θ_e + b_j for the given (entry, judge) pairs.
Triples additive(const std::vector<double>& theta, const std::vector<double>& b,
                 const std::vector<std::pair<int, int>>& pairs) {
  Triples t;
  for (auto [e, j] : pairs)
    t.emplace_back(e, j, theta[static_cast<std::size_t>(e)] + b[static_cast<std::size_t>(j)]);
  return t;
}

/// Independent check: the full normal equations in (θ, b) of
/// Σ (t − θ_e − b_j)² + λ Σ b_j², solved densely by Gaussian elimination with partial pivoting.
std::vector<double> dense_ridge_solution(int entries, int judges, const Triples& t, double lambda) {
  const auto n = static_cast<std::size_t>(entries + judges);
  std::vector<std::vector<double>> a(n, std::vector<double>(n + 1, 0));
  for (const auto& [e, j, value] : t) {
    const auto th = static_cast<std::size_t>(e);
    const auto bj = static_cast<std::size_t>(entries + j);
    a[th][th] += 1, a[th][bj] += 1, a[th][n] += value;
    a[bj][bj] += 1, a[bj][th] += 1, a[bj][n] += value;
  }
  for (int j = 0; j < judges; ++j)
    a[static_cast<std::size_t>(entries + j)][static_cast<std::size_t>(entries + j)] += lambda;
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t pivot = col;
    for (std::size_t r = col + 1; r < n; ++r)
      if (std::abs(a[r][col]) > std::abs(a[pivot][col])) pivot = r;
    std::swap(a[col], a[pivot]);
    for (std::size_t r = 0; r < n; ++r) {
      if (r == col) continue;
      const double f = a[r][col] / a[col][col];
      for (std::size_t c = col; c <= n; ++c) a[r][c] -= f * a[col][c];
    }
  }
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = a[i][n] / a[i][i];
  return x;
}

}  // namespace

TEST_CASE("SPEC §6 severity: noise-free additive data, λ = 0, connected design: exact θ and b") {
  const std::vector<double> theta = {80, 70, 75, 60, 88.5};
  const std::vector<double> b = {4, -1, -3};  // Σ b = 0
  const Triples t = additive(
      theta, b, {{0, 0}, {0, 1}, {1, 1}, {1, 2}, {2, 0}, {2, 2}, {3, 0}, {3, 1}, {3, 2}, {4, 2}});
  const SeverityFit fit = fit_severity(make_totals(5, 3, t), 0);
  CHECK(fit.components == 1);
  for (std::size_t e = 0; e < theta.size(); ++e)
    CHECK(*fit.theta[e] == Approx(theta[e]).margin(1e-12));
  for (std::size_t j = 0; j < b.size(); ++j)
    CHECK(fit.judge_effect[j] == Approx(b[j]).margin(1e-12));
}

TEST_CASE("SPEC §6 severity: θ_e is the mean over e's judges of t_je − b_j") {
  const Triples t = {{0, 0, 81}, {0, 1, 64.5}, {1, 1, 77}, {1, 2, 90}, {2, 0, 58}, {2, 2, 73.5}};
  const KindTotals totals = make_totals(3, 3, t);
  for (double lambda : {0.0, 3.0}) {
    const SeverityFit fit = fit_severity(totals, lambda);
    for (std::size_t e = 0; e < 3; ++e) {
      double sum = 0;
      for (const JudgeTotal& jt : totals.by_entry[e])
        sum += jt.value - fit.judge_effect[static_cast<std::size_t>(jt.judge)];
      CHECK(*fit.theta[e] == sum / 2);
    }
  }
}

TEST_CASE("SPEC §6 severity ranks right where zscore ranks wrongly (judges see unequal fields)") {
  // Two equally severe judges (b = 0); judge 0 sees the strong entries E0, E1, judge 1 the weak
  // E3, E4; both see E2. True order: E0 90 > E1 80 > E2 70 > E3 65 > E4 40.
  const Triples t = {{0, 0, 90}, {1, 0, 80}, {2, 0, 70}, {2, 1, 70}, {3, 1, 65}, {4, 1, 40}};
  const KindTotals totals = make_totals(5, 2, t);
  const EntryScores z = ZScoreMethod().score(totals);
  CHECK(*z[3] > *z[1]);  // zscore: E3 (65) ahead of E1 (80), as judge 1's best-but-one
  const SeverityFit fit = fit_severity(totals, 0);
  const std::vector<double> truth = {90, 80, 70, 65, 40};
  for (std::size_t e = 0; e < truth.size(); ++e)
    CHECK(*fit.theta[e] == Approx(truth[e]).margin(1e-12));
}

TEST_CASE("SPEC §6 severity: ridge λ > 0 agrees with a dense solve of the normal equations") {
  const Triples t = {{0, 0, 81},   {0, 1, 64.5}, {1, 1, 77}, {1, 2, 90}, {2, 0, 58},
                     {2, 2, 73.5}, {3, 0, 66},   {3, 1, 61}, {3, 2, 70}, {4, 1, 88}};
  for (double lambda : {3.0, 0.5}) {
    const SeverityFit fit = fit_severity(make_totals(5, 3, t), lambda);
    const std::vector<double> dense = dense_ridge_solution(5, 3, t, lambda);
    for (std::size_t e = 0; e < 5; ++e) CHECK(*fit.theta[e] == Approx(dense[e]).margin(1e-10));
    for (std::size_t j = 0; j < 3; ++j)
      CHECK(fit.judge_effect[j] == Approx(dense[5 + j]).margin(1e-10));
  }
}

TEST_CASE("SPEC §6 severity: λ = 0 puts Σ b = 0 in each connected component") {
  // Component {J0, J1} on E0, E1; component {J2, J3} on E2, E3; E4 scored by J4 alone.
  const Triples t = {{0, 0, 70}, {0, 1, 60}, {1, 0, 80}, {1, 1, 74}, {2, 2, 50},
                     {2, 3, 58}, {3, 2, 66}, {3, 3, 70}, {4, 4, 77}};
  const SeverityFit fit = fit_severity(make_totals(5, 5, t), 0);
  CHECK(fit.components == 3);
  // Within {J0, J1}: differences 10 and 6 → b0 − b1 = 8, b0 + b1 = 0.
  CHECK(fit.judge_effect[0] == Approx(4).margin(1e-12));
  CHECK(fit.judge_effect[1] == Approx(-4).margin(1e-12));
  CHECK(fit.judge_effect[2] == Approx(-3).margin(1e-12));  // differences −8, −4 → b2 − b3 = −6
  CHECK(fit.judge_effect[3] == Approx(3).margin(1e-12));
  CHECK(fit.judge_effect[4] == 0);
  CHECK(*fit.theta[0] == Approx(65).margin(1e-12));
  CHECK(*fit.theta[3] == Approx(68).margin(1e-12));
  CHECK(*fit.theta[4] == 77);
}

TEST_CASE("SPEC §6 severity: a large design (iterative solver) recovers noise-free θ") {
  // 2,000 judges (above the direct-solve limit), 6,000 entries with 4 random judges each.
  std::mt19937 rng(7);
  const int judges = 2000, entries = 6000;
  std::vector<double> b(judges), theta(entries);
  std::uniform_real_distribution<double> severity(-6, 6), quality(40, 95);
  for (double& x : b) x = std::round(severity(rng) * 2) / 2;
  for (double& x : theta) x = std::round(quality(rng) * 2) / 2;
  double mean_b = 0;
  for (double x : b) mean_b += x / judges;
  std::vector<std::pair<int, int>> pairs;
  std::uniform_int_distribution<int> pick(0, judges - 1);
  for (int e = 0; e < entries; ++e) {
    std::vector<int> chosen;
    while (chosen.size() < 4) {
      const int j = pick(rng);
      if (std::find(chosen.begin(), chosen.end(), j) == chosen.end()) chosen.push_back(j);
    }
    for (int j : chosen) pairs.emplace_back(e, j);
  }
  const KindTotals totals = make_totals(entries, judges, additive(theta, b, pairs));
  const SeverityFit fit = fit_severity(totals, 0);
  REQUIRE(fit.components == 1);
  // Σ b = 0 identifies b up to the true mean: θ comes back shifted by mean(b).
  for (std::size_t e = 0; e < theta.size(); ++e)
    REQUIRE(*fit.theta[e] == Approx(theta[e] + mean_b).margin(1e-8));
}
