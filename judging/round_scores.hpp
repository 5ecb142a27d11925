#pragma once
/// An entry's score in a round of a staged competition (SPEC §12): the round's §6 scores combined
/// by the round's `weights`. Pure; the engine computes each round's §6 scores (compute_results
/// over the round's totals) and ranks on the combined value.

#include <optional>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// Σ w_q · s_q over round r and earlier ones, summed in `rounds` order over unrounded scores in
/// double precision (w_q = numerator / denominator as a double). `weights[q]` and `scores[q]` are
/// indexed by round in `rounds` order, q = 0..r: a weight is nullopt (or 0) for a round `weights`
/// does not name, and such a round is skipped; a score is nullopt where the entry has no §6 score
/// in that round. Returns nullopt when a weighted round has no score (the entry is then not ranked
/// in round r). Throws std::invalid_argument when the two lists differ in length.
std::optional<double> combined_score(const std::vector<std::optional<Decimal>>& weights,
                                     const std::vector<std::optional<double>>& scores);

/// Whether decimal weights sum to exactly 1 (SPEC §12: `rounds[].weights` … summing to 1), on the
/// exact decimals, never on doubles (0.1 + 0.2 + 0.7 is 1). Denominators must be positive.
bool weights_sum_to_one(const std::vector<Decimal>& weights);

}  // namespace jury
