#include <catch2/catch.hpp>
#include <map>
#include <random>

#include "judging/results.hpp"
#include "judging/totals.hpp"

using namespace jury;

namespace {

Tier count_tier(std::string id, int count, std::optional<double> min_score = std::nullopt) {
  Tier tier;
  tier.id = std::move(id);
  tier.label = tier.id;
  tier.count = count;
  tier.min_score = min_score;
  return tier;
}

/// Groups primary, junior; subjects PS, LS; kinds student (innovation 60 + rigor 40) and advisor.
Config small_config() {
  Config config;
  config.groups = {{"primary", "小学"}, {"junior", "初中"}};
  config.subjects = {{"PS", "物质科学"}, {"LS", "生命科学"}};
  config.kinds = {Kind{"student", "学生", "r", 3, 2}, Kind{"advisor", "辅导员", "r", 0, 2}};
  Rubric rubric{std::string("r"), 0.5, {}};
  rubric.criteria = {{"innovation", "创新性", 60, 60}, {"rigor", "科学性", 40, 40}};
  config.rubrics["r"] = rubric;
  config.aggregation.method = Method::Mean;
  config.aggregation.min_scores = 2;
  config.tiebreak = {"reach", "innovation"};  // "reach" is not in the rubric: skipped
  AwardPolicy student;
  student.pool_by = {"group"};
  student.tiers = {count_tier("first", 2), count_tier("second", 2), count_tier("third", 2, 50.0)};
  AwardPolicy advisor;
  advisor.pool_by = {};
  advisor.tiers = {count_tier("first", 1)};
  config.awards = {{"student", student}, {"advisor", advisor}};
  return config;
}

Entry entry(std::string id, std::string kind, std::string group, std::string subject = "PS",
            EntryStatus status = EntryStatus::Active) {
  Entry e;
  e.id = std::move(id);
  e.kind = std::move(kind);
  e.group = std::move(group);
  e.subject = std::move(subject);
  e.status = status;
  return e;
}

ScoreRow row(std::string judge, std::string entry_id, std::optional<double> innovation,
             std::optional<double> rigor) {
  return ScoreRow{std::move(judge), std::move(entry_id), {innovation, rigor}, ""};
}

struct Line {
  std::string entry_id;
  std::optional<double> score;
  std::optional<int> rank;
  std::optional<std::string> tier;
  friend bool operator==(const Line&, const Line&) = default;
};

std::vector<Line> lines(const PoolResult& pool) {
  std::vector<Line> out;
  for (const EntryResult& r : pool.rows) out.push_back(Line{r.entry_id, r.score, r.rank, r.tier});
  return out;
}

}  // namespace

