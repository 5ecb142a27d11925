#pragma once
/// `trimmed-mean` (SPEC §6): with at least 2·trim + 3 totals, drop the `trim` highest and `trim`
/// lowest (one copy of a repeated extreme per dropped place), then take the mean; with fewer
/// totals, the plain mean.

#include <vector>

#include "judging/aggregation.hpp"

namespace jury {

/// Trimmed mean of values sorted ascending.
double trimmed_mean_of_sorted(const std::vector<double>& sorted, int trim);

class TrimmedMeanMethod final : public AggregationMethod {
 public:
  explicit TrimmedMeanMethod(int trim) : trim_(trim) {}
  Aggregate aggregate(const KindTotals& totals) const override;

 private:
  int trim_;
};

}  // namespace jury
