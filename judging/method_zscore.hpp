#pragma once
/// `zscore` (SPEC §6): each judge's totals in the kind are standardised by that judge's mean m_j
/// and population SD s_j; z_je = (t_je − m_j)/s_j, or 0 when s_j = 0 or the judge has fewer than 2
/// totals. Entry score = M + S · mean_j z_je, with M and S the mean and population SD of all totals
/// of the kind.

#include "judging/aggregation.hpp"

namespace jury {

class ZScoreMethod final : public AggregationMethod {
 public:
  Aggregate aggregate(const KindTotals& totals) const override;
};

}  // namespace jury