TEST_CASE("SPEC §6–8: results of a small competition, worked by hand (mean)") {
  Config config = small_config();
  config.aggregation.close = 0;  // the §6 flags alone; §14 `close` has its own tests
  const std::vector<Entry> entries = {
      entry("P1", "student", "primary"),
      entry("P2", "student", "primary"),
      entry("P3", "student", "primary"),
      entry("P4", "student", "primary"),
      entry("P5", "student", "primary"),
      entry("P6", "student", "primary", "PS", EntryStatus::Withdrawn),
      entry("J1", "student", "junior"),
      entry("J2", "student", "junior"),
      entry("J3", "student", "junior"),
      entry("A1", "advisor", ""),
      entry("A2", "advisor", ""),
  };
  const std::vector<ScoreRow> scores = {
      row("X", "P1", 50, 35), row("Y", "P1", 45, 35),            // 85, 80 → 82.5, innovation 47.5
      row("X", "P2", 40, 40), row("Y", "P2", 50, 35),            // 80, 85 → 82.5, innovation 45
      row("X", "P3", 40, 30), row("Y", "P3", 40, 30),            // 70, 70
      row("X", "P4", 40, 30), row("Y", "P4", 40, 30),            // 70, 70: tied with P3 on all keys
      row("X", "P5", 50, 40), row("Y", "P5", 50, std::nullopt),  // one complete total
      row("X", "P6", 60, 40), row("Y", "P6", 60, 40),            // withdrawn
      row("X", "J1", 55, 35), row("Y", "J1", 30, 30),            // 90, 60 → 75, spread 30 > 25
      row("Y", "J2", 50, 30), row("Z", "J2", 50, 30),            // 80
      row("X", "J3", 20, 20), row("Z", "J3", 20, 20),            // 40 < min_score 50 of third
      row("X", "A1", 30, 30), row("Y", "A1", 30, 30),            // 60
      row("X", "ZZ", 30, 30),                                    // unknown entry: ignored
  };
  const Results results = compute_results(config, entries, scores);
  CHECK(results.method == Method::Mean);
  CHECK(results.severities.empty());
  CHECK(results.warnings.empty());
  REQUIRE(results.pools.size() == 3);

  // Quotas over pool sizes {4, 3}: first 2·4/7 = 1.14, 2·3/7 = 0.86 → 1, 0, the remaining place to
  // the larger fraction → 1, 1; second and third (count 2) the same.
  const PoolResult& primary = results.pools[0];
  CHECK(primary.kind == "student");
  CHECK(primary.group == "primary");
  CHECK_FALSE(primary.subject.has_value());
  CHECK(primary.entries == 4);  // P5 incomplete: not in the pool size
  CHECK(primary.quotas ==
        std::vector<std::pair<std::string, int>>{{"first", 1}, {"second", 1}, {"third", 1}});
  // P1 and P2 tie at 82.5, innovation 47.5 > 45 breaks it; P3 and P4 share rank 3 and, with
  // ties = share, both take the one third place.
  CHECK(lines(primary) == std::vector<Line>{{"P1", 82.5, 1, "first"},
                                            {"P2", 82.5, 2, "second"},
                                            {"P3", 70.0, 3, "third"},
                                            {"P4", 70.0, 3, "third"},
                                            {"P5", std::nullopt, std::nullopt, std::nullopt}});
  CHECK(primary.rows[0].tiebreak_values == std::vector<double>{47.5});
  CHECK(primary.rows[0].scores == 2);
  CHECK(primary.rows[0].raw_score == 82.5);
  CHECK(primary.rows[4].flags == std::vector<std::string>{"incomplete"});
  CHECK(primary.rows[4].scores == 1);
  CHECK_FALSE(primary.rows[4].raw_score.has_value());

  const PoolResult& junior = results.pools[1];
  CHECK(junior.group == "junior");
  CHECK(junior.entries == 3);
  CHECK(lines(junior) == std::vector<Line>{{"J2", 80.0, 1, "first"},
                                           {"J1", 75.0, 2, "second"},
                                           {"J3", 40.0, 3, std::nullopt}});  // below min_score
  CHECK(junior.rows[1].flags == std::vector<std::string>{"disagreement"});
  CHECK(junior.rows[0].flags.empty());

  const PoolResult& advisor = results.pools[2];
  CHECK(advisor.kind == "advisor");
  CHECK_FALSE(advisor.group.has_value());  // not split by group
  CHECK(advisor.entries == 1);
  CHECK(lines(advisor) == std::vector<Line>{{"A1", 60.0, 1, "first"},
                                            {"A2", std::nullopt, std::nullopt, std::nullopt}});
  CHECK(advisor.rows[1].scores == 0);
}

TEST_CASE("SPEC §8: pools by group and subject in config order — pools without active entries") {
  Config config = small_config();
  config.awards["student"].pool_by = {"group", "subject"};
  const std::vector<Entry> entries = {
      entry("B", "student", "junior", "PS"), entry("C", "student", "primary", "LS"),
      entry("D", "student", "primary", "PS"),
      entry("E", "student", "junior", "LS", EntryStatus::Disqualified)};  // no active entry
  const std::vector<ScoreRow> scores = {row("X", "B", 10, 10), row("Y", "B", 10, 10)};
  const Results results = compute_results(config, entries, scores);
  REQUIRE(results.pools.size() == 3);
  CHECK(results.pools[0].group == "primary");
  CHECK(results.pools[0].subject == "PS");
  CHECK(results.pools[1].group == "primary");
  CHECK(results.pools[1].subject == "LS");
  CHECK(results.pools[2].group == "junior");
  CHECK(results.pools[2].subject == "PS");
  CHECK(results.pools[0].entries == 0);  // only incomplete entries: listed, size 0
  CHECK(results.pools[0].rows[0].flags == std::vector<std::string>{"incomplete"});
  CHECK(results.pools[2].entries == 1);
  // All count places go to the only non-empty pool.
  CHECK(results.pools[2].quotas ==
        std::vector<std::pair<std::string, int>>{{"first", 2}, {"second", 2}, {"third", 2}});
  CHECK(results.pools[2].rows[0].tier == "first");
}

