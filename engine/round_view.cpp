#include "engine/round_view.hpp"

#include <algorithm>

#include "model/i18n.hpp"

namespace jury {

std::vector<Entry> RoundView::counted_entries() const {
  std::vector<Entry> counted = entrants;
  for (Entry& entry : counted)
    if (absent.count(entry.id) && entry.active()) entry.status = EntryStatus::Withdrawn;
  return counted;
}

std::string round_name(const Config& config, const std::string& round_id) {
  if (!i18n::chinese()) return round_id;
  for (const auto& round : config.rounds)
    if (round.id == round_id && !round.label.empty() && round.label != round_id)
      return round.label + "（" + round_id + "）";
  return round_id;
}

std::string round_prefix(const Config& config, const std::string& round_id) {
  return config.rounds.size() > 1 ? i18n::trf("round {}: ", round_name(config, round_id)) : "";
}

RoundView load_round_view(const Store& store, const Config& config, std::size_t index) {
  RoundView view;
  view.index = index;
  view.id = config.rounds.at(index).id;
  view.config = config.for_round(index);
  const std::vector<std::string> stored =
      index == 0 ? std::vector<std::string>{} : store.load_entrants(view.id);
  for (Entry& entry : store.load_entries()) {
    const bool entered = index == 0 ? view.config.find_kind(entry.kind) != nullptr
                                    : std::binary_search(stored.begin(), stored.end(), entry.id);
    if (entered) view.entrants.push_back(std::move(entry));
  }
  view.absent = store.load_absences(view.id);
  view.judges = store.load_judges();
  for (Judge& judge : view.judges)
    if (!judge.serves_in(view.id)) judge.active = false;
  return view;
}

}  // namespace jury
