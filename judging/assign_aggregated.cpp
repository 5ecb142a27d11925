/// Fast exact path. Costs depend only on (judge, entry subject) and loads, so the problem
/// aggregated by entry class (kind, subject) and judge profile (cost towards every class, kept
/// load, room) is a small min-cost flow whose optimum is a lower bound on the real one (every real
/// assignment maps onto an aggregated flow of the same cost). We then realise that aggregated
/// optimum with concrete distinct, conflict-free pairs; when that succeeds the assignment meets
/// the lower bound and is optimal. When it does not (dense conflicts), we give up and the general
/// solver takes over: this path never returns a suboptimal assignment.

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>
#include <algorithm>
#include <map>
#include <tuple>

#include "judging/assign_problem.hpp"
#include "judging/assign_random.hpp"

namespace jury::detail {

namespace {

using Graph = lemon::SmartDigraph;
using Solver = lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t>;

struct EntryClass {
  int kind = 0;
  int subject = 0;
  /// Per dense active conflict rule (ConflictRuleSpec::dense): the entries' folded texts.
  std::vector<std::vector<std::string>> dense_keys;
  std::vector<std::size_t> entries;  ///< open entries
  std::int64_t demand = 0;           ///< Σ need
};

/// Judges interchangeable for the aggregated problem.
struct JudgeProfile {
  std::vector<std::int64_t> class_cost;  ///< per class: cost, or -1 when the kind is not allowed
  int base_load = 0;
  int remaining = 0;
  std::vector<std::size_t> judges;
};

/// The active conflict rules that exclude many pairs (ConflictRuleSpec::dense), in order.
std::vector<const ConflictRuleSpec*> dense_rules(const AssignProblem& p) {
  std::vector<const ConflictRuleSpec*> dense;
  for (ConflictRule rule : p.conflicts().rules())
    if (const ConflictRuleSpec& spec = conflict_rule_spec(rule); spec.dense) dense.push_back(&spec);
  return dense;
}

/// Entries alike for the aggregated problem: same kind and subject, and — for each active dense
/// rule, such as district, which excludes a tenth of all pairs — the same texts, so that the
/// aggregated problem already respects those rules exactly.
std::vector<EntryClass> entry_classes(const AssignProblem& p,
                                      const std::vector<const ConflictRuleSpec*>& dense) {
  std::map<std::tuple<int, int, std::vector<std::vector<std::string>>>, EntryClass> by_key;
  for (std::size_t e : p.open_entries()) {
    std::vector<std::vector<std::string>> keys;
    for (const ConflictRuleSpec* spec : dense)
      keys.push_back(folded_keys(spec->entry_texts(p.entries()[e])));
    EntryClass& c = by_key[{p.kind_of(e), p.subject_of(e), keys}];
    c.kind = p.kind_of(e);
    c.subject = p.subject_of(e);
    c.dense_keys = std::move(keys);
    c.entries.push_back(e);
    c.demand += p.need(e);
  }
  std::vector<EntryClass> out;
  for (auto& [key, c] : by_key) out.push_back(std::move(c));
  return out;
}

std::vector<JudgeProfile> judge_profiles(const AssignProblem& p,
                                         const std::vector<const ConflictRuleSpec*>& dense,
                                         const std::vector<EntryClass>& classes) {
  std::map<std::tuple<std::vector<std::int64_t>, int, int>, std::vector<std::size_t>> by_key;
  for (std::size_t j = 0; j < p.judges().size(); ++j) {
    if (p.remaining(j) == 0) continue;
    std::vector<std::vector<std::string>> keys;
    for (const ConflictRuleSpec* spec : dense)
      keys.push_back(folded_keys(spec->judge_texts(p.judges()[j])));
    std::vector<std::int64_t> costs;
    for (const EntryClass& c : classes) {
      bool excluded = !p.judge_allows_kind(j, c.kind);
      for (std::size_t r = 0; r < dense.size() && !excluded; ++r)
        excluded = keys_meet(keys[r], c.dense_keys[r]);
      costs.push_back(excluded ? -1 : p.cost(j, c.subject));
    }
    by_key[{std::move(costs), p.base_load(j), p.remaining(j)}].push_back(j);
  }
  std::vector<JudgeProfile> out;
  for (auto& [key, judges] : by_key)
    out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), std::move(judges)});
  return out;
}

