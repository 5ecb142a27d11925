#include "engine/round_view.hpp"

#include <algorithm>

namespace jury {

std::vector<Entry> RoundView::counted_entries() const {
  std::vector<Entry> counted = entrants;
  for (Entry& entry : counted)
    if (absent.count(entry.id) && entry.active()) entry.status = EntryStatus::Withdrawn;
  return counted;
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
