/// SPEC §14 through the real executable: `jury rejudge` on a hand-worked competition (which
/// entries, how many judgings, the §5 rules, the state it needs, what it stores), and connected
/// pools in `jury assign` on the sample.

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli_runner.hpp"
#include "engine/sha256.hpp"

using namespace jury::testing;

namespace {

using Pair = std::pair<std::string, std::string>;  // judge_id, entry_id

void run_ok(const Scratch& s, const std::string& args) {
  const auto result = s.jury(args);
  INFO(args << "\n" << result.err);
  REQUIRE(result.exit_code == 0);
}

/// `jury export assignments` as (judge, entry) pairs, in the file's order.
std::vector<Pair> exported_pairs(const Scratch& s) {
  run_ok(s, "export assignments pairs.csv");
  std::istringstream in(read_text(s.path("pairs.csv")));
  std::vector<Pair> pairs;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto comma = line.find(',');
    if (comma != std::string::npos)
      pairs.emplace_back(line.substr(0, comma), line.substr(comma + 1));
  }
  return pairs;
}

std::set<std::string> judges_of(const std::vector<Pair>& pairs, const std::string& entry) {
  std::set<std::string> judges;
  for (const auto& [judge, e] : pairs)
    if (e == entry) judges.insert(judge);
  return judges;
}

/// Everything observable about the state, to prove a refused command changed nothing.
std::string state_of(const Scratch& s) {
  run_ok(s, "export assignments state.csv");
  return s.jury("status --json").out + s.jury("audit --json").out + read_text(s.path("state.csv"));
}

// The hand-worked competition: six entries of one pool, k = 2, method `mean`, tiers first 1 and
// second 1. J1–J6 (capacity 2 each in the judges file) hold all 12 first judgings; J7 and J8
// (life science, the default capacity) come later, J8 working at E3's school; J9 later still.
const char* const kConfig = R"({
  "competition": {"id": "rj", "name": "rejudge", "year": 2021},
  "groups": [{"id": "primary", "label": "小学"}],
  "subjects": [{"id": "PS", "label": "物质科学"}, {"id": "LS", "label": "生命科学"}],
  "kinds": [{"id": "student", "label": "学生", "rubric": "r", "max_students": 2, "max_advisors": 2}],
  "rubrics": {"r": {"criteria": [{"id": "a", "label": "A", "max": 100}], "step": 1}},
  "judging": {"judges_per_entry": 2, "conflicts": ["school"]},
  "aggregation": {"method": "mean", "min_scores": 2},
  "awards": {"student": {"pool_by": [], "tiers": [{"id": "first", "label": "一等奖", "count": 1},
                                                  {"id": "second", "label": "二等奖", "count": 1}]}}
})";

const char* const kEntries =
    "entry_id,kind,group,subject,title,school,students\n"
    "E1,student,primary,PS,一,S1,甲\nE2,student,primary,PS,二,S2,乙\n"
    "E3,student,primary,PS,三,S3,丙\nE4,student,primary,PS,四,S4,丁\n"
    "E5,student,primary,PS,五,S5,戊\nE6,student,primary,PS,六,S6,己\n";

const std::string kFirstJudges =
    "judge_id,name,affiliation,expertise,max_load\n"
    "J1,甲一,大学,,2\nJ2,甲二,大学,,2\nJ3,甲三,大学,,2\n"
    "J4,甲四,大学,,2\nJ5,甲五,大学,,2\nJ6,甲六,大学,,2\n";
const std::string kMoreJudges = kFirstJudges + "J7,乙七,研究所,LS,\nJ8,乙八,S3,LS,\n";

/// The long score layout: each entry's judges in judge_id order get the entry's scores in order.
void import_scores(const Scratch& s, const std::map<std::string, std::vector<int>>& scores,
                   const std::vector<Pair>& only) {
  std::string text = "judge_id,entry_id,criterion,score\n";
  for (const auto& [entry, values] : scores) {
    std::vector<std::string> judges;
    for (const auto& [judge, e] : only)
      if (e == entry) judges.push_back(judge);
    std::sort(judges.begin(), judges.end());
    REQUIRE(judges.size() == values.size());
    for (std::size_t i = 0; i < judges.size(); ++i)
      text += judges[i] + "," + entry + ",a," + std::to_string(values[i]) + "\n";
  }
  write_text(s.path("scores.csv"), text);
  run_ok(s, "import scores scores.csv");
}

