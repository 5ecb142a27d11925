/// The interface language end to end (SPEC §10 "Language"): how the executable chooses it, and
/// that a diagnostic keeps its `FILE:LINE:COLUMN: error:` shape and stable code in Chinese.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <sstream>
#include <string>

#include "../engine/small_competition.hpp"
#include "cli_runner.hpp"

using namespace jury::testing;
namespace fs = std::filesystem;

namespace {

/// `jury ARGS` with the language variables (SPEC §10) JURY_LANG, LC_ALL and LANG unset but for
/// those `env` sets, e.g. "LANG=zh_CN.UTF-8".
RunResult run_in_locale(const Scratch& s, const std::string& env, const std::string& args) {
  const std::string out = s.path(".out"), err = s.path(".err");
  const std::string command = "cd '" + s.dir().string() + "' && env -u JURY_LANG -u LC_ALL -u " +
                              "LANG " + env + " '" + JURY_BINARY + "' " + args + " >'" + out +
                              "' 2>'" + err + "'";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(out), read_text(err)};
}

/// run_in_locale with `--db <scratch>/jury.db`.
RunResult jury_in_locale(const Scratch& s, const std::string& env, const std::string& args) {
  return run_in_locale(s, env, "--db '" + s.path("jury.db") + "' " + args);
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// `jury --help` is Chinese: its description and CLI11's own "Usage" label.
bool chinese_help(const RunResult& help) {
  return help.exit_code == 0 && has(help.out, "jury — 青少年科技创新大赛评审与计分系统") &&
         has(help.out, "用法:") && !has(help.out, "Usage:");
}

bool english_help(const RunResult& help) {
  return help.exit_code == 0 &&
         has(help.out,
             "jury — judging and scoring engine for youth science and technology competitions") &&
         has(help.out, "Usage:");
}

}  // namespace

TEST_CASE("SPEC §10 language: --lang, JURY_LANG, LC_ALL and LANG choose it in that order",
          "[language]") {
  Scratch s("language-choice");
  CHECK(english_help(run_in_locale(s, "LANG=C.UTF-8", "--help")));
  CHECK(chinese_help(run_in_locale(s, "LANG=C.UTF-8", "--lang zh --help")));
  CHECK(chinese_help(run_in_locale(s, "LANG=C.UTF-8", "--lang=zh --help")));
  CHECK(chinese_help(run_in_locale(s, "LANG=zh_CN.UTF-8", "--help")));
  CHECK(english_help(run_in_locale(s, "LC_ALL=C.UTF-8 LANG=zh_CN.UTF-8", "--help")));
  CHECK(chinese_help(run_in_locale(s, "LC_ALL=zh_CN.UTF-8 LANG=en_US.UTF-8", "--help")));
  CHECK(chinese_help(run_in_locale(s, "JURY_LANG=zh LC_ALL=C.UTF-8", "--help")));
  CHECK(english_help(run_in_locale(s, "JURY_LANG=en LANG=zh_CN.UTF-8", "--help")));
  CHECK(english_help(run_in_locale(s, "JURY_LANG=zh", "--lang en --help")));
  const auto wrong = run_in_locale(s, "LANG=C.UTF-8", "--lang fr status");
  CHECK(wrong.exit_code == 1);
}

TEST_CASE("SPEC §10 language: subcommand help is Chinese too", "[language]") {
  Scratch s("language-subcommand-help");
  const auto help = run_in_locale(s, "LANG=zh_CN.UTF-8", "export sheets --help");
  CHECK(help.exit_code == 0);
  CHECK(has(help.out, "每位评委每个类别一张评分表"));
  CHECK(has(help.out, "输出文件夹"));
  CHECK(has(help.out, "显示本帮助并退出"));
}

TEST_CASE("SPEC §10 language: a usage error in Chinese keeps its exit code", "[language]") {
  Scratch s("language-usage");
  REQUIRE(s.jury("init " + fixture("jingzhou-2021/competition.json")).exit_code == 0);
  const auto zh = jury_in_locale(s, "LANG=zh_CN.UTF-8", "export roster awards.txt");
  CHECK(zh.exit_code == 1);
  CHECK(zh.err ==
        "jury: 用法错误：无法判断名单“awards.txt”的格式；请用 --format csv|json|html|xlsx\n");
  const auto en = jury_in_locale(s, "LANG=C.UTF-8", "export roster awards.txt");
  CHECK(en.exit_code == 1);
  CHECK(en.err ==
        "jury: usage: cannot tell the roster format of \"awards.txt\"; use --format "
        "csv|json|html|xlsx\n");
}

