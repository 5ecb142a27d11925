/// `jury assign` end to end (SPEC §5): infeasibility, incremental runs after a withdrawal or a
/// recusal, --reshuffle, and determinism — driven through the real executable.

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli_runner.hpp"

using namespace jury::testing;

namespace {

using Pair = std::pair<std::string, std::string>;  // judge_id, entry_id

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

/// The pairs of `jury export assignments`, checking its header on the way.
std::set<Pair> exported_pairs(const Scratch& s) {
  REQUIRE(s.jury("export assignments pairs.csv").exit_code == 0);
  const auto lines = lines_of(read_text(s.path("pairs.csv")));
  REQUIRE_FALSE(lines.empty());
  CHECK(lines[0] == "judge_id,entry_id");
  std::set<Pair> pairs;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto comma = lines[i].find(',');
    REQUIRE(comma != std::string::npos);
    pairs.emplace(lines[i].substr(0, comma), lines[i].substr(comma + 1));
  }
  return pairs;
}

std::map<std::string, int> judges_per_entry(const std::set<Pair>& pairs) {
  std::map<std::string, int> count;
  for (const auto& [judge, entry] : pairs) ++count[entry];
  return count;
}

/// Everything observable about the state, to prove a refused command changed nothing.
std::string state_of(const Scratch& s) {
  REQUIRE(s.jury("export assignments state.csv").exit_code == 0);
  return s.jury("status --json").out + s.jury("audit --json").out + read_text(s.path("state.csv"));
}

void run_ok(const Scratch& s, const std::string& args) {
  const auto result = s.jury(args);
  INFO(args << "\n" << result.err);
  REQUIRE(result.exit_code == 0);
}

void init_sample(const Scratch& s) {
  run_ok(s, "init " + fixture("jingzhou-2021/competition.json"));
  run_ok(s, "import entries " + fixture("jingzhou-2021/entries.csv"));
  run_ok(s, "import judges " + fixture("jingzhou-2021/judges.csv"));
}

/// The files of a tiny competition: k = 3, one student kind, conflicts by school.
void write_tiny(const Scratch& s, const std::string& judges_csv, const std::string& extra = "") {
  write_text(s.path("c.json"), R"({
    "competition": {"id": "t", "name": "tiny", "year": 2021},
    "groups": [{"id": "primary", "label": "小学"}],
    "subjects": [{"id": "PS", "label": "物质科学"}],
    "kinds": [{"id": "student", "label": "学生", "rubric": "r", "max_students": 2, "max_advisors": 2}],
    "rubrics": {"r": {"criteria": [{"id": "a", "label": "A", "max": 10}]}},
    "judging": {"judges_per_entry": 3, "conflicts": ["school"])" +
                                   extra + R"(},
    "awards": {"student": {"tiers": [{"id": "first", "label": "一等奖", "count": 1}]}}
  })");
  write_text(s.path("entries.csv"),
             "entry_id,kind,group,subject,title,school,students\n"
             "E1,student,primary,PS,一,荆州中学,甲\n"
             "E2,student,primary,PS,二,沙市中学,乙\n");
  write_text(s.path("judges.csv"), judges_csv);
}

/// The tiny competition created with its entries and judges.
void init_tiny(const Scratch& s, const std::string& judges_csv, const std::string& extra = "") {
  write_tiny(s, judges_csv, extra);
  run_ok(s, "init c.json");
  run_ok(s, "import entries entries.csv");
  run_ok(s, "import judges judges.csv");
}

/// The sample's judges file with an `active` column: `withdrawn` answers no, the others yes.
std::string judges_with_active(const std::string& withdrawn) {
  std::string out;
  bool header = true;
  for (const auto& line : lines_of(read_text(fixture("jingzhou-2021/judges.csv")))) {
    if (line.empty()) continue;
    const bool gone = line.rfind(withdrawn + ",", 0) == 0;
    out += line + (header ? ",active" : gone ? ",no" : ",yes") + "\n";
    header = false;
  }
  return out;
}

/// `jury assign` refused (SPEC §10 exit 3: nothing to assign yet) with `english` in English
/// and `chinese` in Chinese, and the state unchanged.
void check_assign_refused(const Scratch& s, const std::string& english,
                          const std::string& chinese) {
  const std::string before = state_of(s);
  const auto en = s.jury("--lang en assign");
  CHECK(en.exit_code == 3);
  CHECK(en.out.empty());
  CHECK(en.err == "jury: " + english + "\n");
  const auto zh = s.jury("--lang zh assign");
  CHECK(zh.exit_code == 3);
  CHECK(zh.err == "jury: " + chinese + "\n");
  CHECK(state_of(s) == before);
}

}  // namespace

