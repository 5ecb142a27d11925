/// SPEC §16 through the `jury` executable: export certificates, stats and comments on a small
/// competition worked out by hand.

#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "cli_runner.hpp"
#include "import_state.hpp"

using namespace jury::testing;

namespace {

/// Two kinds: 学生 (students and advisors) and 辅导员 (no students: its advisors are the authors);
/// mean of 3 judges of 4; 学生 一等奖 1 + 二等奖 1, 辅导员 一等奖 1.
const char* const kConfig = R"({
  "competition": {"id": "small", "name": "证书测试赛", "year": 2024},
  "groups": [{"id": "g1", "label": "小学"}],
  "subjects": [{"id": "S", "label": "科学"}],
  "kinds": [{"id": "student", "label": "学生", "rubric": "r", "max_students": 2, "max_advisors": 1},
            {"id": "teacher", "label": "辅导员", "rubric": "r", "max_students": 0, "max_advisors": 2}],
  "rubrics": {"r": {"step": 1, "criteria": [{"id": "a", "label": "创新", "max": 50},
                                            {"id": "b", "label": "科学", "max": 30},
                                            {"id": "c", "label": "表述", "max": 20}]}},
  "judging": {"judges_per_entry": 3, "max_load": 8, "conflicts": ["school"]},
  "aggregation": {"method": "mean", "min_scores": 3},
  "awards": {"student": {"pool_by": [], "tiers": [{"id": "first", "label": "一等奖", "count": 1},
                                                  {"id": "second", "label": "二等奖", "count": 1}]},
             "teacher": {"pool_by": [], "tiers": [{"id": "first", "label": "一等奖", "count": 1}]}}
}
)";

const char* const kEntries =
    "entry_id,kind,group,subject,title,school,district,students,advisors\n"
    "E1,student,g1,S,题一,甲校,东区,张一、李一,王师\n"
    "E2,student,g1,S,题二,乙校,东区,张二,\n"
    "E3,student,g1,S,题三,丙校,西区,张三,\n"
    "T1,teacher,,S,课一,甲校,东区,,赵师、钱师\n"
    "T2,teacher,,S,课二,乙校,西区,,孙师\n";

const char* const kJudges =
    "judge_id,name,affiliation\nJ1,评委甲,大学一\nJ2,评委乙,大学二\nJ3,评委丙,大学三\n"
    "J4,评委丁,大学四\n";

/// The same scores from every judge, so each mean is known whoever the judges are: E1 88, E2 75,
/// E3 60, T1 88, T2 60.
const std::map<std::string, std::string> kValues{{"E1", "45,25,18"},
                                                 {"E2", "40,20,15"},
                                                 {"E3", "30,20,10"},
                                                 {"T1", "45,25,18"},
                                                 {"T2", "30,20,10"}};

