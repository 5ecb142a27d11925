#pragma once
/// The results of a staged competition (SPEC §12 "Scores, ranks and tiers"): each round is §6–7
/// over its entrants with the round's rubric and method, its scores combined by the round's
/// `weights`; who goes on is the §8 selection (judging/advancement); the tiers are decided each
/// by its own round (judging/round_tiers), then the recommendation (judging/recommendation).
/// Pure: the engine loads each round's entrants, absences and scores.

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// One opened round as stored.
struct RoundData {
  /// Who entered the round, by entry_id (sorted); ignored for the first round, whose entrants
  /// are every entry of its kinds.
  std::vector<std::string> entrants;
  std::set<std::string> absent;  ///< entrants marked absent
  std::vector<ScoreRow> scores;  ///< the round's stored rows
};

/// `jury results` of a staged competition as of round `view` (≤ the current round, the last of
/// `rounds`): rounds after `view` are ignored; tiers and the recommendation only when `view` is
/// the last round of the config (before, the rows carry the `advance` flags of who went on, or
/// of who would go on if `advance` ran now). Results::staged is set; pools in kind order, then
/// pool order; each pool's rows as SPEC §12 lists them. `method` overrides every round's method.
Results compute_staged_results(const Config& config, const std::vector<Entry>& entries,
                               const std::vector<RoundData>& rounds, std::size_t view,
                               std::optional<Method> method = std::nullopt);

/// One pool's part of `jury advance`.
struct PoolSelection {
  std::string kind;
  std::optional<std::string> group;
  std::optional<std::string> subject;
  int ranked = 0;  ///< entries of the pool ranked in the round
  int quota = 0;
  std::vector<std::string> going_on;  ///< by entry_id
};

/// Who goes on from round `round` (the last of `rounds`) into the next (SPEC §12 `jury
/// advance`): per pool of each kind of the next round, the advance's quota and the §8 selection
/// from this round's ranking. `incomplete`: the counted entrants of those kinds (active, not
/// absent) that are not ranked, so `advance` refuses unless allowed. Throws std::out_of_range at
/// the last round.
struct Advancement {
  std::vector<PoolSelection> pools;     ///< kind order, pool order
  std::vector<std::string> entrants;    ///< everyone going on, by entry_id
  std::vector<std::string> incomplete;  ///< by entry_id
};
Advancement select_next_round(const Config& config, const std::vector<Entry>& entries,
                              const std::vector<RoundData>& rounds);

}  // namespace jury
