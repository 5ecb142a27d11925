/// A two-round competition driven through the `jury` executable as an office drives it
/// (SPEC §12–13): 初评 of five entries, advance, 终评 with interviews, an absence, tiers by two
/// rounds, the recommendation, the public roster. Every value worked out by hand below.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <sstream>

#include "cli_runner.hpp"
#include "import_state.hpp"

using namespace jury::testing;
using nlohmann::json;
namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

namespace {

/// E1–E5 of one kind in one pool; prelim rubric 创新 50 / 科学 30 / 表述 20, defence rubric 问辩
/// 0–100; k 3 then 2; mean; the final weighs prelim and final 0.5 each, has three 20-minute
/// interview slots, and takes the best 2. Tiers: first and second by the final (1 each), third
/// by the prelim (2); one first prize is recommended.
const char* const kConfig = R"({
  "competition": {"id": "two", "name": "两轮测试赛", "year": 2024},
  "groups": [{"id": "g1", "label": "小学"}],
  "subjects": [{"id": "S", "label": "科学"}],
  "kinds": [{"id": "student", "label": "学生", "rubric": "r", "max_students": 2, "max_advisors": 1}],
  "rubrics": {"r": {"step": 1, "criteria": [{"id": "a", "label": "创新", "max": 50},
                                            {"id": "b", "label": "科学", "max": 30},
                                            {"id": "c", "label": "表述", "max": 20}]},
              "d": {"step": 1, "criteria": [{"id": "q", "label": "问辩", "max": 100}]}},
  "judging": {"judges_per_entry": 3, "max_load": 5, "conflicts": ["school"]},
  "aggregation": {"method": "mean", "min_scores": 2},
  "awards": {"student": {"pool_by": [], "tiers": [
      {"id": "first", "label": "一等奖", "count": 1},
      {"id": "second", "label": "二等奖", "count": 1},
      {"id": "third", "label": "三等奖", "count": 2, "round": "prelim"}],
    "recommend": {"label": "推荐参加省赛", "count": 1, "tiers": ["first"]}}},
  "rounds": [
    {"id": "prelim", "label": "初评"},
    {"id": "final", "label": "终评", "judges_per_entry": 2, "rubrics": {"student": "d"},
     "advance": {"student": {"count": 2}}, "weights": {"prelim": 0.5, "final": 0.5},
     "interviews": {"slot_minutes": 20, "sessions": [{"start": "2024-05-18 09:00", "slots": 3}]}}]
})";

const char* const kEntries =
    "entry_id,kind,group,subject,title,school,students\n"
    "E1,student,g1,S,题一,甲校,张一\nE2,student,g1,S,题二,乙校,张二\nE3,student,g1,S,题三,丙校,"
    "张三\nE4,student,g1,S,题四,丁校,张四\nE5,student,g1,S,题五,戊校,张五\n";

/// J4 serves in the prelim only (评审轮次 by label).
const char* const kJudges =
    "judge_id,name,affiliation,rounds\nJ1,评一,大学一,\nJ2,评二,大学二,\nJ3,评三,大学三,\n"
    "J4,评四,大学四,初评\n";

