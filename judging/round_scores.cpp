#include "judging/round_scores.hpp"

#include <numeric>
#include <stdexcept>

namespace jury {

std::optional<double> combined_score(const std::vector<std::optional<Decimal>>& weights,
                                     const std::vector<std::optional<double>>& scores) {
  if (weights.size() != scores.size())
    throw std::invalid_argument("combined_score: one weight per round score expected");
  double sum = 0;
  for (std::size_t q = 0; q < weights.size(); ++q) {
    if (!weights[q] || weights[q]->numerator == 0) continue;
    if (!scores[q]) return std::nullopt;
    const double weight =
        static_cast<double>(weights[q]->numerator) / static_cast<double>(weights[q]->denominator);
    sum += weight * *scores[q];
  }
  return sum;
}

bool weights_sum_to_one(const std::vector<Decimal>& weights) {
  // Σ n_q / d_q = 1 ⇔ Σ n_q · (D / d_q) = D over a common denominator D (the lcm).
  std::int64_t common = 1;
  for (const Decimal& w : weights) {
    if (w.denominator <= 0)
      throw std::invalid_argument("weights_sum_to_one: non-positive denominator");
    common = std::lcm(common, w.denominator);
  }
  std::int64_t numerator = 0;
  for (const Decimal& w : weights) numerator += w.numerator * (common / w.denominator);
  return numerator == common;
}

}  // namespace jury
