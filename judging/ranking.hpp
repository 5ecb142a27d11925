#pragma once
/// Ranking within an award pool (SPEC §7): by score rounded to `precision`, then by each tiebreak
/// criterion's rounded mean, all descending; entries equal on all keys share a rank (competition
/// ranking 1, 2, 2, 4) and are listed by entry_id.

#include <string>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// Indices into the rubric of the `ranking.tiebreak` criteria it has, in tiebreak order (the
/// others are skipped): what EntryResult::tiebreak_values hold, one value per index.
std::vector<std::size_t> tiebreak_criteria(const Config& config, const Rubric& rubric);

/// Exactly std::round(x · 10^precision) / 10^precision (half away from zero: 80.125 → 80.13).
double round_to_precision(double x, int precision);

/// What an entry is ranked on: `keys` = rounded score, then the rounded tiebreak means.
struct RankKey {
  std::string entry_id;
  std::vector<double> keys;
};

struct RankedPosition {
  std::size_t index = 0;  ///< into the ranked RankKey list
  int rank = 0;           ///< 1 + number of entries strictly ahead
};

/// Listing order: keys descending (lexicographic), then entry_id ascending (byte order).
std::vector<RankedPosition> rank_entries(const std::vector<RankKey>& entries);

}  // namespace jury
