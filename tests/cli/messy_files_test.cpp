/// The CLI driven with held-out-like files (tests/importers/data/heldout-like, written by its
/// make.py): messy but valid office files must import with exactly the right records; broken ones
/// must be refused with exit 2, the offending line named (FILE:LINE:COLUMN: error: …, or a JSON
/// array with --json) and nothing changed (SPEC §2–4, §6, §10).

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "engine/competition.hpp"
#include "import_state.hpp"

using namespace jury::testing;
using nlohmann::json;
using Names = std::vector<std::string>;

namespace {

std::string data(const std::string& relative) {
  return std::string(JURY_FIXTURES_DIR) + "/../tests/importers/data/heldout-like/" + relative;
}

/// The file is refused with exit 2, every expected FILE:LINE:COLUMN is named, nothing changes.
void expect_refused(const Scratch& s, const std::string& command, const std::string& relative,
                    const std::vector<std::string>& positions) {
  const std::string before = state_of(s);
  const std::string path = data(relative);
  const auto r = s.jury(command + " '" + path + "'");
  INFO(relative << "\n" << r.err);
  CHECK(r.exit_code == 2);
  for (const auto& position : positions)
    CHECK(r.err.find(path + ":" + position + ": error: ") != std::string::npos);
  CHECK(state_of(s) == before);
}

std::map<std::string, jury::Entry> entries_by_id(const Scratch& s) {
  std::map<std::string, jury::Entry> out;
  for (auto& e : jury::Competition::open(s.path("jury.db")).entries()) out[e.id] = e;
  return out;
}

/// The competition of entries/ and judges/: every valid file imported.
void import_valid_office_files(const Scratch& s) {
  run_ok(s, "init '" + data("competition.json") + "'");
  for (const char* file :
       {"entries/valid/1-gb18030-excel.csv", "entries/valid/2-utf16-unicode-text.txt",
        "entries/valid/3-utf8-bom-english.csv", "entries/valid/4-utf8-cr.csv"})
    run_ok(s, std::string("import entries '") + data(file) + "'");
  for (const char* file :
       {"judges/valid/1-gb18030-excel.csv", "judges/valid/2-utf16-unicode-text.txt"})
    run_ok(s, std::string("import judges '") + data(file) + "'");
}

}  // namespace

TEST_CASE("SPEC §3/§10: messy but valid entries files import with exactly the right records") {
  Scratch s("messy-entries");
  import_valid_office_files(s);
  const json status = json::parse(s.jury("status --json").out);
  CHECK(status["entries"] == 13);
  CHECK(status["kinds"][0]["active"] == 9);
  CHECK(status["kinds"][0]["withdrawn"] == 1);
  CHECK(status["kinds"][1]["active"] == 3);

  const auto entries = entries_by_id(s);
  REQUIRE(entries.size() == 13);
  // GB18030 from Excel: title lines, blank rows, Chinese labels, quoted quotes and newlines.
  const jury::Entry& p1 = entries.at("JZ21-P0001");
  CHECK(p1.kind == "student");
  CHECK(p1.group == "primary");
  CHECK(p1.subject == "PS");
  CHECK(p1.title == "会\"跳舞\"的纸杯");
  CHECK(p1.district == "沙市区");
  CHECK(p1.students == Names{"张三", "李四"});
  CHECK(p1.advisors == Names{"王老师"});
  const jury::Entry& p2 = entries.at("JZ21-P0002");
  CHECK(p2.school == "沙市中心小学");  // U+3000 padding trimmed
  CHECK(p2.students == Names{"赵六", "钱七", "孙八"});
  CHECK(p2.advisors == Names{"周老师", "吴老师"});
  CHECK(entries.at("JZ21-J0003").title == "基于Arduino的\n智能浇花系统");
  CHECK(entries.at("JZ21-J0003").students == Names{"古丽米热·艾比布力"});
  CHECK(entries.at("JZ21-J0003").advisors == Names{"郑老师", "冯老师"});
  // Full-width id; a two-character name padded with U+3000.
  CHECK(entries.at("JZ21-S0004").students == Names{"王芳", "李小明"});
  CHECK(entries.at("JZ21-A0005").group.empty());
  CHECK(entries.at("JZ21-A0006").advisors == Names{"许铭", "卫东"});
  CHECK(entries.at("JZ21-P0007").status == jury::EntryStatus::Withdrawn);
  // Excel "Unicode text": UTF-16, tabs.
  CHECK(entries.at("JZ21-P0101").students == Names{"曾琪书", "董安涵"});
  CHECK(entries.at("JZ21-J0102").title == "桥梁, 模型");
  CHECK(entries.at("JZ21-A0103").title == "人工智能\n启蒙课");
  // UTF-8 with BOM, English headers in odd case and order, leading zeros kept.
  CHECK(entries.at("007").group == "junior");
  CHECK(entries.at("007").subject == "LS");
  CHECK(entries.at("007").title == "Soil, water and air");
  CHECK(entries.at("007").students == Names{"Tom", "王五"});
  CHECK(entries.at("0012").students == Names{"Ａｌｉｃｅ", "Bob"});
  // CR line ends, spaces around cells.
  CHECK(entries.at("JZ21-P0201").title == "风力小车");

  const auto judges = jury::Competition::open(s.path("jury.db")).judges();
  REQUIRE(judges.size() == 6);
  CHECK(judges[1].id == "J002");
  CHECK(judges[1].expertise == Names{"TECH", "CS"});
  CHECK(judges[1].kinds == Names{"student"});
  CHECK(judges[1].max_load == 30);  // full-width ３０
  CHECK(judges[1].conflicts == Names{"JZ21-P0001", "沙市中心小学"});
  CHECK_FALSE(judges[2].active);
  CHECK(judges[3].kinds == Names{"student", "advisor"});
  CHECK(judges[4].id == "J201");
  CHECK(judges[4].expertise == Names{"LS", "ENG"});
}