/// A sheet's lines split into cells (BOM, `#` lines kept as they are).
std::vector<std::vector<std::string>> sheet_lines(const fs::path& file) {
  std::vector<std::vector<std::string>> lines;
  std::istringstream text(read_text(file));
  for (std::string line; std::getline(text, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
    lines.push_back(cells);
  }
  return lines;
}

/// Copies every sheet of `from` to `to` with each row's score cells (3 … 3+n−1) set by
/// `values(entry_id)`.
void fill_sheets(const fs::path& from, const fs::path& to,
                 const std::function<Strings(const std::string&)>& values) {
  fs::create_directories(to);
  for (const auto& item : fs::directory_iterator(from)) {
    std::string text;
    for (auto cells : sheet_lines(item.path())) {
      const bool data = cells.size() > 3 && cells[0].find('#') == std::string::npos &&
                        cells[0].find("judge_id") == std::string::npos;
      if (data) {
        const Strings filled = values(cells[1]);
        cells.resize(3 + filled.size() + 2);
        for (std::size_t c = 0; c < filled.size(); ++c) cells[3 + c] = filled[c];
      }
      std::string line;
      for (std::size_t c = 0; c < cells.size(); ++c) line += (c ? "," : "") + cells[c];
      text += line + "\r\n";
    }
    write_text(to / item.path().filename(), text);
  }
}

/// Prelim: every judge gives En a = 20 + 5n, b = 20, c = 10, so En's mean is 50 + 5n.
Strings prelim_values(const std::string& entry) {
  return {std::to_string(20 + 5 * (entry[1] - '0')), "20", "10"};
}

Strings file_names(const fs::path& dir) {
  Strings names;
  for (const auto& item : fs::directory_iterator(dir)) names.push_back(item.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

/// The JSON `jury ARGS` prints.
json json_of(const Scratch& s, const std::string& args) {
  const auto r = s.jury(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

json results_json(const Scratch& s, const std::string& options = "") {
  return json_of(s, "results --json " + options);
}

const json& row_of(const json& document, const std::string& id) {
  for (const json& row : document["results"])
    if (row["entry_id"] == id) return row;
  FAIL("no row " << id);
  throw std::logic_error("unreachable");
}

Strings entrants_of(const json& document, const std::string& round) {
  Strings ids;
  for (const json& row : document["results"])
    for (const json& item : row["rounds"])
      if (item["round"] == round) ids.push_back(row["entry_id"]);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::set<std::pair<std::string, std::string>> pairs_of(const fs::path& csv) {
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& cells : sheet_lines(csv))
    if (cells.size() == 2 && cells[0] != "judge_id") pairs.insert({cells[0], cells[1]});
  return pairs;
}

void set_up(const Scratch& s, const std::string& config = kConfig,
            const std::string& entries = kEntries) {
  write_text(s.path("competition.json"), config);
  write_text(s.path("entries.csv"), entries);
  write_text(s.path("judges.csv"), kJudges);
  run_ok(s, "init competition.json");
  run_ok(s, "import entries entries.csv");
  run_ok(s, "import judges judges.csv");
}

/// The prelim judged and closed: E5 (75) and E4 (70) go on.
void judge_prelim(const Scratch& s) {
  run_ok(s, "assign --seed 1");
  run_ok(s, "export sheets prelim");
  fill_sheets(s.dir() / "prelim", s.dir() / "prelim-filled", prelim_values);
  run_ok(s, "import scores prelim-filled");
}

}  // namespace

TEST_CASE(
    "SPEC §12: sheets of a staged competition are <judge>-<kind>-<round>.csv — advance refuses "
    "while an entrant going on is incomplete, and at the last round") {
  Scratch s("rounds-advance");
  set_up(s);
  run_ok(s, "assign --seed 1");
  run_ok(s, "export sheets prelim");
  CHECK(file_names(s.dir() / "prelim") == Strings{"J1-student-prelim.csv", "J2-student-prelim.csv",
                                                  "J3-student-prelim.csv",
                                                  "J4-student-prelim.csv"});
  const auto early = s.jury("advance");
  CHECK(early.exit_code == 3);
  CHECK(early.err.find("round prelim has no complete scores yet: none of its 5 entrant(s) going "
                       "on to final has 2 complete scores") != std::string::npos);
  const auto award = s.jury("award");
  CHECK(award.exit_code == 3);
  CHECK(award.err.find("decided in the last round (final)") != std::string::npos);

  fill_sheets(s.dir() / "prelim", s.dir() / "prelim-filled", prelim_values);
  run_ok(s, "import scores prelim-filled");
  // Before advancing, results flag who would go on.
  const json before = results_json(s);
  CHECK(row_of(before, "E5")["flags"] == Strings{"advance"});
  CHECK(row_of(before, "E4")["flags"] == Strings{"advance"});
  CHECK(row_of(before, "E3")["flags"].empty());
  CHECK(row_of(before, "E3")["tier"].is_null());

  const auto advanced = s.jury("advance");
  INFO(advanced.err);
  REQUIRE(advanced.exit_code == 0);
  CHECK(advanced.out ==
        "round prelim (初评) closed; round final (终评) opened with 2 entrant(s)\n"
        "  student: 5 ranked, quota 2, 2 go on\n");
  CHECK(entrants_of(results_json(s), "final") == Strings{"E4", "E5"});

  // SPEC §12: the closed round is read-only; reopen (no final scores yet) and advance again
  // give the same selection.
  CHECK(s.jury("import scores prelim-filled").exit_code == 3);
  run_ok(s, "advance --reopen");
  CHECK(entrants_of(results_json(s), "final").empty());
  run_ok(s, "advance");
  CHECK(entrants_of(results_json(s), "final") == Strings{"E4", "E5"});
  CHECK(s.jury("advance").exit_code == 3);         // final is the last round
  CHECK(s.jury("audit --verify").exit_code == 0);  // SPEC §10: reopen is jury's own change
  const auto unknown = s.jury("results --round semi");
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err == "jury: usage: unknown round \"semi\"; the rounds are prelim, final\n");
}

TEST_CASE(
    "SPEC §12–13: the final with interviews, an absence, tiers by two rounds, the "
    "recommendation and the public roster") {
  Scratch s("rounds-final");
  set_up(s);
  judge_prelim(s);
  run_ok(s, "advance");

  // §5 per round: k = 2 over the two entrants, J4 does not serve in the final.
  run_ok(s, "assign --seed 1");
  run_ok(s, "export assignments final-pairs.csv");
  const auto pairs = pairs_of(s.dir() / "final-pairs.csv");
  CHECK(pairs.size() == 4);
  for (const auto& [judge, entry] : pairs) CHECK(judge != "J4");
  run_ok(s, "export assignments --round prelim prelim-pairs.csv");
  CHECK(pairs_of(s.dir() / "prelim-pairs.csv").size() == 15);

  // §13: four interviews, Δ = 2 (each entrant meets two judges), slots 09:00 and 09:20.
  const auto scheduled = s.jury("schedule --seed 3");
  INFO(scheduled.err);
  REQUIRE(scheduled.exit_code == 0);
  run_ok(s, "export schedule timetable.csv");
  const auto rows = sheet_lines(s.dir() / "timetable.csv");
  REQUIRE(rows.size() == 5);
  CHECK(rows[0] == Strings{"\xEF\xBB\xBFslot", "start", "end", "judge_id", "judge", "entry_id",
                           "title", "school"});
  std::set<std::pair<std::string, std::string>> busy;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Strings& row = rows[r];
    CHECK((row[0] == "1" || row[0] == "2"));
    CHECK(row[1] == (row[0] == "1" ? "2024-05-18 09:00" : "2024-05-18 09:20"));
    CHECK(row[2] == (row[0] == "1" ? "2024-05-18 09:20" : "2024-05-18 09:40"));
    CHECK(busy.insert({row[0], row[3]}).second);  // no judge twice in a slot
    CHECK(busy.insert({row[0], row[5]}).second);  // no entrant twice in a slot
  }
  run_ok(s, "export schedule timetable.html");
  const std::string page = read_text(s.dir() / "timetable.html");
  const std::string entrants_part = page.substr(page.find("参赛作品问辩时间"));
  CHECK(page.find("评委日程：评一（J1）") != std::string::npos);
  for (const char* name : {"评一", "评二", "评三", "J1", "J2", "J3"})
    CHECK(entrants_part.find(name) == std::string::npos);  // the entrants' pages name no judge

  // The final's sheets list each judge's entries in slot order; all filled, then E4 is absent:
  // its unscored interviews go, and its rows in the returned sheets are skipped.
  run_ok(s, "export sheets final");
  CHECK(file_names(s.dir() / "final").size() == 3);
  fill_sheets(s.dir() / "final", s.dir() / "final-filled",
              [](const std::string& entry) { return Strings{entry == "E5" ? "80" : "90"}; });
  const auto absent = s.jury("absent E4");
  INFO(absent.err);
  REQUIRE(absent.exit_code == 0);
  CHECK(absent.out == "round final: absent: E4; 2 unscored assignment(s) dropped\n");
  CHECK(s.jury("absent E1").exit_code == 2);  // not an entrant of the final
  const auto imported = s.jury("import scores final-filled");
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  CHECK(imported.err.find("warning: skipped: entrant E4 is absent from this round") !=
        std::string::npos);
  CHECK(s.jury("schedule").exit_code == 3);          // an interview has a score
  CHECK(s.jury("advance --reopen").exit_code == 3);  // the final has scores

  run_ok(s, "award");
  const json decided = results_json(s);
  // Final: E5 only (E4 absent), 0.5·75 + 0.5·80 = 77.5 → first. Second: no one left in the
  // final. Third by the prelim (n_p = 5, 2 places): E3 and E2; E4 forfeits (absent).
  CHECK(row_of(decided, "E5")["tier"] == "first");
  CHECK(row_of(decided, "E5")["score"] == 77.5);
  CHECK(row_of(decided, "E5")["recommended"] == true);
  CHECK(row_of(decided, "E3")["tier"] == "third");
  CHECK(row_of(decided, "E2")["tier"] == "third");
  CHECK(row_of(decided, "E4")["tier"].is_null());
  CHECK(row_of(decided, "E4")["flags"] == Strings{"absent"});
  Strings order;
  for (const json& row : decided["results"]) order.push_back(row["entry_id"]);
  CHECK(order == Strings{"E5", "E3", "E2", "E1", "E4"});
  const json& pool = decided["pools"][0];
  CHECK(pool["entries"] == 5);
  CHECK(pool["quotas"] == json::parse(R"({"first": 1, "second": 1, "third": 2})"));
  CHECK(pool["rounds"] ==
        json::parse(R"({"prelim": {"entrants": 5, "ranked": 5, "advance_quota": null},
      "final": {"entrants": 2, "ranked": 1, "advance_quota": 2}})"));
  CHECK(pool["recommend_quota"] == 1);

  run_ok(s, "export roster public.json --public");
  const json shown = json::parse(read_text(s.dir() / "public.json"));
  Strings listed;
  for (const json& row : shown["results"]) {
    listed.push_back(row["entry_id"]);
    CHECK_FALSE(row.contains("score"));
    CHECK_FALSE(row.contains("rounds"));
    CHECK(row.contains("round"));
  }
  CHECK(listed == Strings{"E5", "E3", "E2"});
  CHECK(row_of(shown, "E5")["round"] == "final");
  run_ok(s, "export roster public.html --public");
  const std::string notice = read_text(s.dir() / "public.html");
  CHECK(notice.find("进入终评") != std::string::npos);
  CHECK(notice.find("推荐参加省赛") != std::string::npos);

  const std::string audit = s.jury("audit").out;
  for (const char* command : {"advance", "schedule", "absent", "award"})
    CHECK(audit.find(std::string(" ") + command + "\n") != std::string::npos);
  // SPEC §10: every one of these commands kept the state digest and the chain.
  CHECK(s.jury("audit --verify").exit_code == 0);
}

TEST_CASE(
    "SPEC §13: assign after schedule keeps the slots and puts new pairs into the earliest "
    "slot free for both") {
  Scratch s("rounds-reschedule");
  set_up(s);
  judge_prelim(s);
  run_ok(s, "advance");
  run_ok(s, "assign --seed 1");
  run_ok(s, "schedule --seed 1");
  run_ok(s, "export schedule before.csv");
  std::map<std::pair<std::string, std::string>, std::string> slot_before;
  for (const auto& row : sheet_lines(s.dir() / "before.csv"))
    if (row.size() == 8 && row[3] != "judge_id") slot_before[{row[3], row[5]}] = row[0];
  // A judge falls ill: withdrawn, and assign replaces the judge's interviews.
  const std::string ill = slot_before.begin()->first.first;
  std::string judges = kJudges;
  judges.replace(judges.find("judge_id,name,affiliation,rounds"), 32,
                 "judge_id,name,affiliation,rounds,active");
  for (const char* id : {"J1", "J2", "J3", "J4"}) {
    const std::size_t at = judges.find(std::string("\n") + id + ",");
    const std::size_t end = judges.find('\n', at + 1);
    judges.insert(end, std::string(",") + (id == ill ? "no" : "yes"));
  }
  write_text(s.path("judges.csv"), judges);
  run_ok(s, "import judges judges.csv");
  run_ok(s, "assign --seed 1");
  run_ok(s, "export schedule after.csv");
  std::map<std::string, std::set<std::string>> busy;  // slot → judges and entrants
  for (const auto& row : sheet_lines(s.dir() / "after.csv")) {
    if (row.size() != 8 || row[3] == "judge_id") continue;
    CHECK(row[3] != ill);
    const auto before = slot_before.find({row[3], row[5]});
    if (before != slot_before.end()) CHECK(before->second == row[0]);  // unchanged pairs stay
    CHECK(busy[row[0]].insert(row[3]).second);
    CHECK(busy[row[0]].insert(row[5]).second);
  }
}

TEST_CASE(
    "SPEC §10/§12 language: in Chinese, results and award name the method by its label, the "
    "rounds by their labels, the flags by Chinese words and the recommendation by its "
    "configured label, while --json keeps the codes (SPEC §9)",
    "[language]") {
  Scratch s("rounds-chinese");
  set_up(s);
  judge_prelim(s);
  // Before advancing: the prelim's ranking (E5 75 … E1 55, as judge_prelim fills it), no tiers of
  // the final yet, and E5 and E4 flagged as going on (advance, 晋级).
  const auto before = s.jury("--lang zh results");
  REQUIRE(before.exit_code == 0);
  CHECK(before.out ==
        "汇总方法：算术平均\n"
        "\n"
        "学生 — 排名 5 件；名额：一等奖 0，二等奖 0，三等奖 2\n"
        "  各轮：初评 参评 5 件，排名 5 件\n"
        "  初评          1  E5                75.00    [晋级]\n"
        "  初评          2  E4                70.00    [晋级]\n"
        "  初评          3  E3                65.00  \n"
        "  初评          4  E2                60.00  \n"
        "  初评          5  E1                55.00  \n");

  run_ok(s, "advance");
  run_ok(s, "assign --seed 1");
  run_ok(s, "export sheets final");
  fill_sheets(s.dir() / "final", s.dir() / "final-filled",
              [](const std::string& entry) { return Strings{entry == "E5" ? "80" : "90"}; });
  run_ok(s, "absent E4");
  run_ok(s, "import scores final-filled");
  // As the test above works out: E5 0.5·75 + 0.5·80 = 77.5, first and recommended (推荐参加省赛,
  // quota 1); E3 and E2 third by the prelim; E4 absent (缺席), no tier.
  const auto award = s.jury("--lang zh award");
  INFO(award.err);
  REQUIRE(award.exit_code == 0);
  const std::string decided =
      "汇总方法：算术平均\n"
      "\n"
      "学生 — 排名 5 件；名额：一等奖 1，二等奖 1，三等奖 2\n"
      "  各轮：初评 参评 5 件，排名 5 件；终评 参评 2 件，排名 1 件（晋级名额 2）；推荐名额 1"
      "（推荐参加省赛）\n"
      "  终评          1  E5                77.50  一等奖 推荐\n"
      "  初评          3  E3                65.00  三等奖\n"
      "  初评          4  E2                60.00  三等奖\n"
      "  初评          5  E1                55.00  \n"
      "  终评          -  E4                    -    [缺席]\n";
  CHECK(award.out == decided + "获奖等级已评定并锁定\n");
  CHECK(s.jury("--lang zh results").out == decided);
  for (const char* code : {"mean", "prelim", "final", "absent", "advance", "quota"})
    CHECK(decided.find(code) == std::string::npos);

  // English keeps the codes as before; the recommendation's label is named there too.
  CHECK(s.jury("--lang en results").out ==
        "method: mean\n"
        "\n"
        "学生 — 5 ranked; quotas: 一等奖 1, 二等奖 1, 三等奖 2\n"
        "  rounds: prelim 5 entrants, 5 ranked; final 2 entrants, 1 ranked (advance quota 2); "
        "推荐 quota 1 (推荐参加省赛)\n"
        "  final         1  E5                77.50  一等奖 推荐\n"
        "  prelim        3  E3                65.00  三等奖\n"
        "  prelim        4  E2                60.00  三等奖\n"
        "  prelim        5  E1                55.00  \n"
        "  final         -  E4                    -    [absent]\n");
  // SPEC §9: the JSON is for programs: codes in either language.
  const auto zh_json = s.jury("--lang zh results --json");
  REQUIRE(zh_json.exit_code == 0);
  CHECK(zh_json.out == s.jury("--lang en results --json").out);
  const json document = json::parse(zh_json.out);
  CHECK(document["method"] == "mean");
  CHECK(row_of(document, "E4")["flags"] == Strings{"absent"});
  CHECK(row_of(document, "E4")["round"] == "final");

  // The report's judge lines name the kind by its label (学生), padded as the ids were.
  const auto report = s.jury("--lang zh report --round prelim");
  REQUIRE(report.exit_code == 0);
  CHECK(report.out.starts_with("汇总方法：算术平均\n"));
  CHECK(report.out.find("\n  J1         学生       评审量 ") != std::string::npos);
  CHECK(report.out.find("\n  去掉最高分和最低分后平均：0 处变化\n") != std::string::npos);
  CHECK(report.out.find("\n  评委宽严校正：0 处变化") != std::string::npos);
  for (const char* code : {"student", "trimmed-mean", "severity", "mean"})
    CHECK(report.out.find(code) == std::string::npos);
  const auto english_report = s.jury("--lang en report --round prelim");
  CHECK(english_report.out.find("\n  J1         student    load ") != std::string::npos);
  CHECK(english_report.out.find("\n  trimmed-mean: 0 change(s)\n") != std::string::npos);
}

namespace {

/// `text` with its first `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

/// `jury ARGS` with --lang en, then `between` (when given, to undo it), then with --lang zh.
std::vector<RunResult> in_both_languages(const Scratch& s, const std::string& args,
                                         const std::string& between = "") {
  std::vector<RunResult> runs{s.jury("--lang en " + args)};
  if (!between.empty()) run_ok(s, between);
  runs.push_back(s.jury("--lang zh " + args));
  return runs;
}

json status_json(const Scratch& s, const std::string& options = "") {
  return json_of(s, "status --json " + options);
}

int missing_scores(const json& status) {
  int missing = 0;
  for (const json& kind : status["kinds"]) missing += kind["missing_scores"].get<int>();
  return missing;
}

}  // namespace

TEST_CASE(
    "SPEC §9 status / §12 per round: owed_scores counts the round shown (the current one by "
    "default), and award_ready is false before the last round") {
  Scratch s("rounds-status-owed");
  set_up(s);
  run_ok(s, "assign --seed 1");
  // The prelim: 5 entrants × k 3 = 15 pairs, none scored yet.
  const json prelim = status_json(s);
  CHECK(prelim["round"] == "prelim");
  CHECK(prelim["assignments"] == 15);
  CHECK(prelim["owed_scores"] == 15);
  CHECK(missing_scores(prelim) == 15);
  CHECK(prelim["award_ready"] == false);  // `award` needs the last round current (exit 3)
  run_ok(s, "export sheets prelim");
  fill_sheets(s.dir() / "prelim", s.dir() / "prelim-filled", prelim_values);
  run_ok(s, "import scores prelim-filled");
  const json scored = status_json(s);
  CHECK(scored["owed_scores"] == 0);
  CHECK(scored["award_ready"] == false);

  // The final: E5 and E4 × k 2 = 4 pairs owed; the closed prelim owes nothing.
  run_ok(s, "advance");
  run_ok(s, "assign --seed 1");
  const json final_round = status_json(s);
  CHECK(final_round["round"] == "final");
  CHECK(final_round["owed_scores"] == 4);
  CHECK(missing_scores(final_round) == 4);
  CHECK(final_round["award_ready"] == false);
  const json closed = status_json(s, "--round prelim");
  CHECK(closed["round"] == "prelim");
  CHECK(closed["owed_scores"] == 0);
  run_ok(s, "export sheets final");
  fill_sheets(s.dir() / "final", s.dir() / "final-filled",
              [](const std::string&) { return Strings{"90"}; });
  run_ok(s, "import scores final-filled");
  const json done = status_json(s);
  CHECK(done["owed_scores"] == 0);
  CHECK(done["award_ready"] == true);
}

TEST_CASE(
    "SPEC §5/§12, §10 exit 3: assign in a round that `advance` opened with no entrant says so "
    "in both languages and changes nothing") {
  Scratch s("rounds-assign-no-entrants");
  set_up(s, replaced(kConfig, R"("advance": {"student": {"count": 2}})",
                     R"("advance": {"student": {"count": 2, "min_score": 99}})"));
  judge_prelim(s);
  const auto advanced = s.jury("advance");
  REQUIRE(advanced.exit_code == 0);
  CHECK(advanced.out ==
        "round prelim (初评) closed; round final (终评) opened with 0 entrant(s)\n"
        "  student: 5 ranked, quota 2, 0 go on\n");  // nobody reaches min_score 99

  const std::string before = state_of(s);
  const std::vector<RunResult> refused = in_both_languages(s, "assign");
  CHECK(refused[0].exit_code == 3);
  CHECK(refused[0].err ==
        "jury: round final: no entrants to assign: `jury advance` sent no entry on from round "
        "prelim (`jury advance --reopen` reopens it)\n");
  CHECK(refused[1].exit_code == 3);
  CHECK(refused[1].err ==
        "jury: 终评（final）：没有可分配评委的参评作品：`jury advance` 未让初评（prelim）的任何作品"
        "晋级（`jury advance --reopen` 可重新打开该轮）\n");
  CHECK(state_of(s) == before);
}

TEST_CASE(
    "SPEC §10/§12 language: advance names each pool by its ids in English and by its labels in "
    "Chinese") {
  Scratch s("rounds-advance-pools");
  const std::string config = replaced(
      replaced(kConfig, R"("groups": [{"id": "g1", "label": "小学"}])",
               R"("groups": [{"id": "g1", "label": "小学"}, {"id": "g2", "label": "初中"}])"),
      R"("pool_by": [])", R"("pool_by": ["group"])");
  // E4 and E5 in the second group.
  set_up(s, config,
         replaced(replaced(kEntries, "E4,student,g1", "E4,student,g2"), "E5,student,g1",
                  "E5,student,g2"));
  judge_prelim(s);
  // count 2 over pools of 3 and 2 ranked entries: 1 place each (largest remainder).
  const std::vector<RunResult> advanced = in_both_languages(s, "advance", "advance --reopen");
  CHECK(advanced[0].exit_code == 0);
  CHECK(advanced[0].out ==
        "round prelim (初评) closed; round final (终评) opened with 2 entrant(s)\n"
        "  student/g1: 3 ranked, quota 1, 1 go on\n"
        "  student/g2: 2 ranked, quota 1, 1 go on\n");
  CHECK(advanced[1].exit_code == 0);
  CHECK(advanced[1].out ==
        "初评（prelim）轮已结束；终评（final）轮开始，参评作品 2 件\n"
        "  学生 / 小学：排名 3 件，晋级名额 1，晋级 1 件\n"
        "  学生 / 初中：排名 2 件，晋级名额 1，晋级 1 件\n");
}
