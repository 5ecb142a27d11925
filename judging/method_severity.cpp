#include "judging/method_severity.hpp"

#include <Eigen/Dense>
#include <Eigen/IterativeLinearSolvers>
#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>
#include <algorithm>
#include <utility>

namespace jury {

namespace {

using SparseMatrix = Eigen::SparseMatrix<double>;

/// Up to this many judges the system is factorised (exact to rounding); above, conjugate gradients
/// (the factor of a large, well-mixed judge graph fills in and would be slow).
constexpr Eigen::Index kDirectSolveLimit = 1500;

/// Judges held at b = 0 while solving: for λ = 0 the first judge of every component.
std::vector<bool> pinned_judges(const std::vector<int>& component, double shrinkage) {
  std::vector<bool> pinned(component.size(), false);
  if (shrinkage > 0) return pinned;
  std::vector<bool> seen;
  for (std::size_t j = 0; j < component.size(); ++j) {
    const auto c = static_cast<std::size_t>(component[j]);
    if (c >= seen.size()) seen.resize(c + 1, false);
    if (!seen[c]) pinned[j] = seen[c] = true;
  }
  return pinned;
}

/// Builds (L + λI) with pinned rows/columns replaced by the identity, and the right-hand side r.
void build_system(const KindTotals& totals, double shrinkage, const std::vector<bool>& pinned,
                  SparseMatrix& matrix, Eigen::VectorXd& rhs) {
  const auto judges = static_cast<Eigen::Index>(totals.judge_ids.size());
  std::vector<Eigen::Triplet<double>> triplets;
  triplets.reserve(static_cast<std::size_t>(judges) + 5 * totals.total_count());
  rhs = Eigen::VectorXd::Zero(judges);
  for (const auto& entry : totals.by_entry) {
    if (entry.size() < 2) continue;  // a lone total fixes θ_e and says nothing about b
    const double n = static_cast<double>(entry.size());
    double mean = 0;
    for (const JudgeTotal& t : entry) mean += t.value;
    mean /= n;
    for (const JudgeTotal& a : entry) {
      if (pinned[static_cast<std::size_t>(a.judge)]) continue;
      rhs[a.judge] += a.value - mean;
      for (const JudgeTotal& b : entry) {
        if (pinned[static_cast<std::size_t>(b.judge)]) continue;
        triplets.emplace_back(a.judge, b.judge, (a.judge == b.judge ? 1.0 : 0.0) - 1.0 / n);
      }
    }
  }
  for (Eigen::Index j = 0; j < judges; ++j)
    triplets.emplace_back(j, j, pinned[static_cast<std::size_t>(j)] ? 1.0 : shrinkage);
  matrix.resize(judges, judges);
  matrix.setFromTriplets(triplets.begin(), triplets.end());
}

Eigen::VectorXd solve_spd(const SparseMatrix& matrix, const Eigen::VectorXd& rhs) {
  if (matrix.rows() <= kDirectSolveLimit) {
    Eigen::SimplicialLDLT<SparseMatrix> solver(matrix);
    if (solver.info() == Eigen::Success) return solver.solve(rhs);
  }
  Eigen::ConjugateGradient<SparseMatrix, Eigen::Lower | Eigen::Upper> solver;
  solver.setTolerance(1e-14);
  solver.setMaxIterations(std::max<Eigen::Index>(1000, 4 * matrix.rows()));
  solver.compute(matrix);
  return solver.solve(rhs);
}

/// Shifts b so that it sums to 0 in every component (the λ = 0 identification).
void centre_components(const std::vector<int>& component, std::vector<double>& effect) {
  std::vector<double> sum;
  std::vector<int> count;
  for (std::size_t j = 0; j < effect.size(); ++j) {
    const auto c = static_cast<std::size_t>(component[j]);
    if (c >= sum.size()) {
      sum.resize(c + 1, 0);
      count.resize(c + 1, 0);
    }
    sum[c] += effect[j];
    ++count[c];
  }
  for (std::size_t j = 0; j < effect.size(); ++j) {
    const auto c = static_cast<std::size_t>(component[j]);
    effect[j] -= sum[c] / count[c];
  }
}

/// diag(P G P) per component, G the inverse of the pinned system (zero at pinned judges), P the
/// centring inside each component: G_jj − 2 (G 1_c)_j / n_c + 1_cᵀ G 1_c / n_c².
std::vector<double> centred_diagonal(const Eigen::MatrixXd& inverse,
                                     const std::vector<int>& component) {
  const auto judges = static_cast<std::size_t>(inverse.rows());
  std::vector<double> row_sum(judges, 0);
  std::vector<double> block_sum;
  std::vector<int> size;
  for (std::size_t j = 0; j < judges; ++j) {
    const auto c = static_cast<std::size_t>(component[j]);
    if (c >= size.size()) {
      size.resize(c + 1, 0);
      block_sum.resize(c + 1, 0);
    }
    ++size[c];
    for (std::size_t k = 0; k < judges; ++k)
      if (component[k] == component[j])
        row_sum[j] += inverse(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(k));
    block_sum[c] += row_sum[j];
  }
  std::vector<double> diagonal(judges);
  for (std::size_t j = 0; j < judges; ++j) {
    const auto c = static_cast<std::size_t>(component[j]);
    const double n = size[c];
    const auto i = static_cast<Eigen::Index>(j);
    diagonal[j] = inverse(i, i) - 2 * row_sum[j] / n + block_sum[c] / (n * n);
  }
  return diagonal;
}

}  // namespace

std::vector<double> severity_variance_factors(const KindTotals& totals, double shrinkage,
                                              std::size_t exact_limit) {
  shrinkage = std::max(0.0, shrinkage);
  const std::vector<int> component = judge_components(totals);
  const std::vector<bool> pinned = pinned_judges(component, shrinkage);
  SparseMatrix matrix;
  Eigen::VectorXd rhs;
  build_system(totals, shrinkage, pinned, matrix, rhs);
  const std::size_t judges = totals.judge_ids.size();
  std::vector<double> factors(judges, 0);
  if (judges > exact_limit) {
    for (std::size_t j = 0; j < judges; ++j) {
      const auto i = static_cast<Eigen::Index>(j);
      if (!pinned[j] && matrix.coeff(i, i) > 0) factors[j] = 1 / matrix.coeff(i, i);
    }
    return factors;
  }
  const Eigen::MatrixXd dense(matrix);
  Eigen::MatrixXd inverse =
      dense.ldlt().solve(Eigen::MatrixXd::Identity(dense.rows(), dense.cols()));
  for (std::size_t j = 0; j < judges; ++j)
    if (pinned[j]) {  // b_j is held at 0: no variance of its own, no covariance
      inverse.row(static_cast<Eigen::Index>(j)).setZero();
      inverse.col(static_cast<Eigen::Index>(j)).setZero();
    }
  if (shrinkage > 0) {
    for (std::size_t j = 0; j < judges; ++j)
      factors[j] = inverse(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(j));
    return factors;
  }
  return centred_diagonal(inverse, component);
}

SeverityFit fit_severity(const KindTotals& totals, double shrinkage) {
  shrinkage = std::max(0.0, shrinkage);
  SeverityFit fit;
  const std::vector<int> component = judge_components(totals);
  fit.components =
      component.empty() ? 0 : *std::max_element(component.begin(), component.end()) + 1;

  SparseMatrix matrix;
  Eigen::VectorXd rhs;
  build_system(totals, shrinkage, pinned_judges(component, shrinkage), matrix, rhs);
  const Eigen::VectorXd solution = totals.judge_ids.empty() ? rhs : solve_spd(matrix, rhs);
  fit.judge_effect.assign(solution.data(), solution.data() + solution.size());
  if (shrinkage <= 0) centre_components(component, fit.judge_effect);

  fit.theta.resize(totals.by_entry.size());
  for (std::size_t e = 0; e < totals.by_entry.size(); ++e) {
    const auto& entry = totals.by_entry[e];
    if (entry.empty()) continue;
    double sum = 0;
    for (const JudgeTotal& t : entry)
      sum += t.value - fit.judge_effect[static_cast<std::size_t>(t.judge)];
    fit.theta[e] = sum / static_cast<double>(entry.size());
  }
  return fit;
}

Aggregate SeverityMethod::aggregate(const KindTotals& totals) const {
  SeverityFit fit = fit_severity(totals, shrinkage_);
  return {std::move(fit.theta), std::move(fit.judge_effect)};
}

}  // namespace jury
