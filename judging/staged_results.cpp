#include "judging/staged_results.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include "judging/advancement.hpp"
#include "judging/close_decisions.hpp"
#include "judging/recommendation.hpp"
#include "judging/results.hpp"
#include "judging/round_scores.hpp"
#include "judging/round_tiers.hpp"

namespace jury {

namespace {

using PoolId = std::tuple<std::string, std::optional<std::string>, std::optional<std::string>>;

PoolId id_of(const PoolResult& pool) {
  return {pool.kind, pool.group, pool.subject};
}

bool contains(const std::vector<std::string>& sorted, const std::string& id) {
  return std::binary_search(sorted.begin(), sorted.end(), id);
}

/// Whether the entry belongs to the pool of its kind (`pool` from kind_pools).
bool in_pool(const AwardPolicy& policy, const PoolResult& pool, const Entry& entry) {
  const auto splits = [&](const char* field) {
    return std::find(policy.pool_by.begin(), policy.pool_by.end(), field) != policy.pool_by.end();
  };
  return entry.kind == pool.kind && (!splits("group") || entry.group == pool.group.value_or("")) &&
         (!splits("subject") || entry.subject == pool.subject.value_or(""));
}

/// The ranked rows of a pool (rank order): the first `entries` rows (SPEC §7).
std::vector<const EntryResult*> ranked_rows(const PoolResult* pool) {
  std::vector<const EntryResult*> rows;
  if (!pool) return rows;
  for (int r = 0; r < pool->entries; ++r) rows.push_back(&pool->rows[static_cast<std::size_t>(r)]);
  return rows;
}

/// One round ranked: §6–7 over its counted entrants with the round's rubric and method, each
/// ranked on its combined score (SPEC §12 `weights`); every entrant's own §6 score is kept for
/// the combined scores of later rounds.
struct RankedRound {
  Results results;
  std::map<PoolId, const PoolResult*> pools;       ///< into results
  std::map<std::string, const EntryResult*> rows;  ///< by entry_id, into results
  std::unordered_map<std::string, double> own;     ///< unrounded §6 score of the round

  const PoolResult* pool(const PoolId& id) const {
    const auto found = pools.find(id);
    return found == pools.end() ? nullptr : found->second;
  }
};

/// The kind's selection from a round into the next (SPEC §12 `advance`), per canonical pool.
struct KindSelection {
  std::vector<PoolAdvance> pools;  ///< in kind_pools order
  std::vector<std::vector<std::string>> ranked_ids;
  std::set<std::string> going_on;
};

/// The rounds 0..upto of a staged competition, ranked one after the other (a round's combined
/// score needs the earlier rounds' own scores).
class StagedRounds {
 public:
  StagedRounds(const Config& config, const std::vector<Entry>& entries,
               const std::vector<RoundData>& rounds, std::size_t upto, std::optional<Method> method)
      : config_(config), entries_(entries), rounds_(rounds), method_(method) {
    if (rounds.empty() || upto >= rounds.size())
      throw std::out_of_range("staged results: round " + std::to_string(upto) + " is not open");
    for (std::size_t r = 0; r <= upto; ++r) rank(r);
  }

  const Config& config() const { return config_; }
  const std::vector<Entry>& entries() const { return entries_; }
  const RoundData& data(std::size_t r) const { return rounds_[r]; }
  const RankedRound& ranked(std::size_t r) const { return ranked_[r]; }
  std::size_t opened() const { return rounds_.size(); }

  bool entered(std::size_t r, const Entry& entry) const {
    if (!config_.rounds[r].judges_kind(entry.kind)) return false;
    return r == 0 || contains(rounds_[r].entrants, entry.id);
  }

  /// R8: entered round r + 1 when it is open, else would go on if `advance` ran now.
  bool went_on(std::size_t r, const Entry& entry) {
    if (r + 1 >= config_.rounds.size() || !config_.rounds[r + 1].judges_kind(entry.kind))
      return false;
    if (r + 1 < rounds_.size()) return contains(rounds_[r + 1].entrants, entry.id);
    return selection(r, entry.kind).going_on.count(entry.id) > 0;
  }

