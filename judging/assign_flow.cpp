/// General exact solver: the §5 min-cost flow source → entry (need) → judge (1, cost(j,e)) →
/// sink (unit arcs of cost balance·L for each further load L), plus a penalty arc entry → sink
/// that only infeasible places use. At scale the entry → judge arcs are a candidate subset; the
/// solution is then proved optimal over all eligible pairs by checking every omitted pair's
/// reduced cost against the solver's potentials, re-solving with any violators added.

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>
#include <algorithm>
#include <map>

#include "judging/assign_problem.hpp"
#include "judging/assign_random.hpp"

namespace jury::detail {

namespace {

using Graph = lemon::SmartDigraph;
using Solver = lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t>;

/// Entries that share kind and subject see every judge at the same cost.
using ClassKey = std::pair<int, int>;

struct Classes {
  std::map<ClassKey, std::vector<std::size_t>> entries;  ///< open entries per class
  std::map<ClassKey, std::vector<std::size_t>> judges;   ///< judges with room allowing the kind
};

Classes group_by_class(const AssignProblem& p) {
  Classes c;
  for (std::size_t e : p.open_entries()) c.entries[{p.kind_of(e), p.subject_of(e)}].push_back(e);
  for (const auto& [key, members] : c.entries) {
    auto& list = c.judges[key];
    for (std::size_t j = 0; j < p.judges().size(); ++j)
      if (p.remaining(j) > 0 && p.judge_allows_kind(j, key.first)) list.push_back(j);
  }
  return c;
}

/// Initial candidates of one entry: all allowed judges when few, else a seeded sample that
/// favours experts (cost 0), which is where optimal pairs live.
std::vector<std::size_t> initial_candidates(const AssignProblem& p, std::size_t entry,
                                            const std::vector<std::size_t>& judges,
                                            std::size_t per_entry) {
  std::vector<std::size_t> out;
  if (judges.size() <= per_entry) {
    for (std::size_t j : judges)
      if (p.allowed(j, entry)) out.push_back(j);
    return out;
  }
  SeededRandom random(mix_seed(p.seed(), entry));
  const int subject = p.subject_of(entry);
  std::size_t experts = 0, others = 0;
  for (std::size_t attempt = 0; attempt < 8 * per_entry && out.size() < per_entry; ++attempt) {
    const std::size_t j = judges[random.below(judges.size())];
    const bool is_expert = p.expert(j, subject);
    if (!is_expert && others >= per_entry / 4) continue;
    if (!p.allowed(j, entry) || std::find(out.begin(), out.end(), j) != out.end()) continue;
    out.push_back(j);
    (is_expert ? experts : others) += 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// Upper bound on the cost of any feasible completion, so one unit on a penalty arc costs more
/// than any complete assignment: an optimal flow uses the penalty only when it must.
std::int64_t penalty_cost(const AssignProblem& p) {
  std::int64_t bound = p.mismatch_cost() * p.total_need();
  for (std::size_t j = 0; j < p.judges().size(); ++j) {
    const std::int64_t cap = p.base_load(j) + p.remaining(j);
    bound += p.balance_cost() * cap * cap;
  }
  return bound + 1;
}

struct FlowRun {
  std::vector<Pair> pairs;
  std::vector<std::pair<std::size_t, int>> unserved;
  std::vector<std::int64_t> entry_potential;  ///< by entry index
  std::vector<std::int64_t> judge_potential;  ///< by judge index
};

FlowRun run_flow(const AssignProblem& p, const std::vector<std::vector<std::size_t>>& candidates) {
  const auto& open = p.open_entries();
  const std::size_t judge_count = p.judges().size();
  Graph g;
  const Graph::Node source = g.addNode(), sink = g.addNode();
  std::vector<Graph::Node> entry_node(open.size()), judge_node(judge_count, lemon::INVALID);
  for (auto& n : entry_node) n = g.addNode();
  for (std::size_t j = 0; j < judge_count; ++j)
    if (p.remaining(j) > 0) judge_node[j] = g.addNode();

  std::vector<std::int64_t> upper, cost;
  const auto add_arc = [&](Graph::Node from, Graph::Node to, std::int64_t cap, std::int64_t c) {
    g.addArc(from, to);
    upper.push_back(cap);
    cost.push_back(c);
  };
  const std::int64_t penalty = penalty_cost(p);
  for (std::size_t i = 0; i < open.size(); ++i) {
    add_arc(source, entry_node[i], p.need(open[i]), 0);
    add_arc(entry_node[i], sink, p.need(open[i]), penalty);
  }
  for (std::size_t j = 0; j < judge_count; ++j) {
    if (judge_node[j] == lemon::INVALID) continue;
    if (p.balance_cost() == 0) {
      add_arc(judge_node[j], sink, p.remaining(j), 0);
      continue;
    }
    for (int i = 0; i < p.remaining(j); ++i)
      add_arc(judge_node[j], sink, 1, p.balance_cost() * (p.base_load(j) + i));
  }
  const int first_pair_arc = static_cast<int>(upper.size());
  std::vector<Pair> arc_pair;
  for (std::size_t i = 0; i < open.size(); ++i)
    for (std::size_t j : candidates[i]) {
      add_arc(entry_node[i], judge_node[j], 1, p.cost(j, p.subject_of(open[i])));
      arc_pair.push_back({j, open[i]});
    }

  Graph::ArcMap<std::int64_t> upper_map(g), cost_map(g);
  for (Graph::ArcIt a(g); a != lemon::INVALID; ++a) {
    upper_map[a] = upper[static_cast<std::size_t>(g.id(a))];
    cost_map[a] = cost[static_cast<std::size_t>(g.id(a))];
  }
  Solver solver(g);
  solver.upperMap(upper_map).costMap(cost_map).stSupply(source, sink, p.total_need());
  if (solver.run() != Solver::OPTIMAL) throw std::logic_error("assign: penalised flow not solved");

  FlowRun run;
  for (std::size_t a = 0; a < arc_pair.size(); ++a)
    if (solver.flow(g.arcFromId(first_pair_arc + static_cast<int>(a))) > 0)
      run.pairs.push_back(arc_pair[a]);
  run.entry_potential.assign(p.entries().size(), 0);
  run.judge_potential.assign(judge_count, 0);
  for (std::size_t i = 0; i < open.size(); ++i) {
    run.entry_potential[open[i]] = solver.potential(entry_node[i]);
    const auto short_by = solver.flow(g.arcFromId(static_cast<int>(2 * i + 1)));
    if (short_by > 0) run.unserved.emplace_back(open[i], static_cast<int>(short_by));
  }
  for (std::size_t j = 0; j < judge_count; ++j)
    if (judge_node[j] != lemon::INVALID) run.judge_potential[j] = solver.potential(judge_node[j]);
  return run;
}

/// Omitted eligible pairs (e, j) with negative reduced cost cost(j,e) + π_e − π_j. Per class the
/// judges are scanned in ascending cost − π_j, so each entry stops at its first non-negative one.
std::vector<Pair> violating_pairs(const AssignProblem& p, const Classes& classes,
                                  const std::vector<std::vector<std::size_t>>& candidates,
                                  const std::vector<std::size_t>& slot_of_entry,
                                  const FlowRun& run) {
  std::vector<Pair> violators;
  for (const auto& [key, entries] : classes.entries) {
    std::vector<std::pair<std::int64_t, std::size_t>> order;
    for (std::size_t j : classes.judges.at(key))
      order.emplace_back(p.cost(j, key.second) - run.judge_potential[j], j);
    std::sort(order.begin(), order.end());
    for (std::size_t e : entries) {
      const auto& cands = candidates[slot_of_entry[e]];
      for (const auto& [key_j, j] : order) {
        if (key_j + run.entry_potential[e] >= 0) break;
        if (std::binary_search(cands.begin(), cands.end(), j) || !p.allowed(j, e)) continue;
        violators.push_back({j, e});
      }
    }
  }
  return violators;
}

}  // namespace

SolverResult solve_flow(const AssignProblem& p, std::size_t candidates_per_entry, int max_rounds) {
  const auto& open = p.open_entries();
  const Classes classes = group_by_class(p);
  std::vector<std::size_t> slot_of_entry(p.entries().size(), 0);
  std::vector<std::vector<std::size_t>> candidates(open.size());
  for (std::size_t i = 0; i < open.size(); ++i) {
    slot_of_entry[open[i]] = i;
    const auto& judges = classes.judges.at({p.kind_of(open[i]), p.subject_of(open[i])});
    candidates[i] = initial_candidates(p, open[i], judges, candidates_per_entry);
  }
  const auto result_of = [](FlowRun& run) {
    SolverResult result;
    result.status =
        run.unserved.empty() ? SolverResult::Status::Optimal : SolverResult::Status::Infeasible;
    result.pairs = std::move(run.pairs);
    result.unserved = std::move(run.unserved);
    result.certified = true;
    return result;
  };
  for (int round = 0; round < max_rounds; ++round) {
    FlowRun run = run_flow(p, candidates);
    const std::vector<Pair> violators = violating_pairs(p, classes, candidates, slot_of_entry, run);
    if (violators.empty()) return result_of(run);
    for (const Pair& v : violators) {
      auto& cands = candidates[slot_of_entry[v.entry]];
      cands.insert(std::lower_bound(cands.begin(), cands.end(), v.judge), v.judge);
    }
  }
  // Still not certified: solve once over every eligible pair, which is exact by construction.
  // Slower and larger, but a caller must never receive an empty "solution" (the engine would
  // store an assignment that leaves every place open).
  for (std::size_t i = 0; i < open.size(); ++i) {
    candidates[i].clear();
    for (std::size_t j : classes.judges.at({p.kind_of(open[i]), p.subject_of(open[i])}))
      if (p.allowed(j, open[i])) candidates[i].push_back(j);
  }
  FlowRun run = run_flow(p, candidates);
  return result_of(run);
}

}  // namespace jury::detail
