#pragma once
/// One round of a competition as the one-round machinery of §5–§7 sees it (SPEC §12: "§5 holds
/// per round", "§6 over the round's complete totals"): the config as the round reads it, the
/// round's entrants, its absences, and the judges who serve in it. The engine builds one from
/// the store and hands its parts to judging/ and exporters/ unchanged.

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "engine/store.hpp"
#include "model/labels.hpp"
#include "model/model.hpp"

namespace jury {

struct RoundView {
  std::size_t index = 0;  ///< into Config::rounds
  std::string id;
  Config config;                 ///< Config::for_round: the round's kinds, rubrics, k, method
  std::vector<Entry> entrants;   ///< who entered the round (any status), by entry_id
  std::set<std::string> absent;  ///< entrants marked absent in the round
  std::vector<Judge> judges;     ///< every judge; those not serving in the round are inactive

  /// The entrants with the absent ones made inactive: what counts in the round (its
  /// assignment, its statistics, its readiness). Absent entrants' scores stay stored, unused.
  std::vector<Entry> counted_entries() const;
};

/// The round `index` (opened) of the competition: the first round's entrants are every entry of
/// its kinds; a later round's are those `advance` stored.
RoundView load_round_view(const Store& store, const Config& config, std::size_t index);

}  // namespace jury
