/// The office's correction loop, driven through the `jury` executable as a clerk drives it
/// (SPEC §3, §6, §8, §9, §10): nothing lost, nothing frozen too early, nothing leaked.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <sstream>

#include "../engine/small_competition.hpp"
#include "cli_runner.hpp"
#include "import_state.hpp"

using namespace jury::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

/// Five entries, four judges (capacity 5), k = 3; 一等奖 1, 二等奖 1 in one pool.
const std::string kTiers =
    R"([{"id": "first", "label": "一等奖", "count": 1}, {"id": "second", "label": "二等奖", "count": 1}])";
const std::string kConfig = jury::test::small_config(3, 5, kTiers);

std::string entries_file(const std::string& status_of_e5) {
  return jury::test::small_entries(5, status_of_e5);
}

/// (judge, entry) → the score cells "a,b,c" of a sheet row, as jury writes them.
using SheetValues = std::map<std::pair<std::string, std::string>, std::string>;

/// The rows of every sheet in `dir` (BOM, `#` line and header skipped).
SheetValues sheet_values(const fs::path& dir) {
  SheetValues values;
  for (const auto& item : fs::directory_iterator(dir)) {
    std::istringstream lines(read_text(item.path()));
    std::string line;
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
      if (line.empty() || line[0] == '#' || line.starts_with("judge_id,")) continue;
      std::vector<std::string> cells;
      std::istringstream fields(line);
      for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
      cells.resize(8);  // trailing empty cells
      values[{cells[0], cells[1]}] = cells[3] + "," + cells[4] + "," + cells[5];
    }
  }
  return values;
}

/// What the judges first send: a = 20 + 5·n for entry En, b = 20, c = 10 from every judge, so
/// the mean of En is 50 + 5·n whoever its judges are (E5 75, E4 70, E3 65, E2 60, E1 55).
std::string first_values(const std::string& entry) {
  return std::to_string(20 + 5 * (entry[1] - '0')) + ",20,10";
}

/// The exported sheets of `from`, filled with first_values, written to `to`.
void fill_sheets(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const auto& item : fs::directory_iterator(from)) {
    std::istringstream lines(read_text(item.path()));
    std::string text, line;
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const std::string plain = line.starts_with("\xEF\xBB\xBF") ? line.substr(3) : line;
      if (!plain.empty() && plain[0] != '#' && !plain.starts_with("judge_id,")) {
        // judge_id,entry_id,title,,,,, → the three score cells filled
        const auto title_end = line.find(',', line.find(',', line.find(',') + 1) + 1);
        const std::string entry = plain.substr(plain.find(',') + 1, 2);
        line = line.substr(0, title_end + 1) + first_values(entry) + ",,";
      }
      text += line + "\r\n";
    }
    write_text(to / item.path().filename(), text);
  }
}

json roster_json(const Scratch& s, const std::string& name, bool is_public) {
  const auto r = s.jury("export roster " + name + (is_public ? " --public" : ""));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(read_text(s.dir() / name));
}

/// entry id → tier id ("" for none) of a §9 results document.
std::map<std::string, std::string> tiers_of(const json& document) {
  std::map<std::string, std::string> tiers;
  for (const auto& row : document["results"])
    tiers[row["entry_id"].get<std::string>()] =
        row["tier"].is_null() ? "" : row["tier"].get<std::string>();
  return tiers;
}

/// The text cells of an exported XLSX roster (its shared strings), read with unzip.
std::string xlsx_strings(const Scratch& s, const std::string& name) {
  const std::string strings = s.path(name + ".strings");
  const std::string command =
      "unzip -p '" + s.path(name) + "' xl/sharedStrings.xml >'" + strings + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  return read_text(strings);
}

void set_up(const Scratch& s, const std::string& config = kConfig) {
  write_text(s.path("competition.json"), config);
  write_text(s.path("entries.csv"), entries_file("active"));
  write_text(s.path("judges.csv"), jury::test::kSmallJudges);
  run_ok(s, "init competition.json");
  run_ok(s, "import entries entries.csv");
  run_ok(s, "import judges judges.csv");
}

}  // namespace

