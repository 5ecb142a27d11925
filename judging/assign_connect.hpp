#pragma once
/// Internal: connected pools (SPEC §14). The severity model compares entries only inside a
/// connected part of a pool's judge–entry graph, so after the §5 optimum `assign` exchanges
/// judges between entries of different parts: judge j1 leaves entry a for entry b while j2 leaves
/// b for a. Every load stays, so only mismatch costs change, and each exchange that joins two
/// parts costs its change of Σ cost(j,e). Joining all parts is then a minimum spanning tree over
/// the parts with the cheapest feasible exchange between each two as edge weight, built the
/// Kruskal way: always the cheapest exchange between any two current parts, re-evaluated for the
/// part it produced (its pairs and bridges changed).
///
/// An exchange is feasible when both new pairs meet every hard rule (kind, conflict, recusal)
/// and neither is assigned yet; only new pairs move (kept pairs never do). Removing (j1,a) and
/// (j2,b) and adding (j1,b) and (j2,a) joins the two parts unless both removed pairs are bridges
/// of their parts (then each part splits and the halves re-pair into two parts again).
///
/// Optimality: each step takes the cheapest single exchange, so the result is the cheapest
/// spanning tree of exchanges evaluated on the current graph. That is a heuristic for the cheapest
/// connected assignment (a chain of exchanges, or other moves, might cost less), documented as
/// such and compared with brute force in tests/judging/assign_connect_test.cpp. Exchanges stay
/// inside a pool, so an exchange between two pools that would join both (random_instance(114) in
/// clang's draw order there) is not tried; and as every load stays, a pool that only a different
/// load split connects is left in parts (warned) even when such an assignment exists.

#include <cstdint>
#include <string>
#include <vector>

#include "judging/assign_problem.hpp"

namespace jury::detail {

/// One exchange in index form: judge_a moves from entry_a to entry_b, judge_b the other way.
struct Exchange {
  std::size_t judge_a = 0, entry_a = 0, judge_b = 0, entry_b = 0;
  std::int64_t cost = 0;  ///< change of Σ cost(j,e); loads do not change
  std::string pool;
};

/// Components of one pool's judge–entry graph before and after connecting (pools with more than
/// one component before).
struct PoolParts {
  std::string pool;
  int before = 0;
  int after = 0;
};

struct ConnectResult {
  std::vector<Pair> pairs;  ///< the new pairs after the exchanges
  std::vector<Exchange> exchanges;
  std::int64_t cost = 0;  ///< Σ exchange costs: the objective increase
  std::vector<PoolParts> pools;
};

/// The pool of an entry (SPEC §8 `pool_by`), by ids as in messages: `student/primary`.
std::string entry_pool(const Config& config, const Entry& entry);

/// Connects every pool's judge–entry graph (kept pairs plus `added`) as far as feasible
/// exchanges of added pairs allow. Deterministic for the problem's seed.
ConnectResult connect_pools(const AssignProblem& problem, std::vector<Pair> added);

/// Connected components of a pool's judge–entry graph for each pool of the given pairs (kept
/// pairs of the problem plus `added`), by pool id. For tests and checks.
std::vector<std::pair<std::string, int>> pool_components(const AssignProblem& problem,
                                                         const std::vector<Pair>& added);

}  // namespace jury::detail