/// flow[c][t]: units class c sends to profile t in an optimal aggregated flow; empty when even
/// the aggregated problem is infeasible.
std::vector<std::vector<std::int64_t>> solve_aggregated_flow(
    const AssignProblem& p, const std::vector<EntryClass>& classes,
    const std::vector<JudgeProfile>& profiles, std::int64_t& objective) {
  Graph g;
  const Graph::Node source = g.addNode(), sink = g.addNode();
  std::vector<Graph::Node> class_node, profile_node;
  for (std::size_t c = 0; c < classes.size(); ++c) class_node.push_back(g.addNode());
  for (std::size_t t = 0; t < profiles.size(); ++t) profile_node.push_back(g.addNode());
  std::vector<std::int64_t> upper, cost;
  const auto add_arc = [&](Graph::Node from, Graph::Node to, std::int64_t cap, std::int64_t c) {
    g.addArc(from, to);
    upper.push_back(cap);
    cost.push_back(c);
  };
  for (std::size_t c = 0; c < classes.size(); ++c)
    add_arc(source, class_node[c], classes[c].demand, 0);
  std::vector<std::pair<std::size_t, std::size_t>> pair_arcs;  // (class, profile), in arc order
  for (std::size_t c = 0; c < classes.size(); ++c)
    for (std::size_t t = 0; t < profiles.size(); ++t) {
      const std::int64_t arc_cost = profiles[t].class_cost[c];
      if (arc_cost < 0) continue;
      // A judge takes each entry of the class at most once.
      const auto cap = static_cast<std::int64_t>(classes[c].entries.size()) *
                       static_cast<std::int64_t>(profiles[t].judges.size());
      add_arc(class_node[c], profile_node[t], cap, arc_cost);
      pair_arcs.emplace_back(c, t);
    }
  for (std::size_t t = 0; t < profiles.size(); ++t) {
    const auto m = static_cast<std::int64_t>(profiles[t].judges.size());
    if (p.balance_cost() == 0) {
      add_arc(profile_node[t], sink, m * profiles[t].remaining, 0);
      continue;
    }
    // The merged load ladders of m identical judges: each step L taken by up to m of them.
    for (int i = 0; i < profiles[t].remaining; ++i)
      add_arc(profile_node[t], sink, m, p.balance_cost() * (profiles[t].base_load + i));
  }
  Graph::ArcMap<std::int64_t> upper_map(g), cost_map(g);
  for (Graph::ArcIt a(g); a != lemon::INVALID; ++a) {
    upper_map[a] = upper[static_cast<std::size_t>(g.id(a))];
    cost_map[a] = cost[static_cast<std::size_t>(g.id(a))];
  }
  Solver solver(g);
  solver.upperMap(upper_map).costMap(cost_map).stSupply(source, sink, p.total_need());
  if (solver.run() != Solver::OPTIMAL) return {};
  objective = solver.totalCost<std::int64_t>();
  std::vector<std::vector<std::int64_t>> flow(classes.size(),
                                              std::vector<std::int64_t>(profiles.size(), 0));
  const int first = static_cast<int>(classes.size());
  for (std::size_t a = 0; a < pair_arcs.size(); ++a)
    flow[pair_arcs[a].first][pair_arcs[a].second] =
        solver.flow(g.arcFromId(first + static_cast<int>(a)));
  return flow;
}

