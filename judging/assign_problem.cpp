#include "judging/assign_problem.hpp"

#include <algorithm>

namespace jury::detail {

namespace {

bool sorted_has(const std::vector<std::size_t>& v, std::size_t x) {
  return std::binary_search(v.begin(), v.end(), x);
}

void sort_unique(std::vector<std::size_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

AssignProblem::AssignProblem(const AssignmentInput& input)
    : config_(input.config),
      entries_(input.entries),
      judges_(input.judges),
      conflicts_(*input.judges, *input.entries, input.config->judging.conflicts),
      seed_(input.seed),
      mismatch_(input.config->judging.mismatch_cost),
      balance_(input.config->judging.balance_cost) {
  number_entries();
  number_judges();
  add_kept_pairs(input.kept);
  add_recusals(input.recusals);
  set_capacities(input.extra_places, input.places);
  find_open_entries(input.extra_places, input.places);
}

void AssignProblem::number_entries() {
  const Config& config = *config_;
  for (const Kind& kind : config.kinds) kind_ids_.push_back(kind.id);
  subject_count_ = static_cast<int>(config.subjects.size());
  const auto kind_number = [this](const std::string& id) {
    const auto it = std::find(kind_ids_.begin(), kind_ids_.end(), id);
    if (it != kind_ids_.end()) return static_cast<int>(it - kind_ids_.begin());
    kind_ids_.push_back(id);
    return static_cast<int>(kind_ids_.size() - 1);
  };
  for (std::size_t e = 0; e < entries_->size(); ++e) {
    const Entry& entry = (*entries_)[e];
    entry_by_id_.emplace(entry.id, e);
    entry_kind_.push_back(kind_number(entry.kind));
    entry_subject_.push_back(config.subject_index(entry.subject));
    k_.push_back(config.judges_per_entry(entry.kind));
  }
}

void AssignProblem::number_judges() {
  for (std::size_t j = 0; j < judges_->size(); ++j) {
    const Judge& judge = (*judges_)[j];
    judge_by_id_.emplace(judge.id, j);
    for (const std::string& id : kind_ids_) judge_may_score_.push_back(judge.may_score(id));
    std::vector<int> subjects;
    for (const std::string& id : judge.expertise)
      subjects.push_back(config_->subject_index(id));  // unknown ids become -1: match nothing
    std::sort(subjects.begin(), subjects.end());
    judge_expertise_.push_back(std::move(subjects));
  }
}

void AssignProblem::add_kept_pairs(const std::vector<Assignment>& kept) {
  kept_of_entry_.resize(entries_->size());
  base_load_.assign(judges_->size(), 0);
  std::vector<Pair> kept_pairs;
  for (const Assignment& a : kept) {
    const std::size_t j = judge_index(a.judge_id), e = entry_index(a.entry_id);
    if (j != npos && e != npos) kept_pairs.push_back({j, e});
  }
  std::sort(kept_pairs.begin(), kept_pairs.end());
  kept_pairs.erase(std::unique(kept_pairs.begin(), kept_pairs.end()), kept_pairs.end());
  for (const Pair& p : kept_pairs) {
    kept_of_entry_[p.entry].push_back(p.judge);
    ++base_load_[p.judge];
    kept_objective_ += cost(p.judge, entry_subject_[p.entry]);
  }
  for (auto& v : kept_of_entry_) sort_unique(v);
}

void AssignProblem::add_recusals(const std::vector<Assignment>& recusals) {
  recused_of_entry_.resize(entries_->size());
  for (const Assignment& a : recusals) {
    const std::size_t j = judge_index(a.judge_id), e = entry_index(a.entry_id);
    if (j != npos && e != npos) recused_of_entry_[e].push_back(j);
  }
  for (auto& v : recused_of_entry_) sort_unique(v);
}

void AssignProblem::set_capacities(const std::map<std::string, int>& extra_places,
                                   const std::map<std::string, int>& places) {
  // SPEC §14 `rejudge`: places beyond k (kept from earlier re-judging, or asked for now) count
  // in K. A plain `assign` keeps the §2 default over k places per entry, plus the places beyond
  // k that re-judging gave (`places`).
  std::int64_t added = 0;
  for (std::size_t e = 0; e < entries_->size() && !extra_places.empty(); ++e)
    if ((*entries_)[e].active())
      added += std::max(0, static_cast<int>(kept_of_entry_[e].size()) - k_[e]);
  for (const auto& [id, count] : extra_places)
    if (const std::size_t e = entry_index(id); e != npos && (*entries_)[e].active()) added += count;
  for (const auto& [id, count] : places)
    if (const std::size_t e = entry_index(id);
        extra_places.empty() && e != npos && (*entries_)[e].active())
      added += std::max(0, count - k_[e]);
  const int default_load = default_max_load(*config_, *entries_, *judges_, added);
  for (std::size_t j = 0; j < judges_->size(); ++j) {
    const Judge& judge = (*judges_)[j];
    capacity_.push_back(judge_capacity(judge, default_load));
    remaining_.push_back(judge.active ? std::max(0, capacity_[j] - base_load_[j]) : 0);
    const std::int64_t load = base_load_[j];
    kept_objective_ += balance_ * load * (load - 1) / 2;
  }
}

void AssignProblem::find_open_entries(const std::map<std::string, int>& extra_places,
                                      const std::map<std::string, int>& places) {
  need_.assign(entries_->size(), 0);
  for (std::size_t e = 0; e < entries_->size(); ++e) {
    if (!(*entries_)[e].active()) continue;
    if (extra_places.empty()) {
      const auto count = places.find((*entries_)[e].id);
      const int target = count == places.end() ? k_[e] : std::max(k_[e], count->second);
      need_[e] = std::max(0, target - static_cast<int>(kept_of_entry_[e].size()));
    } else {
      const auto extra = extra_places.find((*entries_)[e].id);
      need_[e] = extra == extra_places.end() ? 0 : std::max(0, extra->second);
    }
    if (need_[e] > 0) {
      open_entries_.push_back(e);
      total_need_ += need_[e];
    }
  }
}

bool AssignProblem::judge_allows_kind(std::size_t judge, int kind) const {
  return judge_may_score_[judge * kind_ids_.size() + static_cast<std::size_t>(kind)] != 0;
}

bool AssignProblem::expert(std::size_t judge, int subject) const {
  const auto& subjects = judge_expertise_[judge];
  return subjects.empty() ||
         (subject >= 0 && std::binary_search(subjects.begin(), subjects.end(), subject));
}

std::int64_t AssignProblem::cost(std::size_t judge, int subject) const {
  return expert(judge, subject) ? 0 : mismatch_;
}

bool AssignProblem::recused(std::size_t judge, std::size_t entry) const {
  return sorted_has(recused_of_entry_[entry], judge);
}

bool AssignProblem::kept(std::size_t judge, std::size_t entry) const {
  return sorted_has(kept_of_entry_[entry], judge);
}

Exclusion AssignProblem::exclusion(std::size_t judge, std::size_t entry) const {
  if (!(*judges_)[judge].active) return Exclusion::InactiveJudge;
  if (!(*entries_)[entry].active()) return Exclusion::InactiveEntry;
  if (!judge_allows_kind(judge, entry_kind_[entry])) return Exclusion::Kind;
  if (conflicts_.conflict(judge, entry)) return Exclusion::Conflict;
  if (recused(judge, entry)) return Exclusion::Recused;
  if (kept(judge, entry)) return Exclusion::AlreadyAssigned;
  return Exclusion::None;
}

std::int64_t AssignProblem::added_objective(const std::vector<Pair>& pairs) const {
  std::vector<std::int64_t> added(judges_->size(), 0);
  std::int64_t total = 0;
  for (const Pair& p : pairs) {
    total += cost(p.judge, entry_subject_[p.entry]);
    ++added[p.judge];
  }
  for (std::size_t j = 0; j < added.size(); ++j) {
    const std::int64_t before = base_load_[j], after = before + added[j];
    total += balance_ * (after * (after - 1) / 2 - before * (before - 1) / 2);
  }
  return total;
}

std::vector<Assignment> AssignProblem::to_assignments(const std::vector<Pair>& pairs) const {
  std::vector<Assignment> out;
  out.reserve(pairs.size());
  for (const Pair& p : pairs) out.push_back({(*judges_)[p.judge].id, (*entries_)[p.entry].id});
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t AssignProblem::entry_index(const std::string& id) const {
  const auto it = entry_by_id_.find(id);
  return it == entry_by_id_.end() ? npos : it->second;
}

std::size_t AssignProblem::judge_index(const std::string& id) const {
  const auto it = judge_by_id_.find(id);
  return it == judge_by_id_.end() ? npos : it->second;
}

}  // namespace jury::detail
