#pragma once
/// Standard errors of scores (SPEC §14): how far an entry's score may lie from its true value,
/// judged by the scatter of one kind's totals in one round around the aggregation's fit. Pure:
/// results use them for the `close` flags, re-judging to see where judges help, the committee
/// report for judge severities ± SE.

#include <cstddef>
#include <optional>
#include <vector>

#include "judging/totals.hpp"

namespace jury {

/// σ of one kind in one round: σ = sqrt(RSS / max(1, N − E − J + C)).
struct StandardErrors {
  double rss = 0;      ///< residual sum of squares of the fit
  int totals = 0;      ///< N: complete totals
  int entries = 0;     ///< E: entries with at least one complete total
  int judges = 0;      ///< J: judges with one (0 when the fit does not model judges)
  int components = 0;  ///< C: components of their judge–entry graph (0 likewise)

  int degrees_of_freedom() const;
  double sigma() const;
  /// SE_e = σ / √n_e for an entry with n_e complete totals; nullopt when n_e = 0.
  std::optional<double> entry_error(std::size_t n_e) const;
};

/// `judge_effects`: b_j per judge of `totals` when the fit models judges (`severity`,
/// Aggregate::judge_effects): residuals t − θ_e − b_j with θ_e = mean of e's t − b_j. Empty for
/// the other methods: residuals t − mean of the entry's totals, J = C = 0.
StandardErrors standard_errors(const KindTotals& totals, const std::vector<double>& judge_effects);

/// SE_e of every entry of `totals` (same order); nullopt for entries without totals.
std::vector<std::optional<double>> entry_standard_errors(const KindTotals& totals,
                                                         const StandardErrors& errors);

/// SE of each judge's severity b_j (same order as totals.judge_ids): σ · sqrt(v_j), v_j the
/// judge's diagonal element of (L + λI)⁻¹, for λ = 0 of the pseudo-inverse of L inside the
/// judge's component (SPEC §6's Σ b = 0), L the judges' Laplacian of method_severity.hpp. Exact
/// up to kExactSeverityErrorJudges judges; above, v_j ≈ 1 / (L_jj + λ) (a judge's own entries
/// dominate its uncertainty in a well-mixed graph).
std::vector<double> severity_standard_errors(const KindTotals& totals, double shrinkage,
                                             double sigma);

inline constexpr std::size_t kExactSeverityErrorJudges = 600;

}  // namespace jury
