#pragma once
/// The domain model of one competition: plain values, no I/O.
/// Every module (importers, judging, exporters, engine) speaks in these types.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/decimal.hpp"
#include "model/enums.hpp"

namespace jury {

// ---------------------------------------------------------------- config (SPEC §2)

/// SPEC §2: ids are ASCII letters, digits, `_` and `-`, at least one.
bool is_id(std::string_view text);

/// An id with its display label (groups, subjects).
struct Labelled {
  std::string id;
  std::string label;
  friend bool operator==(const Labelled&, const Labelled&) = default;
};

struct Criterion {
  std::string id;
  std::string label;
  double max = 0;     ///< a judge scores 0..max
  double weight = 0;  ///< defaults to max
  friend bool operator==(const Criterion&, const Criterion&) = default;
};

struct Rubric {
  std::string id;
  double step = 0.5;  ///< allowed score granularity
  std::vector<Criterion> criteria;
  friend bool operator==(const Rubric&, const Rubric&) = default;
};

struct Kind {
  std::string id;
  std::string label;
  std::string rubric;  ///< rubric id
  int max_students = 3;
  int max_advisors = 2;
  friend bool operator==(const Kind&, const Kind&) = default;
};

// ---------------------------------------------------------------- rounds (§12–13)
// Plain config values of staged competitions: what the config loader reads from `rounds[]` and
// `awards.<kind>.recommend`, and what the pure algorithms in judging/advancement,
// judging/round_tiers, judging/recommendation and judging/timetable take as arguments.

/// SPEC §12: the one round of a config without `rounds`.
inline constexpr std::string_view kDefaultRoundId = "main";
inline constexpr std::string_view kDefaultRoundLabel = "评审";

/// `rounds[].advance.<kind>`: how many of each pool's entries ranked in the previous round enter
/// this one.
struct AdvanceRule {
  std::optional<int> count;         ///< exactly one of count / share is set
  std::optional<Decimal> share;     ///< fraction of the pool's ranked entries
  std::optional<double> min_score;  ///< compared with the rounded score of the previous round
  friend bool operator==(const AdvanceRule&, const AdvanceRule&) = default;
};

/// `awards.<kind>.recommend`: recommendation to the next level (推荐).
struct Recommendation {
  std::string label;
  std::optional<int> count;        ///< exactly one of count / share is set
  std::optional<Decimal> share;    ///< fraction of the pool's entries holding one of `tiers`
  std::vector<std::string> tiers;  ///< tier ids whose holders may be recommended
  friend bool operator==(const Recommendation&, const Recommendation&) = default;
};

/// `rounds[].interviews.sessions[]`: a block of consecutive interview slots.
struct InterviewSession {
  std::string start;  ///< local time "YYYY-MM-DD HH:MM"
  int slots = 0;
  friend bool operator==(const InterviewSession&, const InterviewSession&) = default;
};

/// `rounds[].interviews` (§13).
struct Interviews {
  int slot_minutes = 0;
  std::vector<InterviewSession> sessions;  ///< slots are numbered through them in order
  friend bool operator==(const Interviews&, const Interviews&) = default;
};

/// `rounds[]` (SPEC §12): one judging round. The config loader fills every field with its
/// effective value; a hand-built Config (tests) may leave the per-kind maps empty, and the
/// lookups of Config then fall back to the one-round settings.
struct Round {
  std::string id{kDefaultRoundId};
  std::string label{kDefaultRoundLabel};
  std::vector<std::string> kinds;               ///< kind ids judged here; empty = every kind
  std::map<std::string, int> judges_per_entry;  ///< per kind; not named = judging's k
  std::map<std::string, std::string> rubrics;   ///< per kind: rubric id; not named = the kind's
  std::optional<Method> method;                 ///< unset = aggregation.method
  std::map<std::string, AdvanceRule> advance;   ///< per kind; empty in the first round
  /// (round id, weight) in `rounds` order over this round and earlier ones; empty = {this: 1}.
  std::vector<std::pair<std::string, Decimal>> weights;
  std::optional<Interviews> interviews;  ///< §13: the round has an interview timetable