/// Every assigned pair scored; each comment says which entry it is about and nothing else.
void score_everything(const Scratch& s) {
  run_ok(s, "export assignments pairs.csv");
  std::istringstream pairs(read_text(s.dir() / "pairs.csv"));
  std::string line, scores = "judge_id,entry_id,a,b,c,comment\n";
  std::getline(pairs, line);  // header
  int n = 0;
  while (std::getline(pairs, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string entry = line.substr(line.find(',') + 1);
    scores +=
        line + "," + kValues.at(entry) + ",意见" + std::to_string(++n) + "：针对" + entry + "\n";
  }
  write_text(s.path("scores.csv"), scores);
  run_ok(s, "import scores scores.csv");
}

void set_up(const Scratch& s) {
  write_text(s.path("competition.json"), kConfig);
  write_text(s.path("entries.csv"), kEntries);
  write_text(s.path("judges.csv"), kJudges);
  run_ok(s, "init competition.json");
  run_ok(s, "import entries entries.csv");
  run_ok(s, "import judges judges.csv");
  run_ok(s, "assign --seed 3");
  score_everything(s);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

TEST_CASE("SPEC §16: certificates and stats need the decision (exit 3 before `jury award`)") {
  Scratch s("office-before-award");
  set_up(s);
  const auto certificates = s.jury("export certificates c.csv");
  CHECK(certificates.exit_code == 3);
  CHECK(certificates.err.find("jury award") != std::string::npos);
  CHECK(s.jury("export stats st.csv").exit_code == 3);
  CHECK_FALSE(std::filesystem::exists(s.dir() / "c.csv"));
  CHECK(s.jury("export comments co.csv").exit_code == 0);  // comments need no decision
}

TEST_CASE("SPEC §16: export certificates: one row per person, numbers in the SPEC form") {
  Scratch s("office-certificates");
  set_up(s);
  run_ok(s, "award");
  run_ok(s, "export certificates c.csv");
  // Worked out by hand: 学生 一等奖 E1 (two students, one advisor), 二等奖 E2; 辅导员 一等奖 T1
  // (two authors). E3 and T2 hold no tier.
  CHECK(lines_of(read_text(s.dir() / "c.csv")) ==
        std::vector<std::string>{
            "证书编号,姓名,身份,学校,作品编号,作品名称,类别,组别,奖项",
            "small-student-first-001,张一,学生,甲校,E1,题一,学生,小学,一等奖",
            "small-student-first-002,李一,学生,甲校,E1,题一,学生,小学,一等奖",
            "small-student-first-003,王师,指导教师,甲校,E1,题一,学生,小学,一等奖",
            "small-student-second-001,张二,学生,乙校,E2,题二,学生,小学,二等奖",
            "small-teacher-first-001,赵师,作者,甲校,T1,课一,辅导员,,一等奖",
            "small-teacher-first-002,钱师,作者,甲校,T1,课一,辅导员,,一等奖",
        });
  run_ok(s, "export certificates c.xlsx");  // the format from the extension
  CHECK(read_text(s.dir() / "c.xlsx").starts_with("PK"));
  const auto json = s.jury("export certificates c.json");
  CHECK(json.exit_code == 1);  // certificates have no JSON
  CHECK(json.err.find("csv or xlsx") != std::string::npos);
  CHECK(s.jury("export certificates c.txt --format html").exit_code == 1);
}

TEST_CASE("SPEC §16: export stats: the totals add up to the roster") {
  Scratch s("office-stats");
  set_up(s);
  run_ok(s, "award");
  run_ok(s, "export stats st.csv");
  run_ok(s, "export roster r.csv");
  const std::vector<std::string> stats = lines_of(read_text(s.dir() / "st.csv"));
  REQUIRE_FALSE(stats.empty());
  CHECK(stats.front() == "统计口径,名称,类别,参赛作品,排名作品,一等奖,二等奖,获奖作品,推荐作品");
  // 甲校: E1 (学生 一等奖) and T1 (辅导员 一等奖; 辅导员 has no 二等奖: an empty cell).
  CHECK(std::count(stats.begin(), stats.end(), "学校,甲校,学生,1,1,1,0,1,0") == 1);
  CHECK(std::count(stats.begin(), stats.end(), "学校,甲校,辅导员,1,1,1,,1,0") == 1);
  CHECK(std::count(stats.begin(), stats.end(), "学校,甲校,合计,2,2,2,0,2,0") == 1);
  CHECK(std::count(stats.begin(), stats.end(), "县市区,东区,合计,3,3,2,1,3,0") == 1);
  CHECK(std::count(stats.begin(), stats.end(), "县市区,西区,合计,2,2,0,0,0,0") == 1);
  CHECK(stats.back() == "全部,全部,合计,5,5,2,1,3,0");
  // The roster: 5 rows (header aside), 3 of them with a tier.
  const std::vector<std::string> roster = lines_of(read_text(s.dir() / "r.csv"));
  CHECK(roster.size() == 1 + 5);
  CHECK(std::count_if(roster.begin(), roster.end(), [](const std::string& row) {
          return row.find("等奖") != std::string::npos;
        }) == 3);
  run_ok(s, "export stats st.html");
  CHECK(read_text(s.dir() / "st.html").starts_with("<!DOCTYPE html>"));
  run_ok(s, "export stats st.xlsx");
}

TEST_CASE("SPEC §16: export comments names no judge — every entry's judges are 评委 1..3") {
  Scratch s("office-comments");
  set_up(s);
  run_ok(s, "export comments co.csv");
  run_ok(s, "export comments co.html");
  for (const char* name : {"co.csv", "co.html"}) {
    const std::string text = read_text(s.dir() / name);
    INFO(name);
    for (const char* judge : {"J1", "J2", "J3", "J4", "评委甲", "评委乙", "评委丙", "评委丁"})
      CHECK(text.find(judge) == std::string::npos);
  }
  // Each of the 5 entries has 3 commenting judges, numbered 1, 2, 3; each comment is about its row.
  std::map<std::string, std::set<std::string>> numbers;
  const std::vector<std::string> rows = lines_of(read_text(s.dir() / "co.csv"));
  CHECK(rows.front() == "作品编号,作品名称,类别,组别,学校,评委,评语");
  const std::regex row(
      "([A-Z][0-9]),[^,]*,[^,]*,[^,]*,[^,]*,(评委 [0-9]),意见[0-9]+：针对([A-Z][0-9])");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    std::smatch match;
    INFO(rows[i]);
    REQUIRE(std::regex_match(rows[i], match, row));
    CHECK(match[1] == match[3]);
    numbers[match[1]].insert(match[2]);
  }
  CHECK(rows.size() == 1 + 15);
  for (const char* entry : {"E1", "E2", "E3", "T1", "T2"})
    CHECK(numbers[entry] == std::set<std::string>{"评委 1", "评委 2", "评委 3"});
  CHECK(s.jury("export comments co.xlsx").exit_code == 1);  // comments are csv or html
}
