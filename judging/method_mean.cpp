#include "judging/method_mean.hpp"

namespace jury {

double mean_of(const std::vector<double>& values) {
  if (values.empty()) return 0;
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

EntryScores MeanMethod::score(const KindTotals& totals) const {
  return score_each_entry(totals,
                          [](const std::vector<double>& sorted) { return mean_of(sorted); });
}

}  // namespace jury