/// Assigned and scored: E1 83, E2 81, E3 79, E4 70, E5 60, E6 50 (each ±1), so σ = √(12/6),
/// SE = 1 for every entry; E1 first, E2 second; boundaries 82 and 80.
std::vector<Pair> scored_competition(const Scratch& s) {
  write_text(s.path("c.json"), kConfig);
  write_text(s.path("entries.csv"), kEntries);
  write_text(s.path("judges.csv"), kFirstJudges);
  run_ok(s, "init c.json");
  run_ok(s, "import entries entries.csv");
  run_ok(s, "import judges judges.csv");
  run_ok(s, "assign");
  const std::vector<Pair> pairs = exported_pairs(s);
  REQUIRE(pairs.size() == 12);
  import_scores(s,
                {{"E1", {82, 84}},
                 {"E2", {80, 82}},
                 {"E3", {78, 80}},
                 {"E4", {69, 71}},
                 {"E5", {59, 61}},
                 {"E6", {49, 51}}},
                pairs);
  write_text(s.path("judges.csv"), kMoreJudges);
  run_ok(s, "import judges judges.csv");
  return pairs;
}

std::vector<Pair> minus(const std::vector<Pair>& after, const std::vector<Pair>& before) {
  std::vector<Pair> added;
  for (const Pair& pair : after)
    if (std::find(before.begin(), before.end(), pair) == before.end()) added.push_back(pair);
  return added;
}

nlohmann::json status_json(const Scratch& s) {
  const auto result = s.jury("status --json");
  REQUIRE(result.exit_code == 0);
  return nlohmann::json::parse(result.out);
}

}  // namespace

TEST_CASE("SPEC §14 rejudge: refused (exit 3) before the scores and after the award") {
  Scratch s("rejudge-state");
  write_text(s.path("c.json"), kConfig);
  write_text(s.path("entries.csv"), kEntries);
  write_text(s.path("judges.csv"), kMoreJudges);
  run_ok(s, "init c.json");
  run_ok(s, "import entries entries.csv");
  run_ok(s, "import judges judges.csv");
  run_ok(s, "assign");
  const std::string before = state_of(s);
  const auto early = s.jury("rejudge");
  CHECK(early.exit_code == 3);
  CHECK(early.err.find("no complete scores yet") != std::string::npos);
  CHECK(state_of(s) == before);

  Scratch t("rejudge-awarded");
  scored_competition(t);
  run_ok(t, "award");
  const auto late = t.jury("rejudge");
  CHECK(late.exit_code == 3);
  CHECK(late.err.find("`rejudge` is refused") != std::string::npos);
}

TEST_CASE("SPEC §14 rejudge: --budget and --extra that are no numbers are usage errors") {
  Scratch s("rejudge-usage");
  scored_competition(s);
  const std::string before = state_of(s);
  CHECK(s.jury("rejudge --budget abc").exit_code == 1);
  CHECK(s.jury("rejudge --budget -0.1").exit_code == 1);
  CHECK(s.jury("rejudge --extra 0").exit_code == 1);
  CHECK(state_of(s) == before);
}

