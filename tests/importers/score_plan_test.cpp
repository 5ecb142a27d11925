/// SPEC §6 score import as one plan: the pair rules across rows (a pair given in two files, scores
/// for a recused pair), what each merged row writes, and the audit text of each file. The rows
/// are what import_scores returns: hand-made here, or read from a small sheet where the merge
/// with the stored row matters (an empty cell keeps a value, `-` clears one).

#include <catch2/catch.hpp>

#include <unordered_map>

#include "importers/score_plan.hpp"
#include "importers/scores_importer.hpp"
#include "model/i18n.hpp"
#include "test_support.hpp"

using namespace jury;

namespace {

using Values = std::vector<std::optional<double>>;

/// Entries P1, P2, P3 (student rubric: innovation 40, rigor 30, practicality 20, presentation
/// 10); J1 is assigned P1 and P2, J2 P1; J2 has recused from P3. Stored: J1/P1 [30, 25, 15, 8]
/// with comment "原评语", J2/P1 [20, –, 10, –].
struct Stored {
  std::map<std::string, Entry> entries{{"P1", test::student_entry("P1")},
                                       {"P2", test::student_entry("P2")},
                                       {"P3", test::student_entry("P3")}};
  std::set<std::string> judges{"J1", "J2"};
  std::set<Assignment> recused{{"J2", "P3"}};
  std::set<Assignment> known{{"J1", "P1"}, {"J1", "P2"}, {"J2", "P1"}, {"J2", "P3"}};
  std::unordered_map<const Assignment*, ScoreRow> rows;
  ScoreIndex index{entries, judges, known};
  ScoreContext context{test::jingzhou(), index, &rows};
  StoredScores stored{recused, rows};

  Stored() {
    rows.emplace(pair("J1", "P1"), ScoreRow{"J1", "P1", {30, 25, 15, 8}, "原评语"});
    rows.emplace(pair("J2", "P1"), ScoreRow{"J2", "P1", {20, std::nullopt, 10, std::nullopt}, ""});
  }
  const Assignment* pair(const std::string& judge, const std::string& entry) const {
    return &*known.find(Assignment{judge, entry});
  }
  /// A row as import_scores returns it (merged already).
  ImportedScore row(const std::string& judge, const std::string& entry, Values values, int line,
                    bool recuse = false) const {
    ImportedScore item{{judge, entry, std::move(values), ""}, recuse, line};
    item.pair = pair(judge, entry);
    return item;
  }
  /// A sheet read by import_scores against the stored rows.
  SheetScores read(const std::string& file, const std::string& csv) const {
    SheetScores sheet{file, "sha-" + file, {}, {}};
    sheet.rows = import_scores(csv, file, Encoding::Auto, context, sheet.diagnostics);
    return sheet;
  }
};

const std::string kWide =
    "judge_id,entry_id,title,innovation,rigor,practicality,presentation,comment,recuse\n";

/// The rows of batches in order.
std::vector<EncodedScoreRow> rows_of(const std::vector<std::vector<EncodedScoreRow>>& batches) {
  std::vector<EncodedScoreRow> rows;
  for (const auto& batch : batches) rows.insert(rows.end(), batch.begin(), batch.end());
  return rows;
}

std::vector<SheetScores> sheets_of(SheetScores a) {
  std::vector<SheetScores> sheets;
  sheets.push_back(std::move(a));
  return sheets;
}

}  // namespace

TEST_CASE("score plan: a pair given in two files is one error in the second file and no writes",
          "[score-plan]") {
  const Stored s;
  std::vector<SheetScores> sheets;
  sheets.push_back({"a.csv", "sha-a", {s.row("J1", "P2", {36, 27, 18, 9}, 2)}, {}});
  sheets.push_back({"b.csv", "sha-b", {s.row("J1", "P2", {35, 27, 18, 9}, 4)}, {}});
  const ScorePlan plan = plan_score_import(std::move(sheets), s.stored, {}, "");
  REQUIRE(plan.diagnostics.items().size() == 1);
  CHECK(format_diagnostic(plan.diagnostics.items()[0]) ==
        "b.csv:4:1: error: judge J1 and entry P2 are also given in a.csv:2; give each pair once");
  CHECK(plan.diagnostics.items()[0].code == "scores.duplicate-pair");
  CHECK(plan.inserts.empty());
  CHECK(plan.replacements.empty());
  CHECK(plan.files.empty());
  CHECK(plan.added == 0);
}

