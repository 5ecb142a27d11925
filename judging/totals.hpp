#pragma once
/// Judge totals (SPEC §6): the one number per (judge, entry) that every aggregation method works
/// on, grouped per kind. Only complete rows of active entries count.

#include <cstddef>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// t_je = Σ_c s_jec · weight_c / max_c, in criterion order, multiplying before dividing (exact
/// when weight = max). `values` must hold one present value per criterion.
double judge_total(const Rubric& rubric, const std::vector<std::optional<double>>& values);

/// A row counts only when it has a value for every criterion of the rubric (no more, no fewer).
bool row_complete(const Rubric& rubric, const ScoreRow& row);

/// One complete judge total of an entry.
struct JudgeTotal {
  int judge = 0;        ///< index into KindTotals::judge_ids
  double value = 0;     ///< t_je
  std::size_t row = 0;  ///< index of the score row it comes from (for per-criterion means)
};

/// The complete totals of one kind: entries and judges are indexed in id (byte) order.
struct KindTotals {
  std::string kind;
  std::vector<std::string> entry_ids;    ///< every active entry of the kind, by entry_id
  std::vector<std::size_t> entry_index;  ///< per entry, its index in the `entries` it came from
  std::vector<std::string> judge_ids;    ///< judges with at least one complete total, by judge_id
  std::vector<std::vector<JudgeTotal>> by_entry;  ///< per entry, by judge index

  std::size_t total_count() const;
};

/// Totals of every kind of the config, in kind order. Rows of unknown or inactive entries are
/// ignored; when the same (judge, entry) pair appears twice, the later row replaces the earlier.
std::vector<KindTotals> collect_totals(const Config& config, const std::vector<Entry>& entries,
                                       const std::vector<ScoreRow>& scores);

/// Connected components of the judge–entry graph restricted to the entries with
/// `entry_in[e] == true` and the judges who scored them. Returns the number of components that
/// contain at least one complete total (entries without totals are not in the graph).
int count_components(const KindTotals& totals, const std::vector<bool>& entry_in);

/// The size of one connected component of a judge–entry graph.
struct ComponentSize {
  int entries = 0;
  int judges = 0;
  friend bool operator==(const ComponentSize&, const ComponentSize&) = default;
};

/// The components count_components counts, largest first (by entries, then judges).
std::vector<ComponentSize> component_sizes(const KindTotals& totals,
                                           const std::vector<bool>& entry_in);

/// Component label of every judge in the whole kind graph (0-based, numbered by the smallest judge
/// index in each component); judges sharing an entry are in the same component.
std::vector<int> judge_components(const KindTotals& totals);

}  // namespace jury