  const KindSelection& selection(std::size_t r, const std::string& kind) {
    const auto key = std::make_pair(r, kind);
    if (const auto found = selections_.find(key); found != selections_.end()) return found->second;
    return selections_.emplace(key, select(r, kind)).first->second;
  }

 private:
  std::vector<Entry> counted_entrants(std::size_t r) const {
    std::vector<Entry> counted;
    for (const Entry& entry : entries_) {
      if (!entered(r, entry)) continue;
      counted.push_back(entry);
      if (rounds_[r].absent.count(entry.id)) counted.back().status = EntryStatus::Withdrawn;
    }
    return counted;
  }

  void rank(std::size_t r) {
    RankedRound& ranked = ranked_.emplace_back();
    const std::vector<std::optional<Decimal>> weights = config_.round_weights(r);
    const ScoreCombiner combine = [&](const std::string& id, double own) {
      ranked.own[id] = own;
      std::vector<std::optional<double>> scores(r + 1);
      for (std::size_t q = 0; q < r; ++q)
        if (const auto found = ranked_[q].own.find(id); found != ranked_[q].own.end())
          scores[q] = found->second;
      scores[r] = own;
      return combined_score(weights, scores);
    };
    ranked.results = rank_results(config_.for_round(r), counted_entrants(r), rounds_[r].scores,
                                  method_, combine);
    for (const PoolResult& pool : ranked.results.pools) {
      ranked.pools.emplace(id_of(pool), &pool);
      for (const EntryResult& row : pool.rows) ranked.rows.emplace(row.entry_id, &row);
    }
  }

  KindSelection select(std::size_t r, const std::string& kind) const {
    const AwardPolicy& policy = config_.awards.at(kind);
    KindSelection selection;
    std::vector<std::vector<RankedCandidate>> candidates;
    for (const PoolResult& pool : kind_pools(config_, kind, entries_)) {
      candidates.emplace_back();
      selection.ranked_ids.emplace_back();
      for (const EntryResult* row : ranked_rows(ranked_[r].pool(id_of(pool)))) {
        candidates.back().push_back({*row->rank, *row->score});
        selection.ranked_ids.back().push_back(row->entry_id);
      }
    }
    selection.pools = select_advancing(config_.rounds[r + 1].advance.at(kind), policy, candidates);
    for (std::size_t p = 0; p < selection.pools.size(); ++p)
      for (std::size_t k = 0; k < selection.pools[p].goes_on.size(); ++k)
        if (selection.pools[p].goes_on[k]) selection.going_on.insert(selection.ranked_ids[p][k]);
    return selection;
  }

  const Config& config_;
  const std::vector<Entry>& entries_;
  const std::vector<RoundData>& rounds_;
  std::optional<Method> method_;
  std::deque<RankedRound> ranked_;  ///< a deque: rows point into earlier elements
  std::map<std::pair<std::size_t, std::string>, KindSelection> selections_;
};

/// The tiers and recommendation of one kind, per pool (SPEC §12).
struct KindAwards {
  std::vector<std::vector<int>> quotas;         ///< [pool][tier]
  std::map<std::string, int> tier_of;           ///< entry_id → tier index
  std::vector<PoolRecommendation> recommended;  ///< per pool; empty without recommendation
};

/// One kind of a staged competition, pool by pool.
class KindAssembly {
 public:
  KindAssembly(StagedRounds& rounds, const std::string& kind, std::size_t view)
      : rounds_(rounds),
        config_(rounds.config()),
        kind_(kind),
        policy_(config_.awards.at(kind)),
        pools_(kind_pools(config_, kind, rounds.entries())) {
    for (std::size_t r : config_.rounds_of_kind(kind))
      if (r <= view) own_rounds_.push_back(r);
    for (const Tier& tier : policy_.tiers)
      tier_rounds_.push_back(static_cast<std::size_t>(config_.tier_round(kind, tier)));
  }

