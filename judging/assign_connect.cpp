#include "judging/assign_connect.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <queue>
#include <tuple>
#include <unordered_set>

#include "judging/assign_random.hpp"
#include "model/i18n.hpp"

namespace jury {

ConnectReport describe_connecting(const AssignmentOutcome& outcome) {
  ConnectReport report;
  report.objective = std::to_string(outcome.objective);
  if (outcome.pools.empty()) return report;
  report.objective += i18n::trf(" (§5 optimum {} + {} for connecting pools)", outcome.optimum,
                                outcome.connect_cost);
  for (const PoolComponents& pool : outcome.pools) {
    const auto made = std::count_if(outcome.exchanges.begin(), outcome.exchanges.end(),
                                    [&](const JudgeExchange& x) { return x.pool == pool.pool; });
    report.details.push_back(i18n::trf(
        "pool {}: judge–entry graph of {} connected components, {} after {} exchange(s) of "
        "judges",
        pool.pool, pool.before, pool.after, made));
    if (pool.after > 1)
      report.warnings.push_back(i18n::trf(
          "pool {}: the judge–entry graph stays in {} connected components: no exchange of "
          "judges between its entries that keeps every hard rule joins them; severity effects "
          "are not comparable across them",
          pool.pool, pool.after));
  }
  for (const JudgeExchange& x : outcome.exchanges)
    report.details.push_back(i18n::trf(
        "  exchange: {} {} → {}, {} {} → {} (cost {:+})", x.first.judge_id, x.first.entry_id,
        x.second.entry_id, x.second.judge_id, x.second.entry_id, x.first.entry_id, x.cost));
  return report;
}

}  // namespace jury

namespace jury::detail {

std::string entry_pool(const Config& config, const Entry& entry) {
  PoolResult pool;
  pool.kind = entry.kind;
  const auto policy = config.awards.find(entry.kind);
  const std::vector<std::string> fields =
      policy == config.awards.end() ? AwardPolicy{}.pool_by : policy->second.pool_by;
  for (const std::string& field : fields) {
    // As in the results: a field the entry leaves empty names no pool part.
    if (field == "group" && !entry.group.empty()) pool.group = entry.group;
    if (field == "subject" && !entry.subject.empty()) pool.subject = entry.subject;
  }
  return pool_id(pool);
}

namespace {

/// The pairs assigned so far, kept or new (kept ones are also known to the problem).
class PairSet {
 public:
  PairSet(const AssignProblem& p, const std::vector<Pair>& added) : entries_(p.entries().size()) {
    for (const Pair& pair : added) keys_.insert(key(pair.judge, pair.entry));
  }
  bool has(std::size_t judge, std::size_t entry) const {
    return keys_.count(key(judge, entry)) > 0;
  }
  void move(std::size_t judge, std::size_t from, std::size_t to) {
    keys_.erase(key(judge, from));
    keys_.insert(key(judge, to));
  }

 private:
  std::uint64_t key(std::size_t judge, std::size_t entry) const { return judge * entries_ + entry; }
  std::size_t entries_;
  std::unordered_set<std::uint64_t> keys_;
};

/// One pair of the pool's graph. Nodes are local: the pool's entries first, then its judges.
struct Edge {
  int judge_node = 0;
  int entry_node = 0;
  std::size_t judge = 0;
  std::size_t entry = 0;
  std::size_t added = AssignProblem::npos;  ///< index into the new pairs; npos = kept, never moves
  std::uint64_t rank = 0;                   ///< seeded order among equally cheap exchanges
};

/// A possible exchange of the judges of two edges in different parts.
struct Candidate {
  std::int64_t cost = 0;
  int first = 0;
  int second = 0;
};

/// Exchange cost of moving an edge's judge to an entry of subject t, by bucket: 0 = −mismatch,
/// 1 = 0, 2 = +mismatch.
using Buckets = std::array<std::vector<int>, 3>;

/// What one part (connected component) offers for exchanges.
struct PartIndex {
  std::map<int, std::vector<int>> movable_by_subject;  ///< entry subject → new pairs, by rank
  std::map<std::pair<int, int>, Buckets> buckets;      ///< (entry subject, target) → by cost
};

class PoolGraph {
 public:
  PoolGraph(const AssignProblem& p, std::string pool, const std::vector<std::size_t>& entries,
            const std::vector<std::vector<std::size_t>>& added_of_entry, std::vector<Pair>& added,
            std::uint64_t seed)
      : p_(p), pool_(std::move(pool)), added_(added) {
    build_nodes(entries, added_of_entry, seed);
    find_parts();
  }

