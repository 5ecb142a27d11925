#include "judging/totals.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <string_view>
#include <utility>

#include "model/id_numbering.hpp"

namespace jury {

double judge_total(const Rubric& rubric, const std::vector<std::optional<double>>& values) {
  double total = 0;
  for (std::size_t c = 0; c < rubric.criteria.size(); ++c) {
    const Criterion& criterion = rubric.criteria[c];
    total += *values[c] * criterion.weight / criterion.max;
  }
  // A total of decimal scores (weight = max, step 0.1) is a decimal, but the double sum carries
  // noise (7.8 + 4.1 + 12.5 + 2.8 = 27.200000000000003): snap it to the double nearest the exact
  // decimal, so that spreads (disagreement) and rounding edges (SPEC §7) see the exact value.
  // Totals that are not whole millionths (thirds from weight ≠ max) are left as computed.
  const double millionths = std::round(total * 1e6);
  if (std::abs(total * 1e6 - millionths) < 1e-3 && std::abs(millionths) < 0x1p40)
    return millionths / 1e6;
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

/// The active entries' slots by entry_id: a flat table sorted by id (no node per entry), looked
/// up with a cursor, since the store hands the score rows in entry_id order as well.
class EntrySlots {
 public:
  void add(std::string_view id, EntrySlot slot) { slots_.emplace_back(id, slot); }
  /// Sorted by id (the ids are distinct).
  void sort() {
    const auto by_id = [](const auto& a, const auto& b) { return a.first < b.first; };
    if (!std::is_sorted(slots_.begin(), slots_.end(), by_id))
      std::sort(slots_.begin(), slots_.end(), by_id);
  }
  /// The slot of an id, nullptr when the id is not an active entry's. Next after the last answer
  /// first, else a binary search.
  const EntrySlot* find(std::string_view id) {
    if (next_ < slots_.size() && slots_[next_].first == id) return &slots_[next_++].second;
    const auto it =
        std::lower_bound(slots_.begin(), slots_.end(), id,
                         [](const auto& slot, std::string_view key) { return slot.first < key; });
    if (it == slots_.end() || it->first != id) return nullptr;
    next_ = static_cast<std::size_t>(it - slots_.begin()) + 1;
    return &it->second;
  }

 private:
  std::vector<std::pair<std::string_view, EntrySlot>> slots_;
  std::size_t next_ = 0;
};

/// Active entries of each kind, by entry_id, plus a lookup from entry_id to its slot.
EntrySlots index_entries(const Config& config, const std::vector<Entry>& entries,
                         std::vector<KindTotals>& kinds) {
  kinds.resize(config.kinds.size());
  std::vector<std::vector<std::size_t>> members(config.kinds.size());
  for (std::size_t k = 0; k < config.kinds.size(); ++k) kinds[k].kind = config.kinds[k].id;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const int k = config.kind_index(entries[i].kind);
    if (k >= 0 && entries[i].active()) members[static_cast<std::size_t>(k)].push_back(i);
  }
  const auto id_less = [&](std::size_t a, std::size_t b) { return entries[a].id < entries[b].id; };
  for (auto& indices : members)
    if (!std::is_sorted(indices.begin(), indices.end(), id_less))
      std::stable_sort(indices.begin(), indices.end(), id_less);
  // A repeated entry_id: the first one in kind order, then id order, stands. The store hands
  // the entries in strict id order (its key), so there is nothing to check then.
  const bool strictly_sorted =
      std::adjacent_find(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return !(a.id < b.id);
      }) == entries.end();
  std::vector<bool> stands;
  if (!strictly_sorted) {
    std::vector<std::pair<std::string_view, std::size_t>> order;  // (id, place in the sequence)
    for (const auto& indices : members)
      for (std::size_t i : indices) order.emplace_back(entries[i].id, order.size());
    stands.assign(order.size(), true);
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 1; i < order.size(); ++i)
      if (order[i].first == order[i - 1].first) stands[order[i].second] = false;
  }
  constexpr std::size_t kNoSlot = static_cast<std::size_t>(-1);
  std::vector<EntrySlot> slot_of(entries.size(), EntrySlot{kNoSlot, 0});
  std::size_t place = 0;
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    for (std::size_t i : members[k]) {
      if (!strictly_sorted && !stands[place++]) continue;
      slot_of[i] = EntrySlot{k, kinds[k].entry_ids.size()};
      kinds[k].entry_ids.push_back(entries[i].id);
      kinds[k].entry_index.push_back(i);
    }
    kinds[k].by_entry.resize(kinds[k].entry_ids.size());
  }
  // In the entries' order: already sorted by id when they come from the store.
  EntrySlots slots;
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (slot_of[i].kind != kNoSlot) slots.add(entries[i].id, slot_of[i]);
  slots.sort();
  return slots;
}

}  // namespace

