#include "judging/method_median.hpp"
#include "judging/method_mean.hpp"

namespace jury {

double median_of_sorted(const std::vector<double>& sorted) {
  const std::size_t n = sorted.size();
  if (n == 0) return 0;
  if (n % 2 == 1) return sorted[n / 2];
  return mean_of({sorted[n / 2 - 1], sorted[n / 2]});  // exact for decimals, see mean_of
}

Aggregate MedianMethod::aggregate(const KindTotals& totals) const {
  return {score_each_entry(totals, median_of_sorted), {}};
}

}  // namespace jury
