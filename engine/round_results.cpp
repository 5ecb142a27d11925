#include "engine/round_results.hpp"

#include <algorithm>
#include <map>

#include "engine/round_view.hpp"

namespace jury {

std::vector<RoundData> load_rounds(const Store& store, const Config& config, std::size_t upto) {
  std::vector<RoundData> rounds;
  for (std::size_t r = 0; r <= upto; ++r) {
    const std::string& id = config.rounds.at(r).id;
    rounds.push_back({r == 0 ? std::vector<std::string>{} : store.load_entrants(id),
                      store.load_absences(id), store.load_scores(id)});
  }
  return rounds;
}

Results staged_results(const Store& store, const Config& config, std::size_t round,
                       std::optional<Method> method) {
  return staged_results(store, config, store.load_entries(), round, method);
}

Results staged_results(const Store& store, const Config& config, const std::vector<Entry>& entries,
                       std::size_t round, std::optional<Method> method) {
  return compute_staged_results(config, entries, load_rounds(store, config, round), round, method);
}

namespace {

/// Adds one round's readiness for the kinds whose last round it is.
void merge(AwardReadiness& total, AwardReadiness part) {
  total.incomplete_entries.insert(total.incomplete_entries.end(), part.incomplete_entries.begin(),
                                  part.incomplete_entries.end());
  for (auto& [judge, entries] : part.owed) {
    auto& owed = total.owed[judge];
    owed.insert(owed.end(), entries.begin(), entries.end());
    std::sort(owed.begin(), owed.end());
  }
  total.kinds_without_scores.insert(total.kinds_without_scores.end(),
                                    part.kinds_without_scores.begin(),
                                    part.kinds_without_scores.end());
  total.active_entries += part.active_entries;
}

}  // namespace

AwardReadiness staged_award_readiness(const Store& store, const Config& config) {
  const std::size_t last = config.rounds.size() - 1;
  std::map<std::size_t, std::vector<std::string>> kinds_by_last_round;
  for (const Kind& kind : config.kinds)
    kinds_by_last_round[config.rounds_of_kind(kind.id).back()].push_back(kind.id);
  AwardReadiness readiness;
  for (const auto& [round, kinds] : kinds_by_last_round) {
    const RoundView view = load_round_view(store, config, round);
    std::vector<Entry> counted;
    for (Entry& entry : view.counted_entries())
      if (std::find(kinds.begin(), kinds.end(), entry.kind) != kinds.end())
        counted.push_back(std::move(entry));
    const std::vector<Assignment> owed_in =
        round == last ? store.load_assignments(view.id) : std::vector<Assignment>{};
    merge(readiness, award_readiness(view.config, counted, owed_in, store.load_scores(view.id)));
  }
  std::sort(readiness.incomplete_entries.begin(), readiness.incomplete_entries.end());
  std::vector<std::string> in_config_order;
  for (const Kind& kind : config.kinds)
    if (std::count(readiness.kinds_without_scores.begin(), readiness.kinds_without_scores.end(),
                   kind.id))
      in_config_order.push_back(kind.id);
  readiness.kinds_without_scores = std::move(in_config_order);
  return readiness;
}

}  // namespace jury