  int parts() const { return alive_parts_; }

  /// Kruskal over the parts: the cheapest exchange between any two current parts, until one
  /// part is left or no exchange joins two parts.
  void connect(PairSet& assigned, std::vector<Exchange>& exchanges) {
    assigned_ = &assigned;
    using Item = std::tuple<std::int64_t, int, int, int, int, int, int>;  // cost, x, y, versions,
                                                                          // edges
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    const auto offer = [&](int x, int y) {
      if (x > y) std::swap(x, y);
      if (const auto c = cheapest(x, y))
        queue.emplace(c->cost, x, y, version_[static_cast<std::size_t>(x)],
                      version_[static_cast<std::size_t>(y)], c->first, c->second);
    };
    for (int x = 0; x < part_count(); ++x)
      for (int y = x + 1; y < part_count(); ++y) offer(x, y);
    while (!queue.empty() && alive_parts_ > 1) {
      const auto [cost, x, y, vx, vy, first, second] = queue.top();
      queue.pop();
      if (!current(x, vx) || !current(y, vy)) continue;
      exchanges.push_back(apply(first, second, cost));
      merge(x, y);
      for (int z = 0; z < part_count(); ++z)
        if (z != x && alive_[static_cast<std::size_t>(z)]) offer(x, z);
    }
  }

 private:
  static std::size_t at(int i) { return static_cast<std::size_t>(i); }
  int part_count() const { return static_cast<int>(members_.size()); }
  bool current(int part, int version) const {
    return alive_[at(part)] && version_[at(part)] == version;
  }
  int other_end(int edge, int node) const {
    const Edge& e = edges_[at(edge)];
    return e.judge_node == node ? e.entry_node : e.judge_node;
  }
  bool movable(int edge) const { return edges_[at(edge)].added != AssignProblem::npos; }

  void add_edge(std::size_t judge, std::size_t entry, int entry_node, std::size_t added,
                SeededRandom& random) {
    auto [it, fresh] = judge_node_.emplace(judge, 0);
    if (fresh) {
      it->second = static_cast<int>(adjacency_.size());
      adjacency_.emplace_back();
    }
    const int id = static_cast<int>(edges_.size());
    edges_.push_back(Edge{it->second, entry_node, judge, entry, added, random.next()});
    adjacency_[at(entry_node)].push_back(id);
    adjacency_[at(it->second)].push_back(id);
  }

  void build_nodes(const std::vector<std::size_t>& entries,
                   const std::vector<std::vector<std::size_t>>& added_of_entry,
                   std::uint64_t seed) {
    SeededRandom random(seed);
    adjacency_.resize(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const std::size_t e = entries[i];
      const int node = static_cast<int>(i);
      for (std::size_t j : p_.kept_judges(e)) add_edge(j, e, node, AssignProblem::npos, random);
      for (std::size_t a : added_of_entry[e]) add_edge(added_[a].judge, e, node, a, random);
    }
    entry_nodes_ = static_cast<int>(entries.size());
  }

  void find_parts() {
    const std::size_t nodes = adjacency_.size();
    part_.assign(nodes, -1);
    tin_.assign(nodes, -1);
    low_.assign(nodes, 0);
    bridge_.assign(edges_.size(), 0);
    for (std::size_t start = 0; start < nodes; ++start) {
      if (part_[start] >= 0 || adjacency_[start].empty()) continue;
      const int part = part_count();
      members_.emplace_back();
      std::vector<int> stack{static_cast<int>(start)};
      part_[start] = part;
      while (!stack.empty()) {
        const int node = stack.back();
        stack.pop_back();
        members_.back().push_back(node);
        for (int edge : adjacency_[at(node)])
          if (const int next = other_end(edge, node); part_[at(next)] < 0) {
            part_[at(next)] = part;
            stack.push_back(next);
          }
      }
    }
    alive_.assign(members_.size(), true);
    version_.assign(members_.size(), 0);
    index_.resize(members_.size());
    alive_parts_ = part_count();
    for (int part = 0; part < part_count(); ++part) refresh(part);
  }

