#include "judging/method_zscore.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace jury {

namespace {

/// Running sums for a mean and a population SD (two passes: mean first, then squares).
struct Spread {
  double sum = 0;
  double squares = 0;  ///< Σ (x − mean)², filled by the second pass
  int count = 0;
  double low = std::numeric_limits<double>::infinity();
  double high = -std::numeric_limits<double>::infinity();
  void add(double x) {
    sum += x;
    ++count;
    low = std::min(low, x);
    high = std::max(high, x);
  }
  double mean() const { return count == 0 ? 0 : sum / count; }
  double sd() const { return count == 0 ? 0 : std::sqrt(squares / count); }
  /// All values equal, so s = 0 exactly. Decided from the values, not from sd(): the double mean
  /// of equal non-binary values (e.g. nine totals 24.09523809523809) can be one ulp off, which
  /// makes sd() ≈ 4e-15 and every z = ±1 instead of 0. Totals that are equal as numbers may
  /// also differ in their last bits (different rows summing to the same total), hence the
  /// relative tolerance, far below any real difference of two totals.
  bool flat() const { return high - low <= 1e-9 * std::max(1.0, std::abs(high)); }
};

}  // namespace

Aggregate ZScoreMethod::aggregate(const KindTotals& totals) const {
  std::vector<Spread> judges(totals.judge_ids.size());
  Spread all;
  for (const auto& entry : totals.by_entry)
    for (const JudgeTotal& t : entry) {
      judges[static_cast<std::size_t>(t.judge)].add(t.value);
      all.add(t.value);
    }
  for (const auto& entry : totals.by_entry)
    for (const JudgeTotal& t : entry) {
      Spread& judge = judges[static_cast<std::size_t>(t.judge)];
      judge.squares += (t.value - judge.mean()) * (t.value - judge.mean());
      all.squares += (t.value - all.mean()) * (t.value - all.mean());
    }

  EntryScores scores(totals.by_entry.size());
  for (std::size_t e = 0; e < totals.by_entry.size(); ++e) {
    const auto& entry = totals.by_entry[e];
    if (entry.empty()) continue;
    double z_sum = 0;
    for (const JudgeTotal& t : entry) {
      const Spread& judge = judges[static_cast<std::size_t>(t.judge)];
      const double sd = judge.sd();
      if (judge.count >= 2 && !judge.flat() && sd > 0) z_sum += (t.value - judge.mean()) / sd;
    }
    scores[e] = all.mean() + all.sd() * (z_sum / static_cast<double>(entry.size()));
  }
  return {std::move(scores), {}};
}

}  // namespace jury
