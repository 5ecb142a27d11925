#pragma once
/// What stands between a competition and `jury award` (SPEC §8): one reading of "complete" for
/// `award`, which refuses on it, and `status`, which reports it.

#include <string>
#include <vector>

#include "model/model.hpp"
#include "model/status.hpp"

namespace jury {

/// A score row is complete by judging's row_complete (a value for every criterion), the rule
/// `jury results` ranks by.
AwardReadiness award_readiness(const Config& config, const std::vector<Entry>& entries,
                               const std::vector<Assignment>& assignments,
                               const std::vector<ScoreRow>& scores);

/// "J07 owes 2 (E1, E5); J12 owes 1 (E9)": at most `entries_per_judge` entry ids per judge.
std::string describe_owed(const AwardReadiness& readiness, std::size_t entries_per_judge = 10);

}  // namespace jury
