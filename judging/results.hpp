#pragma once
/// The whole scoring pipeline as one pure function: judge totals → entry scores by the configured
/// method → pools → ranking with tie-breaks → quotas → tiers. `jury results` shows it, `jury award`
/// stores it.

#include <optional>
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

}  // namespace jury