TEST_CASE("SPEC §5 infeasible: too few judges for k exits 4, names the entries, changes nothing") {
  Scratch s("assign-few-judges");
  init_tiny(s, "judge_id,name,affiliation\nJ1,张老师,大学\nJ2,王老师,研究所\n");
  const std::string before = state_of(s);
  const auto result = s.jury("assign");
  CHECK(result.exit_code == 4);
  CHECK(result.err.find("E1: only 2 eligible judges, 3 needed") != std::string::npos);
  CHECK(result.err.find("E2: only 2 eligible judges, 3 needed") != std::string::npos);
  CHECK(result.err.find("nothing changed") != std::string::npos);
  CHECK(state_of(s) == before);
}

TEST_CASE("SPEC §5 infeasible: every judge conflicted for one entry exits 4 and says why") {
  Scratch s("assign-all-conflicted");
  // School names that differ only by full-width letters and spaces still conflict (NFKC, inner
  // whitespace removed).
  init_tiny(s,
            "judge_id,name,affiliation\nJ1,张老师,荆州 中学\nJ2,王老师,荆州中学\n"
            "J3,李老师,荆州中学　\nJ4,赵老师,大学\n");
  const std::string before = state_of(s);
  const auto result = s.jury("assign");
  CHECK(result.exit_code == 4);
  CHECK(result.err.find("E1: only 1 eligible judge (3 conflicted by school), 3 needed") !=
        std::string::npos);
  CHECK(result.err.find("E2:") == std::string::npos);
  CHECK(state_of(s) == before);
  const auto explain = s.jury("assign --explain E1");
  CHECK(explain.exit_code == 0);
  CHECK(explain.out.find("3 judges needed, 0 assigned so far:\n"
                         "Only 1 judge can take its 3 open places: `jury assign` fails until "
                         "judges are added or their limits raised.\n") != std::string::npos);
  CHECK(explain.out.find("3 — conflict of interest, works at the entry's school 荆州中学: J1 "
                         "张老师, J2 王老师, J3 李老师\n") != std::string::npos);
}

TEST_CASE("SPEC §10 language: `assign --explain` gives the same reasons in Chinese") {
  Scratch s("assign-explain-zh");
  init_tiny(s,
            "judge_id,name,affiliation\nJ1,张老师,荆州 中学\nJ2,王老师,荆州中学\n"
            "J3,李老师,荆州中学　\nJ4,赵老师,大学\n");
  const auto explain = s.jury("--lang zh assign --explain E1");
  CHECK(explain.exit_code == 0);
  CHECK(explain.out.find("需要评委 3 位，目前已分配 0 位：\n"
                         "只有 1 位评委可以填补其 3 个空缺：增加评委或提高评审量上限之前，"
                         "`jury assign` 会失败。\n未选的评委：\n") != std::string::npos);
  CHECK(explain.out.find("  3 人 — 回避：与作品同在荆州中学：J1 张老师，J2 王老师，J3 李老师\n") !=
        std::string::npos);
  CHECK(explain.out.find("评委的选定方式：") != std::string::npos);
  for (const char* english : {"needed", "Not chosen", "conflict of interest", "How judges"})
    CHECK(explain.out.find(english) == std::string::npos);
}

TEST_CASE("SPEC §5 infeasible: a capacity shortfall exits 4 and gives the numbers") {
  Scratch s("assign-capacity");
  // 6 places (2 entries × k 3), 4 judges of capacity 1 each: short by 2.
  init_tiny(s,
            "judge_id,name,affiliation\nJ1,张老师,大学\nJ2,王老师,大学\nJ3,李老师,大学\n"
            "J4,赵老师,大学\n",
            R"(, "max_load": 1)");
  const std::string before = state_of(s);
  const auto result = s.jury("assign");
  CHECK(result.exit_code == 4);
  CHECK(result.err.find("6 judge places to fill, but the judges who may score it have only 4 "
                        "free (capacity short by 2)") != std::string::npos);
  CHECK(state_of(s) == before);
}