/// Units per (class, judge). Each profile's load is spread as evenly as its identical ladders
/// allow (which is what the merged ladder priced); the classes are interleaved in proportion to
/// their flow and each judge takes a consecutive block, so every judge of the profile gets about
/// its share of every class — small classes are not piled onto a few judges.
std::vector<std::vector<std::pair<std::size_t, std::int64_t>>> judge_units(
    const std::vector<EntryClass>& classes, const std::vector<JudgeProfile>& profiles,
    const std::vector<std::vector<std::int64_t>>& flow, SeededRandom& random) {
  std::vector<std::vector<std::pair<std::size_t, std::int64_t>>> units(classes.size());
  for (std::size_t t = 0; t < profiles.size(); ++t) {
    std::int64_t total = 0;
    for (std::size_t c = 0; c < classes.size(); ++c) total += flow[c][t];
    if (total == 0) continue;
    // Class of each unit, interleaved: unit u goes to the class furthest behind its share.
    std::vector<std::size_t> class_of_unit;
    class_of_unit.reserve(static_cast<std::size_t>(total));
    std::vector<std::int64_t> given(classes.size(), 0);
    for (std::int64_t u = 0; u < total; ++u) {
      std::size_t best = classes.size();
      std::int64_t best_lag = 0;
      for (std::size_t c = 0; c < classes.size(); ++c) {
        if (given[c] == flow[c][t]) continue;
        // lag = share of the first u+1 units − units given, scaled by total to stay integral
        const std::int64_t lag = flow[c][t] * (u + 1) - given[c] * total;
        if (best == classes.size() || lag > best_lag) best = c, best_lag = lag;
      }
      ++given[best];
      class_of_unit.push_back(best);
    }
    std::vector<std::size_t> judges = profiles[t].judges;
    random.shuffle(judges);
    const auto m = static_cast<std::int64_t>(judges.size());
    std::int64_t at = 0;
    for (std::int64_t i = 0; i < m; ++i) {
      const std::int64_t load = total / m + (i < total % m ? 1 : 0);
      std::map<std::size_t, std::int64_t> count;
      for (std::int64_t u = 0; u < load; ++u)
        ++count[class_of_unit[static_cast<std::size_t>(at++)]];
      for (const auto& [c, n] : count)
        units[c].emplace_back(judges[static_cast<std::size_t>(i)], n);
    }
  }
  return units;
}

/// One class being realised: places (entry slots) each holding a judge.
class ClassRealisation {
 public:
  ClassRealisation(const AssignProblem& p, const EntryClass& c,
                   std::vector<std::pair<std::size_t, std::int64_t>> units, SeededRandom& random)
      : p_(p), random_(random) {
    std::vector<std::size_t> entries = c.entries;
    random.shuffle(entries);
    random.shuffle(units);
    entry_ = entries;
    for (const auto& [judge, n] : units) judge_.push_back(judge);
    places_of_entry_.resize(entry_.size());
    places_of_judge_.resize(judge_.size());
    // Judges' unit blocks laid over the places round by round, so a block no longer than the
    // class meets each entry at most once.
    for (int round = 0; place_entry_.size() < static_cast<std::size_t>(c.demand); ++round)
      for (std::size_t i = 0; i < entry_.size(); ++i)
        if (p.need(entry_[i]) > round) place_entry_.push_back(i);
    for (std::size_t u = 0; u < units.size(); ++u)
      place_judge_.insert(place_judge_.end(), static_cast<std::size_t>(units[u].second), u);
    valid_ = place_judge_.size() == place_entry_.size();
    for (std::size_t s = 0; valid_ && s < place_entry_.size(); ++s) {
      places_of_entry_[place_entry_[s]].push_back(s);
      places_of_judge_[place_judge_[s]].push_back(s);
    }
  }

  /// Repairs every place that breaks a hard constraint; false when one cannot be repaired.
  bool repair() {
    if (!valid_) return false;
    for (std::size_t s = 0; s < place_entry_.size(); ++s)
      if (!fits(s, place_judge_[s]) && !swap_with_some_place(s) && !augment(s)) return false;
    return true;
  }

  void append_pairs(std::vector<Pair>& out) const {
    for (std::size_t s = 0; s < place_entry_.size(); ++s)
      out.push_back({judge_[place_judge_[s]], entry_[place_entry_[s]]});
  }

 private:
  bool holds(std::size_t entry, std::size_t judge, std::size_t except) const {
    for (std::size_t s : places_of_entry_[entry])
      if (s != except && place_judge_[s] == judge) return true;
    return false;
  }
  /// Judge (local) may sit in place s: allowed for its entry and not already on it elsewhere.
  bool fits(std::size_t s, std::size_t judge) const {
    const std::size_t entry = place_entry_[s];
    return !holds(entry, judge, s) && p_.allowed(judge_[judge], entry_[entry]);
  }
  void set_judge(std::size_t s, std::size_t judge) {
    auto& old = places_of_judge_[place_judge_[s]];
    old.erase(std::find(old.begin(), old.end(), s));
    place_judge_[s] = judge;
    places_of_judge_[judge].push_back(s);
  }