  bool judges_kind(const std::string& kind_id) const;
  friend bool operator==(const Round&, const Round&) = default;
};

struct Tier {
  std::string id;
  std::string label;
  std::optional<int> count;         ///< exactly one of count / share is set
  std::optional<Decimal> share;     ///< fraction of the pool size
  std::optional<double> min_score;  ///< compared with the rounded score
  /// SPEC §12: the round whose ranking decides the tier; empty = the kind's last round.
  std::string round{};
  friend bool operator==(const Tier&, const Tier&) = default;
};

struct AwardPolicy {
  std::vector<std::string> pool_by{"group"};  ///< subset/order of {"group","subject"}
  std::vector<Tier> tiers;
  Rounding rounding = Rounding::Floor;
  TiePolicy ties = TiePolicy::Share;
  bool cascade = false;
  AbsentPolicy absent = AbsentPolicy::Forfeit;  ///< SPEC §12
  std::optional<Recommendation> recommend{};    ///< SPEC §12 推荐; none by default
  friend bool operator==(const AwardPolicy&, const AwardPolicy&) = default;
};

struct JudgingConfig {
  int default_judges_per_entry = 3;
  std::map<std::string, int> judges_per_entry;  ///< per kind id (filled for every kind)
  std::optional<int> max_load;                  ///< unset = ⌈6·K / (5·J)⌉
  std::vector<ConflictRule> conflicts{ConflictRule::School, ConflictRule::Advisor,
                                      ConflictRule::Declared};
  int mismatch_cost = 10;
  int balance_cost = 1;
  /// SPEC §14: with `severity`, `assign` connects each pool's judge–entry graph by exchanges.
  bool connect = true;
  friend bool operator==(const JudgingConfig&, const JudgingConfig&) = default;
};

struct AggregationConfig {
  Method method = Method::Severity;
  int trim = 1;
  int min_scores = 3;
  int precision = 2;
  double severity_shrinkage = 3;
  double disagreement = 25;
  /// SPEC §14: flag `close` when a score lies within close × SE_e of a prize boundary.
  double close = 1.0;
  friend bool operator==(const AggregationConfig&, const AggregationConfig&) = default;
};

/// SPEC §16 `publication`: what the public notice (公示) says about itself. Each unset field is
/// left as a blank on the page, to be written by hand.
struct Publication {
  std::optional<int> notice_days;      ///< 公示期 in days (≥ 1), counted from `issued`
  std::optional<std::string> contact;  ///< 联系人
  std::optional<std::string> phone;    ///< 联系电话
  std::optional<std::string> address;  ///< 地址
  std::optional<std::string> issued;   ///< date of the notice, "YYYY-MM-DD"
  friend bool operator==(const Publication&, const Publication&) = default;
};

struct Config {
  std::string competition_id;
  std::string competition_name;
  int year = 0;
  std::vector<Labelled> groups;    ///< display order
  std::vector<Labelled> subjects;  ///< display order
  std::vector<Kind> kinds;         ///< display order
  std::map<std::string, Rubric> rubrics;
  JudgingConfig judging;
  AggregationConfig aggregation;
  std::vector<std::string> tiebreak;          ///< criterion ids, compared in order
  std::map<std::string, AwardPolicy> awards;  ///< per kind id (every kind has one)
  /// SPEC §12: the judging rounds in order; a config without `rounds` has the one default round.
  std::vector<Round> rounds{Round{}};
  bool has_rounds = false;  ///< the file has `rounds` (its effective config shows them)
  Publication publication;  ///< SPEC §16

  const Kind* find_kind(const std::string& id) const;
  const Rubric& rubric_of(const std::string& kind_id) const;  ///< throws std::out_of_range
  int judges_per_entry(const std::string& kind_id) const;
  int group_index(const std::string& id) const;    ///< -1 when unknown
  int subject_index(const std::string& id) const;  ///< -1 when unknown
  int kind_index(const std::string& id) const;     ///< -1 when unknown
  int round_index(const std::string& id) const;    ///< -1 when unknown