TEST_CASE("score plan: the rules across files speak the user's language (SPEC §10)",
          "[score-plan]") {
  const i18n::ScopedLanguage chinese(i18n::Language::Chinese);
  const Stored s;
  std::vector<SheetScores> sheets;
  sheets.push_back({"a.csv", "sha-a", {s.row("J1", "P2", {36, 27, 18, 9}, 2)}, {}});
  sheets.push_back({"b.csv", "sha-b", {s.row("J1", "P2", {35, 27, 18, 9}, 4)}, {}});
  sheets.push_back({"c.csv", "sha-c", {s.row("J2", "P3", {30, 20, 10, 5}, 3)}, {}});
  const ScorePlan plan = plan_score_import(std::move(sheets), s.stored, {}, "");
  REQUIRE(plan.diagnostics.items().size() == 2);
  CHECK(plan.diagnostics.items()[0].message ==
        "评委 J1 与作品 P2 也出现在 a.csv:2；每对评委与作品只能给出一次");
  CHECK(plan.diagnostics.items()[1].message == "评委 J2 已回避作品 P3；这一对不能录入评分");
}

TEST_CASE("score plan: a recusal removes the pair and its stored row and says both",
          "[score-plan]") {
  const Stored s;
  const ScorePlan plan = plan_score_import(
      sheets_of({"a.csv", "sha-a", {s.row("J1", "P1", {}, 3, true)}, {}}), s.stored, {}, "");
  CHECK_FALSE(plan.diagnostics.has_errors());
  CHECK(plan.inserts.empty());
  CHECK(plan.replacements.empty());
  REQUIRE(plan.files.size() == 1);
  const FileScorePlan& file = plan.files[0];
  CHECK(file.file == "a.csv");
  CHECK(file.sha256 == "sha-a");
  CHECK(file.cleared.empty());
  CHECK(file.recusals == std::vector<Assignment>{{"J1", "P1"}});
  CHECK(file.audit ==
        "1 score rows: 0 new, 0 replaced, 1 recusals\n"
        "recused J1/P1\n"
        "J1/P1: [30;25;15;8] -> []");
  CHECK(plan.recused == 1);
  CHECK(plan.added + plan.updated + plan.unchanged + plan.blank == 0);
}

TEST_CASE("score plan: scores for a recused pair are an error and a blank row of it is nothing",
          "[score-plan]") {
  const Stored s;
  ImportedScore blank =
      s.row("J2", "P3", {std::nullopt, std::nullopt, std::nullopt, std::nullopt}, 3);
  blank.blank = true;
  const ScorePlan quiet =
      plan_score_import(sheets_of({"a.csv", "", {blank}, {}}), s.stored, {}, "R1: ");
  CHECK_FALSE(quiet.diagnostics.has_errors());
  REQUIRE(quiet.files.size() == 1);
  CHECK(quiet.files[0].audit == "R1: 1 score rows: 0 new, 0 replaced, 0 recusals");
  CHECK(quiet.blank == 0);  // RowChange::None: the recusal is recorded already

  const ScorePlan refused = plan_score_import(
      sheets_of({"a.csv", "", {s.row("J2", "P3", {30, 20, 10, 5}, 5)}, {}}), s.stored, {}, "");
  REQUIRE(refused.diagnostics.items().size() == 1);
  CHECK(format_diagnostic(refused.diagnostics.items()[0]) ==
        "a.csv:5:1: error: judge J2 has recused from entry P3; no scores can be entered for "
        "this pair");
  CHECK(refused.files.empty());
}

