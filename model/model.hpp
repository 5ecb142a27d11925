#pragma once
/// The domain model of one competition: plain values, no I/O.
/// Every module (importers, judging, exporters, engine) speaks in these types.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jury {

// ---------------------------------------------------------------- config (SPEC §2)

/// An id with its display label (groups, subjects).
struct Labelled {
  std::string id;
  std::string label;
};

struct Criterion {
  std::string id;
  std::string label;
  double max = 0;     ///< a judge scores 0..max
  double weight = 0;  ///< defaults to max
};

struct Rubric {
  std::string id;
  double step = 0.5;  ///< allowed score granularity
  std::vector<Criterion> criteria;
};

struct Kind {
  std::string id;
  std::string label;
  std::string rubric;  ///< rubric id
  int max_students = 3;
  int max_advisors = 2;
};

/// A decimal fraction held exactly: value = numerator / denominator (denominator a power of 10).
struct Decimal {
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;
};

struct Tier {
  std::string id;
  std::string label;
  std::optional<int> count;         ///< exactly one of count / share is set
  std::optional<Decimal> share;     ///< fraction of the pool size
  std::optional<double> min_score;  ///< compared with the rounded score
};

enum class Rounding { Floor, Round, Ceil };
enum class TiePolicy { Share, Exclude };

struct AwardPolicy {
  std::vector<std::string> pool_by{"group"};  ///< subset/order of {"group","subject"}
  std::vector<Tier> tiers;
  Rounding rounding = Rounding::Floor;
  TiePolicy ties = TiePolicy::Share;
  bool cascade = false;
};

enum class ConflictRule { School, Advisor, District, Declared };

struct JudgingConfig {
  int default_judges_per_entry = 3;
  std::map<std::string, int> judges_per_entry;  ///< per kind id (filled for every kind)
  std::optional<int> max_load;                  ///< unset = ⌈6·K / (5·J)⌉
  std::vector<ConflictRule> conflicts{ConflictRule::School, ConflictRule::Advisor,
                                      ConflictRule::Declared};
  int mismatch_cost = 10;
  int balance_cost = 1;
};

enum class Method { Mean, TrimmedMean, Median, ZScore, Severity };

struct AggregationConfig {
  Method method = Method::Severity;
  int trim = 1;
  int min_scores = 3;
  int precision = 2;
  double severity_shrinkage = 3;
  double disagreement = 25;
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
};

// ---------------------------------------------------------------- entries and judges (§3–4)

enum class EntryStatus { Active, Withdrawn, Disqualified };

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
};

struct PoolResult {
  std::string kind;
  std::optional<std::string> group;    ///< nullopt when the pool is not split by group
  std::optional<std::string> subject;  ///< nullopt when the pool is not split by subject
  int entries = 0;                     ///< ranked (complete) entries: the pool size n_p
  std::vector<std::pair<std::string, int>> quotas;  ///< tier id → quota, tier order
  std::vector<EntryResult> rows;                    ///< rank order, incomplete last
};

struct JudgeSeverity {
  std::string judge_id;
  std::string kind;
  double severity = 0;  ///< b_j; negative = harsh
};

struct Results {
  Method method = Method::Severity;
  std::vector<PoolResult> pools;  ///< kind order, then pool order
  std::vector<JudgeSeverity> severities;
  std::vector<std::string> warnings;  ///< e.g. disconnected judge–entry graph
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
};

/// `awards.<kind>.absent`: what an absence from a round costs an entrant.
enum class AbsentPolicy {
  Forfeit,  ///< no tier at all
  Keep,     ///< may still get a tier decided by an earlier round
};

/// `awards.<kind>.recommend`: recommendation to the next level (推荐).
struct Recommendation {
  std::string label;
  std::optional<int> count;        ///< exactly one of count / share is set
  std::optional<Decimal> share;    ///< fraction of the pool's entries holding one of `tiers`
  std::vector<std::string> tiers;  ///< tier ids whose holders may be recommended
};

/// `rounds[].interviews.sessions[]`: a block of consecutive interview slots.
struct InterviewSession {
  std::string start;  ///< local time "YYYY-MM-DD HH:MM"
  int slots = 0;
};

/// `rounds[].interviews` (§13).
struct Interviews {
  int slot_minutes = 0;
  std::vector<InterviewSession> sessions;  ///< slots are numbered through them in order
};

// ---------------------------------------------------------------- names

/// The label of the item with this id, or the id itself when there is none (for display).
std::string label_of(const std::vector<Labelled>& items, const std::string& id);
std::string kind_label(const Config& config, const std::string& id);

std::string to_string(Method);
std::optional<Method> parse_method(const std::string&);
std::string to_string(ConflictRule);
std::optional<ConflictRule> parse_conflict_rule(const std::string&);
std::string to_string(EntryStatus);
std::string to_string(Rounding);
std::string to_string(TiePolicy);

}  // namespace jury
