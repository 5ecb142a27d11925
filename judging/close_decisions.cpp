#include "judging/close_decisions.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

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

/// The nearest of the (ascending, non-empty) boundaries to `score`; the lower one when two are
/// equally near.
double nearest_of(const std::vector<double>& sorted, double score) {
  const auto above = std::lower_bound(sorted.begin(), sorted.end(), score);
  if (above == sorted.end()) return sorted.back();
  if (above == sorted.begin()) return *above;
  const double below = *std::prev(above);
  return *above - score < score - below ? *above : below;
}

}  // namespace

std::vector<std::optional<double>> nearest_boundaries(const std::vector<BoundaryPlace>& ranked) {
  std::vector<std::optional<double>> nearest(ranked.size());
  const std::vector<double> sorted = boundaries(ranked);
  if (sorted.empty()) return nearest;
  for (std::size_t i = 0; i < ranked.size(); ++i) nearest[i] = nearest_of(sorted, ranked[i].score);
  return nearest;
}

std::vector<bool> close_decisions(const std::vector<BoundaryPlace>& ranked, double close) {
  std::vector<bool> flagged(ranked.size(), false);
  if (!(close > 0)) return flagged;
  const std::vector<std::optional<double>> nearest = nearest_boundaries(ranked);
  for (std::size_t i = 0; i < ranked.size(); ++i)
    if (const auto& se = ranked[i].standard_error; se && *se > 0 && nearest[i])
      flagged[i] = std::abs(ranked[i].score - *nearest[i]) < close * *se;
  return flagged;
}

namespace {

bool has_flag(const std::vector<std::string>& flags, const char* flag) {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

/// The entry's place in round `round` of staged results; nullopt when it was not ranked there.
std::optional<std::pair<int, ShownPlace>> staged_place(const Config& config,
                                                       const std::string& kind,
                                                       const EntryResult& row, std::size_t round) {
  for (const RoundResult& item : row.rounds) {
    if (item.round != config.rounds[round].id || !item.rank || !item.score) continue;
    std::optional<std::string> outcome;
    if (has_flag(item.flags, "advance")) {
      outcome = kOutcomeOn;
    } else if (row.tier) {
      const Tier* tier = find_tier(config, kind, *row.tier);
      if (tier && config.tier_round(kind, *tier) == static_cast<int>(round)) outcome = row.tier;
    }
    return std::pair{*item.rank, ShownPlace{row.entry_id,
                                            {*item.score, row.standard_error, outcome},
                                            has_flag(item.flags, "close")}};
  }
  return std::nullopt;
}

}  // namespace

std::vector<ShownPlace> shown_places(const Config& config, const Results& results,
                                     const PoolResult& pool, std::size_t round) {
  std::vector<std::pair<int, ShownPlace>> ranked;
  for (const EntryResult& row : pool.rows) {
    if (!results.staged && row.rank && row.score)
      ranked.emplace_back(*row.rank, ShownPlace{row.entry_id,
                                                {*row.score, row.standard_error, row.tier},
                                                has_flag(row.flags, "close")});
    else if (results.staged)
      if (auto place = staged_place(config, pool.kind, row, round))
        ranked.push_back(std::move(*place));
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.entry_id) < std::tie(b.first, b.second.entry_id);
  });
  std::vector<ShownPlace> places;
  for (auto& [rank, place] : ranked) places.push_back(std::move(place));
  return places;
}

}  // namespace jury