TEST_CASE("SPEC §5 incremental: a withdrawn judge's places are refilled, every other pair kept") {
  Scratch s("assign-withdraw");
  init_sample(s);
  run_ok(s, "assign --seed 3");
  const std::set<Pair> before = exported_pairs(s);
  REQUIRE(before.size() == 332 * 5);
  write_text(s.path("judges2.csv"), judges_with_active("J002"));
  run_ok(s, "import judges judges2.csv");
  run_ok(s, "assign --seed 3");
  const std::set<Pair> after = exported_pairs(s);
  std::size_t withdrawn_pairs = 0;
  for (const auto& pair : before) {
    if (pair.first == "J002") {
      ++withdrawn_pairs;
      CHECK_FALSE(after.count(pair));
    } else {
      CHECK(after.count(pair));
    }
  }
  CHECK(withdrawn_pairs > 0);
  CHECK(after.size() == before.size());
  for (const auto& [entry, count] : judges_per_entry(after)) CHECK(count == 5);
}

TEST_CASE("SPEC §5-6 recusal: the sheet drops the pair, assign refills it, never with that judge") {
  Scratch s("assign-recuse");
  init_sample(s);
  run_ok(s, "assign --seed 1");
  run_ok(s, "export sheets sheets");
  // The first row of J003's student sheet says 回避 in the recuse column (the last one).
  const auto lines = lines_of(read_text(s.path("sheets/J003-student.csv")));
  REQUIRE(lines.size() >= 3);
  REQUIRE(lines[0].rfind("\xEF\xBB\xBF#", 0) == 0);
  REQUIRE(lines[1] ==
          "judge_id,entry_id,title,innovation,rigor,practicality,presentation,"
          "comment,recuse");
  const std::string row = lines[2];
  REQUIRE(row.back() == ',');
  const std::string entry = row.substr(5, row.find(',', 5) - 5);
  write_text(s.path("recuse.csv"), lines[0] + "\n" + lines[1] + "\n" + row + "回避\n");
  run_ok(s, "import scores recuse.csv");

  const std::set<Pair> dropped = exported_pairs(s);
  CHECK_FALSE(dropped.count({"J003", entry}));
  CHECK(judges_per_entry(dropped)[entry] == 4);
  CHECK(dropped.size() == 332 * 5 - 1);
  const auto open = s.jury("assign --explain " + entry);
  CHECK(open.out.find("5 judges needed, 4 assigned so far:") != std::string::npos);
  CHECK(open.out.find("`jury assign` fills the 1 open place.") != std::string::npos);

  run_ok(s, "assign --seed 1");
  const std::set<Pair> refilled = exported_pairs(s);
  CHECK(refilled.size() == 332 * 5);
  CHECK(judges_per_entry(refilled)[entry] == 5);
  CHECK_FALSE(refilled.count({"J003", entry}));
  for (const auto& pair : dropped) CHECK(refilled.count(pair));

  // Not even a full recomputation brings the recused judge back to that entry.
  for (const std::string seed : {"1", "2", "3"}) {
    run_ok(s, "assign --reshuffle --seed " + seed);
    CHECK_FALSE(exported_pairs(s).count({"J003", entry}));
  }
  const auto explain = s.jury("assign --explain " + entry);
  CHECK(explain.out.find("recused from this entry on a score sheet: J003 ") != std::string::npos);
}

TEST_CASE("SPEC §5 --reshuffle: pairs with scores stay, the unscored ones are recomputed") {
  Scratch s("assign-reshuffle");
  init_sample(s);
  run_ok(s, "assign --seed 1");
  const std::set<Pair> first = exported_pairs(s);
  run_ok(s, "export sheets sheets");
  // J010 fills its whole student sheet: 10 points in every criterion.
  std::string filled;
  std::set<Pair> scored;
  for (const auto& line : lines_of(read_text(s.path("sheets/J010-student.csv")))) {
    if (line.empty()) continue;
    if (line.rfind("J010,", 0) != 0) {
      filled += line + "\n";
      continue;
    }
    scored.emplace("J010", line.substr(5, line.find(',', 5) - 5));
    const std::string head = line.substr(0, line.size() - 6);  // drop the empty ",,,,,," tail
    REQUIRE(line.substr(line.size() - 6) == ",,,,,,");
    filled += head + ",10,10,10,10,,\n";
  }
  REQUIRE_FALSE(scored.empty());
  write_text(s.path("filled.csv"), filled);
  run_ok(s, "import scores filled.csv");

  const auto result = s.jury("assign --reshuffle --seed 2");
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find(std::to_string(scored.size()) + " kept") != std::string::npos);
  const std::set<Pair> second = exported_pairs(s);
  for (const auto& pair : scored) CHECK(second.count(pair));
  CHECK(second.size() == first.size());
  CHECK(second != first);  // another seed, another optimal choice among equals
  for (const auto& [entry, count] : judges_per_entry(second)) CHECK(count == 5);
}

