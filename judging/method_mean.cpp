#include "judging/method_mean.hpp"

#include <cmath>

namespace jury {

/// Scores and totals are decimals (step 0.1, 0.25, 0.5, … and weight = max): summed as whole
/// millionths they add up exactly, so the one rounding left is the final division and the result
/// is the double nearest the exact mean, whatever the order of the values. A plain double sum
/// can land on the wrong side of a rounding edge (SPEC §7): (7.8 + 5.1 + 1.7 + 2)/4 is exactly
/// 4.15 (→ 4.2 at precision 1) but 4.1499999999999995 in doubles (→ 4.1). Values that are not
/// whole millionths (weight ≠ max can give thirds) fall back to the double sum.
double mean_of(const std::vector<double>& values) {
  if (values.empty()) return 0;
  constexpr double unit = 1e6;
  long long millionths = 0;
  double sum = 0;
  bool exact = true;
  for (double v : values) {
    const double scaled = v * unit;
    const long long whole = std::llround(scaled);
    exact = exact && std::abs(scaled - static_cast<double>(whole)) < 1e-3 &&
            std::abs(whole) < (1LL << 40);
    millionths += whole;
    sum += v;
  }
  const auto n = static_cast<double>(values.size());
  return exact ? static_cast<double>(millionths) / (n * unit) : sum / n;
}

Aggregate MeanMethod::aggregate(const KindTotals& totals) const {
  return {
      score_each_entry(totals, [](const std::vector<double>& sorted) { return mean_of(sorted); }),
      {}};
}

}  // namespace jury