TEST_CASE("SPEC §7: ranking compares the score rounded to precision") {
  Config config = small_config();
  config.aggregation.precision = 0;
  config.tiebreak = {};
  const std::vector<Entry> entries = {entry("P1", "student", "primary"),
                                      entry("P2", "student", "primary")};
  const std::vector<ScoreRow> scores = {row("X", "P1", 40, 40.5), row("Y", "P1", 40, 40),   // 80.25
                                        row("X", "P2", 40, 39.5), row("Y", "P2", 40, 40)};  // 79.75
  const Results results = compute_results(config, entries, scores);
  const PoolResult& pool = results.pools[0];
  CHECK(lines(pool) == std::vector<Line>{{"P1", 80.0, 1, "first"}, {"P2", 80.0, 1, "first"}});
  CHECK(pool.rows[0].raw_score == 80.25);
  CHECK(pool.rows[1].raw_score == 79.75);
}

TEST_CASE("SPEC §7: a tiebreak mean is the exact mean of the raw scores, rounded half away") {
  // Innovation of A: 7.8, 5.1, 1.7, 2 → mean exactly 4.15 → 4.2 at precision 1 (the double sum
  // in this order is 16.599999999999998, whose mean 4.1499999999999995 would round to 4.1).
  // B: 4.2 four times. Both scores are 14.2, so A and B tie (rank 1, 1; listed by entry_id).
  Config config = small_config();
  config.aggregation.precision = 1;
  config.tiebreak = {"innovation"};
  const std::vector<Entry> entries = {entry("A", "student", "primary"),
                                      entry("B", "student", "primary")};
  const std::vector<ScoreRow> scores = {row("J1", "A", 7.8, 10), row("J2", "A", 5.1, 10),
                                        row("J3", "A", 1.7, 10), row("J4", "A", 2, 10.2),
                                        row("J1", "B", 4.2, 10), row("J2", "B", 4.2, 10),
                                        row("J3", "B", 4.2, 10), row("J4", "B", 4.2, 10)};
  const Results results = compute_results(config, entries, scores);
  const PoolResult& pool = results.pools[0];
  CHECK(lines(pool) == std::vector<Line>{{"A", 14.2, 1, "first"}, {"B", 14.2, 1, "first"}});
}

TEST_CASE("SPEC §6 severity: b per judge and kind — warn on a disconnected pool") {
  Config config = small_config();
  config.aggregation.method = Method::Mean;  // overridden below
  config.aggregation.severity_shrinkage = 0;
  const std::vector<Entry> entries = {
      entry("P1", "student", "primary"), entry("P2", "student", "primary"),
      entry("J1", "student", "junior"), entry("J2", "student", "junior")};
  // Primary: judges X, Y on P1 and W, V on P2 → two components. Junior: X, Y on both.
  const std::vector<ScoreRow> scores = {row("X", "P1", 40, 30), row("Y", "P1", 40, 20),   // 70, 60
                                        row("V", "P2", 50, 30), row("W", "P2", 50, 40),   // 80, 90
                                        row("X", "J1", 30, 30), row("Y", "J1", 30, 20),   // 60, 50
                                        row("X", "J2", 40, 40), row("Y", "J2", 40, 30)};  // 80, 70
  const Results results = compute_results(config, entries, scores, Method::Severity);
  CHECK(results.method == Method::Severity);
  REQUIRE(results.warnings.size() == 1);
  CHECK(results.warnings[0].find("student/primary") != std::string::npos);
  CHECK(results.warnings[0].find("2 connected components") != std::string::npos);
  // The kind graph has components {X, Y} (b = ±5) and {V, W} (b = ∓5).
  REQUIRE(results.severities.size() == 4);
  std::map<std::string, double> b;
  for (const JudgeSeverity& s : results.severities) {
    CHECK(s.kind == "student");
    b[s.judge_id] = s.severity;
  }
  CHECK(results.severities[0].judge_id == "V");  // by judge_id
  CHECK(b["X"] == Approx(5).margin(1e-12));
  CHECK(b["Y"] == Approx(-5).margin(1e-12));
  CHECK(b["V"] == Approx(-5).margin(1e-12));
  CHECK(b["W"] == Approx(5).margin(1e-12));
  CHECK(results.pools[0].rows[0].entry_id == "P2");
  CHECK(results.pools[0].rows[0].score == 85.0);
  CHECK(results.pools[0].rows[1].score == 65.0);
}

