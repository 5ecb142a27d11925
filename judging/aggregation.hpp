#pragma once
/// Entry scores from judge totals (SPEC §6). Every `aggregation.method` is one AggregationMethod
/// in its own method_*.cpp, listed once in the registry of aggregation.cpp (the model is
/// Tabbycat's allocator registry); its name and label come from model/enums.hpp. Results,
/// reports and the benchmark find methods only through the registry, so a new method is its
/// file, its enumerator and spelling, one registry line, and its test.

#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "judging/totals.hpp"
#include "model/model.hpp"

namespace jury {

/// One score per entry of a KindTotals (same order); nullopt for entries without complete totals.
using EntryScores = std::vector<std::optional<double>>;

/// What a method makes of one kind's totals.
struct Aggregate {
  EntryScores scores;
  /// Per judge of the KindTotals, the judge's effect b_j (negative = harsh), for methods that
  /// model judges (`severity`); empty for the others. Results report them as severities and
  /// warn about pools whose judge–entry graph is not connected, where they are not comparable.
  std::vector<double> judge_effects;
};

class AggregationMethod {
 public:
  virtual ~AggregationMethod() = default;
  /// Scores every entry of the kind from all of the kind's complete totals.
  virtual Aggregate aggregate(const KindTotals& totals) const = 0;
  /// The entry scores alone.
  EntryScores score(const KindTotals& totals) const { return aggregate(totals).scores; }
};

/// One registered method: which one, and how to make it from the config's settings.
struct AggregationMethodInfo {
  Method method;
  std::unique_ptr<AggregationMethod> (*make)(const AggregationConfig& config);
};

/// Every method, in the order of the Method enumeration (reports compare them in this order).
std::span<const AggregationMethodInfo> aggregation_methods();

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
