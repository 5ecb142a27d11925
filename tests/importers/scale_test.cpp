#include <catch2/catch.hpp>

#include "importers/entries_importer.hpp"
#include "importers/scores_importer.hpp"
#include "test_support.hpp"

using namespace jury;

/// SPEC §11 scale: 100,000 entries and 500,000 score rows. Hidden ([.]): run on demand with
/// `jury_importers_tests [scale] --durations yes`; no timed assertions, only exact counts.
TEST_CASE("SPEC §11: 100,000 entries and 500,000 score rows import", "[.][scale]") {
  const Config& config = test::jingzhou();
  const char* groups[] = {"primary", "初中", "senior"};
  std::string entries_csv = "作品编号,类别,组别,学科,作品名称,学校,县市区,学生,指导教师\n";
  std::map<std::string, Entry> entries;
  for (int i = 0; i < 100000; ++i) {
    const std::string id = "E" + std::to_string(i);
    entries_csv += id + ",学生科技创新成果," + groups[i % 3] + ",物质科学,作品名称" +
                   std::to_string(i) + ",学校" + std::to_string(i / 10) + "　,荆州区,学生" +
                   std::to_string(i) + "、同学" + std::to_string(i) + ",老师" +
                   std::to_string(i % 500) + "\n";
  }
  Diagnostics report;
  const auto imported =
      import_entries(entries_csv, "entries.csv", Encoding::Auto, config, {}, {}, report);
  CHECK_FALSE(report.has_errors());
  REQUIRE(imported.size() == 100000);
  for (const auto& e : imported) entries.emplace(e.entry.id, e.entry);

  std::set<std::string> judges;
  for (int j = 0; j < 10000; ++j) judges.insert("J" + std::to_string(j));
  std::set<Assignment> assigned;
  std::string sheet =
      "judge_id,entry_id,title,innovation,rigor,practicality,presentation,comment,"
      "recuse\n";
  for (int i = 0; i < 100000; ++i)
    for (int k = 0; k < 5; ++k) {
      const std::string judge = "J" + std::to_string((i * 5 + k) % 10000);
      const std::string entry = "E" + std::to_string(i);
      assigned.insert({judge, entry});
      sheet += judge + "," + entry + ",作品,35.5,28,18.5,9,,\n";
    }
  const ScoreIndex index(entries, judges, assigned);
  ScoreContext context{config, index};
  Diagnostics score_report;
  const auto scores = import_scores(sheet, "sheet.csv", Encoding::Auto, context, score_report);
  CHECK_FALSE(score_report.has_errors());
  CHECK(scores.size() == 500000);
}
