#include "judging/standard_errors.hpp"

#include <algorithm>
#include <cmath>

#include "judging/method_severity.hpp"

namespace jury {

int StandardErrors::degrees_of_freedom() const {
  return std::max(1, totals - entries - judges + components);
}

double StandardErrors::sigma() const {
  return std::sqrt(rss / degrees_of_freedom());
}

std::optional<double> StandardErrors::entry_error(std::size_t n_e) const {
  if (n_e == 0) return std::nullopt;
  return sigma() / std::sqrt(static_cast<double>(n_e));
}

namespace {

/// The entry's fitted value: mean of t − b_j (b = 0 when the fit does not model judges).
double fitted_entry(const std::vector<JudgeTotal>& entry, const std::vector<double>& effects) {
  double sum = 0;
  for (const JudgeTotal& t : entry)
    sum += t.value - (effects.empty() ? 0.0 : effects[static_cast<std::size_t>(t.judge)]);
  return sum / static_cast<double>(entry.size());
}

}  // namespace

StandardErrors standard_errors(const KindTotals& totals, const std::vector<double>& judge_effects) {
  StandardErrors errors;
  for (const auto& entry : totals.by_entry) {
    if (entry.empty()) continue;
    ++errors.entries;
    errors.totals += static_cast<int>(entry.size());
    const double theta = fitted_entry(entry, judge_effects);
    for (const JudgeTotal& t : entry) {
      const double b =
          judge_effects.empty() ? 0.0 : judge_effects[static_cast<std::size_t>(t.judge)];
      const double residual = t.value - theta - b;
      errors.rss += residual * residual;
    }
  }
  if (!judge_effects.empty()) {
    errors.judges = static_cast<int>(totals.judge_ids.size());
    const std::vector<int> component = judge_components(totals);
    errors.components =
        component.empty() ? 0 : *std::max_element(component.begin(), component.end()) + 1;
  }
  return errors;
}

std::vector<std::optional<double>> entry_standard_errors(const KindTotals& totals,
                                                         const StandardErrors& errors) {
  std::vector<std::optional<double>> se;
  se.reserve(totals.by_entry.size());
  for (const auto& entry : totals.by_entry) se.push_back(errors.entry_error(entry.size()));
  return se;
}

std::vector<double> severity_standard_errors(const KindTotals& totals, double shrinkage,
                                             double sigma) {
  std::vector<double> se = severity_variance_factors(totals, shrinkage, kExactSeverityErrorJudges);
  for (double& v : se) v = sigma * std::sqrt(std::max(0.0, v));
  return se;
}

}  // namespace jury