  /// SPEC §12 outputs (round, rounds, recommended in results): rounds given or a recommendation.
  bool staged() const;
  /// Indices of the rounds judging the kind, in order (a prefix of `rounds`, SPEC §12).
  std::vector<std::size_t> rounds_of_kind(const std::string& kind_id) const;
  /// Index of the round that decides the tier: its `round`, else the kind's last round; -1 when
  /// the round is unknown.
  int tier_round(const std::string& kind_id, const Tier& tier) const;
  /// Weight of each round q ≤ r in round r's combined score (nullopt = not weighted), indexed by
  /// round: {r: 1} unless the round gives `weights`.
  std::vector<std::optional<Decimal>> round_weights(std::size_t r) const;
  /// The config as round r sees it (SPEC §12): only the round's kinds, each with the round's
  /// rubric and k, and the round's method. §5–§7 applied to this view are the round's rules.
  Config for_round(std::size_t r) const;
  friend bool operator==(const Config&, const Config&) = default;
};

// ---------------------------------------------------------------- entries and judges (§3–4)

struct Entry {
  std::string id;
  std::string kind;     ///< kind id
  std::string group;    ///< group id, empty for kinds without students
  std::string subject;  ///< subject id
  std::string title;
  std::string school;
  std::string district;
  std::vector<std::string> students;
  std::vector<std::string> advisors;
  EntryStatus status = EntryStatus::Active;

  bool active() const { return status == EntryStatus::Active; }
  friend bool operator==(const Entry&, const Entry&) = default;
};

struct Judge {
  std::string id;
  std::string name;
  std::string affiliation;
  std::string district;
  std::vector<std::string> expertise;  ///< subject ids; empty = any subject
  std::vector<std::string> kinds;      ///< kind ids; empty = all kinds
  std::optional<int> max_load;         ///< unset = config default
  std::vector<std::string> conflicts;  ///< entry ids and/or school names (declared 回避)
  bool active = true;
  std::vector<std::string> rounds{};  ///< SPEC §12: round ids the judge serves in; empty = all

  /// Whether the judge may score entries of this kind (an empty `kinds` allows every kind).
  bool may_score(const std::string& kind_id) const;
  /// Whether the judge serves in the round (an empty `rounds` serves in every round).
  bool serves_in(const std::string& round_id) const;
  friend bool operator==(const Judge&, const Judge&) = default;
};

// ---------------------------------------------------------------- assignment and scores (§5–6)

struct Assignment {
  std::string judge_id;
  std::string entry_id;
  friend bool operator==(const Assignment&, const Assignment&) = default;
  friend auto operator<=>(const Assignment&, const Assignment&) = default;
};

/// One judge's sheet row for one entry: a value per criterion of the kind's rubric, in rubric
/// order; nullopt = not scored yet.
struct ScoreRow {
  std::string judge_id;
  std::string entry_id;
  std::vector<std::optional<double>> values;
  std::string comment;

