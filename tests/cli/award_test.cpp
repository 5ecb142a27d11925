/// End-to-end award workflow: demo reproducibility, freeze, and safe public rosters.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

#include "cli_runner.hpp"

using namespace jury::testing;
using nlohmann::json;

namespace {

/// Counts tiers per (kind, tier id) in a §9 results document.
std::map<std::string, int> tier_counts(const json& document) {
  std::map<std::string, int> counts;
  for (const auto& row : document["results"])
    if (!row["tier"].is_null())
      ++counts[row["kind"].get<std::string>() + "/" + row["tier"].get<std::string>()];
  return counts;
}

}  // namespace

TEST_CASE("SPEC §11: jury demo reproduces the sample's tier shape and is byte-identical twice") {
  Scratch s("demo");
  const auto first = s.jury("demo run1");
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  const auto second = s.jury("demo run2");
  REQUIRE(second.exit_code == 0);
  for (const char* name : {"roster.csv", "roster.json", "roster.html", "roster-public.html",
                           "roster-public.json", "status.txt"}) {
    INFO(name);
    CHECK(read_text(s.dir() / "run1" / name) == read_text(s.dir() / "run2" / name));
  }
  const json roster = json::parse(read_text(s.dir() / "run1" / "roster.json"));
  const auto counts = tier_counts(roster);
  // Student quotas 12 / 28 / 102 over 小学/初中/高中; advisor 4 / 8 / 12. A tie shared at a
  // boundary may only add to a tier (and take the overflow from the next one).
  CHECK(counts.at("student/first") >= 12);
  CHECK(counts.at("student/first") + counts.at("student/second") >= 40);
  CHECK(counts.at("student/first") + counts.at("student/second") + counts.at("student/third") ==
        142);
  CHECK(counts.at("advisor/first") + counts.at("advisor/second") + counts.at("advisor/third") ==
        24);
  int quota_first = 0;
  for (const auto& pool : roster["pools"])
    if (pool["kind"] == "student") quota_first += pool["quotas"]["first"].get<int>();
  CHECK(quota_first == 12);
}

TEST_CASE(
    "SPEC §8: after award, import entries|judges|scores and assign exit 3 until award --reopen "
    "--reason") {
  Scratch s("freeze");
  REQUIRE(s.jury("demo .").exit_code == 0);  // the demo's database is the scratch jury.db
  const std::string entries = fixture("jingzhou-2021/entries.csv");
  const std::string judges = fixture("jingzhou-2021/judges.csv");
  CHECK(s.jury("import scores filled").exit_code == 3);
  CHECK(s.jury("import entries " + entries).exit_code == 3);
  CHECK(s.jury("import judges " + judges).exit_code == 3);
  CHECK(s.jury("assign").exit_code == 3);
  CHECK(s.jury("award").exit_code == 3);  // already decided
  // Amended SPEC §8: reopening needs a reason (usage error without one), which is audited.
  const auto no_reason = s.jury("award --reopen");
  CHECK(no_reason.exit_code == 1);
  CHECK(no_reason.err.find("--reason") != std::string::npos);
  REQUIRE(s.jury("award --reopen --reason '公示期间复核'").exit_code == 0);
  CHECK(s.jury("import scores filled").exit_code == 0);
  CHECK(s.jury("import entries " + entries).exit_code == 0);
  CHECK(s.jury("import judges " + judges).exit_code == 0);
  CHECK(s.jury("assign").exit_code == 0);
  const std::string audit = s.jury("audit").out;
  CHECK(audit.find("award --reopen") != std::string::npos);
  CHECK(audit.find("reason: 公示期间复核") != std::string::npos);
}

