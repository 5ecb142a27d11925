#include <catch2/catch.hpp>

#include "importers/scores_importer.hpp"
#include "test_support.hpp"

using namespace jury;

namespace {

Entry make_entry(const std::string& id, const std::string& kind) {
  Entry e;
  e.id = id;
  e.kind = kind;
  e.group = kind == "student" ? "primary" : "";
  e.subject = "PS";
  e.title = "Title " + id;
  e.school = "School";
  return e;
}

/// Entries P1, P2 (student: innovation 40, rigor 30, practicality 20, presentation 10, step 0.5)
/// and A1 (advisor: innovation 35, rigor 25, practicality 25, reach 15, step 1); judges J1–J3;
/// J1 is assigned P1, P2 and A1, J2 is assigned P1.
struct Fixture {
  std::map<std::string, Entry> entries{{"P1", make_entry("P1", "student")},
                                       {"P2", make_entry("P2", "student")},
                                       {"A1", make_entry("A1", "advisor")}};
  std::set<std::string> judges{"J1", "J2", "J3"};
  std::set<Assignment> assigned{{"J1", "P1"}, {"J1", "P2"}, {"J1", "A1"}, {"J2", "P1"}};
  ScoreIndex index{entries, judges, assigned};
  ScoreContext context{test::jingzhou(), index};
};

struct Result {
  std::vector<ImportedScore> scores;
  Diagnostics report;
  std::string text() const { return report.to_text(); }
};

Result import(const std::string& csv) {
  static const Fixture fixture;
  Result r;
  r.scores = import_scores(csv, "sheet.csv", Encoding::Auto, fixture.context, r.report);
  return r;
}

const std::string kSheetHead =
    "# innovation 创新性 (max 40), rigor 科学性 (max 30), practicality 实用性 (max 20), "
    "presentation 表述 (max 10)\n"
    "judge_id,entry_id,title,innovation,rigor,practicality,presentation,comment,recuse\n";

using Values = std::vector<std::optional<double>>;

}  // namespace

TEST_CASE("SPEC §5/§6: the sheet layout (comment line, header, one column per criterion)") {
  const auto r = import(kSheetHead + "J1,P1,Title P1,35.5,28,18,9.5,很好,\n" +
                        "J1,P2,Title P2,３６,,１９．５,,,\n");
  // SPEC §6: "a partly filled row is stored and reported as incomplete".
  CHECK(r.text() ==
        "sheet.csv:4:5: warning: judge J1 for entry P2: the row is incomplete (no score for rigor, "
        "presentation); it is stored and counts once complete\n");
  REQUIRE(r.scores.size() == 2);
  CHECK(r.scores[0].row.judge_id == "J1");
  CHECK(r.scores[0].row.entry_id == "P1");
  CHECK(r.scores[0].row.values == Values{35.5, 28, 18, 9.5});
  CHECK(r.scores[0].row.comment == "很好");
  CHECK(r.scores[0].row.complete());
  CHECK_FALSE(r.scores[0].recuse);
  CHECK(r.scores[0].line == 3);
  // SPEC §6: an empty cell means "not scored yet"; full-width digits are accepted.
  CHECK(r.scores[1].row.values == Values{36, std::nullopt, 19.5, std::nullopt});
  CHECK_FALSE(r.scores[1].row.complete());
}

TEST_CASE("SPEC §6: values are stored in rubric order whatever the column order — labels work") {
  const auto r =
      import("judge_id,entry_id,表述,Innovation,科学性,practicality\nJ1,P1,10,40,0,20\n");
  CHECK(r.report.items().empty());
  REQUIRE(r.scores.size() == 1);
  CHECK(r.scores[0].row.values == Values{40, 0, 20, 10});
}

