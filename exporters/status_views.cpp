#include "exporters/status_views.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "model/i18n.hpp"
#include "model/labels.hpp"
#include "model/text.hpp"

namespace jury {

namespace {

using i18n::tr;
using i18n::trf;
using i18n::trnf;

/// Decided, ready to decide, or what `jury award` would refuse on (SPEC §8).
std::string award_line(const Status& status) {
  if (status.awarded)
    return tr("decided and frozen (`jury award --reopen --reason TEXT` to reopen)");
  if (!status.last_round_current)
    return tr("decided in the last round (`jury advance` closes the current round)");
  const AwardReadiness& r = status.readiness;
  if (r.active_entries == 0)
    return tr("not decided; there is no active entry to rank yet, so `jury award` refuses");
  if (r.ready()) return tr("not decided; every score is in, `jury award` can decide");
  return trnf(
      "not decided; `jury award` refuses while {} entry is incomplete and {} score(s) are owed "
      "(--allow-incomplete decides anyway)",
      "not decided; `jury award` refuses while {} entries are incomplete and {} score(s) are owed "
      "(--allow-incomplete decides anyway)",
      r.incomplete_entries.size(), r.incomplete_entries.size(), r.owed_count());
}

}  // namespace

std::string status_text(const Config& config, const Status& status) {
  std::string out = fmt::format("{} ({})\n", status.competition, config.year);
  if (!status.round.empty())  // SPEC §12
    out += status.round == status.current_round
               ? trf("round {}: the current round", round_name(config, status.round)) + "\n"
               : trf("round {}: closed (the current round is {})", round_name(config, status.round),
                     round_name(config, status.current_round)) +
                     "\n";
  const std::string elsewhere =
      status.judges_elsewhere ? trf(" / {} not in this round", status.judges_elsewhere) : "";
  out += trf("entries {}, judges {} active / {} withdrawn{}, assignments {}, recusals {}",
             status.entries, status.judges_active, status.judges_inactive, elsewhere,
             status.assignments, status.recusals) +
         "\n";
  out += tr("prize tiers: ") + award_line(status) + "\n";
  for (const auto& k : status.kinds) {
    out += "\n" + trf("{} ({}): {} active", kind_label(config, k.kind), k.kind, k.active);
    std::vector<std::string> groups;
    for (const auto& [group, n] : k.active_by_group)
      groups.push_back(
          fmt::format("{} {}", group.empty() ? "-" : label_of(config.groups, group), n));
    const bool ungrouped =
        k.active_by_group.size() == 1 && k.active_by_group.begin()->first.empty();
    if (!groups.empty() && !ungrouped) out += trf(" ({})", join(groups, tr(", ")));
    out += trf(", {} withdrawn, {} disqualified", k.withdrawn, k.disqualified);
    out += status.round.empty() ? "\n" : trf(", {} absent", k.absent) + "\n";
    out += trf("  judges per entry {}: {} assigned, {} places open", k.judges_per_entry,
               k.assignments, k.open_places) +
           (k.open_places ? tr(" (run `jury assign`)") : "") + "\n";
    out += trf("  scores: {} complete, {} still owed by the assigned judges", k.complete_scores,
               k.missing_scores) +
           "\n";
    out += trf("  entries: {} with enough scores to rank ({} of them scored by every assigned "
               "judge), {} incomplete (fewer than {} complete scores)",
               k.rankable_entries, k.fully_scored_entries, k.incomplete_entries,
               config.aggregation.min_scores) +
           "\n";
  }
  std::vector<const JudgeProgress*> owing;
  for (const auto& j : status.judges)
    if (j.missing + j.partial > 0) owing.push_back(&j);
  out += "\n" + trf("judges who still owe scores: {}", owing.size()) + "\n";
  for (const auto* j : owing)
    out += trf("  {} {}: {} of {} complete, {} partly filled, {} missing", j->judge_id, j->name,
               j->complete, j->assigned, j->partial, j->missing) +
           (j->active ? "" : tr(" (withdrawn)")) + "\n";
  return out;
}

std::string status_json(const Status& status) {
  nlohmann::ordered_json kinds = nlohmann::ordered_json::array();
  for (const auto& k : status.kinds) {
    nlohmann::ordered_json groups = nlohmann::ordered_json::object();
    for (const auto& [group, n] : k.active_by_group) groups[group.empty() ? "-" : group] = n;
    kinds.push_back({{"kind", k.kind},
                     {"active", k.active},
                     {"active_by_group", groups},
                     {"withdrawn", k.withdrawn},
                     {"disqualified", k.disqualified},
                     {"judges_per_entry", k.judges_per_entry},
                     {"assignments", k.assignments},
                     {"open_places", k.open_places},
                     {"complete_scores", k.complete_scores},
                     {"missing_scores", k.missing_scores},
                     {"rankable_entries", k.rankable_entries},
                     {"fully_scored_entries", k.fully_scored_entries},
                     {"incomplete_entries", k.incomplete_entries}});
  }
  nlohmann::ordered_json judges = nlohmann::ordered_json::array();
  for (const auto& j : status.judges)
    judges.push_back({{"judge_id", j.judge_id},
                      {"active", j.active},
                      {"capacity", j.capacity},
                      {"assigned", j.assigned},
                      {"complete", j.complete},
                      {"partial", j.partial},
                      {"missing", j.missing}});
  nlohmann::ordered_json doc = {{"competition", status.competition},
                                {"entries", status.entries},
                                {"judges_active", status.judges_active},
                                {"judges_inactive", status.judges_inactive},
                                {"assignments", status.assignments},
                                {"recusals", status.recusals},
                                {"awarded", status.awarded},
                                {"award_ready", status.award_ready},
                                {"owed_scores", status.owed_scores},
                                {"kinds", kinds},
                                {"judges", judges}};
  if (!status.round.empty()) {  // SPEC §12: the round shown
    doc["round"] = status.round;
    doc["current_round"] = status.current_round;
    doc["absent"] = status.absent;
    doc["judges_elsewhere"] = status.judges_elsewhere;
    for (std::size_t k = 0; k < status.kinds.size(); ++k)
      doc["kinds"][k]["absent"] = status.kinds[k].absent;
  }
  return doc.dump(2) + "\n";
}

}  // namespace jury
