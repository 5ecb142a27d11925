#pragma once
/// Close decisions (SPEC §14): an entry whose score lies within `aggregation.close` standard
/// errors of a boundary between two outcomes of its pool's ranking is flagged `close` — its
/// outcome could well be the neighbouring one. Pure; results apply it per pool and round.

#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// The outcome of an entry in round r that went on to the next round (SPEC §14).
inline constexpr const char* kOutcomeOn = "on";

/// One ranked entry of a pool in a round, in the round's rank order (rank, then entry_id).
struct BoundaryPlace {
  double score = 0;                      ///< the rounded (combined) score s_e in the round
  std::optional<double> standard_error;  ///< SE_e; nullopt = none (never close)
  /// `on` if it entered the next round, else the tier the round decided for it, else none.
  std::optional<std::string> outcome;
};

/// Per place, the boundary nearest to its score (the lower of two equally near); nullopt when
/// all places have the same outcome.
std::vector<std::optional<double>> nearest_boundaries(const std::vector<BoundaryPlace>& ranked);

/// Per place: |s_e − b| < close · SE_e for some boundary b, the mean of the scores of two
/// consecutive places with different outcomes. SE 0 and close ≤ 0 flag nobody.
std::vector<bool> close_decisions(const std::vector<BoundaryPlace>& ranked, double close);

/// A ranked entry of a pool in a round as results show it: its place and its `close` flag.
struct ShownPlace {
  std::string entry_id;
  BoundaryPlace place;  ///< standard_error as the results give it (the last round's SE_e)
  bool close = false;
};

/// The ranked entries of `pool` of `results` in round `round` (an index of config.rounds; 0 in a
/// competition of one round), in that round's rank order (rank, then entry_id), outcomes as in
/// SPEC §14: `on` for the `advance` flag of the round, else the entry's tier if `round` decides
/// it, else none.
std::vector<ShownPlace> shown_places(const Config& config, const Results& results,
                                     const PoolResult& pool, std::size_t round);

}  // namespace jury