  /// The cheap repair: exchange judges with one other place, scanning from a random start.
  bool swap_with_some_place(std::size_t s) {
    const std::size_t places = place_entry_.size(), start = random_.below(places);
    for (std::size_t step = 0; step < places; ++step) {
      const std::size_t o = (start + step) % places;
      if (place_entry_[o] == place_entry_[s] || place_judge_[o] == place_judge_[s]) continue;
      if (fits(s, place_judge_[o]) && fits(o, place_judge_[s])) {
        const std::size_t js = place_judge_[s], jo = place_judge_[o];
        set_judge(s, jo);
        set_judge(o, js);
        return true;
      }
    }
    return false;
  }

  /// The complete repair: an augmenting path (breadth first) in which place s takes judge y1
  /// from place q1 of entry x1, x1's place q1 takes y2 from place q2, …, and the last place
  /// takes s's judge. Each judge keeps its unit count, so the aggregated flow stays realised.
  bool augment(std::size_t s) {
    const std::size_t freed = place_judge_[s];
    struct Step {
      std::size_t place;     ///< the place whose judge changes
      std::size_t judge;     ///< its new judge
      std::size_t previous;  ///< index of the step that reached this entry (npos at start)
    };
    std::vector<Step> steps{{s, freed, AssignProblem::npos}};
    std::vector<char> entry_seen(entry_.size(), 0), judge_seen(judge_.size(), 0);
    entry_seen[place_entry_[s]] = 1;
    judge_seen[freed] = 1;
    for (std::size_t at = 0; at < steps.size(); ++at) {
      const std::size_t place = steps[at].place;
      for (std::size_t y = 0; y < judge_.size(); ++y) {
        if (y == freed) {
          if (at == 0 || !fits(place, y)) continue;
          // Found: shift judges along the path back to s.
          std::size_t judge = y;
          for (std::size_t k = at; k != AssignProblem::npos; k = steps[k].previous) {
            const std::size_t taken = place_judge_[steps[k].place];
            set_judge(steps[k].place, judge);
            judge = taken;
          }
          return true;
        }
        if (judge_seen[y] || !fits(place, y)) continue;
        judge_seen[y] = 1;
        for (std::size_t q : places_of_judge_[y]) {
          const std::size_t x = place_entry_[q];
          if (entry_seen[x]) continue;
          entry_seen[x] = 1;
          // Place `place` takes y from q; q must then find a new judge.
          steps.push_back({q, y, at});
        }
      }
    }
    return false;
  }

  const AssignProblem& p_;
  SeededRandom& random_;
  std::vector<std::size_t> entry_;  ///< local entry → entry index
  std::vector<std::size_t> judge_;  ///< local judge → judge index
  std::vector<std::size_t> place_entry_, place_judge_;
  std::vector<std::vector<std::size_t>> places_of_entry_, places_of_judge_;
  bool valid_ = false;
};

}  // namespace

SolverResult solve_aggregated(const AssignProblem& p) {
  SolverResult result;
  const auto dense = dense_rules(p);
  const std::vector<EntryClass> classes = entry_classes(p, dense);
  const std::vector<JudgeProfile> profiles = judge_profiles(p, dense, classes);
  std::int64_t lower_bound = 0;
  const auto flow = solve_aggregated_flow(p, classes, profiles, lower_bound);
  if (flow.empty()) {
    result.status = SolverResult::Status::Infeasible;  // a relaxation is infeasible: so is §5
    return result;
  }
  SeededRandom random(mix_seed(p.seed(), 0xA55));
  const auto units = judge_units(classes, profiles, flow, random);
  for (std::size_t c = 0; c < classes.size(); ++c) {
    ClassRealisation realisation(p, classes[c], units[c], random);
    if (!realisation.repair()) return {};
    realisation.append_pairs(result.pairs);
  }
  // Each class realises its aggregated flow exactly, so this holds by construction; checking it
  // is what makes the optimality claim independent of that reasoning.
  if (p.added_objective(result.pairs) != lower_bound) return {};
  std::sort(result.pairs.begin(), result.pairs.end());
  result.status = SolverResult::Status::Optimal;
  result.certified = true;
  return result;
}

}  // namespace jury::detail
