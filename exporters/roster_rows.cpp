#include "exporters/roster_rows.hpp"

#include "model/labels.hpp"
#include "model/text.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace jury::roster_detail {

std::string format_plain(double value) {
  // Six decimals is far below any rubric step; it also hides binary noise such as 0.1 + 0.2.
  std::string text = fmt::format("{:.6f}", value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

std::string format_fixed(double value, int decimals) {
  return fmt::format("{:.{}f}", value, std::clamp(decimals, 0, 15));
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  return jury::join(items, std::string(separator));
}

std::string kind_label(const Config& config, const std::string& kind_id) {
  return jury::kind_label(config, kind_id);
}
std::string group_label(const Config& config, const std::string& group_id) {
  return label_of(config.groups, group_id);
}
std::string subject_label(const Config& config, const std::string& subject_id) {
  return label_of(config.subjects, subject_id);
}

const std::string& tier_label(const Config& config, const std::string& kind_id,
                              const std::string& tier_id) {
  const auto policy = config.awards.find(kind_id);
  if (policy != config.awards.end())
    for (const Tier& tier : policy->second.tiers)
      if (tier.id == tier_id) return tier.label;
  throw std::out_of_range("exporters.unknown-tier: kind " + kind_id + " has no tier " + tier_id);
}

bool authored_by_advisors(const Config& config, const std::string& kind_id) {
  const Kind* kind = config.find_kind(kind_id);
  return kind != nullptr && kind->max_students == 0;
}

std::string flag_label(const std::string& flag) {
  return flag_label_zh(flag);
}

std::vector<const PoolResult*> ordered_pools(const Config& config, const Results& results) {
  std::vector<const PoolResult*> pools;
  for (const PoolResult& pool : results.pools) pools.push_back(&pool);
  const auto position = [&](const PoolResult* pool) {
    return std::tuple(config.kind_index(pool->kind),
                      pool->group ? config.group_index(*pool->group) : -1,
                      pool->subject ? config.subject_index(*pool->subject) : -1);
  };
  std::stable_sort(pools.begin(), pools.end(), [&](const PoolResult* a, const PoolResult* b) {
    return position(a) < position(b);
  });
  return pools;
}

bool shown_in_public(const EntryResult& result) {
  return result.tier.has_value() || result.recommended;
}

std::vector<RosterRow> roster_rows(const Config& config, const std::vector<Entry>& entries,
                                   const Results& results, bool is_public) {
  // Entries by id in a flat sorted table (the store hands them sorted already); of a repeated
  // id the first stands (stable sort, first of the equal range).
  std::vector<std::pair<std::string_view, const Entry*>> by_id;
  by_id.reserve(entries.size());
  for (const Entry& entry : entries) by_id.emplace_back(entry.id, &entry);
  const auto id_less = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(by_id.begin(), by_id.end(), id_less))
    std::stable_sort(by_id.begin(), by_id.end(), id_less);
  std::vector<RosterRow> rows;
  for (const PoolResult* pool : ordered_pools(config, results)) {
    for (const EntryResult& result : pool->rows) {
      const auto found =
          std::lower_bound(by_id.begin(), by_id.end(), std::string_view(result.entry_id),
                           [](const auto& item, std::string_view id) { return item.first < id; });
      if (found == by_id.end() || found->first != result.entry_id)
        throw std::out_of_range("exporters.unknown-entry: results name entry " + result.entry_id +
                                " that is not in the entries");
      if (result.tier) tier_label(config, pool->kind, *result.tier);  // throws when unknown
      if (is_public && !shown_in_public(result)) continue;
      rows.push_back({pool, &result, found->second});
    }
  }
  return rows;
}

RankCounts rank_counts(const PoolResult& pool) {
  RankCounts counts;
  for (const EntryResult& row : pool.rows)
    if (row.rank) ++counts[{row.round, *row.rank}];
  return counts;
}

std::string reached_label(const Config& config, const EntryResult& result) {
  const int index = config.round_index(result.round);
  if (result.round.empty() || index < 0) return "";
  const std::string& label = config.rounds[static_cast<std::size_t>(index)].label;
  return index == 0 ? label : "进入" + label;
}

std::string recommend_label(const Config& config, const std::string& kind_id,
                            const EntryResult& result) {
  const auto policy = config.awards.find(kind_id);
  if (!result.recommended || policy == config.awards.end() || !policy->second.recommend) return "";
  return policy->second.recommend->label;
}

}  // namespace jury::roster_detail
