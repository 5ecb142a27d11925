#include "judging/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace jury {

std::vector<std::size_t> tiebreak_criteria(const Config& config, const Rubric& rubric) {
  std::vector<std::size_t> indices;
  for (const std::string& id : config.tiebreak)
    for (std::size_t c = 0; c < rubric.criteria.size(); ++c)
      if (rubric.criteria[c].id == id) indices.push_back(c);
  return indices;
}

double round_to_precision(double x, int precision) {
  const double scale = std::pow(10.0, precision);
  return std::round(x * scale) / scale;
}

namespace {

/// Listing order of two entries: higher keys first (lexicographic), then entry_id.
bool listed_before(const RankKey& a, const RankKey& b) {
  const std::size_t n = std::min(a.keys.size(), b.keys.size());
  for (std::size_t i = 0; i < n; ++i)
    if (a.keys[i] != b.keys[i]) return a.keys[i] > b.keys[i];
  if (a.keys.size() != b.keys.size()) return a.keys.size() > b.keys.size();
  return a.entry_id < b.entry_id;
}

}  // namespace

std::vector<RankedPosition> rank_entries(const std::vector<RankKey>& entries) {
  std::vector<std::size_t> order(entries.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return listed_before(entries[a], entries[b]); });
  std::vector<RankedPosition> ranked;
  ranked.reserve(order.size());
  for (std::size_t pos = 0; pos < order.size(); ++pos) {
    const bool tied_with_previous =
        pos > 0 && entries[order[pos]].keys == entries[order[pos - 1]].keys;
    const int rank = tied_with_previous ? ranked.back().rank : static_cast<int>(pos) + 1;
    ranked.push_back(RankedPosition{order[pos], rank});
  }
  return ranked;
}

}  // namespace jury