namespace {

/// The small competition (tests/engine/small_competition.hpp) with its judges assigned: five
/// entries, four judges, three judges per entry, rubric 创新 a 50 / 科学 b 30 / 表述 c 20, step 1.
void assigned_small(const Scratch& s) {
  const std::string tiers = R"([{"id": "first", "label": "一等奖", "count": 1}])";
  write_text(s.path("competition.json"), jury::test::small_config(3, 5, tiers));
  write_text(s.path("entries.csv"), jury::test::small_entries(5));
  write_text(s.path("judges.csv"), jury::test::kSmallJudges);
  for (const char* command : {"init competition.json", "import entries entries.csv",
                              "import judges judges.csv", "assign --seed 1"}) {
    const auto result = s.jury(command);
    INFO(command << ": " << result.err);
    REQUIRE(result.exit_code == 0);
  }
}

/// Every sheet of `from` with its data rows (those under the header `header_start…`) filled:
/// scores 20 + 5·n, 20, 10 for entry En (E5 75 … E1 55 in total) and the comment 好, written to
/// `to` with the same bytes otherwise.
void fill_sheets(const fs::path& from, const fs::path& to, const std::string& header_start) {
  fs::create_directories(to);
  for (const auto& item : fs::directory_iterator(from)) {
    std::istringstream lines(read_text(item.path()));
    std::string text;
    bool below_header = false;
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (below_header) {  // judge_id,entry_id,title,,,,, → scores and comment filled
        const auto title_end = line.find(',', line.find(',', line.find(',') + 1) + 1);
        const int n = line[line.find(",E") + 2] - '0';
        line = line.substr(0, title_end + 1) + std::to_string(20 + 5 * n) + ",20,10,好,";
      }
      below_header = below_header || line.starts_with(header_start);
      text += line + "\r\n";
    }
    write_text(to / item.path().filename(), text);
  }
}

std::size_t file_count(const fs::path& dir) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST_CASE(
    "SPEC §10 language: a Chinese sheet has the labels, 评委编号…回避 and a line on how to fill, "
    "recuse and correct; filled, it imports, and its re-export is the same bytes",
    "[language]") {
  Scratch s("language-sheets");
  assigned_small(s);
  REQUIRE(s.jury("--lang zh export sheets zh").exit_code == 0);
  REQUIRE(file_count(s.dir() / "zh") == 4);
  const std::string sheet = read_text(s.dir() / "zh" / "J1-student.csv");
  const std::string expected_start =
      "\xEF\xBB\xBF# 评分标准：创新 0–50，科学 0–30，表述 0–20；步长 1。"
      "填写：每项标准填一个分数，尚未评审的作品整行留空。"
      "回避：与作品有利害关系的，在“回避”栏填“是”，不打分。"
      "更正：直接改正单元格，再重新导入本表。\r\n"
      "评委编号,作品编号,作品名称,创新,科学,表述,评语,回避\r\n";
  CHECK(sheet.substr(0, expected_start.size()) == expected_start);

  fill_sheets(s.dir() / "zh", s.dir() / "zh-filled", "评委编号,");
  const auto imported = s.jury("--lang zh import scores zh-filled");
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  const auto status = s.jury("status --json");
  CHECK(status.out.find("\"owed_scores\": 0") != std::string::npos);

  REQUIRE(s.jury("--lang zh export sheets zh-again").exit_code == 0);
  for (const auto& item : fs::directory_iterator(s.dir() / "zh-filled")) {
    INFO(item.path().filename());
    CHECK(read_text(s.dir() / "zh-again" / item.path().filename()) == read_text(item.path()));
  }
  const auto again = s.jury("import scores zh-again");
  REQUIRE(again.exit_code == 0);
  CHECK(again.err.find("0 score rows added, 0 replaced, 15 unchanged") != std::string::npos);
}

