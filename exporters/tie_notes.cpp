#include "exporters/tie_notes.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "exporters/roster_rows.hpp"
#include "judging/awards.hpp"
#include "judging/ranking.hpp"

namespace jury::roster_detail {

namespace {

/// The entries of one rank (a tie group, or a single entry), in listing order. In a staged
/// competition (SPEC §12) a row's rank is of its last round, so groups never mix rounds.
struct RankGroup {
  int rank = 0;
  double score = 0;
  std::string round;  ///< the members' last round; empty with one round
  std::vector<const EntryResult*> members;
};

std::vector<RankGroup> rank_groups(const PoolResult& pool) {
  std::vector<RankGroup> groups;
  for (const EntryResult& row : pool.rows) {
    if (!row.rank || !row.score) continue;
    if (groups.empty() || groups.back().rank != *row.rank || groups.back().round != row.round)
      groups.push_back({*row.rank, *row.score, row.round, {}});
    groups.back().members.push_back(&row);
  }
  return groups;
}

/// The labels of the tiebreak criteria the round's rubric has (all of them with one round).
std::vector<std::string> tiebreak_labels(const Config& config, const std::string& kind,
                                         const std::string& round) {
  const int index = round.empty() ? 0 : config.round_index(round);
  const Config view = config.for_round(static_cast<std::size_t>(std::max(index, 0)));
  std::vector<std::string> labels;
  if (!view.find_kind(kind)) return labels;
  const Rubric& rubric = view.rubric_of(kind);
  for (std::size_t c : tiebreak_criteria(view, rubric)) labels.push_back(rubric.criteria[c].label);
  return labels;
}

class NoteWriter {
 public:
  NoteWriter(const Config& config, const PoolResult& pool, bool is_public)
      : config_(config), pool_(pool), public_(is_public) {}