  void build(bool decide, std::vector<PoolResult>& out) {
    if (own_rounds_.empty()) return;
    const std::vector<PoolAcrossRounds> across = pools_across_rounds();
    const KindAwards awards = decide_awards(across, decide);
    for (std::size_t p = 0; p < pools_.size(); ++p) flag_close_entries(p, awards);
    for (std::size_t p = 0; p < pools_.size(); ++p) {
      PoolResult pool = pools_[p];
      pool.entries = static_cast<int>(
          ranked_rows(rounds_.ranked(own_rounds_.front()).pool(id_of(pool))).size());
      for (std::size_t i = 0; i < policy_.tiers.size(); ++i)
        pool.quotas.emplace_back(policy_.tiers[i].id, awards.quotas[p][i]);
      if (!awards.recommended.empty()) pool.recommend_quota = awards.recommended[p].quota;
      add_rows(pool, p, awards);
      add_pool_rounds(pool, p);
      out.push_back(std::move(pool));
    }
  }

 private:
  std::vector<const Entry*> members(std::size_t p) const {
    std::vector<const Entry*> members;
    for (const Entry& entry : rounds_.entries())
      if (entry.active() && in_pool(policy_, pools_[p], entry)) members.push_back(&entry);
    return members;
  }

  /// Each pool's ranking in every round of the config (empty where the kind is not judged or the
  /// round is not open), and who was absent in any round open here.
  std::vector<PoolAcrossRounds> pools_across_rounds() const {
    std::vector<PoolAcrossRounds> across(pools_.size());
    for (std::size_t p = 0; p < pools_.size(); ++p) {
      across[p].rankings.resize(config_.rounds.size());
      for (std::size_t r : own_rounds_)
        for (const EntryResult* row : ranked_rows(rounds_.ranked(r).pool(id_of(pools_[p]))))
          across[p].rankings[r].push_back({row->entry_id, *row->rank, *row->score});
      for (std::size_t r = 0; r <= own_rounds_.back(); ++r)
        across[p].absent.insert(rounds_.data(r).absent.begin(), rounds_.data(r).absent.end());
    }
    return across;
  }

  /// R11: quotas always; tiers and the recommendation only when the last round is the view.
  KindAwards decide_awards(const std::vector<PoolAcrossRounds>& across, bool decide) const {
    KindAwards awards;
    awards.quotas = round_tier_quotas(policy_, tier_rounds_, across);
    if (!decide) return awards;
    std::vector<std::vector<TierHolder>> holders(pools_.size());
    for (std::size_t p = 0; p < pools_.size(); ++p)
      for (const auto& [id, tier] : allocate_round_tiers(policy_, tier_rounds_, policy_.absent,
                                                         awards.quotas[p], across[p])) {
        awards.tier_of[id] = tier;
        holders[p].push_back({id, tier, rank_in(across[p], tier_rounds_[tier], id)});
      }
    if (policy_.recommend)
      awards.recommended = recommend_entries(*policy_.recommend, policy_, holders);
    return awards;
  }

  /// SPEC §14: the outcome of an entry in round r — `on` if it went on (R8), else the tier round
  /// r decided for it, else none.
  std::optional<std::string> outcome(std::size_t r, const Entry& entry, const KindAwards& awards) {
    if (rounds_.went_on(r, entry)) return kOutcomeOn;
    const auto tier = awards.tier_of.find(entry.id);
    if (tier == awards.tier_of.end() || tier_rounds_[static_cast<std::size_t>(tier->second)] != r)
      return std::nullopt;
    return policy_.tiers[static_cast<std::size_t>(tier->second)].id;
  }