namespace {

/// Independent reading of SPEC §6–7 for `mean` and pools by group: per pool, the entries with at
/// least min_scores complete rows, sorted by (rounded mean, rounded innovation mean) descending,
/// then entry_id; competition ranks.
struct Expected {
  std::string entry_id;
  double score;
  int rank;
};

std::map<std::string, std::vector<Expected>> brute_force(const Config& config,
                                                         const std::vector<Entry>& entries,
                                                         const std::vector<ScoreRow>& scores) {
  std::map<std::string, std::vector<std::tuple<double, double, std::string>>> by_group;
  for (const Entry& e : entries) {
    if (!e.active()) continue;
    double sum = 0, innovation = 0;
    int n = 0;
    for (const ScoreRow& r : scores)
      if (r.entry_id == e.id && r.values[0] && r.values[1]) {
        sum += *r.values[0] + *r.values[1];
        innovation += *r.values[0];
        ++n;
      }
    if (n < config.aggregation.min_scores) continue;
    by_group[e.group].emplace_back(std::round(sum / n * 100) / 100,
                                   std::round(innovation / n * 100) / 100, e.id);
  }
  std::map<std::string, std::vector<Expected>> out;
  for (auto& [group, list] : by_group) {
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
      if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) > std::get<0>(b);
      if (std::get<1>(a) != std::get<1>(b)) return std::get<1>(a) > std::get<1>(b);
      return std::get<2>(a) < std::get<2>(b);
    });
    for (std::size_t i = 0; i < list.size(); ++i) {
      int rank = static_cast<int>(i) + 1;
      for (std::size_t k = 0; k < i; ++k)
        if (std::get<0>(list[k]) == std::get<0>(list[i]) &&
            std::get<1>(list[k]) == std::get<1>(list[i])) {
          rank = static_cast<int>(k) + 1;
          break;
        }
      out[group].push_back(Expected{std::get<2>(list[i]), std::get<0>(list[i]), rank});
    }
  }
  return out;
}

}  // namespace

TEST_CASE("SPEC §6–8: compute_results agrees with a brute-force reading on random competitions") {
  std::mt19937 rng(2021);
  for (int round = 0; round < 30; ++round) {
    Config config = small_config();
    config.tiebreak = {"innovation"};
    config.aggregation.min_scores = 3;
    std::vector<Entry> entries;
    std::vector<ScoreRow> scores;
    std::uniform_int_distribution<int> coarse(0, 3), judge(0, 5), status(0, 9);
    for (int i = 0; i < 40; ++i) {
      const std::string id = "E" + std::to_string(100 - i);
      entries.push_back(entry(id, "student", i % 3 == 0 ? "junior" : "primary", "PS",
                              status(rng) == 0 ? EntryStatus::Withdrawn : EntryStatus::Active));
      const int judges = 2 + coarse(rng);
      for (int j = 0; j < judges; ++j) {
        // coarse scores make ties common; some rows are left incomplete
        const double innovation = 40 + 5 * coarse(rng), rigor = 25 + 5 * coarse(rng);
        scores.push_back(row("J" + std::to_string(j), id, innovation,
                             status(rng) == 0 ? std::nullopt : std::optional<double>(rigor)));
      }
    }
    const Results results = compute_results(config, entries, scores);
    const auto expected = brute_force(config, entries, scores);
    REQUIRE(results.pools.size() == 2);
    int quota_first = 0;
    for (const PoolResult& pool : results.pools) {
      const auto& want =
          expected.count(*pool.group) ? expected.at(*pool.group) : std::vector<Expected>{};
      REQUIRE(pool.entries == static_cast<int>(want.size()));
      for (std::size_t i = 0; i < want.size(); ++i) {
        CHECK(pool.rows[i].entry_id == want[i].entry_id);
        CHECK(pool.rows[i].score == want[i].score);
        CHECK(pool.rows[i].rank == want[i].rank);
        // tiers never get worse going up the ranking, and tied entries share a tier
        if (i > 0 && pool.rows[i].rank == pool.rows[i - 1].rank)
          CHECK(pool.rows[i].tier == pool.rows[i - 1].tier);
      }
      for (std::size_t i = want.size(); i < pool.rows.size(); ++i) {
        CHECK_FALSE(pool.rows[i].rank.has_value());
        CHECK_FALSE(pool.rows[i].tier.has_value());
        if (i > want.size()) CHECK(pool.rows[i - 1].entry_id < pool.rows[i].entry_id);
      }
      quota_first += pool.quotas[0].second;
    }
    CHECK(quota_first == 2);  // count tiers: all places apportioned
  }
}
