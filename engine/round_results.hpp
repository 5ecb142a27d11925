#pragma once
/// What the store's rounds hold, computed (SPEC §12): the staged results as of a round, who goes
/// on at `advance`, and what stands between the last round and `jury award`. Loads each round's
/// entrants, absences and scores and calls the pure functions of judging/staged_results.

#include <cstddef>
#include <optional>
#include <vector>

#include "engine/award_readiness.hpp"
#include "engine/store.hpp"
#include "judging/staged_results.hpp"
#include "model/model.hpp"

namespace jury {

/// The opened rounds 0..upto as stored.
std::vector<RoundData> load_rounds(const Store& store, const Config& config, std::size_t upto);

/// `jury results --round` of a staged competition (Config::staged).
Results staged_results(const Store& store, const Config& config, std::size_t round,
                       std::optional<Method> method);
/// The same from `entries` as Store::load_entries returned them.
Results staged_results(const Store& store, const Config& config, const std::vector<Entry>& entries,
                       std::size_t round, std::optional<Method> method);

/// SPEC §8 per §12: per kind, its entrants in the kind's last round that are counted (active,
/// not absent) but incomplete there, and the scores owed in the last round (the earlier rounds
/// are closed: what they owe cannot come any more). A competition of one round: exactly §8.
AwardReadiness staged_award_readiness(const Store& store, const Config& config);

}  // namespace jury