std::vector<KindTotals> collect_totals(const Config& config, const std::vector<Entry>& entries,
                                       const std::vector<ScoreRow>& scores) {
  std::vector<KindTotals> kinds;
  EntrySlots slots = index_entries(config, entries, kinds);
  // Judges numbered once for all kinds, in order of appearance (views into `scores`).
  IdNumbering judges;
  judges.reserve(1024);
  // The last row of every (judge, entry) pair, per kind and entry.
  std::vector<std::vector<std::vector<JudgeTotal>>> latest(kinds.size());
  for (std::size_t k = 0; k < kinds.size(); ++k) latest[k].resize(kinds[k].entry_ids.size());
  // The store hands rows grouped by entry: consecutive rows usually share the slot.
  const EntrySlot* slot = nullptr;
  for (std::size_t r = 0; r < scores.size(); ++r) {
    if (r == 0 || scores[r].entry_id != scores[r - 1].entry_id)
      slot = slots.find(scores[r].entry_id);
    if (!slot) continue;
    const int judge = static_cast<int>(judges.add(scores[r].judge_id));
    auto& rows = latest[slot->kind][slot->entry];
    auto same = std::find_if(rows.begin(), rows.end(),
                             [&](const JudgeTotal& t) { return t.judge == judge; });
    if (same == rows.end())
      rows.push_back(JudgeTotal{judge, 0, r});
    else
      same->row = r;
  }
  // Keep the complete rows, then number in judge_id order only the judges who have one.
  std::vector<int> rank(judges.size(), -1);
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    KindTotals& kind = kinds[k];
    const Rubric& rubric = config.rubric_of(kind.kind);
    std::fill(rank.begin(), rank.end(), -1);
    std::vector<int> complete;  // the judges with a complete row, by number
    for (std::size_t e = 0; e < kind.by_entry.size(); ++e)
      for (const JudgeTotal& t : latest[k][e])
        if (row_complete(rubric, scores[t.row])) {
          auto& judge_rank = rank[static_cast<std::size_t>(t.judge)];
          if (judge_rank < 0) {
            judge_rank = 0;
            complete.push_back(t.judge);
          }
          kind.by_entry[e].push_back(
              JudgeTotal{t.judge, judge_total(rubric, scores[t.row].values), t.row});
        }
    std::sort(complete.begin(), complete.end(), [&](int a, int b) {
      return judges.id(static_cast<std::uint32_t>(a)) < judges.id(static_cast<std::uint32_t>(b));
    });
    for (std::size_t r = 0; r < complete.size(); ++r) {
      rank[static_cast<std::size_t>(complete[r])] = static_cast<int>(r);
      kind.judge_ids.emplace_back(judges.id(static_cast<std::uint32_t>(complete[r])));
    }
    for (auto& totals : kind.by_entry) {
      for (JudgeTotal& t : totals) t.judge = rank[static_cast<std::size_t>(t.judge)];
      std::sort(totals.begin(), totals.end(),
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
  return static_cast<int>(component_sizes(totals, entry_in).size());
}

std::vector<ComponentSize> component_sizes(const KindTotals& totals,
                                           const std::vector<bool>& entry_in) {
  JudgeSets sets = join_by_entries(totals, &entry_in);
  std::map<std::size_t, ComponentSize> by_root;
  std::vector<bool> counted(totals.judge_ids.size(), false);
  for (std::size_t e = 0; e < totals.by_entry.size(); ++e) {
    if (!entry_in[e] || totals.by_entry[e].empty()) continue;
    ++by_root[sets.find(static_cast<std::size_t>(totals.by_entry[e].front().judge))].entries;
    for (const JudgeTotal& t : totals.by_entry[e]) {
      const auto j = static_cast<std::size_t>(t.judge);
      if (counted[j]) continue;
      counted[j] = true;
      ++by_root[sets.find(j)].judges;
    }
  }
  std::vector<ComponentSize> sizes;
  for (const auto& [root, size] : by_root) sizes.push_back(size);
  std::sort(sizes.begin(), sizes.end(), [](const ComponentSize& a, const ComponentSize& b) {
    return a.entries != b.entries ? a.entries > b.entries : a.judges > b.judges;
  });
  return sizes;
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
