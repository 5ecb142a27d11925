/// The office's correction loop through the Competition facade (SPEC §3, §6, §8, §9) on a
/// competition small enough to work out by hand: three entries, four judges, every judge
/// assigned every entry (k = 4, no conflict rule fires), min_scores 3.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../exporters/temp_dir.hpp"
#include "engine/award_readiness.hpp"
#include "engine/competition.hpp"
#include "engine/errors.hpp"
#include "small_competition.hpp"

using namespace jury;
namespace fs = std::filesystem;

namespace {

/// One prize: 一等奖 for the best entry.
const char* const kTiers = R"([{"id": "first", "label": "一等奖", "count": 1}])";

const std::string kHeader = "judge_id,entry_id,title,a,b,c,comment,recuse\n";

/// The small competition, imported and assigned, in a fresh folder.
struct Small {
  test::TempDir dir;
  Competition c = make(dir.path());

  static Competition make(const fs::path& dir) {
    test::write_bytes(dir / "competition.json", test::small_config(4, 3, kTiers));
    test::write_bytes(dir / "entries.csv", test::small_entries(3));
    test::write_bytes(dir / "judges.csv", test::kSmallJudges);
    Competition c =
        Competition::init((dir / "jury.db").string(), (dir / "competition.json").string());
    c.import_entries((dir / "entries.csv").string(), Encoding::Auto);
    c.import_judges((dir / "judges.csv").string(), Encoding::Auto);
    c.assign(1, AssignMode::Incremental);
    return c;
  }

  std::string path(const std::string& name) const { return (dir.path() / name).string(); }

  /// Imports a long-layout sheet given as its rows ("J1,E1,a,40").
  ImportSummary import_long(const std::string& name, const std::string& rows) {
    test::write_bytes(path(name), "judge_id,entry_id,criterion,score\n" + rows);
    return c.import_scores({path(name)}, Encoding::Auto);
  }

  /// Every judge scores every entry completely except the (judge, entry) pairs in `owed`.
  void score_all_but(const std::set<Assignment>& owed) {
    std::string rows;
    for (const Assignment& pair : c.assignments()) {
      if (owed.count(pair)) continue;
      const std::string p = pair.judge_id + "," + pair.entry_id + ",";
      const int e = pair.entry_id[1] - '0';
      rows += p + "a," + std::to_string(30 + e) + "\n" + p + "b,20\n" + p + "c,10\n";
    }
    import_long("all.csv", rows);
  }
};

std::string error_messages(const InputError& error) {
  std::string text;
  for (const auto& d : error.diagnostics().items()) text += d.message + "\n";
  return text;
}

}  // namespace

TEST_CASE(
    "SPEC §6: export sheets writes the values already stored into the cells, so a re-exported "
    "sheet is the judge's current sheet") {
  Small s;
  REQUIRE(s.c.assignments().size() == 12);
  s.import_long("j1.csv", "J1,E1,a,40\nJ1,E1,b,25\nJ1,E1,c,15\nJ1,E2,b,22.0\n");
  s.c.export_sheets(s.path("re"), Encoding::Utf8);
  CHECK(test::read_bytes(s.dir.path() / "re" / "J1-student.csv") ==
        "\xEF\xBB\xBF# a=创新 (0–50), b=科学 (0–30), c=表述 (0–20); step 1\r\n"
        "judge_id,entry_id,title,a,b,c,comment,recuse\r\n"
        "J1,E1,题一,40,25,15,,\r\n"
        "J1,E2,题二,,22,,,\r\n"
        "J1,E3,题三,,,,,\r\n");
  // Importing the re-exported sheet unchanged changes nothing.
  const ImportSummary again =
      s.c.import_scores({(s.dir.path() / "re" / "J1-student.csv").string()}, Encoding::Auto);
  CHECK(again.added == 0);
  CHECK(again.updated == 0);
  CHECK(again.unchanged == 2);
  CHECK(again.blank == 1);
}

