#include "judging/assignment.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <map>
#include <stdexcept>

#include "judging/assign_problem.hpp"

namespace jury {

using detail::AssignProblem;
using detail::Exclusion;
using detail::Pair;
using detail::SolverResult;

int default_max_load(const Config& config, const std::vector<Entry>& entries,
                     const std::vector<Judge>& judges) {
  if (config.judging.max_load) return *config.judging.max_load;
  std::int64_t places = 0;
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

std::string plural(std::int64_t n, const std::string& one, const std::string& many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

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
        parts.push_back(fmt::format("{} conflicted by {}", c.by_rule[r], to_string(rules[r])));
    if (c.recused > 0) parts.push_back(fmt::format("{} recused", c.recused));
    if (c.assigned > 0) parts.push_back(fmt::format("{} already judging it", c.assigned));
    if (at_capacity > 0) parts.push_back(fmt::format("{} at capacity", at_capacity));
    if (pool[kind] == 0)
      parts.push_back("no active judge may score kind " + p.kind_id(p.kind_of(e)));
    lines.push_back(fmt::format(
        "{}: only {}{}, {} needed", p.entries()[e].id,
        plural(eligible, "eligible judge", "eligible judges"),
        parts.empty() ? "" : " (" + fmt::format("{}", fmt::join(parts, ", ")) + ")", p.need(e)));
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
      lines.push_back(fmt::format(
          "kind {}: {} judge places to fill, but the judges who may score it have only {} free "
          "(capacity short by {})",
          p.kind_id(kind), places, room, places - room));
  }
  if (lines.empty() && room_all < p.total_need())
    lines.push_back(fmt::format(
        "all kinds: {} judge places to fill, but the judges have only {} free (capacity short "
        "by {})",
        p.total_need(), room_all, p.total_need() - room_all));
  return lines;
}

std::vector<std::string> unserved_lines(const AssignProblem& p, const SolverResult& r) {
  std::vector<std::string> lines;
  for (const auto& [e, missing] : r.unserved)
    lines.push_back(fmt::format(
        "{}: can get only {} of {} judges: its eligible judges reach their capacity with "
        "other entries",
        p.entries()[e].id, p.need(e) - missing, p.need(e)));
  return lines;
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
  out.added = p.to_assignments(std::move(r.pairs));
  return out;
}

// ---------------------------------------------------------------- --explain

namespace {

/// Why a judge is not on the entry, in the order the explanation lists them: hard rules first
/// (they are never broken), then the cost reasons of the optimisation.
enum class NotChosen {
  SchoolConflict,
  AdvisorConflict,
  DistrictConflict,
  DeclaredConflict,
  Recused,
  Withdrawn,
  Kind,
  AtLimit,
  NotExpert,
  Busier,
  Tie,
  NeededElsewhere,
  Available,
  Count
};

NotChosen conflict_reason(ConflictRule rule) {
  switch (rule) {
    case ConflictRule::School:
      return NotChosen::SchoolConflict;
    case ConflictRule::Advisor:
      return NotChosen::AdvisorConflict;
    case ConflictRule::District:
      return NotChosen::DistrictConflict;
    case ConflictRule::Declared:
      return NotChosen::DeclaredConflict;
  }
  return NotChosen::DeclaredConflict;
}

std::string heading(NotChosen reason, const Config& config, const Entry& e) {
  const std::string subject = subject_label(config, e.subject);
  switch (reason) {
    case NotChosen::SchoolConflict:
      return fmt::format("conflict of interest, works at the entry's school {}", e.school);
    case NotChosen::AdvisorConflict:
      return "conflict of interest, is an advisor or student of this entry";
    case NotChosen::DistrictConflict:
      return fmt::format("conflict of interest, from the entry's district {}", e.district);
    case NotChosen::DeclaredConflict:
      return "conflict of interest, declared (回避) this entry or its school";
    case NotChosen::Recused:
      return "recused from this entry on a score sheet";
    case NotChosen::Withdrawn:
      return "withdrawn";
    case NotChosen::Kind:
      return "may not judge " + kind_label(config, e.kind);
    case NotChosen::AtLimit:
      return "already at their limit of entries";
    case NotChosen::NotExpert:
      return fmt::format("not expert in {}, so a chosen judge suits it better", subject);
    case NotChosen::Busier:
      return "would then judge more entries than the chosen judges (work is spread evenly)";
    case NotChosen::Tie:
      return "just as suitable as a chosen judge; the seed picked among equals";
    case NotChosen::NeededElsewhere:
      return "would suit this entry, but other entries need them more (best for all entries "
             "together)";
    case NotChosen::Available:
      return "free and without conflict: can take an open place at the next `jury assign`";
    case NotChosen::Count:
      break;
  }
  return "";
}

}  // namespace

std::vector<std::string> explain_assignment(const AssignmentInput& input,
                                            const std::vector<Assignment>& current,
                                            const std::string& entry_id) {
  const AssignProblem p(input);
  const std::size_t e = p.entry_index(entry_id);
  if (e == AssignProblem::npos) return {"unknown entry " + entry_id};
  const Entry& entry = p.entries()[e];
  const Config& config = p.config();
  const int subject = p.subject_of(e);
  std::map<std::string, std::int64_t> load;
  std::vector<std::string> chosen;
  for (const Assignment& a : current) {
    ++load[a.judge_id];
    if (a.entry_id == entry_id) chosen.push_back(a.judge_id);
  }
  std::sort(chosen.begin(), chosen.end());
  const auto load_of = [&](const std::string& id) {
    const auto it = load.find(id);
    return it == load.end() ? std::int64_t{0} : it->second;
  };
  const auto who = [&](std::size_t j) { return p.judges()[j].id + " " + p.judges()[j].name; };
  const std::int64_t balance = p.balance_cost();

  std::vector<std::string> lines;
  std::vector<std::string> about{kind_label(config, entry.kind),
                                 subject_label(config, entry.subject), entry.school};
  if (!entry.district.empty()) about.push_back(entry.district);
  lines.push_back(fmt::format("{} «{}» ({})", entry.id, entry.title, fmt::join(about, ", ")));
  if (!entry.active())
    lines.push_back("The entry is withdrawn or disqualified: it gets no judges.");
  else if (static_cast<int>(chosen.size()) < p.k(e))
    lines.push_back(fmt::format("{} needed, {} assigned so far:", plural(p.k(e), "judge", "judges"),
                                chosen.size()));
  else
    lines.push_back(
        fmt::format("{} needed, {} assigned:", plural(p.k(e), "judge", "judges"), chosen.size()));

  // The marginal cost of the costliest chosen judge: a judge dearer than that lost on cost.
  std::int64_t costliest_chosen = 0;
  for (const std::string& id : chosen) {
    const std::size_t j = p.judge_index(id);
    if (j == AssignProblem::npos) continue;
    const std::int64_t l = load_of(id);
    costliest_chosen = std::max(costliest_chosen, p.cost(j, subject) + balance * (l - 1));
    const std::string expertise = p.judges()[j].expertise.empty()
                                      ? "lists no expertise (suits any subject)"
                                      : (p.expert(j, subject) ? "expert in " : "not expert in ") +
                                            subject_label(config, entry.subject);
    std::string line = fmt::format("  {}: {}; judges {} (limit {})", who(j), expertise,
                                   plural(l, "entry", "entries"), p.capacity(j));
    const Exclusion now = p.exclusion(j, e);
    if (now == Exclusion::InactiveJudge) line += "; withdrawn since, kept for the scores given";
    if (now == Exclusion::Kind)
      line += "; may no longer judge this kind, kept for the scores given";
    if (now == Exclusion::Conflict) line += "; conflicted since, kept for the scores given";
    lines.push_back(line);
  }

  if (!entry.active()) return lines;
  const bool places_open = static_cast<int>(chosen.size()) < p.k(e);
  std::vector<std::vector<std::string>> groups(static_cast<std::size_t>(NotChosen::Count));
  std::vector<std::size_t> others;
  for (std::size_t j = 0; j < p.judges().size(); ++j)
    if (!std::binary_search(chosen.begin(), chosen.end(), p.judges()[j].id)) others.push_back(j);
  std::sort(others.begin(), others.end(),
            [&](std::size_t a, std::size_t b) { return p.judges()[a].id < p.judges()[b].id; });
  for (std::size_t j : others) {
    const std::int64_t l = load_of(p.judges()[j].id);
    NotChosen reason = NotChosen::NeededElsewhere;
    std::string detail;
    switch (p.exclusion(j, e)) {
      case Exclusion::InactiveJudge:
        reason = NotChosen::Withdrawn;
        break;
      case Exclusion::Kind:
        reason = NotChosen::Kind;
        break;
      case Exclusion::Conflict:
        reason = conflict_reason(*p.conflicts().conflict(j, e));
        break;
      case Exclusion::Recused:
        reason = NotChosen::Recused;
        break;
      case Exclusion::InactiveEntry:
      case Exclusion::AlreadyAssigned:
      case Exclusion::None: {
        const std::int64_t cost = p.cost(j, subject) + balance * l;
        if (l >= p.capacity(j)) {
          reason = NotChosen::AtLimit;
          detail = fmt::format(" ({} of {})", l, p.capacity(j));
        } else if (places_open) {
          reason = NotChosen::Available;
        } else if (cost > costliest_chosen && !p.expert(j, subject) && p.mismatch_cost() > 0) {
          reason = NotChosen::NotExpert;
        } else if (cost > costliest_chosen) {
          reason = NotChosen::Busier;
          detail = fmt::format(" (would judge {})", l + 1);
        } else if (cost == costliest_chosen) {
          reason = NotChosen::Tie;
        }
        break;
      }
    }
    groups[static_cast<std::size_t>(reason)].push_back(who(j) + detail);
  }
  if (places_open) {
    // What the clerk must do next: run assign, or first find judges for the open places.
    const auto open = static_cast<std::size_t>(p.k(e)) - chosen.size();
    const std::size_t free = groups[static_cast<std::size_t>(NotChosen::Available)].size();
    lines.push_back(
        free >= open
            ? fmt::format("`jury assign` fills the {} open {}.", open,
                          open == 1 ? "place" : "places")
            : fmt::format("Only {} can take its {} open {}: `jury assign` fails until judges are "
                          "added or their limits raised.",
                          plural(static_cast<std::int64_t>(free), "judge", "judges"), open,
                          open == 1 ? "place" : "places"));
  }
  if (!others.empty()) lines.push_back("Not chosen:");
  for (std::size_t r = 0; r < groups.size(); ++r)
    if (!groups[r].empty())
      lines.push_back(fmt::format("  {} — {}: {}", groups[r].size(),
                                  heading(static_cast<NotChosen>(r), config, entry),
                                  fmt::join(groups[r], ", ")));
  lines.push_back(
      "How judges are chosen: conflicts of interest and each judge's limit are never broken; "
      "within them every entry gets experts in its subject where possible and the work is spread "
      "evenly, the best total for all entries together.");
  return lines;
}

}  // namespace jury
