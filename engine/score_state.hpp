#pragma once
/// What reading score sheets against one round of a competition needs (SPEC §6, §12): the config
/// as the round sees it (its rubrics), the round's entrants, the judges, the round's assigned and
/// recused pairs, stored rows and absences, loaded once, with the importer's hash index over
/// them. `import scores` checks and merges sheets with it; `export sheets` uses it to tell
/// whether a sheet in the folder holds scores that are not imported yet.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/store.hpp"
#include "importers/scores_importer.hpp"

namespace jury {

class ScoreState {
 public:
  ScoreState(const Store& store, const Config& config, std::size_t round);
  ScoreState(const ScoreState&) = delete;  // the index and the context point into the members
  ScoreState& operator=(const ScoreState&) = delete;

  const ScoreContext& context() const { return *context_; }
  const ScoreIndex& index() const { return *index_; }
  const std::set<Assignment>& recused() const { return recused_; }
  /// Assigned and recused pairs.
  std::size_t pair_count() const { return known_.size(); }
  /// The stored row of each pair, by the pair as held in the context.
  const std::unordered_map<const Assignment*, ScoreRow>& stored() const { return stored_; }

 private:
  Config config_;  ///< Config::for_round of the round
  std::map<std::string, Entry> entries_;
  std::set<std::string> judge_ids_;
  std::set<std::string> withdrawn_;
  std::set<Assignment> recused_;
  std::vector<Assignment> known_;  ///< assigned and recused pairs, in (judge, entry) order
  std::set<std::string> absent_;
  std::unique_ptr<ScoreIndex> index_;
  std::unordered_map<const Assignment*, ScoreRow> stored_;
  std::unique_ptr<ScoreContext> context_;
};

}  // namespace jury
