#include "judging/method_zscore.hpp"

#include <cmath>

namespace jury {

namespace {

/// Running sums for a mean and a population SD (two passes: mean first, then squares).
struct Spread {
  double sum = 0;
  double squares = 0;  ///< Σ (x − mean)², filled by the second pass
  int count = 0;
  double mean() const { return count == 0 ? 0 : sum / count; }
  double sd() const { return count == 0 ? 0 : std::sqrt(squares / count); }
};

}  // namespace

EntryScores ZScoreMethod::score(const KindTotals& totals) const {
  std::vector<Spread> judges(totals.judge_ids.size());
  Spread all;
  for (const auto& entry : totals.by_entry)
    for (const JudgeTotal& t : entry) {
      judges[static_cast<std::size_t>(t.judge)].sum += t.value;
      ++judges[static_cast<std::size_t>(t.judge)].count;
      all.sum += t.value;
      ++all.count;
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
      if (judge.count >= 2 && sd > 0) z_sum += (t.value - judge.mean()) / sd;
    }
    scores[e] = all.mean() + all.sd() * (z_sum / static_cast<double>(entry.size()));
  }
  return scores;
}

}  // namespace jury
