#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "../exporters/temp_dir.hpp"
#include "../importers/xlsx_builder.hpp"
#include "engine/competition.hpp"
#include "engine/errors.hpp"
#include "fixtures/simulator.hpp"
#include "importers/table.hpp"

using namespace jury;
namespace fs = std::filesystem;
using jury::test::XlsxBuilder;

namespace {

const fs::path kSample = fs::path(JURY_FIXTURES_DIR) / "jingzhou-2021";
const fs::path kXls = fs::path(JURY_FIXTURES_DIR) / ".." / "tests" / "importers" / "data" / "xls";

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += item + ",";
  return out;
}

/// Every stored field of an entry, judge or score row, as one line to compare.
std::vector<std::string> stored_entries(const Competition& c) {
  std::vector<std::string> out;
  for (const Entry& e : c.entries())
    out.push_back(e.id + "|" + e.kind + "|" + e.group + "|" + e.subject + "|" + e.title + "|" +
                  e.school + "|" + e.district + "|" + join(e.students) + "|" + join(e.advisors) +
                  "|" + std::to_string(static_cast<int>(e.status)));
  return out;
}

std::vector<std::string> stored_judges(const Competition& c) {
  std::vector<std::string> out;
  for (const Judge& j : c.judges())
    out.push_back(j.id + "|" + j.name + "|" + j.affiliation + "|" + j.district + "|" +
                  join(j.expertise) + "|" + join(j.kinds) + "|" +
                  (j.max_load ? std::to_string(*j.max_load) : "-") + "|" + join(j.conflicts) + "|" +
                  (j.active ? "yes" : "no"));
  return out;
}

std::vector<std::string> stored_scores(const Competition& c) {
  std::vector<std::string> out;
  for (const ScoreRow& row : c.scores()) {
    std::string line = row.judge_id + "|" + row.entry_id + "|";
    for (const auto& v : row.values) line += v ? fmt::format("{},", *v) : "-,";
    out.push_back(line + "|" + row.comment);
  }
  return out;
}

Competition sample(const fs::path& db, const std::string& entries, const std::string& judges) {
  Competition c = Competition::init(db.string(), (kSample / "competition.json").string());
  c.import_entries(entries, Encoding::Auto);
  c.import_judges(judges, Encoding::Auto);
  return c;
}

/// The sample imported from CSV, assigned, and the simulated judges' values.
struct Assigned {
  Competition competition;
  std::vector<ScoreRow> filled;
};

Assigned assigned_sample(const fs::path& db) {
  Competition c = sample(db, (kSample / "entries.csv").string(), (kSample / "judges.csv").string());
  c.assign(7, AssignMode::Incremental);
  std::vector<ScoreRow> filled = simulate_scores(c.config(), c.entries(), c.assignments(), {});
  return {std::move(c), std::move(filled)};
}

/// What a judge does in Excel: the exported sheet's cells as they are, plus the scores typed in
/// as numbers — written anew with libxlsxwriter from the cells the export holds.
std::string filled_by_a_judge(const std::string& exported, const Config& config,
                              const std::map<std::pair<std::string, std::string>, ScoreRow>& values,
                              const std::map<std::string, Entry>& entries) {
  Diagnostics report;
  const auto records =
      read_records(exported, "sheet.xlsx", Encoding::Auto, report, CommentLines::Skipped);
  REQUIRE(records);
  REQUIRE(records->size() >= 3);
  XlsxBuilder book;
  lxw_worksheet* sheet = book.sheet("评分");
  const auto& title = records->at(0).fields;
  XlsxBuilder::merge(sheet, 0, 0, 0, static_cast<int>(title.size()) - 1, title[0]);
  XlsxBuilder::row(sheet, 1, records->at(1).fields);
  for (std::size_t r = 2; r < records->size(); ++r) {
    const auto& cells = records->at(r).fields;
    const int row = static_cast<int>(r);
    XlsxBuilder::row(sheet, row, {cells[0], cells[1], cells[2]});
    const ScoreRow& score = values.at({cells[0], cells[1]});
    const Rubric& rubric = config.rubric_of(entries.at(cells[1]).kind);
    for (std::size_t c = 0; c < rubric.criteria.size(); ++c)
      if (score.values[c])
        XlsxBuilder::number(sheet, row, 3 + static_cast<int>(c), *score.values[c]);
  }
  return book.bytes();
}

}  // namespace

TEST_CASE(
    "SPEC §15: the sample as .xlsx and .xls imports into the same stored records as its CSV") {
  test::TempDir dir;
  const Competition csv = sample(dir.path() / "csv.db", (kSample / "entries.csv").string(),
                                 (kSample / "judges.csv").string());
  REQUIRE(csv.entries().size() == 332);
  REQUIRE(csv.judges().size() == 50);

  const fs::path entries_xlsx = dir.path() / "报名汇总表.xlsx";
  const fs::path judges_xlsx = dir.path() / "评委名单.xlsx";
  test::write_binary(entries_xlsx, test::jingzhou_workbook("entries"));
  test::write_binary(judges_xlsx, test::jingzhou_workbook("judges"));
  const Competition xlsx =
      sample(dir.path() / "xlsx.db", entries_xlsx.string(), judges_xlsx.string());
  CHECK(stored_entries(xlsx) == stored_entries(csv));
  CHECK(stored_judges(xlsx) == stored_judges(csv));

  const Competition xls = sample(dir.path() / "xls.db", (kXls / "jingzhou-entries.xls").string(),
                                 (kXls / "jingzhou-judges.xls").string());
  CHECK(stored_entries(xls) == stored_entries(csv));
  CHECK(stored_judges(xls) == stored_judges(csv));
}

