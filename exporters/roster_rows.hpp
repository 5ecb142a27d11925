#pragma once
/// Internal to the exporters: the roster rows every output format renders (SPEC §9), in one
/// order, plus the small formatting helpers they share.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exporters/table.hpp"
#include "model/model.hpp"

namespace jury::roster_detail {

/// Shortest plain decimal, no trailing zeros and no exponent: 40, 35.5, 0.25 (score cells).
std::string format_plain(double value);

/// Exactly `decimals` decimals (published scores, SPEC §2 `aggregation.precision`).
std::string format_fixed(double value, int decimals);

std::string join(const std::vector<std::string>& items, std::string_view separator);

/// Labels for display; an id the config does not know is shown as itself.
std::string kind_label(const Config& config, const std::string& kind_id);
std::string group_label(const Config& config, const std::string& group_id);
std::string subject_label(const Config& config, const std::string& subject_id);

/// The label of a tier of a kind; throws std::out_of_range for a tier the config lacks.
const std::string& tier_label(const Config& config, const std::string& kind_id,
                              const std::string& tier_id);

/// SPEC §16: the people of a kind without students (科技辅导员 innovation entries) are its authors
/// (作者), listed as the entry's advisors; other kinds have students (学生) and advisors
/// (指导教师).
bool authored_by_advisors(const Config& config, const std::string& kind_id);

/// A flag (an id such as `incomplete`) as the human-readable roster shows it; unknown flags as
/// themselves.
std::string flag_label(const std::string& flag);

/// The pools in SPEC §8 order: kind order, then group order, then subject order (stable, so
/// the order the results module chose is kept where the config says nothing).
std::vector<const PoolResult*> ordered_pools(const Config& config, const Results& results);

/// One roster line: the entry, its pool and its result.
struct RosterRow {
  const PoolResult* pool = nullptr;
  const EntryResult* result = nullptr;
  const Entry* entry = nullptr;
};

/// SPEC §9: a public output lists only the entries that hold a tier or are recommended. (The
/// recommendation, SPEC §12, comes with rounds: it joins the condition here, in one place.)
bool shown_in_public(const EntryResult& result);

/// Every row of every pool (`is_public`: only those shown_in_public), ordered by kind order, pool
/// order, then the pool's row order (rank, entry_id, incomplete last). Throws std::out_of_range
/// for a result whose entry is unknown or whose tier is not a tier of its kind, so no format can
/// silently drop a row.
std::vector<RosterRow> roster_rows(const Config& config, const std::vector<Entry>& entries,
                                   const Results& results, bool is_public);

/// How many rows of the pool hold each (last round, rank); more than one is a shared place
/// (SPEC §7). In a staged competition (SPEC §12) ranks of different rounds are not compared.
using RankCounts = std::map<std::pair<std::string, int>, int>;
RankCounts rank_counts(const PoolResult& pool);

/// SPEC §12, for people: the round a staged result reached ("进入终评（问辩）" for a round after
/// the first, the first round's label otherwise); "" for results of one round.
std::string reached_label(const Config& config, const EntryResult& result);

/// SPEC §12: the recommendation's label when the entry is recommended, else "".
std::string recommend_label(const Config& config, const std::string& kind_id,
                            const EntryResult& result);

/// The roster as the Chinese workbook shows it (SPEC §9): Chinese headers, labels instead of ids
/// (kind, group, subject, tier, flags, the round reached), every row in roster order.
TableSheet roster_table(const Config& config, const std::vector<RosterRow>& rows, bool is_public,
                        bool staged);

}  // namespace jury::roster_detail