TEST_CASE("SPEC §3/§4/§10: broken entries and judges files: exit 2, line named, nothing changed") {
  Scratch s("messy-broken-entries");
  import_valid_office_files(s);
  const std::vector<std::pair<std::string, std::vector<std::string>>> entries{
      {"advisor-with-students", {"3:8"}},
      {"bad-id-space", {"3:1"}},
      {"damaged-utf8", {"3:30"}},
      {"dup-id-fullwidth", {"3:1"}},
      {"dup-student-existing", {"3:8"}},
      {"dup-student-in-file", {"3:8"}},
      {"empty-school", {"3:6"}},
      {"empty-title", {"3:5"}},
      {"gb18030-unknown-group", {"3:3"}},
      {"header-only", {"2:0"}},
      {"many-errors", {"3:3", "4:4", "4:8", "5:10"}},
      {"missing-column", {"1:0"}},
      {"no-students", {"3:8"}},
      {"stray-quote", {"3:5"}},
      {"too-few-cells", {"3:7"}},
      {"too-many-advisors", {"3:9"}},
      {"too-many-cells", {"3:10"}},
      {"too-many-students", {"3:8"}},
      {"unknown-group", {"3:3"}},
      {"unknown-kind", {"3:2"}},
      {"unknown-status", {"3:10"}},
      {"unknown-subject", {"3:4"}},
      {"unterminated-quote", {"3:5"}},
      {"workbook.xlsx", {}},  // a damaged workbook, whole file (workbook_cli_test.cpp)
  };
  for (const auto& [name, positions] : entries)
    expect_refused(s, "import entries", "entries/broken/" + name + ".csv", positions);
  const std::vector<std::pair<std::string, std::vector<std::string>>> judges{
      {"dup-id", {"3:1"}},         {"empty-name", {"3:2"}},   {"load-negative", {"3:7"}},
      {"load-text", {"3:7"}},      {"load-unit", {"3:7"}},    {"missing-column", {"1:0"}},
      {"unknown-active", {"3:9"}}, {"unknown-kind", {"3:6"}}, {"unknown-subject", {"3:5"}},
  };
  for (const auto& [name, positions] : judges)
    expect_refused(s, "import judges", "judges/broken/" + name + ".csv", positions);

  // --json: the same problems as a JSON array on stdout.
  const auto r = s.jury("import entries --json '" + data("entries/broken/many-errors.csv") + "'");
  CHECK(r.exit_code == 2);
  const json problems = json::parse(r.out);
  REQUIRE(problems.size() == 4);
  CHECK(problems[0]["line"] == 3);
  CHECK(problems[0]["column"] == 3);
  CHECK(problems[0]["severity"] == "error");
  CHECK(problems[3]["line"] == 5);
}