TEST_CASE(
    "SPEC §9: hostile titles are neutralised in every roster format, public ones hide judges and "
    "scores") {
  Scratch s("hostile");
  REQUIRE(s.jury("init " + fixture("jingzhou-2021/competition.json")).exit_code == 0);
  std::string entries = "entry_id,kind,group,subject,title,school,district,students,advisors\n";
  const char* titles[] = {"\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"",
                          "<script>alert(1)</script>",
                          "+SUM(A1)",
                          "@cmd",
                          "\"quote \"\" comma, and\nnewline\"",
                          "-2+3"};
  int n = 0;
  for (const char* title : titles)
    for (int copy = 0; copy < 2; ++copy) {
      ++n;
      entries += "H" + std::to_string(n) + ",student,primary,PS," + title + ",学校" +
                 std::to_string(n) + ",,学生" + std::to_string(n) + ",\n";
    }
  write_text(s.path("entries.csv"), entries);
  REQUIRE(s.jury("import entries entries.csv").exit_code == 0);
  std::string judges = "judge_id,name,affiliation,max_load\n";
  for (int j = 1; j <= 6; ++j)
    judges += "SECRETJ" + std::to_string(j) + ",评委秘密" + std::to_string(j) + ",单位" +
              std::to_string(j) + ",20\n";
  write_text(s.path("judges.csv"), judges);
  REQUIRE(s.jury("import judges judges.csv").exit_code == 0);
  REQUIRE(s.jury("assign --seed 7").exit_code == 0);
  REQUIRE(s.jury("export sheets sheets").exit_code == 0);
  // Amended SPEC §8: award decides only with scores; every judge scores every assigned entry
  // (long layout), so the hostile titles are ranked and reach every roster format.
  REQUIRE(s.jury("export assignments pairs.csv").exit_code == 0);
  std::string scores = "judge_id,entry_id,criterion,score\n";
  std::istringstream pairs(read_text(s.dir() / "pairs.csv"));
  std::string line;
  std::getline(pairs, line);  // header
  int pair_number = 0;
  while (std::getline(pairs, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string pair = line + ",";
    ++pair_number;
    scores += pair + "innovation," + std::to_string(20 + pair_number % 20) + "\n" + pair +
              "rigor,20\n" + pair + "practicality,15\n" + pair + "presentation,8\n";
  }
  write_text(s.path("scores.csv"), scores);
  REQUIRE(s.jury("import scores scores.csv").exit_code == 0);
  REQUIRE(s.jury("award").exit_code == 0);
  for (const char* name : {"r.csv", "r.json", "r.html", "r.xlsx", "p.csv", "p.json", "p.html"}) {
    const bool is_public = name[0] == 'p';
    REQUIRE(
        s.jury(std::string("export roster ") + name + (is_public ? " --public" : "")).exit_code ==
        0);
    const std::string text = read_text(s.dir() / name);
    INFO(name);
    CHECK(text.find("SECRETJ") == std::string::npos);
    CHECK(text.find("评委秘密") == std::string::npos);
  }
  const std::string csv = read_text(s.dir() / "r.csv");
  CHECK(csv.find(",=HYPERLINK") == std::string::npos);
  CHECK(csv.find("\"'=HYPERLINK") != std::string::npos);
  CHECK(csv.find(",+SUM") == std::string::npos);
  CHECK(csv.find(",@cmd") == std::string::npos);
  const std::string html = read_text(s.dir() / "r.html");
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;") != std::string::npos);
  const json public_doc = json::parse(read_text(s.dir() / "p.json"));
  for (const auto& row : public_doc["results"]) {
    CHECK_FALSE(row.contains("score"));
    CHECK_FALSE(row.contains("scores"));
    CHECK_FALSE(row.contains("flags"));
  }
}

namespace {

/// A competition of two entries (not imported yet), k = 2 of two judges, min_scores 2.
void write_two_entries(const Scratch& s) {
  write_text(s.path("c.json"), R"({
    "competition": {"id": "empty", "name": "nothing to decide", "year": 2022},
    "aggregation": {"method": "mean", "min_scores": 2},
    "awards": {"junior": {"tiers": [{"id": "gold", "label": "金奖", "count": 1}]}},
    "judging": {"judges_per_entry": 2, "conflicts": ["school"]},
    "kinds": [{"id": "junior", "label": "初中", "rubric": "one", "max_students": 1, "max_advisors": 1}],
    "rubrics": {"one": {"criteria": [{"id": "a", "label": "A", "max": 10}]}},
    "groups": [{"id": "g", "label": "初中组"}], "subjects": [{"id": "EN", "label": "工程"}]
  })");
  write_text(s.path("entries.csv"),
             "entry_id,kind,group,subject,title,school,students\n"
             "E1,junior,g,EN,一,荆州中学,甲\nE2,junior,g,EN,二,沙市中学,乙\n");
  write_text(s.path("judges.csv"), "judge_id,name,affiliation\nJ1,张老师,大学\nJ2,王老师,研究所\n");
  REQUIRE(s.jury("init c.json").exit_code == 0);
}

/// `jury award ARGS` refused (SPEC §10 exit 3) with `english` / `chinese`, nothing decided.
void check_award_refused(const Scratch& s, const std::string& args, const std::string& english,
                         const std::string& chinese) {
  const std::string before = s.jury("status --json").out + s.jury("audit --json").out;
  const auto en = s.jury("--lang en award" + args);
  CHECK(en.exit_code == 3);
  CHECK(en.out.empty());
  CHECK(en.err == "jury: " + english + "\n");
  const auto zh = s.jury("--lang zh award" + args);
  CHECK(zh.exit_code == 3);
  CHECK(zh.err == "jury: " + chinese + "\n");
  CHECK(s.jury("status --json").out + s.jury("audit --json").out == before);
  CHECK(s.jury("export roster r.csv").exit_code == 3);  // still not decided
}

}  // namespace

