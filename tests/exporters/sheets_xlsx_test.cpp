#include <catch2/catch.hpp>

#include "../importers/xlsx_builder.hpp"
#include "exporters/sheets_xlsx.hpp"
#include "importers/table.hpp"
#include "sample.hpp"

using namespace jury;
using jury::test::sample_config;
using jury::test::sample_entries;

namespace {

using Table = std::vector<std::vector<std::string>>;

/// The sheet as the importer reads it back.
std::vector<CsvRow> read_back(const SheetFile& sheet) {
  Diagnostics report;
  const auto records =
      read_records(sheet.text, sheet.file_name, Encoding::Auto, report, CommentLines::Skipped);
  REQUIRE(records);
  REQUIRE(report.items().empty());
  return *records;
}

Table table(const std::vector<CsvRow>& rows) {
  Table out;
  for (const auto& row : rows) out.push_back(row.fields);
  return out;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

const std::vector<Judge> kJudges{{"J01", "张老师", "荆州中学", "", {}, {}, {}, {}, true}};

}  // namespace

TEST_CASE("SPEC §15: the validation formula of a criterion cell is the importer's step rule") {
  CHECK(score_validation_formula("D3", 40, 0.5) ==
        "AND(ISNUMBER(D3),D3>=0,D3<=40,ABS(D3/0.5-ROUND(D3/0.5,0))<=1E-12*MAX(1,D3/0.5))");
  CHECK(score_validation_formula("G3", 15, 1) ==
        "AND(ISNUMBER(G3),G3>=0,G3<=15,ABS(G3/1-ROUND(G3/1,0))<=1E-12*MAX(1,G3/1))");
  CHECK(score_validation_formula("E3", 2.5, 0.25) ==
        "AND(ISNUMBER(E3),E3>=0,E3<=2.5,ABS(E3/0.25-ROUND(E3/0.25,0))<=1E-12*MAX(1,E3/0.25))");
  CHECK(score_validation_formula("D3", 100, 0) == "AND(ISNUMBER(D3),D3>=0,D3<=100)");
}

TEST_CASE(
    "SPEC §15: xlsx sheets: title row, header with labels and maxima, rows as the CSV sheets") {
  const Config config = sample_config();
  const std::vector<Assignment> assignments{
      {"J01", "S003"}, {"J01", "A001"}, {"J00", "S010"}, {"J01", "S001"}};
  const std::vector<ScoreRow> filled{{"J01", "S001", {40.0, 25.5, std::nullopt, 7.0}, "=cmd"}};
  const auto sheets = score_sheets_xlsx(config, sample_entries(), kJudges, assignments, &filled);
  const auto csv = score_sheets(config, sample_entries(), kJudges, assignments, &filled);
  REQUIRE(sheets.size() == 3);
  for (std::size_t s = 0; s < sheets.size(); ++s) {  // the CSV sheets' order and names
    CHECK(sheets[s].judge_id == csv[s].judge_id);
    CHECK(sheets[s].kind == csv[s].kind);
  }
  CHECK(sheets[0].file_name == "J00-student.xlsx");
  CHECK(sheets[1].file_name == "J01-student.xlsx");
  CHECK(sheets[2].file_name == "J01-advisor.xlsx");

  const std::vector<CsvRow> rows = read_back(sheets[1]);
  const std::string title =
      "第36届荆州市青少年科技创新大赛 评分表　评委 J01 张老师　学生科技创新成果　评分步长 0.5";
  CHECK(table(rows) ==
        Table{{title, "", "", "", "", "", "", "", ""},
              {"评委编号", "作品编号", "作品名称", "创新性（满分 40）", "科学性（满分 30）",
               "实用性（满分 20）", "表述（满分 10）", "评语", "回避"},
              {"J01", "S001", "水质检测仪", "40", "25.5", "", "7", "'=cmd", ""},
              {"J01", "S003", "'=HYPERLINK(\"http://x\",\"y\")", "", "", "", "", "", ""}});
  CHECK(rows[2].numeric ==
        std::vector<bool>{false, false, false, true, true, false, true, false, false});
  // A judge without a name in the judges list is named by id.
  CHECK(read_back(sheets[0]).front().fields[0].find("评委 J00　") != std::string::npos);
}

TEST_CASE("SPEC §15: xlsx sheets validate every criterion cell, in Chinese, and lock ids/titles") {
  const Config config = sample_config();
  const std::vector<Assignment> assignments{{"J01", "S001"}, {"J01", "S003"}, {"J01", "S004"}};
  const auto sheets = score_sheets_xlsx(config, sample_entries(), kJudges, assignments);
  REQUIRE(sheets.size() == 1);
  const std::string xml = test::read_part(sheets[0].text, "xl/worksheets/sheet1.xml");
  CHECK(count(xml, "<dataValidation ") == 5);  // four criteria and the recuse column
  CHECK(
      xml.find("<dataValidation type=\"custom\" allowBlank=\"1\" showInputMessage=\"1\" "
               "showErrorMessage=\"1\" errorTitle=\"分数无效\" "
               "error=\"创新性的分数须是 0 到 40 之间的数字，且为 0.5 的整数倍（不要写“分”字）。\" "
               "promptTitle=\"创新性\" prompt=\"请填 0 到 40 分，步长 0.5；未评的留空。\" "
               "sqref=\"D3:D5\"><formula1>AND(ISNUMBER(D3),D3&gt;=0,D3&lt;=40,ABS(D3/0.5-ROUND("
               "D3/0.5,0))&lt;=1E-12*MAX(1,D3/0.5))</formula1></dataValidation>") !=
      std::string::npos);
  CHECK(xml.find("sqref=\"G3:G5\"><formula1>AND(ISNUMBER(G3),G3&gt;=0,G3&lt;=10,") !=
        std::string::npos);
  CHECK(xml.find("sqref=\"I3:I5\"><formula1>\"是,否\"</formula1>") != std::string::npos);
  CHECK(xml.find("<sheetProtection sheet=\"1\"") != std::string::npos);
  CHECK(xml.find("<mergeCell ref=\"A1:I1\"/>") != std::string::npos);

  // Score, comment and recuse cells use the one unlocked style; ids and titles are locked.
  const std::string styles = test::read_part(sheets[0].text, "xl/styles.xml");
  REQUIRE(count(styles, "<protection locked=\"0\"/>") == 1);
  const auto xfs = styles.substr(styles.find("<cellXfs"));
  std::size_t unlocked = 0;
  for (std::size_t at = xfs.find("<xf "); at < xfs.find("<protection locked=\"0\"/>");
       at = xfs.find("<xf ", at + 1))
    ++unlocked;
  const std::string unlocked_style = "s=\"" + std::to_string(unlocked - 1) + "\"";
  for (const std::string cell : {"D3", "G5", "H4", "I3"})
    CHECK(xml.find("<c r=\"" + cell + "\" " + unlocked_style) != std::string::npos);
  for (const std::string cell : {"A3", "B4", "C5"}) {
    const auto at = xml.find("<c r=\"" + cell + "\"");
    REQUIRE(at != std::string::npos);
    CHECK(xml.substr(at, 30).find(unlocked_style) == std::string::npos);
  }
}

TEST_CASE("SPEC §15: xlsx sheets are byte-identical for equal inputs (fixed document date)") {
  const Config config = sample_config();
  const std::vector<Assignment> assignments{{"J01", "S001"}, {"J01", "A001"}};
  const auto first = score_sheets_xlsx(config, sample_entries(), kJudges, assignments);
  const auto second = score_sheets_xlsx(config, sample_entries(), kJudges, assignments);
  REQUIRE(first.size() == 2);
  for (std::size_t s = 0; s < first.size(); ++s) CHECK(first[s].text == second[s].text);
  CHECK(test::read_part(first[0].text, "docProps/core.xml").find("2021-01-01T00:00:00Z") !=
        std::string::npos);
}
