/// `jury status`: what has been done and what is still missing, per kind and per judge.

#include <algorithm>
#include <map>
#include <set>

#include "engine/competition.hpp"
#include "engine/round_view.hpp"
#include "judging/assignment.hpp"
#include "judging/totals.hpp"

namespace jury {

namespace {

struct PairState {
  bool has_row = false;
  bool complete = false;
};

KindProgress kind_progress(const Config& config, const Kind& kind, const RoundView& view,
                           const std::map<std::string, std::vector<PairState>>& pairs_by_entry) {
  const std::vector<Entry>& entries = view.entrants;
  KindProgress progress;
  progress.kind = kind.id;
  progress.judges_per_entry = config.judges_per_entry(kind.id);
  std::map<std::string, int> by_group;
  for (const auto& e : entries) {
    if (e.kind != kind.id) continue;
    if (e.status == EntryStatus::Withdrawn) ++progress.withdrawn;
    if (e.status == EntryStatus::Disqualified) ++progress.disqualified;
    if (!e.active()) continue;
    if (view.absent.count(e.id)) {  // SPEC §12: an absent entrant does not count in the round
      ++progress.absent;
      continue;
    }
    ++progress.active;
    ++by_group[e.group];
    const auto found = pairs_by_entry.find(e.id);
    const std::vector<PairState> none;
    const auto& pairs = found == pairs_by_entry.end() ? none : found->second;
    const int assigned = static_cast<int>(pairs.size());
    const int complete = static_cast<int>(
        std::count_if(pairs.begin(), pairs.end(), [](const PairState& p) { return p.complete; }));
    progress.assignments += assigned;
    progress.open_places += std::max(0, progress.judges_per_entry - assigned);
    progress.complete_scores += complete;
    progress.missing_scores += assigned - complete;
    if (complete < config.aggregation.min_scores) {
      ++progress.incomplete_entries;
      continue;
    }
    ++progress.rankable_entries;
    if (complete == assigned) ++progress.fully_scored_entries;  // no judge owes a score on it
  }
  for (const auto& group : config.groups)
    if (by_group.count(group.id))
      progress.active_by_group.emplace_back(group.id, by_group[group.id]);
  if (by_group.count("")) progress.active_by_group.emplace_back("", by_group[""]);
  return progress;
}

}  // namespace

Status Competition::status(std::optional<std::size_t> round) const {
  // SPEC §12: the round's counted entrants, its judges, assignments and scores.
  const RoundView view = load_round_view(store_, config_, round.value_or(current_round()));
  const Config& config = view.config;
  const std::vector<Entry> entries = view.counted_entries();
  const std::vector<Judge>& judges = view.judges;
  const std::vector<Assignment> assignments = store_.load_assignments(view.id);
  const std::vector<ScoreRow> scores = store_.load_scores(view.id);
  // The same "complete row" as `results` and `award` (judging's row_complete).
  std::map<std::string, const Rubric*> rubric_of_entry;
  for (const auto& e : entries)
    if (config.find_kind(e.kind)) rubric_of_entry.emplace(e.id, &config.rubric_of(e.kind));
  std::map<Assignment, bool> complete_rows;
  for (const auto& row : scores) {
    const auto rubric = rubric_of_entry.find(row.entry_id);
    complete_rows[{row.judge_id, row.entry_id}] =
        rubric != rubric_of_entry.end() && jury::row_complete(*rubric->second, row);
  }

  Status status;
  status.competition = config_.competition_name;
  status.round = config_.rounds.size() > 1 ? view.id : "";
  status.current_round = config_.rounds.size() > 1 ? round_id(current_round()) : "";
  status.absent = static_cast<int>(view.absent.size());
  status.last_round_current = current_round() + 1 == config_.rounds.size();
  status.entries = static_cast<int>(entries.size());
  status.assignments = static_cast<int>(assignments.size());
  status.recusals = static_cast<int>(store_.load_recusals(view.id).size());
  status.awarded = awarded();
  status.readiness = readiness();
  // `award` also refuses with no entry to rank (refuse_nothing_to_award).
  status.award_ready =
      status.last_round_current && status.readiness.ready() && status.readiness.active_entries > 0;
  // SPEC §9 "missing scores", §12 per round: those of the round shown, where `readiness` (what
  // `award` refuses on) owes only in the last round.
  status.owed_scores = award_readiness(config, entries, assignments, scores).owed_count();

  std::map<std::string, std::vector<PairState>> pairs_by_entry;
  std::map<std::string, JudgeProgress> by_judge;
  const int default_capacity = default_max_load(config, entries, judges);
  for (const auto& j : judges) {
    // SPEC §12: a judge who does not serve in the round is inactive in its view, not withdrawn.
    if (j.active)
      ++status.judges_active;
    else if (!j.serves_in(view.id))
      ++status.judges_elsewhere;
    else
      ++status.judges_inactive;
    JudgeProgress& p = by_judge[j.id];
    p.judge_id = j.id;
    p.name = j.name;
    p.active = j.active;
    p.capacity = j.max_load.value_or(config.judging.max_load.value_or(default_capacity));
  }
  for (const auto& pair : assignments) {
    const auto found = complete_rows.find(pair);
    const PairState state{found != complete_rows.end(),
                          found != complete_rows.end() && found->second};
    pairs_by_entry[pair.entry_id].push_back(state);
    JudgeProgress& p = by_judge[pair.judge_id];
    ++p.assigned;
    if (state.complete)
      ++p.complete;
    else if (state.has_row)
      ++p.partial;
    else
      ++p.missing;
  }
  for (const auto& kind : config.kinds)
    status.kinds.push_back(kind_progress(config, kind, view, pairs_by_entry));
  for (auto& [id, progress] : by_judge) status.judges.push_back(std::move(progress));
  return status;
}

}  // namespace jury
