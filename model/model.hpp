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

struct Tier {
  std::string id;
  std::string label;
  std::optional<int> count;         ///< exactly one of count / share is set
  std::optional<Decimal> share;     ///< fraction of the pool size
  std::optional<double> min_score;  ///< compared with the rounded score
  friend bool operator==(const Tier&, const Tier&) = default;
};

struct AwardPolicy {
  std::vector<std::string> pool_by{"group"};  ///< subset/order of {"group","subject"}
  std::vector<Tier> tiers;
  Rounding rounding = Rounding::Floor;
  TiePolicy ties = TiePolicy::Share;
  bool cascade = false;
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
  friend bool operator==(const JudgingConfig&, const JudgingConfig&) = default;
};

struct AggregationConfig {
  Method method = Method::Severity;
  int trim = 1;
  int min_scores = 3;
  int precision = 2;
  double severity_shrinkage = 3;
  double disagreement = 25;
  friend bool operator==(const AggregationConfig&, const AggregationConfig&) = default;
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

  const Kind* find_kind(const std::string& id) const;
  const Rubric& rubric_of(const std::string& kind_id) const;  ///< throws std::out_of_range
  int judges_per_entry(const std::string& kind_id) const;
  int group_index(const std::string& id) const;    ///< -1 when unknown
  int subject_index(const std::string& id) const;  ///< -1 when unknown
  int kind_index(const std::string& id) const;     ///< -1 when unknown
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

  /// Whether the judge may score entries of this kind (an empty `kinds` allows every kind).
  bool may_score(const std::string& kind_id) const;
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

/// One entry's line in the results: every ranked entry of a pool, then the incomplete ones.
struct EntryResult {
  std::string entry_id;
  int scores = 0;                       ///< number of complete judge totals
  std::optional<double> raw_score;      ///< unrounded aggregate; nullopt when incomplete
  std::optional<double> score;          ///< rounded to precision; nullopt when incomplete
  std::optional<int> rank;              ///< competition ranking; nullopt when incomplete
  std::optional<std::string> tier;      ///< tier id; nullopt = no prize
  std::vector<double> tiebreak_values;  ///< rounded mean raw score per tiebreak criterion
  std::vector<std::string> flags;       ///< "incomplete", "disagreement", …
  friend bool operator==(const EntryResult&, const EntryResult&) = default;
};

struct PoolResult {
  std::string kind;
  std::optional<std::string> group;    ///< nullopt when the pool is not split by group
  std::optional<std::string> subject;  ///< nullopt when the pool is not split by subject
  int entries = 0;                     ///< ranked (complete) entries: the pool size n_p
  std::vector<std::pair<std::string, int>> quotas;  ///< tier id → quota, tier order
  std::vector<EntryResult> rows;                    ///< rank order, incomplete last
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
  friend bool operator==(const Results&, const Results&) = default;
};

// ---------------------------------------------------------------- rounds (§12–13)
// Plain config values of staged competitions, taken as arguments by the pure algorithms in
// judging/advancement, judging/round_tiers, judging/recommendation and judging/timetable. The
// config loader does not read them yet.

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
