#include "judging/assignment.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <map>
#include <stdexcept>

#include "judging/assign_connect.hpp"
#include "judging/assign_problem.hpp"
#include "model/i18n.hpp"

namespace jury {

using detail::AssignProblem;
using detail::SolverResult;

int default_max_load(const Config& config, const std::vector<Entry>& entries,
                     const std::vector<Judge>& judges, std::int64_t added_judgings) {
  if (config.judging.max_load) return *config.judging.max_load;
  std::int64_t places = added_judgings;
  for (const Entry& e : entries)
    if (e.active()) places += config.judges_per_entry(e.kind);
  const auto active =
      std::count_if(judges.begin(), judges.end(), [](const Judge& j) { return j.active; });
  if (active == 0) return 0;
  // ⌈6·K / (5·J)⌉ in integers.
  return static_cast<int>((6 * places + 5 * active - 1) / (5 * active));
}

int judge_capacity(const Judge& judge, int default_load) {
  return judge.max_load ? *judge.max_load : default_load;
}

std::int64_t assignment_objective(const Config& config, const std::vector<Entry>& entries,
                                  const std::vector<Judge>& judges,
                                  const std::vector<Assignment>& pairs) {
  AssignmentInput input;
  input.config = &config;
  input.entries = &entries;
  input.judges = &judges;
  input.kept = pairs;
  return AssignProblem(input).kept_objective();
}

namespace {

/// Why each open entry cannot get its places on its own, counting the judges who may score its
/// kind: conflicted (by first firing rule), recused, already assigned, at capacity, eligible.
std::vector<std::string> entries_short_of_judges(const AssignProblem& p) {
  const auto& judges = p.judges();
  const auto& rules = p.conflicts().rules();
  std::vector<std::int64_t> pool(static_cast<std::size_t>(p.kind_count()), 0);
  std::vector<std::int64_t> full(pool.size(), 0);
  for (std::size_t j = 0; j < judges.size(); ++j)
    for (int kind = 0; kind < p.kind_count(); ++kind)
      if (judges[j].active && p.judge_allows_kind(j, kind)) {
        ++pool[static_cast<std::size_t>(kind)];
        if (p.remaining(j) == 0) ++full[static_cast<std::size_t>(kind)];
      }
  struct Counts {
    std::vector<std::int64_t> by_rule;
    std::int64_t recused = 0, assigned = 0, full_among_excluded = 0;
  };
  std::vector<Counts> counts(p.entries().size());
  const auto counts_of = [&](std::size_t e) -> Counts& {
    Counts& c = counts[e];
    if (c.by_rule.empty()) c.by_rule.assign(rules.size(), 0);
    return c;
  };
  for (std::size_t j = 0; j < judges.size(); ++j) {
    if (!judges[j].active) continue;
    for (std::size_t e : p.conflicts().conflicting_entries(j)) {
      if (p.need(e) == 0 || !p.judge_allows_kind(j, p.kind_of(e))) continue;
      const auto rule = p.conflicts().conflict(j, e);
      Counts& c = counts_of(e);
      ++c.by_rule[static_cast<std::size_t>(std::find(rules.begin(), rules.end(), *rule) -
                                           rules.begin())];
      if (p.remaining(j) == 0) ++c.full_among_excluded;
    }
  }
  for (std::size_t e : p.open_entries()) {
    const auto note = [&](std::size_t j, bool recused) {
      if (!judges[j].active || !p.judge_allows_kind(j, p.kind_of(e))) return;
      if (p.conflicts().conflict(j, e)) return;
      Counts& c = counts_of(e);
      ++(recused ? c.recused : c.assigned);
      if (p.remaining(j) == 0) ++c.full_among_excluded;
    };
    for (std::size_t j : p.kept_judges(e)) note(j, false);
    for (std::size_t j : p.recused_judges(e))
      if (!p.kept(j, e)) note(j, true);
  }
  std::vector<std::string> lines;
  for (std::size_t e : p.open_entries()) {
    const auto kind = static_cast<std::size_t>(p.kind_of(e));
    const Counts& c = counts_of(e);
    std::int64_t excluded = c.recused + c.assigned;
    for (std::int64_t n : c.by_rule) excluded += n;
    const std::int64_t at_capacity = full[kind] - c.full_among_excluded;
    const std::int64_t eligible = pool[kind] - excluded - at_capacity;
    if (eligible >= p.need(e)) continue;
    std::vector<std::string> parts;
    for (std::size_t r = 0; r < rules.size(); ++r)
      if (c.by_rule[r] > 0)
        parts.push_back(i18n::trf("{} conflicted by {}", c.by_rule[r], to_string(rules[r])));
    if (c.recused > 0) parts.push_back(i18n::trf("{} recused", c.recused));
    if (c.assigned > 0) parts.push_back(i18n::trf("{} already judging it", c.assigned));
    if (at_capacity > 0) parts.push_back(i18n::trf("{} at capacity", at_capacity));
    if (pool[kind] == 0)
      parts.push_back(i18n::trf("no active judge may score kind {}", p.kind_id(p.kind_of(e))));
    const std::string why =
        parts.empty() ? "" : i18n::trf(" ({})", fmt::join(parts, i18n::tr(", ")));
    lines.push_back(i18n::trnf("{}: only {} eligible judge{}, {} needed",
                               "{}: only {} eligible judges{}, {} needed",
                               static_cast<unsigned long>(std::max<std::int64_t>(eligible, 0)),
                               p.entries()[e].id, eligible, why, p.need(e)));
  }
  return lines;
}

/// Capacity shortfall per kind (places to fill vs free places of the judges who may score it),
/// then over all kinds together.
std::vector<std::string> capacity_shortfalls(const AssignProblem& p) {
  std::vector<std::int64_t> need(static_cast<std::size_t>(p.kind_count()), 0);
  for (std::size_t e : p.open_entries()) need[static_cast<std::size_t>(p.kind_of(e))] += p.need(e);
  std::vector<std::string> lines;
  std::int64_t room_all = 0;
  for (std::size_t j = 0; j < p.judges().size(); ++j) {
    bool useful = false;
    for (int kind = 0; kind < p.kind_count(); ++kind)
      useful = useful || (need[static_cast<std::size_t>(kind)] > 0 && p.judge_allows_kind(j, kind));
    if (useful) room_all += p.remaining(j);
  }
  for (int kind = 0; kind < p.kind_count(); ++kind) {
    const std::int64_t places = need[static_cast<std::size_t>(kind)];
    if (places == 0) continue;
    std::int64_t room = 0;
    for (std::size_t j = 0; j < p.judges().size(); ++j)
      if (p.judge_allows_kind(j, kind)) room += p.remaining(j);
    if (room < places)
      lines.push_back(i18n::trf(
          "kind {}: {} judge places to fill, but the judges who may score it have only {} free "
          "(capacity short by {})",
          p.kind_id(kind), places, room, places - room));
  }
  if (lines.empty() && room_all < p.total_need())
    lines.push_back(i18n::trf(
        "all kinds: {} judge places to fill, but the judges have only {} free (capacity short "
        "by {})",
        p.total_need(), room_all, p.total_need() - room_all));
  return lines;
}

std::vector<std::string> unserved_lines(const AssignProblem& p, const SolverResult& r) {
  std::vector<std::string> lines;
  for (const auto& [e, missing] : r.unserved)
    lines.push_back(
        i18n::trf("{}: can get only {} of {} judges: its eligible judges reach their capacity with "
                  "other entries",
                  p.entries()[e].id, p.need(e) - missing, p.need(e)));
  return lines;
}

/// SPEC §14: connects the pools by exchanges of the new pairs' judges.
void connect(const AssignProblem& p, std::vector<detail::Pair>& pairs, AssignmentOutcome& out) {
  detail::ConnectResult connected = detail::connect_pools(p, std::move(pairs));
  pairs = std::move(connected.pairs);
  out.connect_cost = connected.cost;
  out.objective = p.kept_objective() + p.added_objective(pairs);
  const auto& judges = p.judges();
  const auto& entries = p.entries();
  for (const detail::Exchange& x : connected.exchanges)
    out.exchanges.push_back({x.pool,
                             {judges[x.judge_a].id, entries[x.entry_a].id},
                             {judges[x.judge_b].id, entries[x.entry_b].id},
                             x.cost});
  for (const detail::PoolParts& pool : connected.pools)
    out.pools.push_back({pool.pool, pool.before, pool.after});
}

}  // namespace

AssignmentOutcome assign_judges(const AssignmentInput& input) {
  const AssignProblem p(input);
  AssignmentOutcome out;
  out.objective = p.kept_objective();
  if (p.open_entries().empty()) {
    out.feasible = out.certified = true;
    out.method = "nothing to fill";
    return out;
  }
  SolverResult r = detail::solve_aggregated(p);
  out.method = "aggregated";
  if (r.status == SolverResult::Status::GaveUp) {
    r = detail::solve_flow(p);
    out.method = "flow";
  }
  // Neither path may hand back "no solution" as a solution: storing it would leave places open.
  if (r.status == SolverResult::Status::GaveUp)
    throw std::logic_error("assign: the min-cost flow ended without a result");
  if (r.status == SolverResult::Status::Infeasible) {
    // Explain from the simplest cause up: an entry short of eligible judges on its own, then a
    // capacity shortfall, then entries crowded out by others (which needs the general flow).
    out.problems = entries_short_of_judges(p);
    if (out.problems.empty()) out.problems = capacity_shortfalls(p);
    if (out.problems.empty() && r.unserved.empty()) r = detail::solve_flow(p);
    if (out.problems.empty()) out.problems = unserved_lines(p, r);
    return out;
  }
  out.feasible = true;
  out.certified = r.certified;
  out.objective += p.added_objective(r.pairs);
  out.optimum = out.objective;
  if (input.connect) connect(p, r.pairs, out);
  out.added = p.to_assignments(r.pairs);
  return out;
}

}  // namespace jury