TEST_CASE("SPEC §10 language: an English sheet keeps ids in its header and still imports",
          "[language]") {
  Scratch s("language-sheets-english");
  assigned_small(s);
  REQUIRE(jury_in_locale(s, "LANG=C.UTF-8", "export sheets en").exit_code == 0);
  const std::string sheet = read_text(s.dir() / "en" / "J1-student.csv");
  const std::string expected_start =
      "\xEF\xBB\xBF# a=创新 (0–50), b=科学 (0–30), c=表述 (0–20); step 1\r\n"
      "judge_id,entry_id,title,a,b,c,comment,recuse\r\n";
  CHECK(sheet.substr(0, expected_start.size()) == expected_start);
  fill_sheets(s.dir() / "en", s.dir() / "en-filled", "judge_id,");
  const auto imported = jury_in_locale(s, "LANG=zh_CN.UTF-8", "import scores en-filled");
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  REQUIRE(s.jury("export sheets en-again").exit_code == 0);
  for (const auto& item : fs::directory_iterator(s.dir() / "en-filled"))
    CHECK(read_text(s.dir() / "en-again" / item.path().filename()) == read_text(item.path()));
}

TEST_CASE(
    "SPEC §10 language: the Chinese roster CSV has Chinese headers and labels instead of ids; "
    "the English one keeps the §9 fields",
    "[language]") {
  Scratch s("language-roster");
  assigned_small(s);
  REQUIRE(s.jury("export sheets en").exit_code == 0);
  fill_sheets(s.dir() / "en", s.dir() / "en-filled", "judge_id,");
  REQUIRE(s.jury("import scores en-filled").exit_code == 0);
  REQUIRE(s.jury("award").exit_code == 0);

  REQUIRE(s.jury("--lang zh export roster zh.csv").exit_code == 0);
  const std::string zh = read_text(s.dir() / "zh.csv");
  const std::string zh_start =
      "\xEF\xBB\xBF作品编号,类别,组别,学科,作品名称,学校,县市区,学生,指导教师,评分数,得分,名次,"
      "奖项,标记\r\n"
      "E5,学生,小学,科学,题五,戊校,,张五,,3,75.00,1,一等奖,\r\n"
      "E4,学生,小学,科学,题四,丁校,,张四,,3,70.00,2,,\r\n";
  CHECK(zh.substr(0, zh_start.size()) == zh_start);

  REQUIRE(s.jury("export roster en.csv").exit_code == 0);
  const std::string en = read_text(s.dir() / "en.csv");
  const std::string en_start =
      "\xEF\xBB\xBF"
      "entry_id,kind,group,subject,title,school,district,students,advisors,scores,"
      "score,rank,tier,tier_label,flags\r\n"
      "E5,student,g1,S,题五,戊校,,张五,,3,75.00,1,first,一等奖,\r\n";
  CHECK(en.substr(0, en_start.size()) == en_start);
}

TEST_CASE(
    "SPEC §10 language: a Chinese diagnostic keeps FILE:LINE:COLUMN: error: and its stable code",
    "[language]") {
  Scratch s("language-diagnostic");
  assigned_small(s);
  write_text(s.path("bad.csv"),
             "judge_id,entry_id,title,a,b,c,comment,recuse\nX9,E1,题一,30,20,10,,\n");
  const auto zh = s.jury("--lang zh import scores bad.csv");
  CHECK(zh.exit_code == 2);
  CHECK(zh.err == "bad.csv:2:1: error: 未知评委 \"X9\"\njury: 输入有误，未作任何修改\n");
  const auto json = s.jury("--lang zh import scores bad.csv --json");
  CHECK(json.exit_code == 2);
  CHECK(has(json.out, "\"code\": \"scores.unknown-judge\""));
  CHECK(has(json.out, "\"message\": \"未知评委 \\\"X9\\\"\""));
  const auto en = s.jury("import scores bad.csv");
  CHECK(en.err ==
        "bad.csv:2:1: error: unknown judge \"X9\"\njury: invalid input, nothing changed\n");
}

TEST_CASE(
    "SPEC §10 language: a Chinese score error names the criterion by its label, as the "
    "Chinese sheet's header does; the English one by its id",
    "[language]") {
  Scratch s("language-criterion-label");
  assigned_small(s);
  write_text(s.path("bad.csv"),
             "judge_id,entry_id,title,a,b,c,comment,recuse\nX9,E1,题一,51,20,10,,\n");
  const auto zh = s.jury("--lang zh import scores bad.csv");
  CHECK(zh.exit_code == 2);
  CHECK(has(zh.err, "bad.csv:2:4: error: 创新 的分数 \"51\" 超出范围；允许 0–50，步长 1\n"));
  const auto en = s.jury("import scores bad.csv");
  CHECK(has(en.err, "bad.csv:2:4: error: score \"51\" for a is out of range; allowed 0–50"));
}