TEST_CASE(
    "SPEC §6/§8/§9/§10: the correction loop end to end: one-cell correction, re-export, `-`, award "
    "refused while owed, freeze, reopen with reason, disqualify during 公示, award again — no "
    "value lost") {
  Scratch s("correction-loop");
  set_up(s);

  // SPEC §5: no sheets before assign (exit 3, says what to do, writes nothing).
  const auto early = s.jury("export sheets sheets");
  CHECK(early.exit_code == 3);
  CHECK(early.err == "jury: no assignments yet; run `jury assign` first\n");
  CHECK_FALSE(fs::exists(s.dir() / "sheets"));

  run_ok(s, "assign --seed 1");
  run_ok(s, "export sheets sheets");
  fill_sheets(s.dir() / "sheets", s.dir() / "returned");
  run_ok(s, "import scores returned");

  // What is stored, as a re-exported sheet shows it: every pair with its first values.
  run_ok(s, "export sheets stored-1");
  SheetValues expected = sheet_values(s.dir() / "stored-1");
  REQUIRE(expected.size() == 15);
  for (const auto& [pair, cells] : expected) CHECK(cells == first_values(pair.second));

  // SPEC §6: a judge re-sends only the corrected cell; the other criteria of the row stay.
  const auto e1_pair = std::find_if(expected.begin(), expected.end(),
                                    [](const auto& item) { return item.first.second == "E1"; });
  const std::string judge = e1_pair->first.first;
  write_text(s.path("one-cell.csv"),
             "judge_id,entry_id,title,a,b,c,comment,recuse\n" + judge + ",E1,题一,,29,,,\n");
  run_ok(s, "import scores one-cell.csv");
  expected[{judge, "E1"}] = "25,29,10";
  run_ok(s, "export sheets stored-2");
  CHECK(sheet_values(s.dir() / "stored-2") == expected);

  // SPEC §6: `-` clears exactly one stored value; the row is stored and reported as incomplete.
  const auto e2_pair = std::find_if(expected.begin(), expected.end(),
                                    [](const auto& item) { return item.first.second == "E2"; });
  const std::string e2_judge = e2_pair->first.first;
  write_text(s.path("clear.csv"), "judge_id,entry_id,criterion,score\n" + e2_judge + ",E2,c,-\n");
  const auto cleared = s.jury("import scores clear.csv");
  CHECK(cleared.exit_code == 0);
  CHECK(cleared.err.find("warning: judge " + e2_judge +
                         " for entry E2: the row is incomplete (no score for c)") !=
        std::string::npos);
  expected[{e2_judge, "E2"}] = "30,20,";
  run_ok(s, "export sheets stored-3");
  CHECK(sheet_values(s.dir() / "stored-3") == expected);

  // SPEC §6: an edited sheet in the folder is not overwritten without --force (exit 2).
  const fs::path edited = s.dir() / "stored-3" / (judge + "-student.csv");
  const std::string edited_text = read_text(edited) + judge + ",E9,手写的一行,1,1,1,,\r\n";
  write_text(edited, edited_text);
  const auto refused = s.jury("export sheets stored-3");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("pass --force to overwrite") != std::string::npos);
  CHECK(refused.err.find("1 sheet(s) in stored-3 would be overwritten; no sheet was written") !=
        std::string::npos);
  CHECK(read_text(edited) == edited_text);
  run_ok(s, "export sheets stored-3 --force");
  run_ok(s, "export sheets stored-4");
  CHECK(read_text(edited) == read_text(s.dir() / "stored-4" / (judge + "-student.csv")));

  // SPEC §8: award refuses while one score is owed (exit 3), naming who owes what.
  const auto owed = s.jury("award");
  CHECK(owed.exit_code == 3);
  CHECK(owed.err.find(e2_judge + " owes 1 (E2)") != std::string::npos);
  CHECK(s.jury("status").out.find("1 still owed by the assigned judges") != std::string::npos);
  write_text(s.path("complete.csv"),
             "judge_id,entry_id,criterion,score\n" + e2_judge + ",E2,c,10\n");
  run_ok(s, "import scores complete.csv");
  expected[{e2_judge, "E2"}] = "30,20,10";
  run_ok(s, "award");
  CHECK(tiers_of(roster_json(s, "decided-1.json", false)) ==
        std::map<std::string, std::string>{
            {"E1", ""}, {"E2", ""}, {"E3", ""}, {"E4", "second"}, {"E5", "first"}});

  // SPEC §8: after award, imports refuse (exit 3) until award --reopen --reason.
  const std::string frozen = state_of(s);
  const auto import_after = s.jury("import entries entries.csv");
  CHECK(import_after.exit_code == 3);
  CHECK(import_after.err ==
        "jury: the prize tiers are decided and frozen; `import entries` is refused until `jury "
        "award --reopen --reason TEXT`\n");
  const auto no_reason = s.jury("award --reopen");
  CHECK(no_reason.exit_code == 1);
  CHECK(no_reason.err.find("needs --reason TEXT") != std::string::npos);
  CHECK(state_of(s) == frozen);
  run_ok(s, "award --reopen --reason 'E5 在公示期间被取消资格'");
  CHECK(s.jury("audit").out.find("reason: E5 在公示期间被取消资格") != std::string::npos);

  // The entry disqualified during the 公示 is imported after reopening; a later file without a
  // status column does not reactivate it (SPEC §3).
  write_text(s.path("entries-dq.csv"), entries_file("disqualified"));
  run_ok(s, "import entries entries-dq.csv");
  CHECK(s.jury("audit").out.find("changed E5: status active -> disqualified") != std::string::npos);
  write_text(s.path("entries-no-status.csv"),
             "entry_id,kind,group,subject,title,school,students\n"
             "E5,student,g1,S,题五,戊校,张五\n");
  run_ok(s, "import entries entries-no-status.csv");
  CHECK(json::parse(s.jury("status --json").out)["kinds"][0]["disqualified"] == 1);

  // Award again by the same rules: E5 is gone from the tiers, E4 and E3 move up.
  run_ok(s, "award");
  CHECK(tiers_of(roster_json(s, "decided-2.json", false)) ==
        std::map<std::string, std::string>{
            {"E1", ""}, {"E2", ""}, {"E3", "second"}, {"E4", "first"}});

  // SPEC §9: public CSV, JSON, XLSX and HTML contain no entry without a prize.
  const json public_json = roster_json(s, "public.json", true);
  CHECK(tiers_of(public_json) ==
        std::map<std::string, std::string>{{"E3", "second"}, {"E4", "first"}});
  for (const char* name : {"public.csv", "public.html", "public.xlsx"})
    run_ok(s, std::string("export roster ") + name + " --public");
  const std::string csv = read_text(s.dir() / "public.csv");
  const std::string html = read_text(s.dir() / "public.html");
  const std::string xlsx = xlsx_strings(s, "public.xlsx");
  for (const std::string& text : {csv, html, xlsx}) {
    CHECK(text.find("E3") != std::string::npos);
    CHECK(text.find("E4") != std::string::npos);
    for (const char* unplaced : {"E1", "E2", "E5", "题一", "题二", "题五"})
      CHECK(text.find(unplaced) == std::string::npos);
  }

  // SPEC §10: a roster into a missing folder is exit 2 with the path and the reason, no file.
  const auto missing = s.jury("export roster out/x.html");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err ==
        "jury: cannot write out/x.html: No such file or directory; the folder out does not "
        "exist: create it first or choose another path; nothing was written\n");
  CHECK_FALSE(fs::exists(s.dir() / "out"));

  // No value lost: what is stored is every first value plus exactly the two corrections.
  // Sheets go to active entries only, so E5's rows leave the sheets, not the store: once E5 is
  // reinstated its judges' values come back as they were.
  run_ok(s, "export sheets final");
  SheetValues active = expected;
  std::erase_if(active, [](const auto& item) { return item.first.second == "E5"; });
  CHECK(active.size() == 12);
  CHECK(sheet_values(s.dir() / "final") == active);
  run_ok(s, "award --reopen --reason 'E5 复核后恢复'");
  run_ok(s, "import entries entries.csv");
  run_ok(s, "export sheets final-with-e5");
  CHECK(sheet_values(s.dir() / "final-with-e5") == expected);
  const std::string audit = s.jury("audit").out;
  CHECK(audit.find(judge + "/E1: [25;20;10] -> [25;29;10]") != std::string::npos);
  CHECK(audit.find(e2_judge + "/E2: [30;20;10] -> [30;20;]") != std::string::npos);
  CHECK(audit.find(e2_judge + "/E2: [30;20;] -> [30;20;10]") != std::string::npos);
}

