#pragma once
/// What `jury status` reports, as values: the progress of each kind and judge, and what stands
/// between the competition and `jury award` (SPEC §8). The engine counts them
/// (engine/status.cpp, engine/award_readiness.hpp); exporters/status_views.hpp shows them.

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

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
  /// Active entries counted (in a staged competition: the entrants of the kinds' last rounds).
  std::size_t active_entries = 0;

  std::size_t owed_count() const {
    std::size_t n = 0;
    for (const auto& [judge, entries] : owed) n += entries.size();
    return n;
  }
  /// Every active entry can be ranked and no assigned judge owes a score.
  bool ready() const { return incomplete_entries.empty() && owed.empty(); }
};

/// Per (judge, kind): what the judge owes.
struct JudgeProgress {
  std::string judge_id;
  std::string name;
  bool active = true;
  int assigned = 0;
  int complete = 0;  ///< complete score rows
  int partial = 0;   ///< partly filled rows
  int missing = 0;   ///< assigned pairs without any score
  int capacity = 0;
};

struct KindProgress {
  std::string kind;
  std::vector<std::pair<std::string, int>> active_by_group;  ///< group id ("" = none) → entries
  int active = 0;
  int withdrawn = 0;
  int disqualified = 0;
  int absent = 0;  ///< SPEC §12: active entrants marked absent in the round (not in `active`)
  int judges_per_entry = 0;
  int assignments = 0;      ///< pairs on active entries
  int open_places = 0;      ///< k − assigned, summed over active entries (what assign would fill)
  int complete_scores = 0;  ///< complete score rows on active entries
  int missing_scores = 0;   ///< assigned pairs on active entries without a complete row (owed)
  /// Entries with enough scores to rank (≥ min_scores complete rows, what `results` ranks).
  int rankable_entries = 0;
  /// Of those, the entries every assigned judge has scored (no score owed on them).
  int fully_scored_entries = 0;
  int incomplete_entries = 0;  ///< fewer than min_scores complete rows: not ranked
};

struct Status {
  std::string competition;
  std::string round;               ///< the round shown (SPEC §12); empty with one round
  std::string current_round;       ///< empty with one round
  int absent = 0;                  ///< entrants marked absent in the round
  bool last_round_current = true;  ///< `jury award` may run (SPEC §12: in the last round only)
  int entries = 0;
  int judges_active = 0;
  int judges_inactive = 0;
  int judges_elsewhere = 0;  ///< SPEC §12: active judges who do not serve in the round
  int assignments = 0;
  int recusals = 0;
  bool awarded = false;
  AwardReadiness readiness;  ///< what `jury award` would refuse on now
  /// `jury award` would decide now: the last round is current and `readiness` is ready.
  bool award_ready = false;
  /// Scores the assigned judges owe in the round shown (SPEC §12: the current one by default).
  std::size_t owed_scores = 0;
  std::vector<KindProgress> kinds;
  std::vector<JudgeProgress> judges;
};

}  // namespace jury
