#pragma once
/// Internal: the assignment problem of SPEC §5 in index form, shared by the solvers
/// (assign_aggregated.cpp, assign_flow.cpp) and the explanations (assignment.cpp).

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "judging/assignment.hpp"
#include "judging/conflicts.hpp"

namespace jury::detail {

/// A new pair in index form.
struct Pair {
  std::size_t judge = 0;
  std::size_t entry = 0;
  friend auto operator<=>(const Pair&, const Pair&) = default;
};

/// Why a judge may not take an entry (beyond capacity), for explanations.
enum class Exclusion {
  None,
  InactiveJudge,
  InactiveEntry,
  Kind,
  Conflict,
  Recused,
  AlreadyAssigned
};

class AssignProblem {
 public:
  explicit AssignProblem(const AssignmentInput& input);

  const Config& config() const { return *config_; }
  const std::vector<Entry>& entries() const { return *entries_; }
  const std::vector<Judge>& judges() const { return *judges_; }
  const ConflictIndex& conflicts() const { return conflicts_; }
  std::uint64_t seed() const { return seed_; }

  std::int64_t mismatch_cost() const { return mismatch_; }
  std::int64_t balance_cost() const { return balance_; }

  /// Entries with need > 0, ascending index.
  const std::vector<std::size_t>& open_entries() const { return open_entries_; }
  int need(std::size_t entry) const { return need_[entry]; }
  int k(std::size_t entry) const { return k_[entry]; }
  std::int64_t total_need() const { return total_need_; }

  int capacity(std::size_t judge) const { return capacity_[judge]; }
  int base_load(std::size_t judge) const { return base_load_[judge]; }
  /// New entries the judge may still take: 0 for inactive judges.
  int remaining(std::size_t judge) const { return remaining_[judge]; }

  /// Dense kind number of an entry (config kinds first, then unknown kind ids of entries).
  int kind_of(std::size_t entry) const { return entry_kind_[entry]; }
  int subject_of(std::size_t entry) const { return entry_subject_[entry]; }
  int kind_count() const { return static_cast<int>(kind_ids_.size()); }
  const std::string& kind_id(int kind) const { return kind_ids_[static_cast<std::size_t>(kind)]; }
  int subject_count() const { return subject_count_; }
  bool judge_allows_kind(std::size_t judge, int kind) const;
  /// cost(j,e) of §5 by subject number: 0 if an expert (or no expertise listed), else mismatch.
  std::int64_t cost(std::size_t judge, int subject) const;
  bool expert(std::size_t judge, int subject) const;

  /// Hard constraints except capacity: active pair, allowed kind, no conflict, not recused, not
  /// already on the entry.
  Exclusion exclusion(std::size_t judge, std::size_t entry) const;
  bool allowed(std::size_t judge, std::size_t entry) const {
    return exclusion(judge, entry) == Exclusion::None;
  }
  bool recused(std::size_t judge, std::size_t entry) const;
  bool kept(std::size_t judge, std::size_t entry) const;
  const std::vector<std::size_t>& kept_judges(std::size_t entry) const {
    return kept_of_entry_[entry];
  }
  const std::vector<std::size_t>& recused_judges(std::size_t entry) const {
    return recused_of_entry_[entry];
  }

  /// Objective of the kept pairs alone (their costs plus the load cost of the kept loads).
  std::int64_t kept_objective() const { return kept_objective_; }
  /// Objective increase of adding the pairs (which must be new and distinct).
  std::int64_t added_objective(const std::vector<Pair>& pairs) const;

  std::vector<Assignment> to_assignments(const std::vector<Pair>& pairs) const;
  std::size_t entry_index(const std::string& id) const;  ///< npos when unknown
  std::size_t judge_index(const std::string& id) const;  ///< npos when unknown
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  // The constructor's steps, in order.
  void number_entries();
  void number_judges();
  void add_kept_pairs(const std::vector<Assignment>& kept);
  void add_recusals(const std::vector<Assignment>& recusals);
  void set_capacities(const std::map<std::string, int>& extra_places,
                      const std::map<std::string, int>& places);
  void find_open_entries(const std::map<std::string, int>& extra_places,
                         const std::map<std::string, int>& places);

  const Config* config_;
  const std::vector<Entry>* entries_;
  const std::vector<Judge>* judges_;
  ConflictIndex conflicts_;
  std::uint64_t seed_;
  std::int64_t mismatch_;
  std::int64_t balance_;
  std::map<std::string, std::size_t> entry_by_id_;
  std::map<std::string, std::size_t> judge_by_id_;
  std::vector<std::string> kind_ids_;
  int subject_count_ = 0;
  std::vector<int> entry_kind_, entry_subject_, k_, need_;
  std::vector<char> judge_may_score_;              ///< judge × kind: Judge::may_score
  std::vector<std::vector<int>> judge_expertise_;  ///< sorted; empty = every subject
  std::vector<int> capacity_, base_load_, remaining_;
  std::vector<std::vector<std::size_t>> kept_of_entry_;     ///< sorted judge indices
  std::vector<std::vector<std::size_t>> recused_of_entry_;  ///< sorted judge indices
  std::vector<std::size_t> open_entries_;
  std::int64_t total_need_ = 0;
  std::int64_t kept_objective_ = 0;
};

/// Result of one solver path.
struct SolverResult {
  enum class Status { Optimal, Infeasible, GaveUp } status = Status::GaveUp;
  std::vector<Pair> pairs;  ///< new pairs
  /// Infeasible: entries the best flow could not serve completely, with the places left open.
  std::vector<std::pair<std::size_t, int>> unserved;
  bool certified = false;
};

/// Fast exact path: solve the problem aggregated by (entry kind and subject) × (judge profile),
/// whose optimum is a lower bound, then realise that optimum with concrete pairs. GaveUp when the
/// realisation fails (dense conflicts); never returns a suboptimal assignment.
SolverResult solve_aggregated(const AssignProblem& problem);

/// General exact path: min-cost flow (LEMON NetworkSimplex) over candidate pairs, certified
/// against all eligible pairs through the potentials, re-solved with any violating pairs added.
/// Unservable places go to a penalty arc, so infeasibility names the entries left short. After
/// `max_rounds` of adding violators without a certificate, one last run takes every eligible
/// pair: the result is always Optimal or Infeasible, never GaveUp.
SolverResult solve_flow(const AssignProblem& problem, std::size_t candidates_per_entry = 40,
                        int max_rounds = 30);

}  // namespace jury::detail
