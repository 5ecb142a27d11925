#include "judging/totals.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace jury {

double judge_total(const Rubric& rubric, const std::vector<std::optional<double>>& values) {
  double total = 0;
  for (std::size_t c = 0; c < rubric.criteria.size(); ++c) {
    const Criterion& criterion = rubric.criteria[c];
    total += *values[c] * criterion.weight / criterion.max;
  }
  return total;
}

bool row_complete(const Rubric& rubric, const ScoreRow& row) {
  return row.values.size() == rubric.criteria.size() && row.complete();
}

std::size_t KindTotals::total_count() const {
  std::size_t n = 0;
  for (const auto& totals : by_entry) n += totals.size();
  return n;
}

namespace {

/// Where an active entry lives: its kind (index into the config's kinds) and its index there.
struct EntrySlot {
  std::size_t kind = 0;
  std::size_t entry = 0;
};

/// Active entries of each kind, by entry_id, plus a lookup from entry_id to its slot.
std::unordered_map<std::string, EntrySlot> index_entries(const Config& config,
                                                         const std::vector<Entry>& entries,
                                                         std::vector<KindTotals>& kinds) {
  kinds.resize(config.kinds.size());
  for (std::size_t k = 0; k < config.kinds.size(); ++k) kinds[k].kind = config.kinds[k].id;
  for (const Entry& entry : entries) {
    const int k = config.kind_index(entry.kind);
    if (k >= 0 && entry.active()) kinds[static_cast<std::size_t>(k)].entry_ids.push_back(entry.id);
  }
  std::unordered_map<std::string, EntrySlot> slots;
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    auto& ids = kinds[k].entry_ids;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    kinds[k].by_entry.resize(ids.size());
    for (std::size_t e = 0; e < ids.size(); ++e) slots.emplace(ids[e], EntrySlot{k, e});
  }
  return slots;
}

/// The last row of every (judge, entry) pair, per kind and entry: (judge_id, row index).
using LatestRows = std::vector<std::vector<std::vector<std::pair<std::string, std::size_t>>>>;

LatestRows latest_rows(const std::vector<ScoreRow>& scores,
                       const std::unordered_map<std::string, EntrySlot>& slots,
                       const std::vector<KindTotals>& kinds) {
  LatestRows latest(kinds.size());
  for (std::size_t k = 0; k < kinds.size(); ++k) latest[k].resize(kinds[k].entry_ids.size());
  for (std::size_t r = 0; r < scores.size(); ++r) {
    const auto it = slots.find(scores[r].entry_id);
    if (it == slots.end()) continue;
    auto& rows = latest[it->second.kind][it->second.entry];
    auto same = std::find_if(rows.begin(), rows.end(),
                             [&](const auto& jr) { return jr.first == scores[r].judge_id; });
    if (same == rows.end())
      rows.emplace_back(scores[r].judge_id, r);
    else
      same->second = r;
  }
  return latest;
}

}  // namespace

std::vector<KindTotals> collect_totals(const Config& config, const std::vector<Entry>& entries,
                                       const std::vector<ScoreRow>& scores) {
  std::vector<KindTotals> kinds;
  const auto slots = index_entries(config, entries, kinds);
  LatestRows latest = latest_rows(scores, slots, kinds);
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    KindTotals& kind = kinds[k];
    const Rubric& rubric = config.rubric_of(kind.kind);
    auto& per_entry = latest[k];
    for (auto& rows : per_entry)  // keep only complete rows
      std::erase_if(rows, [&](const auto& jr) { return !row_complete(rubric, scores[jr.second]); });
    for (const auto& rows : per_entry)
      for (const auto& jr : rows) kind.judge_ids.push_back(jr.first);
    std::sort(kind.judge_ids.begin(), kind.judge_ids.end());
    kind.judge_ids.erase(std::unique(kind.judge_ids.begin(), kind.judge_ids.end()),
                         kind.judge_ids.end());
    for (std::size_t e = 0; e < per_entry.size(); ++e) {
      for (const auto& [judge_id, row] : per_entry[e]) {
        const auto j = std::lower_bound(kind.judge_ids.begin(), kind.judge_ids.end(), judge_id) -
                       kind.judge_ids.begin();
        kind.by_entry[e].push_back(
            JudgeTotal{static_cast<int>(j), judge_total(rubric, scores[row].values), row});
      }
      std::sort(kind.by_entry[e].begin(), kind.by_entry[e].end(),
                [](const JudgeTotal& a, const JudgeTotal& b) { return a.judge < b.judge; });
    }
  }
  return kinds;
}

namespace {

/// Union–find over judges.
class JudgeSets {
 public:
  explicit JudgeSets(std::size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);  // root = smallest index
  }

 private:
  std::vector<std::size_t> parent_;
};

JudgeSets join_by_entries(const KindTotals& totals, const std::vector<bool>* entry_in) {
  JudgeSets sets(totals.judge_ids.size());
  for (std::size_t e = 0; e < totals.by_entry.size(); ++e) {
    if (entry_in && !(*entry_in)[e]) continue;
    const auto& row = totals.by_entry[e];
    for (std::size_t i = 1; i < row.size(); ++i)
      sets.join(static_cast<std::size_t>(row[0].judge), static_cast<std::size_t>(row[i].judge));
  }
  return sets;
}

}  // namespace

int count_components(const KindTotals& totals, const std::vector<bool>& entry_in) {
  JudgeSets sets = join_by_entries(totals, &entry_in);
  std::vector<bool> seen(totals.judge_ids.size(), false);
  int components = 0;
  for (std::size_t e = 0; e < totals.by_entry.size(); ++e) {
    if (!entry_in[e]) continue;
    for (const JudgeTotal& t : totals.by_entry[e]) {
      const std::size_t root = sets.find(static_cast<std::size_t>(t.judge));
      if (!seen[root]) {
        seen[root] = true;
        ++components;
      }
    }
  }
  return components;
}

std::vector<int> judge_components(const KindTotals& totals) {
  JudgeSets sets = join_by_entries(totals, nullptr);
  std::vector<int> label(totals.judge_ids.size(), -1);
  int next = 0;
  for (std::size_t j = 0; j < label.size(); ++j) {
    const std::size_t root = sets.find(j);
    if (label[root] < 0) label[root] = next++;
    label[j] = label[root];
  }
  return label;
}

}  // namespace jury