TEST_CASE("SPEC §10: global options such as --db may stand before or after the command") {
  Scratch s("global-options");
  write_text(s.path("competition.json"), kConfig);
  write_text(s.path("entries.csv"), entries_file("active"));
  CHECK(s.run("init competition.json --db other.db").exit_code == 0);
  CHECK(fs::exists(s.dir() / "other.db"));
  CHECK(s.run("import entries entries.csv --db other.db").exit_code == 0);
  const auto after = s.run("status --db other.db --json");
  REQUIRE(after.exit_code == 0);
  CHECK(json::parse(after.out)["entries"] == 5);
  CHECK(s.run("--db other.db status --json").out == after.out);
  CHECK(s.run("export roster --db other.db r.csv").exit_code == 3);  // not decided yet
  CHECK_FALSE(fs::exists(s.dir() / "jury.db"));
}

TEST_CASE("SPEC §10: an unknown aggregation method is a usage error that lists the methods") {
  Scratch s("unknown-method");
  set_up(s);
  const auto r = s.jury("results --method foo");
  CHECK(r.exit_code == 1);
  CHECK(r.err ==
        "jury: usage: unknown method \"foo\"; use one of mean, trimmed-mean, median, zscore, "
        "severity\n");
}

TEST_CASE(
    "SPEC §6: a sheet of a withdrawn judge is one error that says the judge was withdrawn, not "
    "one per row") {
  Scratch s("withdrawn-judge");
  set_up(s);
  run_ok(s, "assign --seed 1");
  run_ok(s, "export sheets sheets");
  const std::string sheet = read_text(s.dir() / "sheets" / "J4-student.csv");
  const auto rows = std::count(sheet.begin(), sheet.end(), '\n') - 2;
  REQUIRE(rows >= 2);
  fill_sheets(s.dir() / "sheets", s.dir() / "returned");
  // J4 falls ill before sending the sheet: withdrawn, and assign gives its places to others.
  write_text(s.path("j4.csv"), "judge_id,name,affiliation,active\nJ4,评四,大学四,no\n");
  run_ok(s, "import judges j4.csv");
  run_ok(s, "assign --seed 1");
  const std::string before = state_of(s);
  const auto r = s.jury("import scores returned/J4-student.csv");
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "returned/J4-student.csv:3:2: error: judge J4 was withdrawn and is no longer "
        "assigned the " +
            std::to_string(rows) +
            " entries of this sheet; remove the sheet, or re-activate the judge (`jury "
            "import judges`) and run `jury assign`\n"
            "jury: invalid input, nothing changed\n");
  CHECK(state_of(s) == before);
}

