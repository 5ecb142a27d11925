/// SPEC §6 corrections: a sheet row is merged into the stored row criterion by criterion; an
/// empty cell never erases, only `-` clears one value; a withdrawn judge's sheet is one error.

#include <catch2/catch.hpp>

#include <unordered_map>

#include "importers/scores_importer.hpp"
#include "test_support.hpp"

using namespace jury;

namespace {

using Values = std::vector<std::optional<double>>;

/// Entries P1, P2 (student rubric: innovation 40, rigor 30, practicality 20, presentation 10);
/// judges J1, J2 and the withdrawn J9; J1 is assigned P1 and P2, J2 P1. Stored: J1/P1 complete
/// [30, 25, 15, 8] with comment "原评语", J2/P1 partly [20, –, 10, –].
struct Stored {
  std::map<std::string, Entry> entries{{"P1", test::student_entry("P1")},
                                       {"P2", test::student_entry("P2")}};
  std::set<std::string> judges{"J1", "J2", "J9"};
  std::set<std::string> withdrawn{"J9"};
  std::set<Assignment> assigned{{"J1", "P1"}, {"J1", "P2"}, {"J2", "P1"}};
  std::unordered_map<const Assignment*, ScoreRow> rows;
  ScoreIndex index{entries, judges, assigned};
  ScoreContext context{test::jingzhou(), index, &rows, &withdrawn};

  Stored() {
    rows.emplace(pair("J1", "P1"), ScoreRow{"J1", "P1", {30, 25, 15, 8}, "原评语"});
    rows.emplace(pair("J2", "P1"), ScoreRow{"J2", "P1", {20, std::nullopt, 10, std::nullopt}, ""});
  }
  const Assignment* pair(const std::string& judge, const std::string& entry) const {
    return &*assigned.find(Assignment{judge, entry});
  }
};

struct Result {
  std::vector<ImportedScore> scores;
  Diagnostics report;
};

Result import(const std::string& csv) {
  static const Stored stored;
  Result r;
  r.scores = import_scores(csv, "sheet.csv", Encoding::Auto, stored.context, r.report);
  return r;
}

const std::string kWide =
    "judge_id,entry_id,title,innovation,rigor,practicality,presentation,comment,recuse\n";
const std::string kLong = "judge_id,entry_id,criterion,score,comment\n";

}  // namespace

TEST_CASE("SPEC §6: an empty cell never erases: a one-cell correction keeps the other criteria") {
  const auto r = import(kWide + "J1,P1,,,27,,,,\n");
  INFO(r.report.to_text());
  CHECK(r.report.items().empty());  // merged, the row is complete: no "incomplete" warning
  REQUIRE(r.scores.size() == 1);
  CHECK(r.scores[0].row.values == Values{30, 27, 15, 8});
  CHECK(r.scores[0].row.comment == "原评语");  // an empty comment cell keeps the comment
  CHECK_FALSE(r.scores[0].blank);
}

TEST_CASE("SPEC §6: only `-` in a cell clears a stored score, exactly that one value") {
  const auto r = import(kWide + "J1,P1,,,-,,,,\n");
  REQUIRE(r.scores.size() == 1);
  CHECK(r.scores[0].row.values == Values{30, std::nullopt, 15, 8});
  // The row is now partly filled: stored and reported as incomplete, naming the cleared criterion.
  REQUIRE(r.report.items().size() == 1);
  CHECK(r.report.items()[0].code == "scores.incomplete");
  CHECK(r.report.items()[0].column == 5);
  CHECK(r.report.items()[0].message.find("no score for rigor") != std::string::npos);
  // Full-width `－` is the same after NFKC.
  CHECK(import(kWide + "J1,P1,,,－,,,,\n").scores[0].row.values == Values{30, std::nullopt, 15, 8});
}

TEST_CASE(
    "SPEC §6: an empty cell of a pair with nothing stored stays not scored — `-` clears nothing") {
  const auto r = import(kWide + "J1,P2,,35,-,,,,\n");
  REQUIRE(r.scores.size() == 1);
  CHECK(r.scores[0].row.values == Values{35, std::nullopt, std::nullopt, std::nullopt});
  CHECK(r.scores[0].row.comment.empty());
}

TEST_CASE("SPEC §6: a row left blank keeps the stored row as it is and is marked blank") {
  const auto r = import(kWide + "J1,P1,,,,,,,\n");
  REQUIRE(r.scores.size() == 1);
  CHECK(r.scores[0].blank);
  CHECK(r.scores[0].row.values == Values{30, 25, 15, 8});
  CHECK(r.scores[0].row.comment == "原评语");
}

TEST_CASE("SPEC §6: the comment follows the same rule: text replaces, empty keeps, `-` clears") {
  CHECK(import(kWide + "J1,P1,,,,,,新评语,\n").scores[0].row.comment == "新评语");
  const auto cleared = import(kWide + "J1,P1,,,,,,-,\n");
  CHECK(cleared.scores[0].row.comment.empty());
  CHECK(cleared.scores[0].row.values == Values{30, 25, 15, 8});
  CHECK_FALSE(cleared.scores[0].blank);
}

TEST_CASE("SPEC §6: the long layout merges per criterion — criteria not named keep their values") {
  const auto r = import(kLong + "J2,P1,rigor,22,\nJ2,P1,innovation,-,\nJ1,P1,presentation,9,\n");
  INFO(r.report.to_text());
  REQUIRE(r.scores.size() == 2);
  CHECK(r.scores[0].row.judge_id == "J2");
  CHECK(r.scores[0].row.values == Values{std::nullopt, 22, 10, std::nullopt});
  CHECK(r.scores[1].row.values == Values{30, 25, 15, 9});
  CHECK(r.scores[1].row.comment == "原评语");
  // A score cell left empty in the long layout keeps the stored value too.
  CHECK(import(kLong + "J1,P1,rigor,,\n").scores[0].row.values == Values{30, 25, 15, 8});
}

TEST_CASE("SPEC §6: a comment without any score is not stored, and the import says so") {
  const auto r = import(kWide + "J1,P2,,,,,,只有评语,\n");
  REQUIRE(r.scores.size() == 1);
  CHECK(r.scores[0].row.values == Values(4));
  REQUIRE(r.report.items().size() == 1);
  CHECK(r.report.items()[0].severity == Severity::Warning);
  CHECK(r.report.items()[0].code == "scores.comment-only");
}

TEST_CASE(
    "SPEC §6: a sheet of a withdrawn judge whose pairs are no longer assigned is one error that "
    "says the judge was withdrawn") {
  const auto r = import(kWide + "J9,P1,,30,25,15,8,,\nJ9,P2,,31,25,15,8,,\n");
  CHECK(r.scores.empty());
  REQUIRE(r.report.items().size() == 1);
  const Diagnostic& d = r.report.items()[0];
  CHECK(d.severity == Severity::Error);
  CHECK(d.code == "scores.withdrawn-judge");
  CHECK(d.line == 2);
  CHECK(d.column == 2);
  CHECK(d.message ==
        "judge J9 was withdrawn and is no longer assigned the 2 entries of this sheet; remove the "
        "sheet, or re-activate the judge (`jury import judges`) and run `jury assign`");
  // An active judge's unassigned row is still the per-row "not assigned" error.
  const auto other = import(kWide + "J2,P2,,30,25,15,8,,\n");
  REQUIRE(other.report.items().size() == 1);
  CHECK(other.report.items()[0].code == "scores.not-assigned");
}
