#pragma once
/// What stands between a competition and `jury award` (SPEC §8): one reading of "complete" for
/// `award`, which refuses on it, and `status`, which reports it.

#include <map>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace jury {

struct AwardReadiness {
  /// Active entries with fewer than `min_scores` complete score rows (not ranked), by entry_id.
  std::vector<std::string> incomplete_entries;
  /// Scores owed: per judge id, the active entries assigned to that judge without a complete
  /// score row (entry_id order).
  std::map<std::string, std::vector<std::string>> owed;
  /// Kinds (config order) that have active entries but not one complete score row among them:
  /// nothing to decide there, even with --allow-incomplete.
  std::vector<std::string> kinds_without_scores;

  std::size_t owed_count() const;
  /// Every active entry can be ranked and no assigned judge owes a score.
  bool ready() const { return incomplete_entries.empty() && owed.empty(); }
};

/// A score row is complete by judging's row_complete (a value for every criterion), the rule
/// `jury results` ranks by.
AwardReadiness award_readiness(const Config& config, const std::vector<Entry>& entries,
                               const std::vector<Assignment>& assignments,
                               const std::vector<ScoreRow>& scores);

/// "J07 owes 2 (E1, E5); J12 owes 1 (E9)": at most `entries_per_judge` entry ids per judge.
std::string describe_owed(const AwardReadiness& readiness, std::size_t entries_per_judge = 10);

}  // namespace jury
