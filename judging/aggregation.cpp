#include "judging/aggregation.hpp"

#include <algorithm>

#include "judging/method_mean.hpp"
#include "judging/method_median.hpp"
#include "judging/method_severity.hpp"
#include "judging/method_trimmed_mean.hpp"
#include "judging/method_zscore.hpp"

namespace jury {

std::vector<double> sorted_values(const std::vector<JudgeTotal>& totals) {
  std::vector<double> values;
  values.reserve(totals.size());
  for (const JudgeTotal& t : totals) values.push_back(t.value);
  std::sort(values.begin(), values.end());
  return values;
}

std::unique_ptr<AggregationMethod> make_aggregation_method(Method method,
                                                           const AggregationConfig& config) {
  switch (method) {
    case Method::Mean:
      return std::make_unique<MeanMethod>();
    case Method::Median:
      return std::make_unique<MedianMethod>();
    case Method::TrimmedMean:
      return std::make_unique<TrimmedMeanMethod>(config.trim);
    case Method::ZScore:
      return std::make_unique<ZScoreMethod>();
    case Method::Severity:
      return std::make_unique<SeverityMethod>(config.severity_shrinkage);
  }
  return std::make_unique<SeverityMethod>(config.severity_shrinkage);
}

}  // namespace jury
