#pragma once
/// The whole scoring pipeline as one pure function: judge totals → entry scores by the configured
/// method → pools → ranking with tie-breaks → quotas → tiers. `jury results` shows it, `jury award`
/// stores it.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// `entries`: every entry of the competition (any status; only active ones are ranked).
/// `scores`: every stored score row (complete or not); rows of unknown entries are ignored.
/// `method`: overrides config.aggregation.method when set (used by the report to compare methods).
/// Pools come in kind order, then group order, then subject order; rows in rank order with
/// entry_id inside a tie, incomplete entries last (by entry_id) with no rank, score or tier.
Results compute_results(const Config& config, const std::vector<Entry>& entries,
                        const std::vector<ScoreRow>& scores,
                        std::optional<Method> method = std::nullopt);

/// The award pools of a kind (SPEC §8): its active entries split by `pool_by`, in pool order
/// (group order, then subject order), each named by kind, group and subject, with no rows.
std::vector<PoolResult> kind_pools(const Config& config, const std::string& kind,
                                   const std::vector<Entry>& entries);

/// What an entry is ranked on in a round of a staged competition (SPEC §12 `weights`): given the
/// entry and its unrounded §6 score in the round, the unrounded score to round and rank;
/// nullopt = not ranked (the entry is listed as incomplete).
using ScoreCombiner =
    std::function<std::optional<double>(const std::string& entry_id, double own_score)>;

/// SPEC §6–7 without §8: compute_results' pools and ranking, with no quota and no tier; when
/// `combine` is set, each complete entry is ranked on combine(entry, its §6 score) instead (its
/// raw_score and score are then the combined ones).
Results rank_results(const Config& config, const std::vector<Entry>& entries,
                     const std::vector<ScoreRow>& scores,
                     std::optional<Method> method = std::nullopt,
                     const ScoreCombiner& combine = {});

}  // namespace jury
