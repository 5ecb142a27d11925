#pragma once
/// `mean`: the arithmetic mean of an entry's complete judge totals (SPEC §6).

#include <vector>

#include "judging/aggregation.hpp"

namespace jury {

/// Arithmetic mean, summed in the given order; 0 for no values.
double mean_of(const std::vector<double>& values);

class MeanMethod final : public AggregationMethod {
 public:
  Aggregate aggregate(const KindTotals& totals) const override;
};

}  // namespace jury
