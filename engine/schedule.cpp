/// The Competition's interview timetable (SPEC §13): `schedule`, the slots of pairs `assign`
/// adds to a scheduled round, and `export schedule`. The colouring is judging/timetable's.

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "engine/competition.hpp"
#include "engine/errors.hpp"
#include "engine/output_file.hpp"
#include "engine/round_view.hpp"
#include "exporters/schedule.hpp"
#include "judging/session_times.hpp"
#include "judging/timetable.hpp"
#include "model/i18n.hpp"
#include "model/text.hpp"

namespace jury {

namespace {

std::string counts(const std::vector<InterviewCount>& items) {
  std::vector<std::string> parts;
  for (const InterviewCount& item : items)
    parts.push_back(fmt::format("{} ({})", item.id, item.interviews));
  return join(parts, ", ");
}

/// SPEC §13 exit 4: the judges and entrants with too many interviews, and what to do.
InfeasibleError too_few_slots(const std::string& round, const SlotShortfall& shortfall) {
  std::vector<std::string> problems;
  problems.push_back(i18n::trf("round {} needs {} interview slots, its sessions hold {}", round,
                               shortfall.slots_needed, shortfall.slots_available));
  if (!shortfall.judges.empty())
    problems.push_back(
        i18n::trf("judges with more interviews than slots: {}", counts(shortfall.judges)));
  if (!shortfall.entrants.empty())
    problems.push_back(
        i18n::trf("entrants with more interviews than slots: {}", counts(shortfall.entrants)));
  problems.push_back(
      i18n::tr("add slots to the round's `interviews` sessions, or lower the judges' loads or k"));
  return InfeasibleError(problems,
                         i18n::tr("the interview timetable does not fit, nothing changed"));
}

/// Whether anyone takes part in the round: an active entrant not absent (else its timetable is
/// empty, and so is its set of sheets).
bool takes_part(const RoundView& view) {
  const std::vector<Entry> counted = view.counted_entries();
  return std::any_of(counted.begin(), counted.end(), [](const Entry& e) { return e.active(); });
}

}  // namespace

std::optional<ScheduleFormat> parse_schedule_format(const std::string& name) {
  if (name == "csv") return ScheduleFormat::Csv;
  if (name == "html" || name == "htm") return ScheduleFormat::Html;
  return std::nullopt;
}

ScheduleSummary Competition::schedule(std::uint64_t seed) {
  Store::Transaction transaction(store_);  // the write lock before the checks (SPEC §10)
  refuse_when_awarded("schedule");
  const std::size_t round = current_round();
  const std::string& id = round_id(round);
  const std::optional<Interviews>& interviews = config_.rounds[round].interviews;
  if (!interviews)
    throw StateError(i18n::trf(
        "round {} has no interview timetable: its config gives no `interviews` sessions", id));
  const std::vector<Assignment> pairs = store_.load_assignments(id);
  if (pairs.empty() && takes_part(load_round_view(store_, config_, round)))
    throw StateError(i18n::trf("round {} has no assignments yet; run `jury assign` first", id));
  if (!store_.load_scores(id).empty())
    throw StateError(i18n::trf(
        "round {} already has scores: its interviews have begun and the timetable stays as it "
        "is (`jury assign` places new pairs into free slots)",
        id));
  if (const auto shortfall = colouring_shortfall(pairs, session_capacity(*interviews)))
    throw too_few_slots(id, *shortfall);

  const std::vector<int> slots = colour_interviews(pairs, seed);
  std::vector<std::pair<Assignment, int>> stored;
  for (std::size_t k = 0; k < pairs.size(); ++k) stored.emplace_back(pairs[k], slots[k]);
  ScheduleSummary summary;
  summary.interviews = static_cast<int>(pairs.size());
  summary.slots = slots.empty() ? 0 : *std::max_element(slots.begin(), slots.end());
  const auto message = [&] {
    return i18n::trf("{}timetable (seed {}): {} interviews in {} slot(s) of {}",
                     round_prefix(config_, id), seed, summary.interviews, summary.slots,
                     session_capacity(*interviews));
  };
  summary.message = message();
  store_.clear_slots(id);
  store_.save_slots(id, stored);
  store_.set_scheduled(id, true);
  store_.append_audit("schedule", "", "", i18n::in_english(message));
  transaction.commit();
  return summary;
}

std::vector<std::pair<Assignment, int>> Competition::place_new_pairs(
    std::size_t round, const std::vector<Assignment>& kept,
    const std::vector<Assignment>& added) const {
  const std::string& id = round_id(round);
  if (added.empty() || !store_.scheduled(id)) return {};
  std::map<Assignment, int> slot_of;
  for (const auto& [pair, slot] : store_.load_slots(id)) slot_of.emplace(pair, slot);
  std::vector<ScheduledInterview> unchanged;
  for (const Assignment& pair : kept)
    if (const auto found = slot_of.find(pair); found != slot_of.end())
      unchanged.push_back({pair, found->second});
  const std::vector<int> slots = place_new_interviews(unchanged, added);
  std::vector<Assignment> all = kept;
  all.insert(all.end(), added.begin(), added.end());
  std::vector<int> all_slots;
  for (const Assignment& pair : kept)
    all_slots.push_back(slot_of.count(pair) ? slot_of.at(pair) : 0);
  all_slots.insert(all_slots.end(), slots.begin(), slots.end());
  const int capacity = session_capacity(*config_.rounds[round].interviews);
  if (const auto shortfall = placement_shortfall(all, all_slots, capacity))
    throw too_few_slots(id, *shortfall);
  std::vector<std::pair<Assignment, int>> placed;
  for (std::size_t k = 0; k < added.size(); ++k) placed.emplace_back(added[k], slots[k]);
  return placed;
}

void Competition::export_schedule(const std::string& path, ScheduleFormat format) const {
  const std::size_t round = current_round();
  const std::string& id = round_id(round);
  if (!store_.scheduled(id))
    throw StateError(i18n::trf("round {} has no timetable yet; run `jury schedule` first", id));
  const std::vector<Entry> entries = store_.load_entries();
  const std::vector<Judge> judges = store_.load_judges();
  std::map<std::string, const Entry*> entry_by_id;
  for (const Entry& entry : entries) entry_by_id.emplace(entry.id, &entry);
  std::map<std::string, const Judge*> judge_by_id;
  for (const Judge& judge : judges) judge_by_id.emplace(judge.id, &judge);
  std::vector<ScheduledPair> pairs;
  for (const auto& [pair, slot] : store_.load_slots(id))
    pairs.push_back({slot, judge_by_id.at(pair.judge_id), entry_by_id.at(pair.entry_id)});
  const Round& config_round = config_.rounds[round];
  const std::string text = format == ScheduleFormat::Csv
                               ? schedule_csv(*config_round.interviews, std::move(pairs))
                               : schedule_html(config_, config_round, std::move(pairs));
  write_file(path, text);
}

}  // namespace jury