TEST_CASE("SPEC §14 rejudge: defaults F = 0.3, M = 2 on the hand-worked competition") {
  Scratch s("rejudge-defaults");
  const std::vector<Pair> first = scored_competition(s);
  const auto result = s.jury("rejudge");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  // Σ k = 12 judgings, ⌊0.3 · 12⌋ = 3: one entry with 2 more judges, 1 place stays unspent. E2
  // lies 1 SE from both boundaries (E1 and E3 from one each); J1–J6 are full, so E2 gets J7 and
  // J8. Objective: J1–J6 at load 2 (6 × 1), J7 and J8 out of their expertise (2 × 10).
  CHECK(result.out ==
        "rejudge (seed 0): 1 entry gets 2 more judges, 2 new judgings; objective 26\n"
        "  budget 0.3 × 12 judgings = 3; 0 added before, 2 now, 1 left\n"
        "  entries, least certain first: E2\n"
        "  export the score sheets again (`jury export sheets DIR`) for the new judges; `jury "
        "status` shows the scores they owe\n");
  const std::vector<Pair> added = minus(exported_pairs(s), first);
  CHECK(added == std::vector<Pair>{{"J7", "E2"}, {"J8", "E2"}});

  // Stored like any assignment: owed in `status`, on the sheets, and award waits for them.
  const auto status = status_json(s);
  CHECK(status["assignments"] == 14);
  CHECK(status["owed_scores"] == 2);
  CHECK(status["kinds"][0]["missing_scores"] == 2);
  CHECK(status["kinds"][0]["open_places"] == 0);
  run_ok(s, "export sheets sheets");
  const std::string sheet = read_text(s.path("sheets/J7-student.csv"));
  CHECK(sheet.find("J7,E2,二,,,") != std::string::npos);
  CHECK(s.jury("award").exit_code == 3);
  // A second call while the new judges owe their scores is refused: the choice needs them.
  const auto owed = s.jury("rejudge");
  CHECK(owed.exit_code == 3);
  CHECK(owed.err.find("the round's scores are not complete: 2 score(s) still owed") !=
        std::string::npos);

  const auto audit = s.jury("audit").out;
  CHECK(audit.find("rejudge --budget 0.3 --extra 2 --seed 0") != std::string::npos);
  CHECK(audit.find("added: J7/E2, J8/E2") != std::string::npos);

  // Chinese messages.
  Scratch z("rejudge-zh");
  scored_competition(z);
  const auto zh = z.jury("--lang zh rejudge");
  REQUIRE(zh.exit_code == 0);
  CHECK(zh.out ==
        "复评（种子 0）：1 件作品各追加 2 位评委，新增 2 份评审；目标值 26\n"
        "  预算 0.3 × 12 份评审 = 3；此前已追加 0，本次 2，剩余 1\n"
        "  作品（最不确定的在前）：E2\n"
        "  请为新增评委重新导出评分表（`jury export sheets DIR`）；`jury status` "
        "列出他们尚欠的评分\n");
  CHECK(zh.out.find("entries, least certain first") == std::string::npos);
}

