#pragma once
/// Entry scores from judge totals (SPEC §6). Every `aggregation.method` is one AggregationMethod
/// in its own method_*.cpp; adding a method is one file plus one line in make_aggregation_method.

#include <memory>
#include <optional>
#include <vector>

#include "judging/totals.hpp"
#include "model/model.hpp"

namespace jury {

/// One score per entry of a KindTotals (same order); nullopt for entries without complete totals.
using EntryScores = std::vector<std::optional<double>>;

class AggregationMethod {
 public:
  virtual ~AggregationMethod() = default;
  /// Scores every entry of the kind from all of the kind's complete totals.
  virtual EntryScores score(const KindTotals& totals) const = 0;
};

std::unique_ptr<AggregationMethod> make_aggregation_method(Method method,
                                                           const AggregationConfig& config);

/// The totals of each entry, sorted ascending (the form the per-entry methods work on).
std::vector<double> sorted_values(const std::vector<JudgeTotal>& totals);

/// Applies `per_entry` (taking the entry's totals sorted ascending) to every entry with totals.
template <typename PerEntry>
EntryScores score_each_entry(const KindTotals& totals, PerEntry per_entry) {
  EntryScores scores(totals.by_entry.size());
  for (std::size_t e = 0; e < totals.by_entry.size(); ++e)
    if (!totals.by_entry[e].empty()) scores[e] = per_entry(sorted_values(totals.by_entry[e]));
  return scores;
}

}  // namespace jury
