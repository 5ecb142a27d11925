#include "engine/award_readiness.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "judging/totals.hpp"
#include "model/i18n.hpp"
#include "model/text.hpp"

namespace jury {

AwardReadiness award_readiness(const Config& config, const std::vector<Entry>& entries,
                               const std::vector<Assignment>& assignments,
                               const std::vector<ScoreRow>& scores) {
  std::map<std::string, const Entry*> active;
  for (const Entry& e : entries)
    if (e.active() && config.find_kind(e.kind)) active.emplace(e.id, &e);

  std::set<Assignment> complete_pairs;
  std::map<std::string, int> complete_per_entry;
  std::set<std::string> kinds_with_scores;
  for (const ScoreRow& row : scores) {
    const auto entry = active.find(row.entry_id);
    if (entry == active.end() || !row_complete(config.rubric_of(entry->second->kind), row))
      continue;
    complete_pairs.insert({row.judge_id, row.entry_id});
    ++complete_per_entry[row.entry_id];
    kinds_with_scores.insert(entry->second->kind);
  }

  AwardReadiness readiness;
  readiness.active_entries = active.size();
  std::set<std::string> kinds_with_entries;
  for (const auto& [id, entry] : active) {
    kinds_with_entries.insert(entry->kind);
    if (complete_per_entry[id] < config.aggregation.min_scores)
      readiness.incomplete_entries.push_back(id);
  }
  for (const Assignment& pair : assignments)
    if (active.count(pair.entry_id) && !complete_pairs.count(pair))
      readiness.owed[pair.judge_id].push_back(pair.entry_id);
  for (auto& [judge, owed_entries] : readiness.owed)
    std::sort(owed_entries.begin(), owed_entries.end());
  for (const Kind& kind : config.kinds)
    if (kinds_with_entries.count(kind.id) && !kinds_with_scores.count(kind.id))
      readiness.kinds_without_scores.push_back(kind.id);
  return readiness;
}

std::string describe_owed(const AwardReadiness& readiness, std::size_t entries_per_judge) {
  std::vector<std::string> parts;
  for (const auto& [judge, entries] : readiness.owed) {
    std::vector<std::string> shown(
        entries.begin(),
        entries.begin() + static_cast<std::ptrdiff_t>(std::min(entries.size(), entries_per_judge)));
    if (entries.size() > entries_per_judge) shown.push_back("…");
    parts.push_back(i18n::trf("{} owes {} ({})", judge, entries.size(), join(shown, ", ")));
  }
  return join(parts, i18n::tr("; "));
}

}  // namespace jury