  /// The pool's `close` entries in each of the kind's rounds, into close_.
  void flag_close_entries(std::size_t p, const KindAwards& awards) {
    std::map<std::string, const Entry*> by_id;
    for (const Entry* entry : members(p)) by_id.emplace(entry->id, entry);
    for (std::size_t r : own_rounds_) {
      const std::vector<const EntryResult*> rows =
          ranked_rows(rounds_.ranked(r).pool(id_of(pools_[p])));
      std::vector<BoundaryPlace> places;
      for (const EntryResult* row : rows)
        places.push_back(
            {*row->score, row->standard_error, outcome(r, *by_id.at(row->entry_id), awards)});
      const std::vector<bool> flagged = close_decisions(places, config_.aggregation.close);
      for (std::size_t i = 0; i < rows.size(); ++i)
        if (flagged[i]) close_.emplace(r, rows[i]->entry_id);
    }
  }

  static int rank_in(const PoolAcrossRounds& pool, std::size_t round, const std::string& id) {
    for (const RoundPlace& place : pool.rankings[round])
      if (place.entry_id == id) return place.rank;
    throw std::logic_error("staged results: a tier holder is not ranked in its tier's round");
  }

  /// One round of an entry's `rounds`: absent, or its line in the round's ranking.
  RoundResult round_item(std::size_t r, const Entry& entry, const EntryResult*& line) {
    RoundResult item{config_.rounds[r].id, 0, std::nullopt, std::nullopt, {}};
    line = nullptr;
    if (rounds_.data(r).absent.count(entry.id)) {
      item.flags = {"absent"};
      return item;
    }
    line = rounds_.ranked(r).rows.at(entry.id);
    item.scores = line->scores;
    item.score = line->score;
    item.rank = line->rank;
    item.flags = line->flags;
    if (line->rank && rounds_.went_on(r, entry)) item.flags.push_back("advance");
    if (close_.count({r, entry.id})) item.flags.push_back("close");
    return item;
  }

  /// The entry's result: its rounds, its last round at the top level (with that round's raw
  /// score and tiebreak values), tier and recommendation.
  EntryResult entry_result(const Entry& entry, const KindAwards& awards, std::size_t p) {
    std::vector<RoundResult> items;
    const EntryResult* line = nullptr;  // of the last round; nullptr when absent there
    for (std::size_t r : own_rounds_)
      if (rounds_.entered(r, entry)) items.push_back(round_item(r, entry, line));
    EntryResult result = line ? *line : EntryResult{};
    result.entry_id = entry.id;
    result.rounds = std::move(items);
    const RoundResult& last = result.rounds.back();
    result.round = last.round;
    result.scores = last.scores;
    result.score = last.score;
    result.rank = last.rank;
    result.flags = last.flags;
    add_awards(result, awards, p);
    return result;
  }

  void add_awards(EntryResult& result, const KindAwards& awards, std::size_t p) const {
    const std::string& id = result.entry_id;
    if (const auto tier = awards.tier_of.find(id); tier != awards.tier_of.end())
      result.tier = policy_.tiers[static_cast<std::size_t>(tier->second)].id;
    if (awards.recommended.empty()) return;
    const PoolRecommendation& pool = awards.recommended[p];
    const auto has = [&](const std::vector<std::string>& ids) {
      return std::find(ids.begin(), ids.end(), id) != ids.end();
    };
    result.recommended = has(pool.recommended);
    if (has(pool.tied)) result.flags.push_back("recommend-tie");
  }

  void add_rows(PoolResult& pool, std::size_t p, const KindAwards& awards) {
    for (const Entry* entry : members(p)) pool.rows.push_back(entry_result(*entry, awards, p));
    sort_rows(pool.rows);
  }

  /// SPEC §12: entries ranked in their last round first (later rounds before earlier, each by
  /// rank, then entry_id), then the others by entry_id.
  void sort_rows(std::vector<EntryResult>& rows) const {
    const auto key = [&](const EntryResult& row) {
      const bool ranked = row.rank.has_value();
      const int round = ranked ? -config_.round_index(row.round) : 0;
      return std::make_tuple(!ranked, round, row.rank.value_or(0), std::cref(row.entry_id));
    };
    std::sort(rows.begin(), rows.end(),
              [&](const EntryResult& a, const EntryResult& b) { return key(a) < key(b); });
  }