  /// Bridges (Tarjan, iteratively) and the exchange index of one part.
  void refresh(int part) {
    mark_bridges(part);
    PartIndex& index = index_[at(part)];
    index = PartIndex{};
    for (int node : members_[at(part)])
      if (node < entry_nodes_)
        for (int edge : adjacency_[at(node)])
          if (movable(edge))
            index.movable_by_subject[p_.subject_of(edges_[at(edge)].entry)].push_back(edge);
    for (auto& [subject, list] : index.movable_by_subject)
      std::sort(list.begin(), list.end(),
                [&](int a, int b) { return edges_[at(a)].rank < edges_[at(b)].rank; });
  }

  void mark_bridges(int part) {
    const std::vector<int>& nodes = members_[at(part)];
    for (int node : nodes) {
      tin_[at(node)] = -1;
      for (int edge : adjacency_[at(node)]) bridge_[at(edge)] = 0;
    }
    struct Frame {
      int node;
      int parent_edge;
      std::size_t next;
    };
    int timer = 0;
    std::vector<Frame> stack{{nodes.front(), -1, 0}};
    tin_[at(nodes.front())] = low_[at(nodes.front())] = timer++;
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.next < adjacency_[at(top.node)].size()) {
        const int edge = adjacency_[at(top.node)][top.next++];
        if (edge == top.parent_edge) continue;
        const int next = other_end(edge, top.node);
        if (tin_[at(next)] >= 0) {
          low_[at(top.node)] = std::min(low_[at(top.node)], tin_[at(next)]);
        } else {
          tin_[at(next)] = low_[at(next)] = timer++;
          stack.push_back({next, edge, 0});  // `top` is not used after this
        }
        continue;
      }
      const Frame done = top;
      stack.pop_back();
      if (stack.empty()) break;
      const int parent = stack.back().node;
      low_[at(parent)] = std::min(low_[at(parent)], low_[at(done.node)]);
      bridge_[at(done.parent_edge)] = low_[at(done.node)] > tin_[at(parent)] ? 1 : 0;
    }
  }

  /// The part's new pairs of entry subject s, by the cost of moving their judge to subject t;
  /// in each bucket the non-bridges first (two bridges never join two parts).
  const Buckets& buckets(int part, int s, int t) {
    PartIndex& index = index_[at(part)];
    auto [it, fresh] = index.buckets.try_emplace({s, t});
    if (!fresh) return it->second;
    for (int edge : index.movable_by_subject[s]) {
      const std::size_t judge = edges_[at(edge)].judge;
      const std::int64_t change = p_.cost(judge, t) - p_.cost(judge, s);
      it->second[change < 0 ? 0 : (change == 0 ? 1 : 2)].push_back(edge);
    }
    for (auto& list : it->second)
      std::stable_partition(list.begin(), list.end(), [&](int e) { return !bridge_[at(e)]; });
    return it->second;
  }

  bool feasible(int first, int second) const {
    const Edge& a = edges_[at(first)];
    const Edge& b = edges_[at(second)];
    return p_.allowed(a.judge, b.entry) && p_.allowed(b.judge, a.entry) &&
           !assigned_->has(a.judge, b.entry) && !assigned_->has(b.judge, a.entry);
  }

  std::optional<Candidate> first_feasible(const std::vector<int>& firsts,
                                          const std::vector<int>& seconds) const {
    for (int first : firsts)
      for (int second : seconds) {
        if (bridge_[at(first)] && bridge_[at(second)]) break;  // the rest are bridges too
        if (feasible(first, second)) return Candidate{0, first, second};
      }
    return std::nullopt;
  }

  /// The cheapest feasible exchange joining parts x and y: cost levels from −2·mismatch up.
  std::optional<Candidate> cheapest(int x, int y) {
    std::vector<int> subjects_x, subjects_y;
    for (const auto& entry : index_[at(x)].movable_by_subject) subjects_x.push_back(entry.first);
    for (const auto& entry : index_[at(y)].movable_by_subject) subjects_y.push_back(entry.first);
    for (int level = 0; level <= 4; ++level)
      for (int s : subjects_x)
        for (int t : subjects_y)
          for (int bx = std::max(0, level - 2); bx <= std::min(2, level); ++bx) {
            const std::vector<int>& firsts = buckets(x, s, t)[at(bx)];
            const std::vector<int>& seconds = buckets(y, t, s)[at(level - bx)];
            if (auto found = first_feasible(firsts, seconds)) {
              found->cost = (level - 2) * p_.mismatch_cost();
              return found;
            }
          }
    return std::nullopt;
  }