TEST_CASE(
    "SPEC §15: a bad cell of a workbook is reported as FILE[SHEET]!CELL and changes nothing") {
  test::TempDir dir;
  Competition c =
      Competition::init((dir.path() / "jury.db").string(), (kSample / "competition.json").string());
  std::string bytes = test::jingzhou_workbook("entries");
  std::string strings = test::read_part(bytes, "xl/sharedStrings.xml");
  const auto at = strings.find(">primary<");  // every primary group cell becomes 小学组
  REQUIRE(at != std::string::npos);
  strings.replace(at, 9, ">小学组<");
  const fs::path file = dir.path() / "entries.xlsx";
  test::write_binary(file, test::replace_part(bytes, "xl/sharedStrings.xml", strings));
  try {
    c.import_entries(file.string(), Encoding::Auto);
    FAIL("an unknown group must be refused");
  } catch (const InputError& e) {
    const std::string text = e.diagnostics().to_text();
    CHECK(text.find(file.string() + "[报名表]!C") != std::string::npos);
    CHECK(text.find("error: unknown group \"小学组\"") != std::string::npos);
  }
  CHECK(c.entries().empty());
}

TEST_CASE(
    "SPEC §15: xlsx sheets, filled in and imported, give exactly the results of the CSV route") {
  test::TempDir dir;
  Assigned csv = assigned_sample(dir.path() / "csv.db");
  csv.competition.export_sheets((dir.path() / "csv").string(), Encoding::Utf8, &csv.filled);
  csv.competition.import_scores({(dir.path() / "csv").string()}, Encoding::Auto);
  REQUIRE(csv.competition.scores().size() == csv.competition.assignments().size());
  const std::string expected =
      csv.competition.results_json(csv.competition.results(), Audience::Committee);

  // Stored values written into the xlsx sheets by the export (a re-exported judge's sheet).
  Assigned stored = assigned_sample(dir.path() / "stored.db");
  const auto written = stored.competition.export_sheets(
      (dir.path() / "stored").string(), Encoding::Utf8, &stored.filled, SheetFormat::Xlsx);
  REQUIRE(!written.empty());
  CHECK(fs::path(written.front()).extension() == ".xlsx");
  stored.competition.import_scores({(dir.path() / "stored").string()}, Encoding::Auto);
  CHECK(stored_scores(stored.competition) == stored_scores(csv.competition));
  CHECK(stored.competition.results_json(stored.competition.results(), Audience::Committee) ==
        expected);

  // Empty xlsx sheets, filled in by "a judge" with a spreadsheet library.
  Assigned typed = assigned_sample(dir.path() / "typed.db");
  const fs::path empty = dir.path() / "empty", filled = dir.path() / "filled";
  const auto sheets =
      typed.competition.export_sheets(empty.string(), Encoding::Utf8, nullptr, SheetFormat::Xlsx);
  std::map<std::pair<std::string, std::string>, ScoreRow> values;
  for (const ScoreRow& row : typed.filled) values[{row.judge_id, row.entry_id}] = row;
  std::map<std::string, Entry> entries;
  for (const Entry& e : typed.competition.entries()) entries[e.id] = e;
  fs::create_directories(filled);
  for (const auto& path : sheets)
    test::write_binary(
        filled / fs::path(path).filename(),
        filled_by_a_judge(test::read_binary(path), typed.competition.config(), values, entries));
  typed.competition.import_scores({filled.string()}, Encoding::Auto);
  CHECK(stored_scores(typed.competition) == stored_scores(csv.competition));
  CHECK(typed.competition.results_json(typed.competition.results(), Audience::Committee) ==
        expected);
}

TEST_CASE(
    "SPEC §15: a judge's mistake in an xlsx sheet is named FILE[SHEET]!CELL, nothing stored") {
  test::TempDir dir;
  Assigned sample = assigned_sample(dir.path() / "jury.db");
  const auto sheets = sample.competition.export_sheets((dir.path() / "empty").string(),
                                                       Encoding::Utf8, nullptr, SheetFormat::Xlsx);
  REQUIRE(!sheets.empty());
  // The first sheet as a judge without validation (e.g. WPS, or pasted text) might return it.
  Diagnostics report;
  const auto records = read_records(test::read_binary(sheets.front()), "sheet.xlsx", Encoding::Auto,
                                    report, CommentLines::Skipped);
  REQUIRE(records);
  XlsxBuilder book;
  lxw_worksheet* sheet = book.sheet("学生科技创新成果");
  for (std::size_t r = 0; r < records->size(); ++r)
    XlsxBuilder::row(sheet, static_cast<int>(r), records->at(r).fields);
  XlsxBuilder::text(sheet, 2, 3, "85分");
  const fs::path file = dir.path() / fs::path(sheets.front()).filename();
  test::write_binary(file, book.bytes());
  try {
    sample.competition.import_scores({file.string()}, Encoding::Auto);
    FAIL("a score of 85分 must be refused");
  } catch (const InputError& e) {
    CHECK(e.diagnostics().to_text().starts_with(file.string() +
                                                "[学生科技创新成果]!D3: error: score \"85分\" for "
                                                "innovation is not a number"));
  }
  CHECK(sample.competition.scores().empty());
}