TEST_CASE("SPEC §6: a score that is not a number is an error naming file, line, column, range") {
  const auto r = import(kSheetHead + "J1,P1,T,85分,,,,,\nJ1,P2,T,abc,1e1,,,,\n");
  CHECK(r.text() ==
        "sheet.csv:3:4: error: score \"85分\" for innovation is not a number; allowed 0–40 in "
        "steps of 0.5\n"
        "sheet.csv:4:4: error: score \"abc\" for innovation is not a number; allowed 0–40 in "
        "steps of 0.5\n"
        "sheet.csv:4:5: error: score \"1e1\" for rigor is not a number; allowed 0–30 in steps of "
        "0.5\n");
  CHECK(r.report.items()[0].code == "scores.not-a-number");
  CHECK(r.scores.empty());
}

TEST_CASE("SPEC §6: every value is a number in [0, max]") {
  const auto r = import(kSheetHead + "J1,P1,T,-1,30.5,20,10,,\nJ1,P2,T,41,30,0,0,,\n");
  CHECK(r.text() ==
        "sheet.csv:3:4: error: score \"-1\" for innovation is out of range; allowed 0–40 in steps "
        "of 0.5\n"
        "sheet.csv:3:5: error: score \"30.5\" for rigor is out of range; allowed 0–30 in steps of "
        "0.5\n"
        "sheet.csv:4:4: error: score \"41\" for innovation is out of range; allowed 0–40 in steps "
        "of 0.5\n");
  CHECK(r.report.items()[0].code == "scores.out-of-range");
}

TEST_CASE("SPEC §6: every value is a multiple of the rubric step") {
  const auto r = import(kSheetHead + "J1,P1,T,35.3,0.25,19.50,0.0,,\n");
  CHECK(r.text() ==
        "sheet.csv:3:4: error: score \"35.3\" for innovation is not a multiple of the step; "
        "allowed 0–40 in steps of 0.5\n"
        "sheet.csv:3:5: error: score \"0.25\" for rigor is not a multiple of the step; allowed "
        "0–30 in steps of 0.5\n");
  CHECK(r.report.items()[0].code == "scores.bad-step");
  // Step 1 for the advisor rubric: 20.5 is refused, 20.0 accepted.
  const auto advisor = import(
      "judge_id,entry_id,innovation,rigor,practicality,reach\n"
      "J1,A1,20.5,20.0,25,15\n");
  CHECK(advisor.text() ==
        "sheet.csv:2:3: error: score \"20.5\" for innovation is not a multiple of the step; "
        "allowed 0–35 in steps of 1\n");
}

TEST_CASE("parse_score: exact decimal checks of range and step") {
  double v = -1;
  CHECK(parse_score("0.1", 10, 0.1, v) == ScoreProblem::None);
  CHECK(v == 0.1);
  CHECK(parse_score("9.9", 10, 0.1, v) == ScoreProblem::None);  // 9.9/0.1 = 98.99999999999999
  CHECK(parse_score("0.7", 10, 0.1, v) == ScoreProblem::None);
  CHECK(parse_score("0.05", 10, 0.1, v) == ScoreProblem::NotAMultipleOfStep);
  CHECK(parse_score("+5", 10, 0.5, v) == ScoreProblem::None);
  CHECK(parse_score("-0", 10, 0.5, v) == ScoreProblem::None);
  CHECK(v == 0);
  CHECK(parse_score(".5", 10, 0.5, v) == ScoreProblem::None);
  CHECK(parse_score("5.", 10, 0.5, v) == ScoreProblem::None);
  CHECK(parse_score("nan", 10, 0.5, v) == ScoreProblem::NotANumber);
  CHECK(parse_score("inf", 10, 0.5, v) == ScoreProblem::NotANumber);
  CHECK(parse_score("1.2.3", 10, 0.5, v) == ScoreProblem::NotANumber);
  CHECK(parse_score("10.5", 10, 0.5, v) == ScoreProblem::OutOfRange);
}

TEST_CASE("SPEC §6: unknown judge, unknown entry, or a pair not assigned → error") {
  const auto r =
      import(kSheetHead + "J9,P1,T,,,,,,\nJ1,P9,T,,,,,,\nJ2,P2,T,,,,,,\nJ3,P1,T,,,,,,\n");
  CHECK(r.text() ==
        "sheet.csv:3:1: error: unknown judge \"J9\"\n"
        "sheet.csv:4:2: error: unknown entry \"P9\"\n"
        "sheet.csv:5:2: error: judge J2 is not assigned entry P2\n"
        "sheet.csv:6:2: error: judge J3 is not assigned entry P1\n");
  CHECK(r.report.items()[0].code == "scores.unknown-judge");
  CHECK(r.report.items()[1].code == "scores.unknown-entry");
  CHECK(r.report.items()[2].code == "scores.not-assigned");
  CHECK(r.scores.empty());
}

