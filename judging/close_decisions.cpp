#include "judging/close_decisions.hpp"

#include <algorithm>
#include <cmath>

namespace jury {

namespace {

/// The boundaries of the ranking, ascending.
std::vector<double> boundaries(const std::vector<BoundaryPlace>& ranked) {
  std::vector<double> found;
  for (std::size_t i = 1; i < ranked.size(); ++i)
    if (ranked[i].outcome != ranked[i - 1].outcome)
      found.push_back((ranked[i - 1].score + ranked[i].score) / 2);
  std::sort(found.begin(), found.end());
  return found;
}

/// Distance from `score` to the nearest of the (ascending, non-empty) boundaries.
double nearest_distance(const std::vector<double>& sorted, double score) {
  const auto above = std::lower_bound(sorted.begin(), sorted.end(), score);
  double nearest = INFINITY;
  if (above != sorted.end()) nearest = *above - score;
  if (above != sorted.begin()) nearest = std::min(nearest, score - *std::prev(above));
  return nearest;
}

}  // namespace

std::vector<bool> close_decisions(const std::vector<BoundaryPlace>& ranked, double close) {
  std::vector<bool> flagged(ranked.size(), false);
  const std::vector<double> sorted = boundaries(ranked);
  if (sorted.empty() || !(close > 0)) return flagged;
  for (std::size_t i = 0; i < ranked.size(); ++i)
    if (const auto& se = ranked[i].standard_error; se && *se > 0)
      flagged[i] = nearest_distance(sorted, ranked[i].score) < close * *se;
  return flagged;
}

}  // namespace jury