  Exchange apply(int first, int second, std::int64_t cost) {
    Edge& a = edges_[at(first)];
    Edge& b = edges_[at(second)];
    Exchange exchange{a.judge, a.entry, b.judge, b.entry, cost, pool_};
    assigned_->move(a.judge, a.entry, b.entry);
    assigned_->move(b.judge, b.entry, a.entry);
    const auto relink = [&](int node, int out, int in) {
      std::vector<int>& list = adjacency_[at(node)];
      *std::find(list.begin(), list.end(), out) = in;
    };
    relink(a.entry_node, first, second);
    relink(b.entry_node, second, first);
    std::swap(a.entry, b.entry);
    std::swap(a.entry_node, b.entry_node);
    added_[a.added].entry = a.entry;
    added_[b.added].entry = b.entry;
    return exchange;
  }

  void merge(int x, int y) {
    for (int node : members_[at(y)]) part_[at(node)] = x;
    members_[at(x)].insert(members_[at(x)].end(), members_[at(y)].begin(), members_[at(y)].end());
    members_[at(y)].clear();
    index_[at(y)] = PartIndex{};
    alive_[at(y)] = false;
    ++version_[at(x)];
    --alive_parts_;
    refresh(x);
  }

  const AssignProblem& p_;
  std::string pool_;
  std::vector<Pair>& added_;
  PairSet* assigned_ = nullptr;
  std::map<std::size_t, int> judge_node_;
  int entry_nodes_ = 0;
  std::vector<Edge> edges_;
  std::vector<std::vector<int>> adjacency_;  ///< edge ids per node
  std::vector<int> part_, tin_, low_;
  std::vector<char> bridge_;
  std::vector<std::vector<int>> members_;  ///< nodes per part (empty once merged away)
  std::vector<bool> alive_;
  std::vector<int> version_;
  std::vector<PartIndex> index_;
  int alive_parts_ = 0;
};

/// The active entries of every pool, ascending, by pool id; and the new pairs of each entry.
struct Pools {
  std::map<std::string, std::vector<std::size_t>> entries;
  std::vector<std::vector<std::size_t>> added_of_entry;
};

Pools split_pools(const AssignProblem& p, const std::vector<Pair>& added) {
  Pools pools;
  for (std::size_t e = 0; e < p.entries().size(); ++e)
    if (p.entries()[e].active()) pools.entries[entry_pool(p.config(), p.entries()[e])].push_back(e);
  pools.added_of_entry.resize(p.entries().size());
  for (std::size_t a = 0; a < added.size(); ++a) pools.added_of_entry[added[a].entry].push_back(a);
  for (auto& list : pools.added_of_entry)
    std::sort(list.begin(), list.end(),
              [&](std::size_t x, std::size_t y) { return added[x].judge < added[y].judge; });
  return pools;
}

}  // namespace

ConnectResult connect_pools(const AssignProblem& problem, std::vector<Pair> added) {
  ConnectResult out;
  const Pools pools = split_pools(problem, added);
  PairSet assigned(problem, added);
  std::uint64_t stream = 0;
  for (const auto& [pool, entries] : pools.entries) {
    PoolGraph graph(problem, pool, entries, pools.added_of_entry, added,
                    mix_seed(problem.seed(), ++stream));
    if (graph.parts() <= 1) continue;
    PoolParts parts{pool, graph.parts(), 0};
    graph.connect(assigned, out.exchanges);
    parts.after = graph.parts();
    out.pools.push_back(parts);
  }
  for (const Exchange& exchange : out.exchanges) out.cost += exchange.cost;
  std::sort(added.begin(), added.end());
  out.pairs = std::move(added);
  return out;
}

std::vector<std::pair<std::string, int>> pool_components(const AssignProblem& problem,
                                                         const std::vector<Pair>& added) {
  std::vector<Pair> pairs = added;
  const Pools pools = split_pools(problem, pairs);
  std::vector<std::pair<std::string, int>> out;
  for (const auto& [pool, entries] : pools.entries)
    out.emplace_back(pool,
                     PoolGraph(problem, pool, entries, pools.added_of_entry, pairs, 0).parts());
  return out;
}

}  // namespace jury::detail
