#include "judging/timetable.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "judging/assign_random.hpp"

namespace jury {

namespace {

constexpr int kNone = -1;

/// The interviews as a bipartite graph on dense vertex numbers: judges 0..J−1 by judge_id, then
/// entrants J..J+N−1 by entry_id.
struct InterviewGraph {
  std::vector<std::string> judge_ids;
  std::vector<std::string> entry_ids;
  std::vector<int> judge_of;    ///< per interview: its judge's vertex
  std::vector<int> entrant_of;  ///< per interview: its entrant's vertex
  std::vector<int> degree;      ///< per vertex: its number of interviews

  int vertex_count() const { return static_cast<int>(judge_ids.size() + entry_ids.size()); }
  int delta() const { return degree.empty() ? 0 : *std::max_element(degree.begin(), degree.end()); }
};

/// Dense numbers of ids: numbers[k] for ids[k], numbering the distinct ids 0, 1, … in id order;
/// `distinct` gets them sorted. The hash map only finds repeats; numbering follows the sort.
std::vector<int> number_ids(const std::vector<std::string_view>& ids,
                            std::vector<std::string>& distinct) {
  std::unordered_map<std::string_view, int> first_seen;
  std::vector<std::string_view> seen;
  std::vector<int> numbers;
  numbers.reserve(ids.size());
  for (std::string_view id : ids) {
    const auto [it, inserted] = first_seen.try_emplace(id, static_cast<int>(seen.size()));
    if (inserted) seen.push_back(id);
    numbers.push_back(it->second);
  }
  std::vector<int> by_id(seen.size());
  std::iota(by_id.begin(), by_id.end(), 0);
  std::sort(by_id.begin(), by_id.end(), [&](int a, int b) {
    return seen[static_cast<std::size_t>(a)] < seen[static_cast<std::size_t>(b)];
  });
  std::vector<int> renumber(seen.size());
  distinct.clear();
  for (std::size_t rank = 0; rank < by_id.size(); ++rank) {
    renumber[static_cast<std::size_t>(by_id[rank])] = static_cast<int>(rank);
    distinct.emplace_back(seen[static_cast<std::size_t>(by_id[rank])]);
  }
  for (int& number : numbers) number = renumber[static_cast<std::size_t>(number)];
  return numbers;
}

InterviewGraph build_graph(const std::vector<Assignment>& interviews) {
  InterviewGraph graph;
  std::vector<std::string_view> judges;
  std::vector<std::string_view> entrants;
  judges.reserve(interviews.size());
  entrants.reserve(interviews.size());
  for (const Assignment& pair : interviews) {
    judges.push_back(pair.judge_id);
    entrants.push_back(pair.entry_id);
  }
  graph.judge_of = number_ids(judges, graph.judge_ids);
  graph.entrant_of = number_ids(entrants, graph.entry_ids);
  const int first_entrant = static_cast<int>(graph.judge_ids.size());
  graph.degree.assign(static_cast<std::size_t>(graph.vertex_count()), 0);
  for (std::size_t k = 0; k < interviews.size(); ++k) {
    graph.entrant_of[k] += first_entrant;
    ++graph.degree[static_cast<std::size_t>(graph.judge_of[k])];
    ++graph.degree[static_cast<std::size_t>(graph.entrant_of[k])];
  }
  return graph;
}

/// Interview indices in (judge_id, entry_id) order; throws on a pair listed twice.
std::vector<std::size_t> pair_order(const InterviewGraph& graph,
                                    const std::vector<Assignment>& interviews) {
  std::vector<std::size_t> order(graph.judge_of.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const auto key = [&](std::size_t k) { return std::pair(graph.judge_of[k], graph.entrant_of[k]); };
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  for (std::size_t k = 1; k < order.size(); ++k)
    if (key(order[k]) == key(order[k - 1])) {
      const Assignment& pair = interviews[order[k]];
      throw std::invalid_argument("timetable: interview " + pair.judge_id + " – " + pair.entry_id +
                                  " is listed twice");
    }
  return order;
}

/// A proper edge colouring under construction, with colours 0..Δ−1. `at(x, c)` is the edge of
/// colour c at vertex x, so walking an alternating path costs O(1) per step.
class KempeColouring {
 public:
  KempeColouring(const InterviewGraph& graph, int colours)
      : graph_(graph),
        colours_(colours),
        colour_(graph.judge_of.size(), kNone),
        at_(static_cast<std::size_t>(graph.vertex_count()) * static_cast<std::size_t>(colours),
            kNone) {}

  /// Colours edge e: the lowest colour free at both ends, else after swapping an alternating path.
  void add(int e) {
    const int u = graph_.judge_of[static_cast<std::size_t>(e)];
    const int v = graph_.entrant_of[static_cast<std::size_t>(e)];
    const int common = lowest_common_free(u, v);
    if (common != kNone) return paint(e, common);
    // a free at u (used at v), b free at v (used at u); both exist since each end has fewer than
    // Δ coloured edges.
    const int a = lowest_free(u);
    const int b = lowest_free(v);
    paint(e, free_by_swapping(u, v, a, b));
  }

  int colour_of(std::size_t e) const { return colour_[e]; }

 private:
  /// One walk along an alternating path: from `vertex`, follow the edge of colour `next`, then of
  /// the other colour, and so on. The edge buffer is reused from walk to walk.
  struct Walk {
    int vertex = kNone;
    int next = kNone;
    bool done = false;
    std::vector<int> edges;

    void start(int from, int colour) {
      vertex = from;
      next = colour;
      done = false;
      edges.clear();
    }
  };

  int& at(int vertex, int c) {
    return at_[static_cast<std::size_t>(vertex) * static_cast<std::size_t>(colours_) +
               static_cast<std::size_t>(c)];
  }

  int lowest_free(int x) {
    for (int c = 0; c < colours_; ++c)
      if (at(x, c) == kNone) return c;
    throw std::logic_error("timetable: a vertex has more edges than colours");
  }

  int lowest_common_free(int u, int v) {
    for (int c = 0; c < colours_; ++c)
      if (at(u, c) == kNone && at(v, c) == kNone) return c;
    return kNone;
  }

  void paint(int e, int c) {
    colour_[static_cast<std::size_t>(e)] = c;
    at(graph_.judge_of[static_cast<std::size_t>(e)], c) = e;
    at(graph_.entrant_of[static_cast<std::size_t>(e)], c) = e;
  }

  void step(Walk& walk, int a, int b) {
    const int e = at(walk.vertex, walk.next);
    if (e == kNone) {
      walk.done = true;
      return;
    }
    walk.edges.push_back(e);
    const auto k = static_cast<std::size_t>(e);
    walk.vertex = graph_.judge_of[k] == walk.vertex ? graph_.entrant_of[k] : graph_.judge_of[k];
    walk.next = walk.next == a ? b : a;
  }

  /// Swaps colours a and b along an alternating path so that one of them becomes free at both u
  /// and v, and returns it. The a/b path from v (starting with a) frees a at v: its judges are
  /// entered by a-edges and u has none, so u is not on it. Likewise the b/a path from u frees b at
  /// u and never meets v. Both are walked in lockstep and the one that ends first is swapped, so
  /// the cost is at most twice the shorter path.
  int free_by_swapping(int u, int v, int a, int b) {
    from_v_.start(v, a);
    from_u_.start(u, b);
    while (!from_v_.done && !from_u_.done) {
      step(from_v_, a, b);
      if (!from_v_.done) step(from_u_, a, b);
    }
    const Walk& shorter = from_v_.done ? from_v_ : from_u_;
    swap_colours(shorter.edges, a, b);
    return from_v_.done ? a : b;
  }

  void swap_colours(const std::vector<int>& path, int a, int b) {
    for (int e : path) {
      const int c = colour_[static_cast<std::size_t>(e)];
      at(graph_.judge_of[static_cast<std::size_t>(e)], c) = kNone;
      at(graph_.entrant_of[static_cast<std::size_t>(e)], c) = kNone;
    }
    for (int e : path) paint(e, colour_[static_cast<std::size_t>(e)] == a ? b : a);
  }

  const InterviewGraph& graph_;
  int colours_;
  std::vector<int> colour_;
  std::vector<int> at_;
  Walk from_v_;
  Walk from_u_;
};

/// Interviews per judge and per entrant, each list by id.
struct Loads {
  std::map<std::string, int> judges;
  std::map<std::string, int> entrants;
};

Loads loads_of(const std::vector<Assignment>& interviews) {
  Loads loads;
  for (const Assignment& pair : interviews) {
    ++loads.judges[pair.judge_id];
    ++loads.entrants[pair.entry_id];
  }
  return loads;
}

std::vector<InterviewCount> more_than(const std::map<std::string, int>& loads, int capacity) {
  std::vector<InterviewCount> over;
  for (const auto& [id, count] : loads)
    if (count > capacity) over.push_back({id, count});
  return over;
}

/// Busy slots of one judge or entrant: busy[s] for slot s ≥ 1.
using BusySlots = std::vector<bool>;

bool is_busy(const BusySlots& busy, int slot) {
  return static_cast<std::size_t>(slot) < busy.size() && busy[static_cast<std::size_t>(slot)];
}

void mark_busy(BusySlots& busy, int slot) {
  if (busy.size() <= static_cast<std::size_t>(slot))
    busy.resize(static_cast<std::size_t>(slot) + 1);
  busy[static_cast<std::size_t>(slot)] = true;
}

}  // namespace

int interview_degree(const std::vector<Assignment>& interviews) {
  return build_graph(interviews).delta();
}

std::vector<int> colour_interviews(const std::vector<Assignment>& interviews, std::uint64_t seed) {
  const InterviewGraph graph = build_graph(interviews);
  std::vector<std::size_t> order = pair_order(graph, interviews);
  detail::SeededRandom(seed).shuffle(order);
  KempeColouring colouring(graph, graph.delta());
  for (std::size_t e : order) colouring.add(static_cast<int>(e));
  std::vector<int> slots(interviews.size());
  for (std::size_t k = 0; k < interviews.size(); ++k) slots[k] = colouring.colour_of(k) + 1;
  return slots;
}

std::vector<int> place_new_interviews(const std::vector<ScheduledInterview>& kept,
                                      const std::vector<Assignment>& added) {
  std::map<std::string, BusySlots> judge_busy;
  std::map<std::string, BusySlots> entrant_busy;
  std::vector<Assignment> all_pairs;
  for (const ScheduledInterview& interview : kept) {
    const Assignment& pair = interview.pair;
    if (interview.slot < 1)
      throw std::invalid_argument("timetable: interview " + pair.judge_id + " – " + pair.entry_id +
                                  " has slot " + std::to_string(interview.slot));
    BusySlots& judge = judge_busy[pair.judge_id];
    BusySlots& entrant = entrant_busy[pair.entry_id];
    if (is_busy(judge, interview.slot) || is_busy(entrant, interview.slot))
      throw std::invalid_argument("timetable: interview " + pair.judge_id + " – " + pair.entry_id +
                                  " clashes in slot " + std::to_string(interview.slot));
    mark_busy(judge, interview.slot);
    mark_busy(entrant, interview.slot);
    all_pairs.push_back(pair);
  }
  all_pairs.insert(all_pairs.end(), added.begin(), added.end());
  pair_order(build_graph(all_pairs), all_pairs);  // throws on a pair listed twice

  std::vector<std::size_t> order(added.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return added[a] < added[b]; });
  std::vector<int> slots(added.size(), 0);
  for (std::size_t k : order) {
    BusySlots& judge = judge_busy[added[k].judge_id];
    BusySlots& entrant = entrant_busy[added[k].entry_id];
    int slot = 1;
    while (is_busy(judge, slot) || is_busy(entrant, slot)) ++slot;
    mark_busy(judge, slot);
    mark_busy(entrant, slot);
    slots[k] = slot;
  }
  return slots;
}

std::optional<SlotShortfall> colouring_shortfall(const std::vector<Assignment>& interviews,
                                                 int capacity) {
  const int delta = interview_degree(interviews);
  if (delta <= capacity) return std::nullopt;
  const Loads loads = loads_of(interviews);
  return SlotShortfall{delta, capacity, more_than(loads.judges, capacity),
                       more_than(loads.entrants, capacity)};
}

std::optional<SlotShortfall> placement_shortfall(const std::vector<Assignment>& interviews,
                                                 const std::vector<int>& slots, int capacity) {
  if (slots.size() != interviews.size())
    throw std::invalid_argument("placement_shortfall: one slot per interview expected");
  const int last = slots.empty() ? 0 : *std::max_element(slots.begin(), slots.end());
  if (last <= capacity) return std::nullopt;
  const Loads loads = loads_of(interviews);
  SlotShortfall shortfall{last, capacity, more_than(loads.judges, capacity),
                          more_than(loads.entrants, capacity)};
  if (!shortfall.judges.empty() || !shortfall.entrants.empty()) return shortfall;
  // Nobody has too many interviews: name those placed after the sessions' last slot.
  std::vector<Assignment> late;
  for (std::size_t k = 0; k < slots.size(); ++k)
    if (slots[k] > capacity) late.push_back(interviews[k]);
  const Loads late_loads = loads_of(late);
  for (const auto& [id, count] : late_loads.judges)
    shortfall.judges.push_back({id, loads.judges.at(id)});
  for (const auto& [id, count] : late_loads.entrants)
    shortfall.entrants.push_back({id, loads.entrants.at(id)});
  return shortfall;
}

}  // namespace jury
