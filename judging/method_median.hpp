#pragma once
/// `median`: the median of an entry's complete judge totals, the mean of the two middle values
/// for even counts (SPEC §6).

#include <vector>

#include "judging/aggregation.hpp"

namespace jury {

/// Median of values sorted ascending; 0 for no values.
double median_of_sorted(const std::vector<double>& sorted);

class MedianMethod final : public AggregationMethod {
 public:
  Aggregate aggregate(const KindTotals& totals) const override;
};

}  // namespace jury