TEST_CASE(
    "SPEC §9 status: `enough scores to rank` is told apart from `every assigned judge has "
    "scored`") {
  Scratch s("status-owed");
  // k = 4 > min_scores = 3: an entry can be ranked while a judge still owes it a score.
  set_up(s, jury::test::small_config(4, 5, kTiers));
  run_ok(s, "assign --seed 1");
  run_ok(s, "export sheets sheets");
  fill_sheets(s.dir() / "sheets", s.dir() / "returned");
  run_ok(s, "import scores returned");
  const auto before = s.jury("status").out;
  CHECK(before.find("prize tiers: not decided; every score is in, `jury award` can decide") !=
        std::string::npos);
  CHECK(before.find("scores: 20 complete, 0 still owed by the assigned judges") !=
        std::string::npos);
  CHECK(before.find("entries: 5 with enough scores to rank (5 of them scored by every assigned "
                    "judge), 0 incomplete (fewer than 3 complete scores)") != std::string::npos);
  // J1 takes back one score of E1: E1 still has 3 complete scores (ranked), but J1 owes one.
  write_text(s.path("clear.csv"), "judge_id,entry_id,criterion,score\nJ1,E1,a,-\n");
  run_ok(s, "import scores clear.csv");
  const auto after = s.jury("status").out;
  CHECK(after.find("scores: 19 complete, 1 still owed by the assigned judges") !=
        std::string::npos);
  CHECK(after.find("entries: 5 with enough scores to rank (4 of them scored by every assigned "
                   "judge), 0 incomplete (fewer than 3 complete scores)") != std::string::npos);
  CHECK(after.find("prize tiers: not decided; `jury award` refuses while 0 entries are "
                   "incomplete and 1 score(s) are owed (--allow-incomplete decides anyway)") !=
        std::string::npos);
  CHECK(s.jury("award").exit_code == 3);
}

TEST_CASE(
    "SPEC §10: init and demo into a path that cannot be written are exit 2 with the path and "
    "what to do") {
  Scratch s("unwritable-paths");
  write_text(s.path("competition.json"), kConfig);
  const auto init = s.run("--db missing/c.db init competition.json");
  CHECK(init.exit_code == 2);
  CHECK(init.err ==
        "jury: cannot create the competition database missing/c.db; the folder missing does not "
        "exist: create it first or choose another path\n");
  CHECK_FALSE(fs::exists(s.dir() / "missing"));
  write_text(s.path("a-file"), "keep");
  const auto demo = s.run("demo a-file/demo");
  CHECK(demo.exit_code == 2);
  CHECK(demo.err == "jury: cannot write a-file/demo: Not a directory; choose another path\n");
  CHECK(read_text(s.dir() / "a-file") == "keep");
}
