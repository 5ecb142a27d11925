#pragma once
/// Close decisions (SPEC §14): an entry whose score lies within `aggregation.close` standard
/// errors of a boundary between two outcomes of its pool's ranking is flagged `close` — its
/// outcome could well be the neighbouring one. Pure; results apply it per pool and round.

#include <optional>
#include <string>
#include <vector>

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

/// Per place: |s_e − b| < close · SE_e for some boundary b, the mean of the scores of two
/// consecutive places with different outcomes. SE 0 and close ≤ 0 flag nobody.
std::vector<bool> close_decisions(const std::vector<BoundaryPlace>& ranked, double close);

}  // namespace jury