  bool complete() const {
    for (const auto& v : values)
      if (!v) return false;
    return !values.empty();
  }
  friend bool operator==(const ScoreRow&, const ScoreRow&) = default;
};

// ---------------------------------------------------------------- results (§7–9)

/// An entry's line in one round it entered (SPEC §12: `rounds[]` of a result).
struct RoundResult {
  std::string round;               ///< round id
  int scores = 0;                  ///< complete judge totals in the round (0 when absent)
  std::optional<double> score;     ///< the round's rounded (combined) score; nullopt unranked
  std::optional<int> rank;         ///< rank in the round; nullopt when not ranked there
  std::vector<std::string> flags;  ///< "incomplete", "absent", "advance", "disagreement", …
  friend bool operator==(const RoundResult&, const RoundResult&) = default;
};

/// One entry's line in the results: every ranked entry of a pool, then the incomplete ones.
/// In a staged competition (SPEC §12) score, rank, scores and flags are those of its last round.
struct EntryResult {
  std::string entry_id;
  int scores = 0;                       ///< number of complete judge totals
  std::optional<double> raw_score;      ///< unrounded aggregate; nullopt when incomplete
  std::optional<double> score;          ///< rounded to precision; nullopt when incomplete
  std::optional<int> rank;              ///< competition ranking; nullopt when incomplete
  std::optional<std::string> tier;      ///< tier id; nullopt = no prize
  std::vector<double> tiebreak_values;  ///< rounded mean raw score per tiebreak criterion
  std::vector<std::string> flags;       ///< "incomplete", "disagreement", …
  /// SPEC §14 SE_e of the score (of its last round); nullopt without totals. Not stored with
  /// the decision (its `close` flags are).
  std::optional<double> standard_error{};
  // SPEC §12 (staged results only)
  std::string round{};                ///< the last round the entry entered
  std::vector<RoundResult> rounds{};  ///< every round it entered, in order
  bool recommended = false;           ///< 推荐 to the next level
  friend bool operator==(const EntryResult&, const EntryResult&) = default;
};

/// A pool in one round of a staged competition (SPEC §12: pool `rounds`).
struct PoolRound {
  std::string round;
  int entrants = 0;                  ///< the pool's active entrants of the round (absent ones too)
  int ranked = 0;                    ///< of them, ranked in the round
  std::optional<int> advance_quota;  ///< places to enter the round; nullopt in the kind's first
  friend bool operator==(const PoolRound&, const PoolRound&) = default;
};

struct PoolResult {
  std::string kind;
  std::optional<std::string> group;    ///< nullopt when the pool is not split by group
  std::optional<std::string> subject;  ///< nullopt when the pool is not split by subject
  int entries = 0;                     ///< ranked (complete) entries: the pool size n_p
  std::vector<std::pair<std::string, int>> quotas;  ///< tier id → quota, tier order
  std::vector<EntryResult> rows;                    ///< rank order, incomplete last
  // SPEC §12 (staged results only)
  std::vector<PoolRound> rounds{};       ///< the kind's rounds up to the results' round
  std::optional<int> recommend_quota{};  ///< nullopt without recommendation or tiers
  friend bool operator==(const PoolResult&, const PoolResult&) = default;
};

struct JudgeSeverity {
  std::string judge_id;
  std::string kind;
  double severity = 0;  ///< b_j; negative = harsh
  friend bool operator==(const JudgeSeverity&, const JudgeSeverity&) = default;
};

struct Results {
  Method method = Method::Severity;
  std::vector<PoolResult> pools;  ///< kind order, then pool order
  std::vector<JudgeSeverity> severities;
  std::vector<std::string> warnings;  ///< e.g. disconnected judge–entry graph
  /// SPEC §12: the results of a staged competition (Config::staged), with the round fields.
  bool staged = false;
  friend bool operator==(const Results&, const Results&) = default;
};

// ---------------------------------------------------------------- names (for display)

/// The label of the item with this id, or the id itself when there is none.
std::string label_of(const std::vector<Labelled>& items, const std::string& id);
std::string kind_label(const Config& config, const std::string& id);
std::string group_label(const Config& config, const std::string& id);
std::string subject_label(const Config& config, const std::string& id);

/// The tier with this id in the kind's award policy; nullptr when there is none.
const Tier* find_tier(const Config& config, const std::string& kind_id, const std::string& tier_id);

/// The labels of what the pool is split by: its group, then its subject; empty for a pool that
/// is the whole kind.
std::vector<std::string> pool_split_labels(const Config& config, const PoolResult& pool);
/// The pool by ids, for messages: `student/primary`.
std::string pool_id(const PoolResult& pool);
/// The pool by labels, for people: `学生科技创新成果 / 小学`.
std::string pool_label(const Config& config, const PoolResult& pool);

}  // namespace jury