  void add_pool_rounds(PoolResult& pool, std::size_t p) {
    const std::vector<const Entry*> entrants = members(p);
    for (std::size_t r : own_rounds_) {
      PoolRound item;
      item.round = config_.rounds[r].id;
      item.entrants =
          static_cast<int>(std::count_if(entrants.begin(), entrants.end(),
                                         [&](const Entry* e) { return rounds_.entered(r, *e); }));
      item.ranked = static_cast<int>(ranked_rows(rounds_.ranked(r).pool(id_of(pool))).size());
      if (r != own_rounds_.front())
        item.advance_quota = rounds_.selection(r - 1, kind_).pools[p].quota;
      pool.rounds.push_back(std::move(item));
    }
  }

  StagedRounds& rounds_;
  const Config& config_;
  const std::string& kind_;
  const AwardPolicy& policy_;
  std::vector<PoolResult> pools_;  ///< canonical pools, named only
  std::vector<std::size_t> own_rounds_;
  std::vector<std::size_t> tier_rounds_;
  std::set<std::pair<std::size_t, std::string>> close_;  ///< (round, entry_id) flagged `close`
};

}  // namespace

Results compute_staged_results(const Config& config, const std::vector<Entry>& entries,
                               const std::vector<RoundData>& rounds, std::size_t view,
                               std::optional<Method> method) {
  StagedRounds staged(config, entries, rounds, view, method);
  Results results;
  results.staged = true;
  results.method = staged.ranked(view).results.method;
  results.severities = staged.ranked(view).results.severities;
  for (std::size_t r = 0; r <= view; ++r)
    for (const std::string& warning : staged.ranked(r).results.warnings)
      results.warnings.push_back(
          (config.rounds.size() > 1 ? "round " + config.rounds[r].id + ": " : "") + warning);
  const bool decide = view + 1 == config.rounds.size();
  for (const Kind& kind : config.kinds)
    KindAssembly(staged, kind.id, view).build(decide, results.pools);
  return results;
}

Advancement select_next_round(const Config& config, const std::vector<Entry>& entries,
                              const std::vector<RoundData>& rounds) {
  const std::size_t r = rounds.size() - 1;
  if (r + 1 >= config.rounds.size())
    throw std::out_of_range("select_next_round: round " + config.rounds[r].id + " is the last");
  StagedRounds staged(config, entries, rounds, r, std::nullopt);
  Advancement advancement;
  for (const std::string& kind : config.rounds[r + 1].kinds) {
    const KindSelection& selection = staged.selection(r, kind);
    const std::vector<PoolResult> pools = kind_pools(config, kind, entries);
    for (std::size_t p = 0; p < pools.size(); ++p) {
      PoolSelection pool{pools[p].kind,
                         pools[p].group,
                         pools[p].subject,
                         static_cast<int>(selection.ranked_ids[p].size()),
                         selection.pools[p].quota,
                         {}};
      for (std::size_t k = 0; k < selection.ranked_ids[p].size(); ++k)
        if (selection.pools[p].goes_on[k]) pool.going_on.push_back(selection.ranked_ids[p][k]);
      std::sort(pool.going_on.begin(), pool.going_on.end());
      advancement.pools.push_back(std::move(pool));
    }
    advancement.entrants.insert(advancement.entrants.end(), selection.going_on.begin(),
                                selection.going_on.end());
  }
  // The round's counted entrants (absent ones are not among them) that could not be ranked.
  for (const PoolResult& pool : staged.ranked(r).results.pools)
    if (config.rounds[r + 1].judges_kind(pool.kind))
      for (const EntryResult& row : pool.rows)
        if (!row.rank) advancement.incomplete.push_back(row.entry_id);
  std::sort(advancement.entrants.begin(), advancement.entrants.end());
  std::sort(advancement.incomplete.begin(), advancement.incomplete.end());
  return advancement;
}

}  // namespace jury