TEST_CASE("score plan: an empty cell keeps the stored value and - clears one (all - clear the row)",
          "[score-plan]") {
  const Stored s;
  // J1/P1: rigor 28, the rest empty (kept); J2/P1: innovation cleared; J1/P2: new.
  const ScorePlan plan =
      plan_score_import(sheets_of(s.read("a.csv", kWide + "J1,P1,,,28,,,,\n"
                                                          "J2,P1,,-,,,,,\n"
                                                          "J1,P2,,36,27,18,9,,\n")),
                        s.stored, {}, "");
  CHECK_FALSE(plan.diagnostics.has_errors());
  // Two stored rows replaced, one pair without a stored row added.
  const std::vector<EncodedScoreRow> replaced = rows_of(plan.replacements);
  REQUIRE(replaced.size() == 2);
  CHECK(replaced[0].judge_id == "J1");
  CHECK(replaced[0].entry_id == "P1");
  CHECK(replaced[0].vals == "30;28;15;8");
  CHECK(replaced[0].comment == "原评语");
  CHECK(replaced[1].judge_id == "J2");
  CHECK(replaced[1].entry_id == "P1");
  CHECK(replaced[1].vals == ";;10;");
  CHECK(replaced[1].comment.empty());
  const std::vector<EncodedScoreRow> added = rows_of(plan.inserts);
  REQUIRE(added.size() == 1);
  CHECK(added[0].judge_id == "J1");
  CHECK(added[0].entry_id == "P2");
  CHECK(added[0].vals == "36;27;18;9");
  REQUIRE(plan.files.size() == 1);
  CHECK(plan.files[0].cleared.empty());
  CHECK(plan.files[0].audit ==
        "3 score rows: 1 new, 2 replaced, 0 recusals\n"
        "J1/P1: [30;25;15;8] -> [30;28;15;8]\n"
        "J2/P1: [20;;10;] -> [;;10;]");
  CHECK(plan.added == 1);
  CHECK(plan.updated == 2);

  // Every stored value of J2/P1 cleared: the stored row goes (no upsert).
  const ScorePlan cleared =
      plan_score_import(sheets_of(s.read("b.csv", kWide + "J2,P1,,-,-,-,-,,\n")), s.stored, {}, "");
  CHECK_FALSE(cleared.diagnostics.has_errors());
  CHECK(cleared.inserts.empty());
  CHECK(cleared.replacements.empty());
  REQUIRE(cleared.files.size() == 1);
  CHECK(cleared.files[0].cleared == std::vector<Assignment>{{"J2", "P1"}});
  CHECK(cleared.files[0].audit ==
        "1 score rows: 0 new, 1 replaced, 0 recusals\n"
        "J2/P1: [20;;10;] -> [;;;]");
  CHECK(cleared.updated == 1);
}

TEST_CASE("score plan: the report continues the caller's file by file", "[score-plan]") {
  const Stored s;
  Diagnostics before;
  before.warning("sheets", 0, 0, "scores.not-a-sheet", "notes.txt is not a score sheet");
  std::vector<SheetScores> sheets;
  sheets.push_back(s.read("a.csv", kWide + "J1,P1,,30,25,15,8,,\n"));  // unchanged
  sheets.push_back({"b.csv", "", {s.row("J1", "P1", {30, 25, 15, 8}, 2)}, {}});
  const ScorePlan plan = plan_score_import(std::move(sheets), s.stored, before, "");
  REQUIRE(plan.diagnostics.items().size() == 2);
  CHECK(plan.diagnostics.items()[0].code == "scores.not-a-sheet");
  CHECK(plan.diagnostics.items()[1].code == "scores.duplicate-pair");
  CHECK(plan.diagnostics.items()[1].file == "b.csv");

  const ScorePlan unchanged = plan_score_import(
      sheets_of(s.read("a.csv", kWide + "J1,P1,,30,25,15,8,,\nJ1,P2,,,,,,,\n")), s.stored, {}, "");
  CHECK(unchanged.unchanged == 1);
  CHECK(unchanged.blank == 1);
  CHECK(unchanged.inserts.empty());
  CHECK(unchanged.replacements.empty());
  CHECK(unchanged.files[0].audit == "2 score rows: 0 new, 0 replaced, 0 recusals");
}