TEST_CASE("SPEC §14 rejudge: the budget is cumulative, §5 rules hold and infeasible exits 4") {
  Scratch s("rejudge-cumulative");
  scored_competition(s);
  run_ok(s, "rejudge");
  const std::vector<Pair> pairs = exported_pairs(s);
  import_scores(s, {{"E2", {80, 82, 80, 80}}}, pairs);  // E2 80.5 on four judgings

  // ⌊0.3 · 12⌋ = 3 and 2 are spent: nothing more, nothing changed.
  const std::string before = state_of(s);
  const auto spent = s.jury("rejudge");
  REQUIRE(spent.exit_code == 0);
  CHECK(spent.out ==
        "rejudge: no entry gets more judges (budget 0.3 × 12 judgings = 3; 2 added before, 0 now, "
        "1 left)\n");
  CHECK(state_of(s) == before);

  // ⌊0.4 · 12⌋ = 4: one entry more. Boundaries now 81.75 and 79.75, σ² = 13 / (14 − 6): E3 is
  // 0.75 / √(13/16) ≈ 0.83 SE away, E2 0.75 / √(13/32) ≈ 1.18, E1 1.25 / √(13/16) ≈ 1.39. E3
  // cannot get 2 more judges: J1–J6 are full, J8 works at its school, only J7 has room.
  const auto short_of_judges = s.jury("rejudge --budget 0.4");
  CHECK(short_of_judges.exit_code == 4);
  CHECK(short_of_judges.err.find("E3") != std::string::npos);
  CHECK(short_of_judges.err.find("nothing changed") != std::string::npos);
  CHECK(state_of(s) == before);

  // J9 (all subjects) joins: E3 gets J9 (no cost) and J7 (out of expertise, load 1 → 2). The
  // default capacity is recomputed with the added judgings: ⌈6 · 16 / (5 · 9)⌉ = 3.
  write_text(s.path("judges.csv"), kMoreJudges + "J9,丙九,研究所,,\n");
  run_ok(s, "import judges judges.csv");
  const auto result = s.jury("rejudge --budget 0.4");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out ==
        "rejudge (seed 0): 1 entry gets 2 more judges, 2 new judgings; objective 37\n"
        "  budget 0.4 × 12 judgings = 4; 2 added before, 2 now, 0 left\n"
        "  entries, least certain first: E3\n"
        "  export the score sheets again (`jury export sheets DIR`) for the new judges; `jury "
        "status` shows the scores they owe\n");
  const std::vector<Pair> after = exported_pairs(s);
  CHECK(minus(after, pairs) == std::vector<Pair>{{"J7", "E3"}, {"J9", "E3"}});

  // §5 over the whole round: no judge twice on an entry, J8 never on E3 (its school), every
  // load within capacity (J1–J6: 2 from the judges file; the others 3).
  const std::set<Pair> distinct(after.begin(), after.end());
  CHECK(distinct.size() == after.size());
  CHECK(judges_of(after, "E3").count("J8") == 0);
  std::map<std::string, int> load;
  for (const auto& [judge, entry] : after) ++load[judge];
  for (const auto& [judge, n] : load) {
    INFO(judge);
    CHECK(n <= (judge.size() == 2 && judge < "J7" ? 2 : 3));
  }
  CHECK(load.at("J7") == 2);
  CHECK(judges_of(after, "E2").size() == 4);
  CHECK(judges_of(after, "E3").size() == 4);
  const auto status = status_json(s);
  CHECK(status["owed_scores"] == 2);
}

namespace {

/// The sample's config with `aggregation.method` severity (the sample uses trimmed-mean) and
/// `extra` put first into `judging`.
std::string severity_sample_config(const std::string& extra = "") {
  std::string config = read_text(fixture("jingzhou-2021/competition.json"));
  const auto method = config.find("\"trimmed-mean\"");
  REQUIRE(method != std::string::npos);
  config.replace(method, 14, "\"severity\"");
  const auto judging = config.find("\"judging\"");
  REQUIRE(judging != std::string::npos);
  config.insert(config.find('{', judging) + 1, extra);
  return config;
}

}  // namespace

TEST_CASE("SPEC §14 connected pools: assign with severity connects every pool of the sample") {
  Scratch s("connect-sample");
  write_text(s.path("c.json"), severity_sample_config());
  run_ok(s, "init c.json");
  CHECK(s.jury("config show").out.find("\"connect\": true") != std::string::npos);
  run_ok(s, "import entries " + fixture("jingzhou-2021/entries.csv"));
  run_ok(s, "import judges " + fixture("jingzhou-2021/judges.csv"));
  const auto result = s.jury("assign");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  // The §5 optimum leaves the advisor pool in 5 components and the junior pool in 2; five
  // exchanges join them, one of them moving a judge out of his expertise (+10).
  CHECK(result.out ==
        "assignment (seed 0): 0 kept, 0 dropped, 1660 added; objective 27257 (§5 optimum 27247 + "
        "10 for connecting the pools)\n"
        "  pool advisor: 5 connected components, 1 after 4 exchange(s) of judges\n"
        "  pool student/junior: 2 connected components, 1 after 1 exchange(s) of judges\n");
  const auto audit = s.jury("audit").out;
  CHECK(audit.find("exchange in student/junior: ") != std::string::npos);

  // Every pool's judge–entry graph is one component, by union–find over the exported pairs
  // (pools as the sample's config splits them: students by group, advisors as one pool).
  std::map<std::string, std::string> pool_of;  // entry → pool
  {
    std::istringstream in(read_text(fixture("jingzhou-2021/entries.csv")));
    std::string line;
    std::getline(in, line);  // header: entry_id,kind,group,…
    while (std::getline(in, line)) {
      std::vector<std::string> cells;
      std::istringstream row(line);
      for (std::string cell; cells.size() < 3 && std::getline(row, cell, ',');)
        cells.push_back(cell);
      if (cells.size() == 3)
        pool_of[cells[0]] = cells[1] == "student" ? "student/" + cells[2] : cells[1];
    }
  }
  std::map<std::string, std::string> parent;  // union–find over "j:" judges and "e:" entries
  const auto find = [&](std::string x) {
    while (parent.count(x) && parent[x] != x) x = parent[x];
    return x;
  };
  const std::vector<Pair> pairs = exported_pairs(s);
  std::map<std::string, std::vector<Pair>> by_pool;
  for (const Pair& pair : pairs) by_pool[pool_of.at(pair.second)].push_back(pair);
  CHECK(by_pool.size() == 4);
  for (const auto& [pool, pool_pairs] : by_pool) {
    parent.clear();
    for (const auto& [judge, entry] : pool_pairs) {
      const std::string j = pool + " j:" + judge, e = "e:" + entry;
      if (!parent.count(j)) parent[j] = j;
      if (!parent.count(e)) parent[e] = e;
      parent[find(j)] = find(e);
    }
    std::set<std::string> roots;
    for (const auto& [node, up] : parent) roots.insert(find(node));
    INFO(pool);
    CHECK(roots.size() == 1);
  }
}

