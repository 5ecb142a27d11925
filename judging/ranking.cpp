#include "judging/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace jury {

double round_to_precision(double x, int precision) {
  const double scale = std::pow(10.0, precision);
  return std::round(x * scale) / scale;
}

namespace {

/// True when a's keys put it strictly ahead of b's (higher first).
bool keys_ahead(const std::vector<double>& a, const std::vector<double>& b) {
  return std::lexicographical_compare(b.begin(), b.end(), a.begin(), a.end());
}

}  // namespace

std::vector<RankedPosition> rank_entries(const std::vector<RankKey>& entries) {
  std::vector<std::size_t> order(entries.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (keys_ahead(entries[a].keys, entries[b].keys)) return true;
    if (keys_ahead(entries[b].keys, entries[a].keys)) return false;
    return entries[a].entry_id < entries[b].entry_id;
  });
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
