#pragma once
/// `severity` (SPEC §6, the default): per kind, fit entry effects θ_e and judge effects b_j
/// minimising Σ (t_je − θ_e − b_j)² + λ Σ_j b_j², λ = severity_shrinkage; λ = 0 means the
/// constraint Σ_j b_j = 0 in each connected component instead. Entry score = θ_e.
///
/// θ is eliminated (θ_e = mean over e's judges of t_je − b_j), leaving the sparse symmetric
/// system (L + λI) b = r of size J, where L is the judges' Laplacian weighted by 1/n_e per shared
/// entry (n_e = number of e's totals) and r_j = Σ_e (t_je − mean_e t). For λ = 0 one judge per
/// component is pinned at 0 and the component is then shifted to Σ b = 0, which gives the same
/// minimiser because the objective is unchanged by a shift of b inside a component.

#include <cstddef>
#include <vector>

#include "judging/aggregation.hpp"

namespace jury {

struct SeverityFit {
  EntryScores theta;                 ///< θ_e per entry; nullopt for entries without totals
  std::vector<double> judge_effect;  ///< b_j per judge of the KindTotals; negative = harsh
  int components = 0;                ///< connected components of the kind's judge–entry graph
};

SeverityFit fit_severity(const KindTotals& totals, double shrinkage);

/// Per judge, v_j with Var(b_j) = σ² v_j (SPEC §14, judging/standard_errors.hpp): the diagonal
/// of (L + λI)⁻¹, for λ = 0 of L's pseudo-inverse inside each component (Σ b = 0 there). Exact
/// (dense) up to `exact_limit` judges, else 1 / (L_jj + λ); 0 for a judge alone in a λ = 0
/// component (its b is fixed by the constraint).
std::vector<double> severity_variance_factors(const KindTotals& totals, double shrinkage,
                                              std::size_t exact_limit);

class SeverityMethod final : public AggregationMethod {
 public:
  explicit SeverityMethod(double shrinkage) : shrinkage_(shrinkage) {}
  Aggregate aggregate(const KindTotals& totals) const override;

 private:
  double shrinkage_;
};

}  // namespace jury