TEST_CASE(
    "SPEC §14 connected pools: judging.connect false keeps the §5 assignment byte-identical") {
  // SHA-256 of `export assignments` of the sample before `judging.connect` existed, seeds 0, 7.
  // (The method does not enter §5: the same digests with severity.)
  const std::map<int, std::string> before{
      {0, "edd5315fe66f1e4f83e75430010f1e9c07c71063ffe7b6713fe240975d956bcd"},
      {7, "56b79aa8953dd1e31d589aada5b3e0f10b352c5dac258fad5c93e4a52399631f"}};
  const std::string config = severity_sample_config("\"connect\": false, ");
  for (const auto& [seed, digest] : before) {
    Scratch s("connect-off-" + std::to_string(seed));
    write_text(s.path("c.json"), config);
    run_ok(s, "init c.json");
    CHECK(s.jury("config show").out.find("\"connect\": false") != std::string::npos);
    run_ok(s, "import entries " + fixture("jingzhou-2021/entries.csv"));
    run_ok(s, "import judges " + fixture("jingzhou-2021/judges.csv"));
    const auto result = s.jury("assign --seed " + std::to_string(seed));
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("objective 27247\n") != std::string::npos);
    run_ok(s, "export assignments a.csv");
    CHECK(jury::sha256_hex(read_text(s.path("a.csv"))) == digest);
  }
}