TEST_CASE(
    "SPEC §8, §10 exit 3: award with no ranked entry (none imported, all withdrawn, none "
    "complete) says what is missing in both languages and freezes nothing") {
  Scratch s("award-nothing-to-decide");
  write_two_entries(s);
  check_award_refused(
      s, "",
      "no entries to award yet: import them first with `jury import entries "
      "FILE`, then their scores",
      "尚无可评奖的作品：请先用 `jury import entries 文件` 导入参赛作品，再导入评分");
  check_award_refused(
      s, " --allow-incomplete",
      "no entries to award yet: import them first with `jury import entries "
      "FILE`, then their scores",
      "尚无可评奖的作品：请先用 `jury import entries 文件` 导入参赛作品，再导入评分");
  // `status` does not call that ready (nothing owed, nothing incomplete, nothing to rank).
  CHECK(json::parse(s.jury("status --json").out)["award_ready"] == false);
  CHECK(s.jury("status").out.find("there is no active entry to rank yet") != std::string::npos);

  REQUIRE(s.jury("import entries entries.csv").exit_code == 0);
  REQUIRE(s.jury("import judges judges.csv").exit_code == 0);
  REQUIRE(s.jury("assign").exit_code == 0);
  // J1 scores both entries, J2 nothing: one complete score each, min_scores 2.
  write_text(s.path("scores.csv"), "judge_id,entry_id,criterion,score\nJ1,E1,a,8\nJ1,E2,a,7\n");
  REQUIRE(s.jury("import scores scores.csv").exit_code == 0);
  CHECK(s.jury("award").exit_code == 3);  // incomplete, as before
  check_award_refused(s, " --allow-incomplete",
                      "no entry has enough complete scores to be ranked (`min_scores`): there is "
                      "nothing to decide, even with --allow-incomplete; import the missing score "
                      "sheets (`jury status` lists them)",
                      "没有一件作品的完整评分达到排名所需数量（`min_scores`）：即使用 "
                      "--allow-incomplete 也无从评定；请导入缺少的评分表（`jury status` 会列出）");

  write_text(
      s.path("withdrawn.csv"),
      "entry_id,kind,group,subject,title,school,students,status\n"
      "E1,junior,g,EN,一,荆州中学,甲,withdrawn\nE2,junior,g,EN,二,沙市中学,乙,disqualified\n");
  REQUIRE(s.jury("import entries withdrawn.csv").exit_code == 0);
  const std::string all_gone =
      "no active entries to award: all 2 entries are withdrawn or disqualified";
  const std::string all_gone_zh = "没有可评奖的有效作品：全部 2 件作品均已退赛或被取消资格";
  check_award_refused(s, "", all_gone, all_gone_zh);
  check_award_refused(s, " --allow-incomplete", all_gone, all_gone_zh);
  CHECK(json::parse(s.jury("status --json").out)["award_ready"] == false);
}