TEST_CASE("SPEC §6 wide layout: a criterion column not in the rubric of the row's kind → error") {
  const auto r = import(
      "judge_id,entry_id,innovation,rigor,practicality,presentation,reach\n"
      "J1,P1,1,1,1,1,\n"    // reach empty for a student entry: fine
      "J1,P2,1,1,1,1,5\n"   // reach filled for a student entry
      "J1,A1,1,1,1,,1\n");  // presentation column: not in the advisor rubric, empty: fine
  CHECK(r.text() ==
        "sheet.csv:3:7: error: column \"reach\" is not a criterion of kind student (entry P2); "
        "leave it empty\n");
  CHECK(r.report.items()[0].code == "scores.wrong-criterion");
  REQUIRE(r.scores.size() == 2);
  CHECK(r.scores[1].row.values == Values{1, 1, 1, 1});
}

TEST_CASE("SPEC §6 wide layout: a rubric criterion missing from the header → error") {
  const auto r =
      import("judge_id,entry_id,innovation,rigor,practicality\nJ1,P1,1,1,1\nJ1,P2,1,1,1\n");
  CHECK(r.text() ==
        "sheet.csv:1:0: error: the header has no column for criterion presentation (表述) of kind "
        "student (entry P1, line 2)\n");
  CHECK(r.report.items()[0].code == "scores.missing-criterion");
  CHECK(r.scores.empty());
}

TEST_CASE("SPEC §6 wide layout: a header column that names nothing known → error") {
  const auto r =
      import("judge_id,entry_id,innovaton,rigor,practicality,presentation\nJ1,P1,1,1,1,1\n");
  CHECK(
      r.text() ==
      "sheet.csv:1:3: error: unknown column \"innovaton\"; expected judge_id, entry_id, title, "
      "comment, recuse or a criterion: innovation (创新性), rigor (科学性), practicality (实用性), "
      "reach (推广价值), presentation (表述)\n");
  CHECK(r.scores.empty());
}

TEST_CASE("SPEC §6: a duplicate (judge, entry) row in a file → error naming the first line") {
  const auto r = import(kSheetHead + "J1,P1,T,1,,,,,\nJ1,P2,T,,,,,,\nJ1,P1,T,2,,,,,\n");
  CHECK(r.text() == "sheet.csv:5:2: error: judge J1 and entry P1 are already on line 3\n");
  CHECK(r.report.items()[0].code == "scores.duplicate-row");
}

TEST_CASE("SPEC §6: recuse = yes/是/回避 records a conflict, empty/no/否 do not, else error") {
  const auto r = import(kSheetHead + "J1,P1,T,,,,,,是\nJ1,P2,T,,,,,,no\nJ2,P1,T,,,,,,\n");
  CHECK(r.report.items().empty());
  REQUIRE(r.scores.size() == 3);
  CHECK(r.scores[0].recuse);
  CHECK_FALSE(r.scores[1].recuse);
  CHECK_FALSE(r.scores[2].recuse);
  const auto bad = import(
      "judge_id,entry_id,innovation,rigor,practicality,reach,recuse\n"
      "J1,A1,,,,,maybe\n");
  CHECK(bad.text() ==
        "sheet.csv:2:7: error: recuse \"maybe\" is neither yes (是, 回避) nor no (否) nor empty\n");
  CHECK(bad.scores.empty());
  for (const char* word : {"yes", "YES", "回避", "y", "true", "1"})
    CHECK(parse_recuse(word) == true);
  for (const char* word : {"", "否", "No", "0"}) CHECK(parse_recuse(word) == false);
}

