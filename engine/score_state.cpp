#include "engine/score_state.hpp"

#include <algorithm>
#include <iterator>

namespace jury {

ScoreState::ScoreState(const Store& store, const Config& config, std::size_t round)
    : config_(config.for_round(round)) {
  const std::string& round_id = config.rounds.at(round).id;
  // The round's entrants (SPEC §12): the first round's are every entry of its kinds.
  const std::vector<std::string> entrants =
      round == 0 ? std::vector<std::string>{} : store.load_entrants(round_id);
  for (auto& e : store.load_entry_kinds()) {
    const bool entered = round == 0 ? config_.find_kind(e.kind) != nullptr
                                    : std::binary_search(entrants.begin(), entrants.end(), e.id);
    if (entered) entries_.emplace_hint(entries_.end(), e.id, std::move(e));
  }
  for (const auto& j : store.load_judges()) {
    judge_ids_.insert(judge_ids_.end(), j.id);
    if (!j.active) withdrawn_.insert(j.id);
  }
  std::vector<Assignment> recusals = store.load_recusals(round_id);
  recused_.insert(recusals.begin(), recusals.end());
  // Recused pairs are known to the importer so that re-importing the same sheet is not an error.
  // Both lists come in (judge, entry) order; a pair both assigned and recused is held once.
  std::vector<Assignment> assigned = store.load_assignments(round_id);
  known_.reserve(assigned.size() + recusals.size());
  std::merge(std::make_move_iterator(assigned.begin()), std::make_move_iterator(assigned.end()),
             std::make_move_iterator(recusals.begin()), std::make_move_iterator(recusals.end()),
             std::back_inserter(known_));
  known_.erase(std::unique(known_.begin(), known_.end()), known_.end());
  absent_ = store.load_absences(round_id);
  index_ = std::make_unique<ScoreIndex>(entries_, judge_ids_, known_);
  // Every stored row belongs to an assigned pair (foreign key), so `known_` holds its pair. The
  // importer merges each sheet row into the stored row of its pair (SPEC §6).
  for (auto& row : store.load_scores(round_id))
    if (const Assignment* pair = index_->find_pair(row.judge_id, row.entry_id))
      stored_.emplace(pair, std::move(row));
  context_ = std::make_unique<ScoreContext>(
      ScoreContext{config_, *index_, &stored_, &withdrawn_, &absent_});
}

}  // namespace jury
