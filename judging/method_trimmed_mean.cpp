#include "judging/method_trimmed_mean.hpp"

#include "judging/method_mean.hpp"

namespace jury {

double trimmed_mean_of_sorted(const std::vector<double>& sorted, int trim) {
  const auto n = static_cast<long>(sorted.size());
  if (trim <= 0 || n < 2L * trim + 3) return mean_of(sorted);
  return mean_of(std::vector<double>(sorted.begin() + trim, sorted.end() - trim));
}

Aggregate TrimmedMeanMethod::aggregate(const KindTotals& totals) const {
  return {score_each_entry(totals,
                           [this](const std::vector<double>& sorted) {
                             return trimmed_mean_of_sorted(sorted, trim_);
                           }),
          {}};
}

}  // namespace jury