TEST_CASE(
    "SPEC §6: export sheets refuses (exit 2) to overwrite a sheet in DIR that differs from what "
    "it would write, unless --force") {
  Small s;
  s.c.export_sheets(s.path("sheets"), Encoding::Utf8);
  const fs::path sheets = s.dir.path() / "sheets";
  // J2 returns a filled sheet into the folder; it is not imported yet.
  const std::string returned =
      kHeader + "J2,E1,题一,41,20,10,,\nJ2,E2,题二,,,,,\nJ2,E3,题三,,,,,\n";
  test::write_bytes(sheets / "J2-student.csv", returned);
  fs::remove(sheets / "J4-student.csv");
  const std::string j1_before = test::read_bytes(sheets / "J1-student.csv");

  try {
    s.c.export_sheets(sheets.string(), Encoding::Utf8);
    FAIL("export sheets overwrote a returned sheet");
  } catch (const InputError& error) {
    CHECK(error.exit_code() == 2);
    REQUIRE(error.diagnostics().items().size() == 1);
    const Diagnostic& d = error.diagnostics().items()[0];
    CHECK(d.file == (fs::weakly_canonical(sheets) / "J2-student.csv").string());
    CHECK(d.code == "sheets.would-overwrite");
    CHECK(d.message ==
          "this sheet differs from the one jury would write now (it holds 1 row(s) with scores or "
          "recusals not imported yet: import it first with `jury import scores`, or move it "
          "away); pass --force to overwrite");
  }
  // Nothing was written: the returned sheet as it was, and no sheet made for J4 either.
  CHECK(test::read_bytes(sheets / "J2-student.csv") == returned);
  CHECK_FALSE(fs::exists(sheets / "J4-student.csv"));
  CHECK(test::read_bytes(sheets / "J1-student.csv") == j1_before);

  // Importing it first: now the folder's sheet says what is stored (apart from its layout), but
  // its bytes differ, so jury still asks, and says that overwriting loses nothing.
  s.c.import_scores({(sheets / "J2-student.csv").string()}, Encoding::Auto);
  try {
    s.c.export_sheets(sheets.string(), Encoding::Utf8);
    FAIL("export sheets overwrote a differing sheet");
  } catch (const InputError& error) {
    CHECK(error_messages(error) ==
          "this sheet differs from the one jury would write now (it holds no score that is not "
          "stored already, e.g. an earlier export: overwriting loses nothing); pass --force to "
          "overwrite\n");
  }
  const auto written =
      s.c.export_sheets(sheets.string(), Encoding::Utf8, nullptr, SheetFormat::Csv, /*force=*/true);
  CHECK(written.size() == 4);
  CHECK(test::read_bytes(sheets / "J2-student.csv").find("J2,E1,题一,41,20,10,,") !=
        std::string::npos);
  // What it wrote is what it would write: a second export needs no --force.
  CHECK(s.c.export_sheets(sheets.string(), Encoding::Utf8).size() == 4);
}

TEST_CASE("SPEC §5: export sheets before assign is refused (exit 3) and says to run assign") {
  test::TempDir dir;
  test::write_bytes(dir.path() / "competition.json", test::small_config(4, 3, kTiers));
  Competition c = Competition::init((dir.path() / "jury.db").string(),
                                    (dir.path() / "competition.json").string());
  try {
    c.export_sheets((dir.path() / "sheets").string(), Encoding::Utf8);
    FAIL("export sheets wrote sheets without assignments");
  } catch (const StateError& error) {
    CHECK(error.exit_code() == 3);
    CHECK(std::string(error.what()) == "no assignments yet; run `jury assign` first");
  }
  CHECK_FALSE(fs::exists(dir.path() / "sheets"));
}

TEST_CASE(
    "SPEC §8: award refuses (exit 3) while an assignment of an active entry lacks a complete "
    "score, although every entry has min_scores complete scores") {
  Small s;
  s.score_all_but({{"J3", "E2"}});
  s.import_long("partial.csv", "J3,E2,a,30\n");  // a partly filled row is owed too
  try {
    s.c.award(Incomplete::Refuse);
    FAIL("award decided while J3 owes a score");
  } catch (const StateError& error) {
    CHECK(error.exit_code() == 3);
    CHECK(std::string(error.what()) ==
          "the prize tiers cannot be decided yet: 1 score(s) still owed by 1 judge(s): J3 owes 1 "
          "(E2); import the missing score sheets (`jury status` lists them), or decide anyway "
          "with `jury award --allow-incomplete`");
  }
  CHECK_FALSE(s.c.awarded());
  // Once J3 completes the row (one cell: the other stored values stay), award decides.
  s.import_long("rest.csv", "J3,E2,b,20\nJ3,E2,c,10\n");
  const Results decided = s.c.award(Incomplete::Refuse);
  REQUIRE(decided.pools.size() == 1);
  CHECK(decided.pools[0].rows[0].entry_id == "E3");
  CHECK(decided.pools[0].rows[0].tier == std::optional<std::string>("first"));
}

