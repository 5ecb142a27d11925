#include "judging/aggregation.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string>

#include "judging/method_mean.hpp"
#include "judging/method_median.hpp"
#include "judging/method_severity.hpp"
#include "judging/method_trimmed_mean.hpp"
#include "judging/method_zscore.hpp"

namespace jury {

namespace {

/// The registry: one line per method, in the order of the Method enumeration.
constexpr AggregationMethodInfo kMethods[] = {
    {Method::Mean,
     [](const AggregationConfig&) -> std::unique_ptr<AggregationMethod> {
       return std::make_unique<MeanMethod>();
     }},
    {Method::TrimmedMean,
     [](const AggregationConfig& c) -> std::unique_ptr<AggregationMethod> {
       return std::make_unique<TrimmedMeanMethod>(c.trim);
     }},
    {Method::Median,
     [](const AggregationConfig&) -> std::unique_ptr<AggregationMethod> {
       return std::make_unique<MedianMethod>();
     }},
    {Method::ZScore,
     [](const AggregationConfig&) -> std::unique_ptr<AggregationMethod> {
       return std::make_unique<ZScoreMethod>();
     }},
    {Method::Severity,
     [](const AggregationConfig& c) -> std::unique_ptr<AggregationMethod> {
       return std::make_unique<SeverityMethod>(c.severity_shrinkage);
     }},
};

constexpr bool registry_follows_the_enumeration() {
  if (std::size(kMethods) != table_of<Method>().values.size()) return false;
  for (std::size_t m = 0; m < std::size(kMethods); ++m)
    if (kMethods[m].method != table_of<Method>().values[m].value) return false;
  return true;
}
static_assert(registry_follows_the_enumeration(),
              "one registered AggregationMethod per Method, in the enumeration's order");

}  // namespace

std::span<const AggregationMethodInfo> aggregation_methods() {
  return kMethods;
}

std::unique_ptr<AggregationMethod> make_aggregation_method(Method method,
                                                           const AggregationConfig& config) {
  for (const AggregationMethodInfo& info : kMethods)
    if (info.method == method) return info.make(config);
  throw std::invalid_argument("no aggregation method " + to_string(method));
}

std::vector<double> sorted_values(const std::vector<JudgeTotal>& totals) {
  std::vector<double> values;
  values.reserve(totals.size());
  for (const JudgeTotal& t : totals) values.push_back(t.value);
  std::sort(values.begin(), values.end());
  return values;
}

}  // namespace jury