TEST_CASE("SPEC §5: the same seed in two fresh databases gives byte-identical assignments") {
  std::vector<std::string> exports;
  std::vector<std::string> messages;
  for (const std::string name : {"assign-seed-a", "assign-seed-b"}) {
    Scratch s(name);
    init_sample(s);
    const auto result = s.jury("assign --seed 42");
    REQUIRE(result.exit_code == 0);
    messages.push_back(result.out);
    run_ok(s, "export assignments pairs.csv");
    exports.push_back(read_text(s.path("pairs.csv")));
  }
  CHECK(exports[0] == exports[1]);
  CHECK(messages[0] == messages[1]);
  CHECK(exports[0].rfind("judge_id,entry_id\r\n", 0) == 0);
}

TEST_CASE(
    "SPEC §5, §10 exit 3: assign before entries or judges are imported says what is missing, in "
    "both languages, and changes nothing") {
  Scratch s("assign-nothing-yet");
  write_tiny(s, "judge_id,name,affiliation\nJ1,张老师,大学\nJ2,王老师,研究所\nJ3,李老师,学院\n");
  run_ok(s, "init c.json");
  const std::string no_entries =
      "no entries to assign yet: import them first with `jury import entries FILE`";
  check_assign_refused(s, no_entries,
                       "尚无可分配评委的作品：请先用 `jury import entries 文件` 导入参赛作品");
  run_ok(s, "import judges judges.csv");  // judges alone are not enough
  CHECK(s.jury("assign").err == "jury: " + no_entries + "\n");

  Scratch t("assign-no-judges-yet");
  write_tiny(t, "judge_id,name,affiliation\n");
  run_ok(t, "init c.json");
  run_ok(t, "import entries entries.csv");
  // Not exit 4 with every entry listed as having 0 eligible judges.
  check_assign_refused(t,
                       "no judges to assign yet: import them first with `jury import judges FILE`",
                       "尚无可分配的评委：请先用 `jury import judges 文件` 导入评委");
}

TEST_CASE(
    "SPEC §5, §10 exit 3: assign with every judge withdrawn, or every entry withdrawn and no "
    "pair left to drop, says so") {
  Scratch s("assign-none-active");
  init_tiny(s, "judge_id,name,affiliation,active\nJ1,张老师,大学,no\nJ2,王老师,研究所,no\n");
  check_assign_refused(s, "no active judges to assign: every judge is withdrawn (`active` no)",
                       "没有可分配的在任评委：所有评委均已退出（状态 `active` 为 no）");

  // Three active judges: 2 entries × k 3 = 6 pairs. Both entries withdrawn: the unscored pairs
  // go (that is work); afterwards nothing is left to assign.
  write_text(s.path("judges.csv"),
             "judge_id,name,affiliation,active\nJ1,张老师,大学,yes\nJ2,王老师,研究所,yes\n"
             "J3,李老师,学院,yes\n");
  run_ok(s, "import judges judges.csv");
  run_ok(s, "assign");
  CHECK(exported_pairs(s).size() == 6);
  write_text(s.path("withdrawn.csv"),
             "entry_id,kind,group,subject,title,school,students,status\n"
             "E1,student,primary,PS,一,荆州中学,甲,withdrawn\n"
             "E2,student,primary,PS,二,沙市中学,乙,withdrawn\n");
  run_ok(s, "import entries withdrawn.csv");
  const auto drop = s.jury("assign");
  CHECK(drop.exit_code == 0);
  CHECK(drop.out == "assignment (seed 0): 0 kept, 6 dropped, 0 added; objective 0\n");
  check_assign_refused(
      s, "no active entries to assign: all 2 entries are withdrawn, disqualified or absent",
      "没有可分配评委的有效作品：全部 2 件作品均已退赛、被取消资格或缺席");
}