namespace {

/// The sample's entries: entry_id → (kind, number in the file from 0).
std::map<std::string, std::pair<std::string, int>> sample_entries() {
  std::map<std::string, std::pair<std::string, int>> entries;
  std::istringstream in(read_text(fixture("jingzhou-2021/entries.csv")));
  std::string line;
  std::getline(in, line);  // header: entry_id,kind,…
  for (int number = 0; std::getline(in, line); ++number) {
    const auto first = line.find(','), second = line.find(',', first + 1);
    if (second != std::string::npos)
      entries[line.substr(0, first)] = {line.substr(first + 1, second - first - 1), number};
  }
  return entries;
}

/// Scores for `pairs` in the long layout: entry number n has the fraction 0.45 + 0.45 · (37n mod
/// 101) / 100 of each criterion's max, the judge adding −0.06 … +0.06 by (13j + 7n) mod 5;
/// whole numbers (every step of the sample divides 1).
void score_sample_pairs(
    const Scratch& s, const std::vector<Pair>& pairs,
    const std::map<std::string, std::vector<std::pair<std::string, int>>>& criteria_of_kind) {
  const auto entries = sample_entries();
  std::string text = "judge_id,entry_id,criterion,score\n";
  for (const auto& [judge, entry] : pairs) {
    const auto& [kind, n] = entries.at(entry);
    const int j = std::stoi(judge.substr(1));
    const double fraction =
        0.45 + 0.45 * ((37 * n) % 101) / 100.0 + 0.03 * ((13 * j + 7 * n) % 5 - 2);
    for (const auto& [criterion, max] : criteria_of_kind.at(kind))
      text += judge + "," + entry + "," + criterion + "," +
              std::to_string(static_cast<int>(std::lround(fraction * max))) + "\n";
  }
  write_text(s.path("scores.csv"), text);
  run_ok(s, "import scores scores.csv");
}

const std::map<std::string, std::vector<std::pair<std::string, int>>> kPrelimRubrics{
    {"student", {{"innovation", 40}, {"rigor", 30}, {"practicality", 20}, {"presentation", 10}}},
    {"advisor", {{"innovation", 35}, {"rigor", 25}, {"practicality", 25}, {"reach", 15}}}};
const std::vector<std::pair<std::string, int>> kDefence{
    {"innovation", 30}, {"rigor", 30}, {"practicality", 20}, {"defence", 20}};
const std::map<std::string, std::vector<std::pair<std::string, int>>> kFinalRubrics{
    {"student", kDefence}, {"advisor", kDefence}};

/// The scores the current round's judges owe, over the kinds of `status --json`.
int owed_scores(const Scratch& s) {
  int owed = 0;
  const nlohmann::json status = status_json(s);
  for (const auto& kind : status["kinds"]) owed += kind["missing_scores"].get<int>();
  return owed;
}

/// Entries of `pairs` with more than `k` pairs: those re-judging gave more places.
std::map<std::string, int> beyond_k(const std::vector<Pair>& pairs, int k) {
  std::map<std::string, int> count;
  for (const auto& [judge, entry] : pairs) ++count[entry];
  std::erase_if(count, [&](const auto& item) { return item.second <= k; });
  return count;
}

}  // namespace