TEST_CASE(
    "SPEC §6: score sheets filled the way judges fill them import — broken ones are refused") {
  Scratch s("messy-scores");
  run_ok(s, "init '" + data("competition.json") + "'");
  run_ok(s, "import entries '" + data("scores/entries.csv") + "'");
  run_ok(s, "import judges '" + data("scores/judges.csv") + "'");
  run_ok(s, "assign");  // two active judges, k = 2: each judge has every entry

  const std::string valid = data("scores/valid/");
  const auto imported =
      s.jury("import scores '" + valid + "J1-student.csv' '" + valid + "J2-student.txt' '" + valid +
             "J1-advisor-long.csv' '" + valid + "J2-advisor.csv'");
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  // SPEC §6: the partly filled row is reported as incomplete.
  CHECK(imported.err.find(valid + "J1-student.csv:5:6: warning: judge J1 for entry S-002: the row "
                                  "is incomplete") != std::string::npos);
  using Values = std::vector<std::optional<double>>;
  std::map<std::pair<std::string, std::string>, Values> scores;
  for (const auto& row : jury::Competition::open(s.path("jury.db")).scores())
    scores[{row.judge_id, row.entry_id}] = row.values;
  REQUIRE(scores.size() == 4);
  CHECK(scores.at({"J1", "S-001"}) == Values{35, 28.5, 18, 9});  // ３５, ２８．５, " 18 ", ９
  CHECK(scores.at({"J1", "S-002"}) == Values{30, 20, std::nullopt, std::nullopt});
  CHECK(scores.at({"J2", "S-001"}) == Values{40, 30, 20, 10});
  CHECK(scores.at({"J1", "A-001"}) == Values{32, 25, 15, 8});
  const json status = json::parse(s.jury("status --json").out);
  CHECK(status["recusals"] == 1);  // J2 回避 A-001

  const std::vector<std::pair<std::string, std::vector<std::string>>> broken{
      {"long-unknown-criterion", {"2:3"}},
      {"many", {"3:4", "3:5", "3:6", "3:7", "4:1"}},
      {"negative", {"4:5"}},
      {"off-step", {"4:4"}},
      {"over-max", {"4:4"}},
      {"over-max-fullwidth", {"4:4"}},
      {"recused-pair", {"3:1"}},
      {"text", {"4:6"}},
      {"unassigned", {"4:2"}},
      {"unit", {"4:4"}},
      {"unknown-column", {"2:8"}},
      {"unknown-entry", {"4:2"}},
      {"unknown-judge", {"4:1"}},
  };
  for (const auto& [name, positions] : broken)
    expect_refused(s, "import scores", "scores/broken/" + name + ".csv", positions);
  // SPEC §3: an entry with scores cannot change its group.
  expect_refused(s, "import entries", "scores/entries-scored-change.csv", {"2:3"});
  // SPEC §6: several files are one transaction: a valid sheet beside a broken one changes nothing.
  const std::string before = state_of(s);
  const auto both = s.jury("import scores '" + valid + "J1-student.csv' '" +
                           data("scores/broken/unit.csv") + "'");
  CHECK(both.exit_code == 2);
  CHECK(state_of(s) == before);
}

TEST_CASE("SPEC §2: broken configs exit 2 naming the JSON path — unusual valid ones init") {
  const std::vector<std::pair<std::string, std::string>> broken{
      {"unknown-key", "$.judging.max_loads"},   {"tier-both", "$.awards.student.tiers[0]"},
      {"k-zero", "$.judging.judges_per_entry"}, {"unknown-rubric", "$.kinds[0].rubric"},
      {"step-zero", "$.rubrics.student.step"},  {"trailing-comma", ":1:"},
  };
  for (const auto& [name, path] : broken) {
    Scratch s("messy-config-" + name);
    const auto r = s.jury("init '" + data("config/broken/" + name + ".json") + "'");
    INFO(name << "\n" << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(path) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(s.path("jury.db")));
  }
  for (const char* name : {"minimal", "bom-crlf", "unusual"}) {
    Scratch s(std::string("messy-config-ok-") + name);
    run_ok(s, "init '" + data(std::string("config/valid/") + name + ".json") + "'");
    run_ok(s, "config show");
  }
}