TEST_CASE("SPEC §6: a recused row with scores is contradictory → error") {
  const auto r = import(kSheetHead + "J1,P1,T,30,,,,,回避\n");
  CHECK(r.text() ==
        "sheet.csv:3:9: error: judge J1 recuses from entry P1 but the row has scores; clear the "
        "scores or the recuse cell\n");
}

TEST_CASE("SPEC §6 long layout: judge_id, entry_id, criterion, score") {
  const auto r = import(
      "judge_id,entry_id,criterion,score\nJ1,P1,innovation,30\nJ1,A1,reach,15\n"
      "J1,P1,表述,8.5\nJ2,P1,rigor,\n");
  // Partly filled pairs are reported as incomplete (SPEC §6); J2's all-empty row is not scored yet.
  CHECK(r.text() ==
        "sheet.csv:2:0: warning: judge J1 for entry P1: the row is incomplete (no score for rigor, "
        "practicality); it is stored and counts once complete\n"
        "sheet.csv:3:0: warning: judge J1 for entry A1: the row is incomplete (no score for "
        "innovation, rigor, practicality); it is stored and counts once complete\n");
  REQUIRE(r.scores.size() == 3);
  CHECK(r.scores[0].row.entry_id == "P1");
  CHECK(r.scores[0].row.values == Values{30, std::nullopt, std::nullopt, 8.5});
  CHECK(r.scores[0].line == 2);
  CHECK(r.scores[1].row.values == Values{std::nullopt, std::nullopt, std::nullopt, 15});
  CHECK(r.scores[2].row.judge_id == "J2");
  CHECK(r.scores[2].row.values == Values(4));
}

TEST_CASE("SPEC §6 long layout: unknown criterion, and the same (judge, entry, criterion) twice") {
  const auto r = import(
      "judge_id,entry_id,criterion,score\nJ1,P1,reach,10\nJ1,P1,rigor,10\n"
      "J1,P2,rigor,1\nJ1,P1,科学性,12\n");
  CHECK(r.text() ==
        "sheet.csv:2:3: error: unknown criterion \"reach\" for kind student; expected one of "
        "innovation (创新性), rigor (科学性), practicality (实用性), presentation (表述)\n"
        "sheet.csv:5:3: error: criterion rigor of judge J1 for entry P1 is already on line 3\n");
  CHECK(r.report.items()[0].code == "scores.unknown-criterion");
  CHECK(r.report.items()[1].code == "scores.duplicate-row");
  REQUIRE(r.scores.size() == 1);  // P1's rows had errors; P2's row is fine
  CHECK(r.scores[0].row.entry_id == "P2");
}

TEST_CASE("SPEC §6: a sheet with only comment lines is an empty file") {
  const auto r = import("# nothing here\n\n");
  CHECK(r.text() == "sheet.csv: error: empty file: it has no rows\n");
}

TEST_CASE("IdNumbering (the score index's id table): numbers in order of first appearance") {
  // 5,000 ids, some longer than the 23 bytes held in a slot, added twice while the table grows
  // from 16 slots: every id keeps the number of its first appearance, unknown ids are kNone.
  std::vector<std::string> ids;
  for (int i = 0; i < 5000; ++i)
    ids.push_back((i % 3 == 0 ? std::string(30, 'x') : std::string()) + "JZ21-S" +
                  std::to_string(i));
  IdNumbering numbering;
  for (std::size_t i = 0; i < ids.size(); ++i) REQUIRE(numbering.add(ids[i]) == i);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    CHECK(numbering.add(ids[i]) == i);
    CHECK(numbering.find(ids[i]) == i);
    CHECK(numbering.id(static_cast<std::uint32_t>(i)) == ids[i]);
  }
  CHECK(numbering.size() == 5000);
  CHECK(numbering.find("JZ21-S5000") == IdNumbering::kNone);
  CHECK(numbering.find(std::string(30, 'x') + "JZ21-S1") == IdNumbering::kNone);  // 1 is short
  CHECK(numbering.find("") == IdNumbering::kNone);
  CHECK(IdNumbering{}.find("JZ21-S0") == IdNumbering::kNone);
}