  std::vector<std::string> notes() {
    const std::vector<RankGroup> groups = rank_groups(pool_);
    for (std::size_t g = 1; g < groups.size(); ++g)
      if (groups[g - 1].score == groups[g].score && groups[g - 1].round == groups[g].round)
        note_tiebreak(groups[g - 1], groups[g]);
    note_shared_ties(last_round_groups(groups));
    // In rank order (a tiebreak note at the rank of the entry put ahead, a shared-tie note at
    // the rank of the tie); at one rank the tiebreak note first.
    std::stable_sort(notes_.begin(), notes_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> texts;
    for (auto& note : notes_) texts.push_back(std::move(note.second));
    return texts;
  }

 private:
  /// "S001、S004" for the listed members; the others (public page) as "2 件未获奖作品".
  std::string names(const RankGroup& group) const {
    std::vector<std::string> listed;
    int hidden = 0;
    for (const EntryResult* member : group.members) {
      if (public_ && !shown_in_public(*member))
        ++hidden;
      else
        listed.push_back(member->entry_id);
    }
    std::string text = join(listed, "、");
    if (hidden > 0) text += fmt::format("{}{} 件未获奖作品", text.empty() ? "" : "及另外 ", hidden);
    return text;
  }

  bool any_listed(const RankGroup& group) const {
    for (const EntryResult* member : group.members)
      if (!public_ || shown_in_public(*member)) return true;
    return false;
  }

  std::string value(double v) const { return format_fixed(v, config_.aggregation.precision); }

  /// Two neighbouring rank groups of equal score: the first tiebreak criterion whose means
  /// differ put `ahead` before `behind`.
  void note_tiebreak(const RankGroup& ahead, const RankGroup& behind) {
    if (!any_listed(ahead) && !any_listed(behind)) return;
    const std::vector<std::string> labels = tiebreak_labels(config_, pool_.kind, ahead.round);
    const auto& a = ahead.members.front()->tiebreak_values;
    const auto& b = behind.members.front()->tiebreak_values;
    std::size_t k = 0;
    while (k < a.size() && k < b.size() && k < labels.size() && a[k] == b[k]) ++k;
    if (k >= a.size() || k >= b.size() || k >= labels.size()) return;
    std::string equal_before;
    for (std::size_t i = 0; i < k; ++i)
      equal_before += fmt::format("“{}”平均分也相同，", labels[i]);
    const std::string score = public_ ? "" : fmt::format("（{}）", value(ahead.score));
    const std::string means =
        public_ ? "" : fmt::format("（{} 高于 {}）", value(a[k]), value(b[k]));
    std::string places = fmt::format("{} 列第 {} 名", names(ahead), ahead.rank);
    if (!public_ || any_listed(behind))
      places += fmt::format("，{} 列第 {} 名", names(behind), behind.rank);
    notes_.emplace_back(
        ahead.rank,
        fmt::format("{} 与 {} 得分相同{}，{}按评分项“{}”的平均分{}排定先后：{}。", names(ahead),
                    names(behind), score, equal_before, labels[k], means, places));
  }

  /// The groups of the kind's last round: in a staged competition the rows ranked there are that
  /// round's whole ranking (earlier rounds' rows lack their finalists).
  std::vector<RankGroup> last_round_groups(const std::vector<RankGroup>& groups) const {
    if (groups.empty() || groups.front().round.empty()) return groups;
    std::vector<RankGroup> last;
    for (const RankGroup& group : groups)
      if (group.round == last_round_id()) last.push_back(group);
    return last;
  }

  std::string last_round_id() const {
    const std::vector<std::size_t> own = config_.rounds_of_kind(pool_.kind);
    return own.empty() ? std::string() : config_.rounds[own.back()].id;
  }

  /// SPEC §8 step 3 replayed from the tiers given: a tier that took more than its places (a tie
  /// shared across its last place) takes the excess from the next tier. In a staged competition
  /// only the tiers decided by the kind's last round (the first ones, SPEC §12) are replayed.
  void note_shared_ties(const std::vector<RankGroup>& groups) {
    const auto policy = config_.awards.find(pool_.kind);
    if (policy == config_.awards.end()) return;
    const std::vector<Tier>& tiers = policy->second.tiers;
    const bool staged = !pool_.rows.empty() && !pool_.rows.front().round.empty();
    TierCarry carry(policy->second.cascade);
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      if (staged && tiers[i].round != last_round_id()) break;
      const std::int64_t places = carry.places(quota_of(tiers[i].id));
      const RankGroup* last = nullptr;
      std::size_t awarded = 0;
      for (const RankGroup& group : groups)
        for (const EntryResult* member : group.members)
          if (member->tier == tiers[i].id) {
            ++awarded;
            last = &group;
          }
      carry.settle(places, awarded);
      const auto given = static_cast<std::int64_t>(awarded);
      if (given > places && last) note_shared_tie(tiers, i, places, given, *last, carry);
    }
  }

  void note_shared_tie(const std::vector<Tier>& tiers, std::size_t i, std::int64_t places,
                       std::int64_t awarded, const RankGroup& tie, const TierCarry& carry) {
    std::string next;
    if (i + 1 < tiers.size()) {
      const int quota = quota_of(tiers[i + 1].id);
      next = fmt::format("多出的 {} 项从{}名额中扣除（{}名额由 {} 项减为 {} 项）", awarded - places,
                         tiers[i + 1].label, tiers[i + 1].label, quota, carry.places(quota));
    } else {
      next = fmt::format("多出的 {} 项不再从其他奖项中扣除（{}已是最后一个奖项）", awarded - places,
                         tiers[i].label);
    }
    notes_.emplace_back(
        tie.rank,
        fmt::format("{}名额 {} 项，第 {} 名 {} 并列，并列者同获{}，共评出 {} 项；{}。",
                    tiers[i].label, places, tie.rank, names(tie), tiers[i].label, awarded, next));
  }

  int quota_of(const std::string& tier) const {
    for (const auto& [id, quota] : pool_.quotas)
      if (id == tier) return quota;
    return 0;
  }

  const Config& config_;
  const PoolResult& pool_;
  bool public_;
  std::vector<std::pair<int, std::string>> notes_;  ///< (rank the note is about, text)
};

}  // namespace

std::vector<std::string> tie_notes(const Config& config, const PoolResult& pool, bool is_public) {
  if (!config.find_kind(pool.kind)) return {};
  return NoteWriter(config, pool, is_public).notes();
}

}  // namespace jury::roster_detail
