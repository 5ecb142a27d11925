#include "engine/score_state.hpp"

namespace jury {

ScoreState::ScoreState(const Store& store, const Config& config) {
  for (auto& e : store.load_entry_kinds())
    entries_.emplace_hint(entries_.end(), e.id, std::move(e));
  for (const auto& j : store.load_judges()) {
    judge_ids_.insert(judge_ids_.end(), j.id);
    if (!j.active) withdrawn_.insert(j.id);
  }
  const auto recusals = store.load_recusals();
  recused_.insert(recusals.begin(), recusals.end());
  // Recused pairs are known to the importer so that re-importing the same sheet is not an error.
  for (auto& a : store.load_assignments()) known_.insert(known_.end(), std::move(a));
  known_.insert(recused_.begin(), recused_.end());
  index_ = std::make_unique<ScoreIndex>(entries_, judge_ids_, known_);
  // Every stored row belongs to an assigned pair (foreign key), so `known_` holds its pair. The
  // importer merges each sheet row into the stored row of its pair (SPEC §6).
  for (auto& row : store.load_scores())
    if (const Assignment* pair = index_->find_pair(row.judge_id, row.entry_id))
      stored_.emplace(pair, std::move(row));
  context_ = std::make_unique<ScoreContext>(
      ScoreContext{config, entries_, judge_ids_, known_, index_.get(), &stored_, &withdrawn_});
}

}  // namespace jury