TEST_CASE(
    "SPEC §8: award --allow-incomplete decides although scores are owed — the audit lists the "
    "incomplete entries and the owed scores") {
  Small s;
  s.score_all_but({{"J1", "E1"}, {"J2", "E1"}, {"J4", "E3"}});
  const Results decided = s.c.award(Incomplete::Allow);
  const auto& rows = decided.pools.at(0).rows;
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].entry_id == "E3");  // 3 complete scores: ranked
  CHECK(rows[2].entry_id == "E1");  // 2 complete scores: incomplete, no rank, no tier
  CHECK_FALSE(rows[2].rank);
  CHECK_FALSE(rows[2].tier);
  CHECK(s.c.audit().back().change ==
        "decided with method mean, incomplete allowed: 1 entries incomplete, 3 scores owed; "
        "student/first 1\n"
        "incomplete (no tier): E1\n"
        "owed: J1 owes 1 (E1); J2 owes 1 (E1); J4 owes 1 (E3)");
}

TEST_CASE(
    "SPEC §8: award refuses even with --allow-incomplete when a kind has no complete score at "
    "all") {
  Small s;
  s.import_long("one.csv", "J1,E1,a,40\n");  // a partly filled row is not a complete score
  try {
    s.c.award(Incomplete::Allow);
    FAIL("award decided a kind without one complete score");
  } catch (const StateError& error) {
    CHECK(std::string(error.what()) ==
          "no complete score at all for kind 学生 (student): there is nothing to decide, even "
          "with --allow-incomplete; import the score sheets first");
  }
  CHECK_FALSE(s.c.awarded());
}

TEST_CASE(
    "SPEC §9 status: entries with enough scores to rank are told apart from entries every "
    "assigned judge has scored") {
  Small s;
  s.score_all_but({{"J4", "E3"}, {"J1", "E2"}, {"J2", "E2"}});
  const Status status = s.c.status();
  REQUIRE(status.kinds.size() == 1);
  const KindProgress& k = status.kinds[0];
  CHECK(k.complete_scores == 9);
  CHECK(k.missing_scores == 3);
  CHECK(k.rankable_entries == 2);      // E1 (4 scores) and E3 (3 of 4)
  CHECK(k.fully_scored_entries == 1);  // E1 only: a judge still owes E3 a score
  CHECK(k.incomplete_entries == 1);    // E2 (2 scores)
  CHECK_FALSE(status.readiness.ready());
  CHECK(status.readiness.incomplete_entries == std::vector<std::string>{"E2"});
  CHECK(status.readiness.owed_count() == 3);
}

TEST_CASE("SPEC §3: the audit record names every id added or changed, with the fields changed") {
  Small s;
  test::write_bytes(s.dir.path() / "entries2.csv",
                    "作品编号,类别,组别,学科,作品名称,学校,学生,状态\n"
                    "E1,student,g1,S,题一,甲校,张一,active\n"
                    "E2,student,g1,S,新题二,乙校,张二、李二,withdrawn\n"
                    "E3,student,g1,S,题三,丙校,张三,active\n"
                    "E4,student,g1,S,题四,丁校,张四,active\n");
  const ImportSummary summary = s.c.import_entries(s.path("entries2.csv"), Encoding::Auto);
  CHECK(summary.added == 1);
  CHECK(summary.updated == 1);
  CHECK(summary.unchanged == 2);
  CHECK(s.c.audit().back().change ==
        "4 entries: 1 added, 1 updated, 2 unchanged\n"
        "added: E4\n"
        "changed E2: title \"题二\" -> \"新题二\", students \"张二\" -> \"张二、李二\", status "
        "active "
        "-> withdrawn");
  // A file without the status column never reactivates E2 (SPEC §3).
  test::write_bytes(
      s.dir.path() / "entries3.csv",
      "entry_id,kind,group,subject,title,school,students\nE2,student,g1,S,新题二,乙校,张二\n");
  s.c.import_entries(s.path("entries3.csv"), Encoding::Auto);
  CHECK(s.c.audit().back().change ==
        "1 entries: 0 added, 1 updated, 0 unchanged\n"
        "changed E2: students \"张二、李二\" -> \"张二\"");
  for (const Entry& e : s.c.entries())
    if (e.id == "E2") CHECK(e.status == EntryStatus::Withdrawn);
}