TEST_CASE("SPEC §10 language: the help of export certificates, stats and comments is Chinese",
          "[language]") {
  Scratch s("language-office-help");
  const auto export_help = run_in_locale(s, "LANG=zh_CN.UTF-8", "export --help");
  CHECK(has(export_help.out, "每件获奖作品的每个人一行，附证书编号（须在 `jury award` 之后）"));
  CHECK(has(export_help.out, "每件作品的评委评语，评委只编号、不具名"));
  const auto stats = run_in_locale(s, "LANG=zh_CN.UTF-8", "export stats --help");
  CHECK(stats.exit_code == 0);
  CHECK(has(stats.out, "按学校和县市区统计参赛、排名、各奖项和推荐作品数"));
  CHECK(has(stats.out, "输出文件"));
  CHECK(has(stats.out, "csv、xlsx 或 html（默认：按文件扩展名，否则 csv）"));
  CHECK_FALSE(has(stats.out, "output file"));
  CHECK_FALSE(has(stats.out, "default"));
}

TEST_CASE("SPEC §10 language: Chinese messages name a round by its label (初评), with its id",
          "[language]") {
  Scratch s("language-round-label");
  REQUIRE(s.jury("init " + fixture("jingzhou-2021/competition-rounds.json")).exit_code == 0);
  const auto zh = s.jury("--lang zh status");
  REQUIRE(zh.exit_code == 0);
  CHECK(has(zh.out, "\n初评（prelim）：当前轮次\n"));
  const auto en = s.jury("--lang en status");
  CHECK(has(en.out, "\nround prelim: the current round\n"));
}

TEST_CASE("SPEC §10 language: the assignment list has the sheets' headers in Chinese",
          "[language]") {
  Scratch s("language-assignments");
  assigned_small(s);
  REQUIRE(s.jury("--lang zh export assignments zh.csv").exit_code == 0);
  CHECK(read_text(s.dir() / "zh.csv").starts_with("评委编号,作品编号\r\n"));
  REQUIRE(s.jury("--lang en export assignments en.csv").exit_code == 0);
  CHECK(read_text(s.dir() / "en.csv").starts_with("judge_id,entry_id\r\n"));
}

TEST_CASE(
    "SPEC §10 language: in Chinese, results and report name a flag by its Chinese word and the "
    "kind by its label, and English keeps the codes",
    "[language]") {
  Scratch s("language-flags");
  assigned_small(s);
  REQUIRE(s.jury("export sheets en").exit_code == 0);
  fill_sheets(s.dir() / "en", s.dir() / "en-filled", "judge_id,");
  // Without J4's sheet, J4's entries have 2 complete scores of the 3 min_scores needs: incomplete.
  fs::remove(s.dir() / "en-filled" / "J4-student.csv");
  REQUIRE(s.jury("import scores en-filled").exit_code == 0);
  std::vector<std::string> incomplete;  // J4's entries, in entry_id order (SPEC §9: last, by id)
  std::istringstream sheet(read_text(s.dir() / "en" / "J4-student.csv"));
  for (std::string line; std::getline(sheet, line);)
    if (line.starts_with("J4,")) incomplete.push_back(line.substr(3, line.find(',', 3) - 3));
  std::sort(incomplete.begin(), incomplete.end());
  REQUIRE_FALSE(incomplete.empty());

  const auto results = s.jury("--lang zh results");
  REQUIRE(results.exit_code == 0);
  CHECK(results.out.starts_with("汇总方法：算术平均\n"));
  for (const std::string& id : incomplete)
    CHECK(has(results.out, "     -  " + id + "                    -    [评分未完成]\n"));
  CHECK_FALSE(has(results.out, "incomplete"));
  CHECK(has(s.jury("--lang en results").out, "[incomplete]\n"));

  const auto report = s.jury("--lang zh report");
  REQUIRE(report.exit_code == 0);
  std::string flagged = "\n有标记的作品：" + std::to_string(incomplete.size()) + " 件\n";
  for (const std::string& id : incomplete) flagged += "  " + id + "（学生）：评分未完成\n";
  CHECK(has(report.out, flagged));
  CHECK(has(report.out, "\n  J1         学生       评审量 "));
  CHECK_FALSE(has(report.out, "incomplete"));
  CHECK_FALSE(has(report.out, "student"));
  const auto english = s.jury("--lang en report");
  CHECK(has(english.out, "\n  " + incomplete.front() + " (student): incomplete\n"));
}