TEST_CASE(
    "SPEC §14 rejudge per round (two-round sample): the prelim's judgings and boundaries, "
    "`assign --reshuffle` keeps the places, then the final's") {
  Scratch s("rejudge-rounds");
  run_ok(s, "init " + fixture("jingzhou-2021/competition-rounds.json"));
  run_ok(s, "import entries " + fixture("jingzhou-2021/entries.csv"));
  run_ok(s, "import judges " + fixture("jingzhou-2021/judges.csv"));
  run_ok(s, "assign");
  const std::vector<Pair> prelim = exported_pairs(s);
  REQUIRE(prelim.size() % 3 == 0);  // k = 3 in the prelim
  // SPEC §9 status, §12 per round: the prelim's pairs are owed (332 entries × k 3), not the
  // final's (none yet).
  CHECK(status_json(s)["owed_scores"] == 996);
  const auto entrants = static_cast<int>(prelim.size() / 3);
  score_sample_pairs(s, prelim, kPrelimRubrics);

  // Σ k = 3 · entrants; ⌊0.1 · Σ k⌋ places, 2 per entry.
  const int allowance = 3 * entrants / 10;
  const int chosen = allowance / 2;
  const auto result = s.jury("rejudge --budget 0.1");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.starts_with("round prelim: rejudge (seed 0): " + std::to_string(chosen) +
                               " entries get 2 more judges each, " + std::to_string(2 * chosen) +
                               " new judgings; objective "));
  CHECK(result.out.find("\n  budget 0.1 × " + std::to_string(3 * entrants) +
                        " judgings = " + std::to_string(allowance) + "; 0 added before, " +
                        std::to_string(2 * chosen) + " now, " +
                        std::to_string(allowance - 2 * chosen) + " left\n") != std::string::npos);
  const std::vector<Pair> after = exported_pairs(s);
  const std::vector<Pair> added = minus(after, prelim);
  CHECK(added.size() == static_cast<std::size_t>(2 * chosen));
  const std::map<std::string, int> rejudged = beyond_k(after, 3);
  CHECK(rejudged.size() == static_cast<std::size_t>(chosen));
  for (const auto& [entry, count] : rejudged) {
    INFO(entry);
    CHECK(count == 5);
    CHECK(judges_of(after, entry).size() == 5);  // never a judge already on the entry
  }
  // The SPEC's minimum: every entry flagged `close` in the prelim (within 1 SE of a boundary
  // of its pool: `advance`, the prelim's tier third, none) is among the chosen, which the
  // message lists; here they are fewer than the places.
  const auto results = nlohmann::json::parse(s.jury("results --json").out);
  std::set<std::string> close;
  for (const auto& row : results["results"]) {
    const auto& flags = row["flags"];
    if (std::find(flags.begin(), flags.end(), "close") != flags.end())
      close.insert(row["entry_id"]);
  }
  CHECK_FALSE(close.empty());
  CHECK(close.size() < rejudged.size());
  for (const std::string& entry : close) {
    INFO(entry);
    CHECK(rejudged.count(entry) == 1);
  }
  for (const auto& [entry, count] : rejudged) CHECK(result.out.find(entry) != std::string::npos);
  CHECK(owed_scores(s) == 2 * chosen);

  // SPEC §5 --reshuffle recomputes the unscored pairs; the places re-judging added stay (the
  // round's plan and its budget), on the same entries.
  run_ok(s, "assign --reshuffle --seed 3");
  const std::vector<Pair> reshuffled = exported_pairs(s);
  CHECK(reshuffled.size() == after.size());
  CHECK(beyond_k(reshuffled, 3) == rejudged);
  for (const Pair& pair : prelim)
    CHECK(std::find(reshuffled.begin(), reshuffled.end(), pair) != reshuffled.end());
  CHECK(owed_scores(s) == 2 * chosen);
  // A plain assign changes nothing now; the budget stays spent.
  const auto again = s.jury("assign");
  REQUIRE(again.exit_code == 0);
  CHECK(again.out.find(" 0 dropped, 0 added;") != std::string::npos);
  CHECK(exported_pairs(s) == reshuffled);

  score_sample_pairs(s, minus(reshuffled, prelim), kPrelimRubrics);
  const auto spent = s.jury("rejudge --budget 0.1");
  REQUIRE(spent.exit_code == 0);
  CHECK(spent.out.find("rejudge: no entry gets more judges") != std::string::npos);

  // The final: its own judgings (k = 5 over its entrants), its own boundaries (first and
  // second are decided there); the prelim's pairs stay as they were.
  run_ok(s, "advance");
  run_ok(s, "assign");
  const std::vector<Pair> final_pairs = exported_pairs(s);
  REQUIRE(final_pairs.size() % 5 == 0);
  const auto finalists = static_cast<int>(final_pairs.size() / 5);
  score_sample_pairs(s, final_pairs, kFinalRubrics);
  const auto final_result = s.jury("rejudge --budget 0.05 --extra 1");
  INFO(final_result.err);
  REQUIRE(final_result.exit_code == 0);
  const int final_allowance = 5 * finalists / 20;
  CHECK(final_result.out.starts_with(
      "round final: rejudge (seed 0): " + std::to_string(final_allowance) +
      " entries get 1 more judges each, "));
  CHECK(final_result.out.find("budget 0.05 × " + std::to_string(5 * finalists) +
                              " judgings = " + std::to_string(final_allowance) +
                              "; 0 added before, ") != std::string::npos);
  const std::vector<Pair> final_after = exported_pairs(s);
  CHECK(minus(final_after, final_pairs).size() == static_cast<std::size_t>(final_allowance));
  CHECK(beyond_k(final_after, 5).size() == static_cast<std::size_t>(final_allowance));
  run_ok(s, "export assignments prelim.csv --round prelim");  // the prelim's pairs as they were
  const std::string prelim_text = read_text(s.path("prelim.csv"));
  CHECK(std::count(prelim_text.begin(), prelim_text.end(), '\n') ==
        static_cast<std::ptrdiff_t>(reshuffled.size() + 1));
  for (const auto& [judge, entry] : reshuffled)
    CHECK(prelim_text.find("\n" + judge + "," + entry + "\r\n") != std::string::npos);
  const auto audit = s.jury("audit").out;
  CHECK(audit.find("rejudge --budget 0.05 --extra 1 --seed 0") != std::string::npos);
}