TEST_CASE("SPEC §4: the audit of a judges import names every id added or changed and the fields") {
  Small s;
  test::write_bytes(
      s.dir.path() / "judges2.csv",
      "judge_id,name,affiliation,max_load,active\nJ1,评一,大学一,,yes\nJ2,评二,新大学,5,no\n"
      "J5,评五,大学五,,yes\n");
  s.c.import_judges(s.path("judges2.csv"), Encoding::Auto);
  CHECK(s.c.audit().back().change ==
        "3 judges: 1 added, 1 updated, 1 unchanged\n"
        "added: J5\n"
        "changed J2: affiliation \"大学二\" -> \"新大学\", max_load \"\" -> 5, active yes -> no");
  // Without the 状态 column J2 stays withdrawn (SPEC §3: the same holds for judges).
  test::write_bytes(s.dir.path() / "judges3.csv", "评委编号,姓名,工作单位\nJ2,评二,新大学\n");
  s.c.import_judges(s.path("judges3.csv"), Encoding::Auto);
  CHECK(s.c.audit().back().change == "1 judges: 0 added, 0 updated, 1 unchanged");
  for (const Judge& j : s.c.judges())
    if (j.id == "J2") CHECK_FALSE(j.active);
}

TEST_CASE("SPEC §6: the audit of a scores import names the pair that recused and its old values") {
  Small s;
  s.import_long("first.csv", "J2,E3,a,40\nJ2,E3,b,25\n");
  test::write_bytes(s.dir.path() / "recuse.csv", kHeader + "J2,E3,题三,,,,,回避\n");
  const ImportSummary summary = s.c.import_scores({s.path("recuse.csv")}, Encoding::Auto);
  CHECK(summary.recused == 1);
  CHECK(s.c.audit().back().change ==
        "1 score rows: 0 new, 0 replaced, 1 recusals\n"
        "recused J2/E3\n"
        "J2/E3: [40;25;] -> []");
}

TEST_CASE("SPEC §8: award_readiness: owed pairs, incomplete entries, kinds without any score") {
  Config config;
  config.kinds = {{"student", "学生", "r", 2, 1}, {"advisor", "辅导员", "r", 0, 1}};
  config.rubrics["r"] = {"r", 1, {{"a", "创新", 10, 10}, {"b", "科学", 10, 10}}};
  config.aggregation.min_scores = 2;
  auto entry = [](std::string id, std::string kind, EntryStatus status) {
    Entry e;
    e.id = std::move(id);
    e.kind = std::move(kind);
    e.status = status;
    return e;
  };
  const std::vector<Entry> entries{
      entry("E1", "student", EntryStatus::Active), entry("E2", "student", EntryStatus::Active),
      entry("E3", "student", EntryStatus::Withdrawn), entry("A1", "advisor", EntryStatus::Active)};
  const std::vector<Assignment> assignments{{"J1", "E1"}, {"J2", "E1"}, {"J1", "E2"},
                                            {"J2", "E2"}, {"J1", "E3"}, {"J2", "A1"}};
  const std::vector<ScoreRow> scores{{"J1", "E1", {5, 5}, ""},
                                     {"J2", "E1", {6, 6}, ""},
                                     {"J1", "E2", {5, std::nullopt}, ""},  // partly filled
                                     {"J2", "E2", {7, 7}, ""},
                                     {"J2", "A1", {std::nullopt, 3}, ""}};
  const AwardReadiness r = award_readiness(config, entries, assignments, scores);
  CHECK(r.incomplete_entries == std::vector<std::string>{"A1", "E2"});
  // E3 is withdrawn: nobody owes it a score.
  CHECK(r.owed == std::map<std::string, std::vector<std::string>>{{"J1", {"E2"}}, {"J2", {"A1"}}});
  CHECK(r.owed_count() == 2);
  CHECK(r.kinds_without_scores == std::vector<std::string>{"advisor"});
  CHECK_FALSE(r.ready());
  CHECK(describe_owed(r) == "J1 owes 1 (E2); J2 owes 1 (A1)");
}
