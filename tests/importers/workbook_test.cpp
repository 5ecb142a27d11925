#include <catch2/catch.hpp>

#include <algorithm>

#include "importers/entries_importer.hpp"
#include "importers/judges_importer.hpp"
#include "importers/table.hpp"
#include "importers/workbook.hpp"
#include "importers/workbook_sheet.hpp"
#include "test_support.hpp"
#include "xlsx_builder.hpp"

using namespace jury;
using jury::test::XlsxBuilder;

namespace {

/// Workbooks committed under tests/importers/data/xls (see its README: made once by LibreOffice).
std::string data_file(const std::string& name) {
  return test::read_binary(std::string(JURY_FIXTURES_DIR) + "/../tests/importers/data/xls/" + name);
}

using Table = std::vector<std::vector<std::string>>;

/// A workbook whose sheet Sheet1 holds "x" in A1: the base that tests rewrite parts of.
std::string one_cell_workbook() {
  XlsxBuilder book;
  XlsxBuilder::text(book.sheet("Sheet1"), 0, 0, "x");
  return book.bytes();
}

std::optional<std::vector<CsvRow>> read(const std::string& bytes, Diagnostics& report,
                                        const std::string& sheet = {},
                                        const std::string& file = "book.xlsx") {
  return read_records(bytes, file, Encoding::Auto, report, CommentLines::Data, sheet);
}

Table table(const std::vector<CsvRow>& rows) {
  Table out;
  for (const auto& row : rows) out.push_back(row.fields);
  return out;
}

std::vector<int> lines(const std::vector<CsvRow>& rows) {
  std::vector<int> out;
  for (const auto& row : rows) out.push_back(row.line);
  return out;
}

std::string diagnostics(const Diagnostics& report) {
  return report.to_text();
}

const Diagnostic& only_error(const Diagnostics& report) {
  REQUIRE(test::count_errors(report) == 1);
  for (const auto& d : report.items())
    if (d.severity == Severity::Error) return d;
  throw std::logic_error("unreachable");
}

/// The entries header in Chinese, as offices write it, and three entries below it.
const std::vector<std::string> kEntryHeader{"作品编号", "类别",   "组别", "学科",    "作品名称",
                                            "学校",     "县市区", "学生", "指导教师"};

void write_entry(lxw_worksheet* sheet, int row, const std::string& id, const std::string& title,
                 const std::string& school, const std::string& student) {
  XlsxBuilder::row(
      sheet, row,
      {id, "学生科技创新成果", "小学", "物质科学", title, school, "沙市区", student, "王老师"});
}

std::string describe(const Entry& e) {
  std::string out = e.id + "|" + e.kind + "|" + e.group + "|" + e.subject + "|" + e.title + "|" +
                    e.school + "|" + e.district + "|";
  for (const auto& s : e.students) out += s + ",";
  out += "|";
  for (const auto& a : e.advisors) out += a + ",";
  return out;
}

std::vector<std::string> describe(const std::vector<ImportedEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& item : entries) out.push_back(describe(item.entry));
  return out;
}

std::vector<ImportedEntry> import(const std::string& bytes, const std::string& file,
                                  Diagnostics& report, const std::string& sheet = {}) {
  return import_entries(bytes, file, Encoding::Auto, test::jingzhou(), {}, {}, report, sheet);
}

}  // namespace

TEST_CASE("SPEC §15: workbooks are told by content, not by name") {
  const std::string xlsx = one_cell_workbook();
  CHECK(workbook_format(xlsx) == WorkbookFormat::Xlsx);
  CHECK(workbook_format(data_file("cells.xls")) == WorkbookFormat::Xls);
  CHECK(workbook_format("entry_id,kind\n") == WorkbookFormat::None);
  CHECK(workbook_format("PK") == WorkbookFormat::None);
  // An .xlsx saved under a .csv name is still read as a workbook.
  Diagnostics report;
  const auto rows = read(xlsx, report, {}, "entries.csv");
  REQUIRE(rows);
  CHECK(table(*rows) == Table{{"x"}});
}

TEST_CASE("SPEC §15: a cell reads as Excel shows it: whole numbers without .0, text as typed") {
  XlsxBuilder book;
  lxw_worksheet* sheet = book.sheet("Sheet1");
  XlsxBuilder::number(sheet, 0, 0, 7);
  XlsxBuilder::number(sheet, 0, 1, 30.0);
  XlsxBuilder::number(sheet, 0, 2, 85.5);
  XlsxBuilder::number(sheet, 0, 3, 0.1 + 0.2);  // 0.30000000000000004: Excel shows 0.3
  XlsxBuilder::number(sheet, 0, 4, -2.25);
  XlsxBuilder::number(sheet, 0, 5, 13800138000);  // a phone number typed as a number
  XlsxBuilder::text(sheet, 0, 6, "007");
  XlsxBuilder::text(sheet, 0, 7, " 王　芳 ");
  worksheet_write_boolean(sheet, 0, 8, 1, nullptr);
  worksheet_write_formula_num(sheet, 0, 9, "=A1*2", nullptr, 14);  // the stored result
  Diagnostics report;
  const auto rows = read(book.bytes(), report);
  REQUIRE(rows);
  CHECK(report.items().empty());
  CHECK(table(*rows) ==
        Table{{"7", "30", "85.5", "0.3", "-2.25", "13800138000", "007", " 王　芳 ", "TRUE", "14"}});
  CHECK(rows->front().numeric ==
        std::vector<bool>{true, true, true, true, true, true, false, false, false, true});
}

TEST_CASE("SPEC §15: dates read as YYYY-MM-DD, from built-in and custom date formats") {
  XlsxBuilder book;
  lxw_worksheet* sheet = book.sheet("Sheet1");
  const lxw_datetime day{2021, 5, 20, 0, 0, 0};
  XlsxBuilder::date(sheet, 0, 0, day, book.builtin_format(14));  // m/d/yyyy in en-US
  XlsxBuilder::date(sheet, 0, 1, day, book.number_format("yyyy\"年\"m\"月\"d\"日\""));
  XlsxBuilder::date(sheet, 0, 2, day, book.number_format("[$-804]yyyy/mm/dd;@"));
  XlsxBuilder::date(sheet, 0, 3, {2021, 5, 20, 8, 30, 0}, book.number_format("yyyy-mm-dd hh:mm"));
  XlsxBuilder::date(sheet, 0, 4, {0, 0, 0, 8, 30, 15}, book.number_format("hh:mm:ss"));
  XlsxBuilder::number(sheet, 0, 5, 44336);  // the same day's serial, shown as a number
  XlsxBuilder::number(sheet, 0, 6, 60, book.builtin_format(14));  // Excel's 1900-02-29
  XlsxBuilder::number(sheet, 0, 7, 61, book.builtin_format(14));
  XlsxBuilder::number(sheet, 0, 8, 44336, book.number_format("0.00"));  // not a date format
  XlsxBuilder::date(sheet, 0, 9, day, book.builtin_format(31));         // 2021年5月20日 in zh-CN
  Diagnostics report;
  const auto rows = read(book.bytes(), report);
  REQUIRE(rows);
  CHECK(table(*rows) ==
        Table{{"2021-05-20", "2021-05-20", "2021-05-20", "2021-05-20 08:30:00", "08:30:15", "44336",
               "1900-02-29", "1900-03-01", "44336", "2021-05-20"}});
  CHECK(rows->front().numeric ==
        std::vector<bool>{false, false, false, false, false, true, false, false, true, false});
}

TEST_CASE("SPEC §15: dates of a workbook in the 1904 date system") {
  XlsxBuilder book;
  XlsxBuilder::number(book.sheet("Sheet1"), 0, 0, 44336, book.builtin_format(14));
  std::string bytes = book.bytes();
  std::string workbook = test::read_part(bytes, "xl/workbook.xml");
  const auto at = workbook.find("<workbookPr");
  REQUIRE(at != std::string::npos);
  workbook.insert(at + 11, " date1904=\"1\"");
  bytes = test::replace_part(bytes, "xl/workbook.xml", workbook);
  Diagnostics report;
  const auto rows = read(bytes, report);
  REQUIRE(rows);
  CHECK(table(*rows) == Table{{"2025-05-21"}});  // 1904-01-01 + 44336 days
}

TEST_CASE("SPEC §15: an id column formatted 000 shows 7 as 007, as Excel does") {
  XlsxBuilder book;
  lxw_worksheet* sheet = book.sheet("Sheet1");
  lxw_format* padded = book.number_format("000");
  XlsxBuilder::number(sheet, 0, 0, 7, padded);
  XlsxBuilder::number(sheet, 0, 1, 1234, padded);
  Diagnostics report;
  const auto rows = read(book.bytes(), report);
  REQUIRE(rows);
  CHECK(table(*rows) == Table{{"007", "1234"}});
}

TEST_CASE("SPEC §15: shared strings and inline strings read the same") {
  auto make = [](bool inline_strings) {
    XlsxBuilder book(inline_strings);
    lxw_worksheet* sheet = book.sheet("Sheet1");
    XlsxBuilder::row(sheet, 0, {"作品编号", "作品名称", "学生"});
    XlsxBuilder::row(sheet, 1, {"007", "水质检测仪", "张三、李四"});
    XlsxBuilder::row(sheet, 2, {"008", "水质检测仪", "古丽米热·艾比布力"});
    return book.bytes();
  };
  const std::string shared = make(false), inline_strings = make(true);
  // The two really differ in how they store text.
  CHECK(test::read_part(shared, "xl/sharedStrings.xml").find("水质检测仪") != std::string::npos);
  CHECK(test::read_part(inline_strings, "xl/worksheets/sheet1.xml").find("inlineStr") !=
        std::string::npos);
  Diagnostics report;
  const auto a = read(shared, report), b = read(inline_strings, report);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(report.items().empty());
  const Table expected{{"作品编号", "作品名称", "学生"},
                       {"007", "水质检测仪", "张三、李四"},
                       {"008", "水质检测仪", "古丽米热·艾比布力"}};
  CHECK(table(*a) == expected);
  CHECK(table(*b) == expected);
}

TEST_CASE("SPEC §15: a merged title row and blank rows are skipped like title lines") {
  XlsxBuilder book;
  lxw_worksheet* sheet = book.sheet("报名表");
  XlsxBuilder::merge(sheet, 0, 0, 0, 8, "第36届荆州市青少年科技创新大赛参赛作品汇总表");
  XlsxBuilder::row(sheet, 2, kEntryHeader);  // row 2 (index 1) is blank
  write_entry(sheet, 3, "JZ21-P0001", "水质检测仪", "荆州市实验小学", "张三");
  write_entry(sheet, 5, "JZ21-P0002", "月相观测", "沙市中学", "李四");  // row 5 blank
  write_entry(sheet, 6, "JZ21-P0003", "校园气象站", "荆州中学", "王五");
  Diagnostics report;
  const auto records = read(book.bytes(), report);
  REQUIRE(records);
  CHECK(lines(*records) == std::vector<int>{1, 3, 4, 6, 7});
  CHECK(records->front().fields.size() == 9);  // every row as wide as the sheet
  CHECK(records->front().fields[0] == "第36届荆州市青少年科技创新大赛参赛作品汇总表");

  XlsxBuilder again;
  lxw_worksheet* copy = again.sheet("报名表");
  XlsxBuilder::merge(copy, 0, 0, 0, 8, "第36届荆州市青少年科技创新大赛参赛作品汇总表");
  XlsxBuilder::row(copy, 2, kEntryHeader);
  write_entry(copy, 3, "JZ21-P0001", "水质检测仪", "荆州市实验小学", "张三");
  write_entry(copy, 5, "JZ21-P0002", "月相观测", "沙市中学", "李四");
  write_entry(copy, 6, "JZ21-P0003", "校园气象站", "荆州中学", "王五");
  Diagnostics import_report;
  const auto entries = import(again.bytes(), "entries.xlsx", import_report);
  CHECK(import_report.items().empty());
  const std::string csv =
      "第36届荆州市青少年科技创新大赛参赛作品汇总表,,,,,,,,\n,,,,,,,,\n"
      "作品编号,类别,组别,学科,作品名称,学校,县市区,学生,指导教师\n"
      "JZ21-P0001,学生科技创新成果,小学,物质科学,水质检测仪,荆州市实验小学,沙市区,张三,王老师\n"
      ",,,,,,,,\n"
      "JZ21-P0002,学生科技创新成果,小学,物质科学,月相观测,沙市中学,沙市区,李四,王老师\n"
      "JZ21-P0003,学生科技创新成果,小学,物质科学,校园气象站,荆州中学,沙市区,王五,王老师\n";
  Diagnostics csv_report;
  const auto from_csv = import(csv, "entries.csv", csv_report);
  REQUIRE(entries.size() == 3);
  CHECK(describe(entries) == describe(from_csv));
  CHECK(entries[0].line == 4);  // the sheet's row
  CHECK(entries[2].line == 7);
}

TEST_CASE("SPEC §15: a cell merged over several rows reads its value in each of them") {
  XlsxBuilder book;
  lxw_worksheet* sheet = book.sheet("Sheet1");
  XlsxBuilder::row(sheet, 0, kEntryHeader);
  write_entry(sheet, 1, "JZ21-P0001", "水质检测仪", "", "张三");
  write_entry(sheet, 2, "JZ21-P0002", "月相观测", "", "李四");
  write_entry(sheet, 3, "JZ21-P0003", "校园气象站", "荆州中学", "王五");
  XlsxBuilder::merge(sheet, 1, 5, 2, 5, "荆州市实验小学");  // 学校 F2:F3
  Diagnostics report;
  const auto entries = import(book.bytes(), "entries.xlsx", report);
  CHECK(report.items().empty());
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].entry.school == "荆州市实验小学");
  CHECK(entries[1].entry.school == "荆州市实验小学");
  CHECK(entries[2].entry.school == "荆州中学");
}

TEST_CASE("SPEC §15: the first worksheet by default, or the one --sheet names") {
  XlsxBuilder book;
  XlsxBuilder::row(book.sheet("说明"), 0, {"本表由各县市区科协汇总后上报"});
  lxw_worksheet* entries = book.sheet("Entries");
  XlsxBuilder::row(entries, 0, kEntryHeader);
  write_entry(entries, 1, "JZ21-P0001", "水质检测仪", "荆州市实验小学", "张三");
  const std::string bytes = book.bytes();

  Diagnostics first;
  CHECK(import(bytes, "entries.xlsx", first).empty());
  CHECK(diagnostics(first).starts_with(
      "entries.xlsx[说明]!1:1: error: no header row names all required columns"));

  Diagnostics named;
  CHECK(import(bytes, "entries.xlsx", named, "Entries").size() == 1);
  CHECK(named.items().empty());
  Diagnostics any_case;  // Excel's sheet names ignore case
  CHECK(import(bytes, "entries.xlsx", any_case, "entries").size() == 1);
}

TEST_CASE("SPEC §15: a missing --sheet is an error listing the workbook's sheets") {
  XlsxBuilder book;
  XlsxBuilder::text(book.sheet("说明"), 0, 0, "x");
  XlsxBuilder::text(book.sheet("报名表"), 0, 0, "x");
  Diagnostics report;
  CHECK_FALSE(read(book.bytes(), report, "评委"));
  CHECK(
      diagnostics(report) ==
      "book.xlsx: error: no worksheet \"评委\" (--sheet); the workbook has \"说明\", \"报名表\"\n");
  CHECK(only_error(report).code == "workbook.unknown-sheet");
}

TEST_CASE("SPEC §15: diagnostics name FILE[SHEET]!CELL") {
  XlsxBuilder book;
  lxw_worksheet* sheet = book.sheet("报名表");
  XlsxBuilder::merge(sheet, 0, 0, 0, 8, "汇总表");
  XlsxBuilder::row(sheet, 1, kEntryHeader);
  write_entry(sheet, 2, "JZ21-P0001", "水质检测仪", "荆州市实验小学", "张三");
  XlsxBuilder::row(sheet, 3,
                   {"JZ21-P0002", "学生科技创新成果", "小学组", "物质科学", "月相观测", "沙市中学",
                    "沙市区", "李四", ""});
  Diagnostics report;
  CHECK(import(book.bytes(), "entries.xlsx", report).size() == 1);
  const Diagnostic& error = only_error(report);
  CHECK(error.sheet == "报名表");
  CHECK(error.line == 4);
  CHECK(error.column == 3);
  CHECK(format_diagnostic(error).starts_with(
      "entries.xlsx[报名表]!C4: error: unknown group \"小学组\""));
}

TEST_CASE("SPEC §15: a note row below the table (填表日期) is skipped with a warning") {
  XlsxBuilder book;
  lxw_worksheet* sheet = book.sheet("Sheet1");
  XlsxBuilder::row(sheet, 0, kEntryHeader);
  write_entry(sheet, 1, "JZ21-P0001", "水质检测仪", "荆州市实验小学", "张三");
  XlsxBuilder::text(sheet, 3, 0, "填表日期");
  XlsxBuilder::date(sheet, 3, 1, {2021, 5, 20, 0, 0, 0}, book.number_format("yyyy-mm-dd"));
  XlsxBuilder::text(sheet, 4, 0, "填表人：李芳");
  Diagnostics report;
  const auto entries = import(book.bytes(), "entries.xlsx", report);
  CHECK(entries.size() == 1);
  CHECK(test::count_errors(report) == 0);
  CHECK(diagnostics(report) ==
        "entries.xlsx[Sheet1]!A4: warning: row 4 below the table is read as a note and skipped: "
        "\"填表日期 2021-05-20\"\n"
        "entries.xlsx[Sheet1]!A5: warning: row 5 below the table is read as a note and skipped: "
        "\"填表人：李芳\"\n");
}

TEST_CASE("SPEC §15: a numeric id among ids that keep leading zeros is a warning naming it") {
  XlsxBuilder book;
  lxw_worksheet* sheet = book.sheet("Sheet1");
  XlsxBuilder::row(sheet, 0, kEntryHeader);
  write_entry(sheet, 1, "001", "水质检测仪", "荆州市实验小学", "张三");
  write_entry(sheet, 2, "002", "月相观测", "沙市中学", "李四");
  write_entry(sheet, 3, "", "校园气象站", "荆州中学", "王五");
  XlsxBuilder::number(sheet, 3, 0, 7);  // Excel turned 007 into 7
  write_entry(sheet, 4, "", "风力发电", "荆州中学", "赵六");
  XlsxBuilder::number(sheet, 4, 0, 123);  // as wide as the others: nothing was lost
  Diagnostics report;
  const auto entries = import(book.bytes(), "entries.xlsx", report);
  CHECK(entries.size() == 4);
  CHECK(diagnostics(report) ==
        "entries.xlsx[Sheet1]!A4: warning: id 7 is stored as a number, which drops leading "
        "zeros, while the other ids of this column keep them (e.g. 001): is it 007? Type it as "
        "text ('007) to keep the zeros\n");
  CHECK(report.items().front().code == "entries.numeric-id");

  // Ids that are all numbers keep nothing: no warning.
  XlsxBuilder numbers;
  lxw_worksheet* plain = numbers.sheet("Sheet1");
  XlsxBuilder::row(plain, 0, kEntryHeader);
  write_entry(plain, 1, "", "水质检测仪", "荆州市实验小学", "张三");
  XlsxBuilder::number(plain, 1, 0, 1);
  write_entry(plain, 2, "", "月相观测", "沙市中学", "李四");
  XlsxBuilder::number(plain, 2, 0, 2);
  Diagnostics quiet;
  CHECK(import(numbers.bytes(), "entries.xlsx", quiet).size() == 2);
  CHECK(quiet.items().empty());
}

TEST_CASE("SPEC §15: judges workbooks: numeric max_load and numeric judge ids") {
  XlsxBuilder book;
  lxw_worksheet* sheet = book.sheet("评委");
  XlsxBuilder::row(sheet, 0, {"评委编号", "姓名", "工作单位", "最大评审量"});
  XlsxBuilder::row(sheet, 1, {"", "卢辰", "荆州市生态环境局"});
  XlsxBuilder::number(sheet, 1, 0, 1);
  XlsxBuilder::number(sheet, 1, 3, 30);
  Diagnostics report;
  const auto judges =
      import_judges(book.bytes(), "judges.xlsx", Encoding::Auto, test::jingzhou(), report);
  CHECK(report.items().empty());
  REQUIRE(judges.size() == 1);
  CHECK(judges[0].judge.id == "1");
  CHECK(judges[0].judge.max_load == 30);
}

TEST_CASE("SPEC §10/§15: a text cell over 32,767 characters is invalid input naming the cell") {
  XlsxBuilder book;
  lxw_worksheet* sheet = book.sheet("Sheet1");
  XlsxBuilder::text(sheet, 0, 0, "short");
  XlsxBuilder::text(sheet, 1, 1, "LONG");
  std::string bytes = book.bytes();
  std::string strings = test::read_part(bytes, "xl/sharedStrings.xml");
  const auto at = strings.find("LONG");
  REQUIRE(at != std::string::npos);
  strings.replace(at, 4, std::string(32768, 'x'));
  Diagnostics report;
  const auto rows = read(test::replace_part(bytes, "xl/sharedStrings.xml", strings), report);
  REQUIRE(rows);
  const Diagnostic& error = only_error(report);
  CHECK(error.code == "file.cell-too-long");
  CHECK(format_diagnostic(error) ==
        "book.xlsx[Sheet1]!B2: error: the cell holds 32768 characters; a cell may hold at most "
        "32,767 (Excel's limit)");

  // Exactly 32,767 is fine; the limit counts UTF-16 units, as Excel does (𝑥 is two).
  Diagnostics fine;
  CHECK(read_records(std::string(32767, 'x') + "\n", "a.csv", Encoding::Auto, fine,
                     CommentLines::Data));
  CHECK(fine.items().empty());
  std::string wide;
  for (int i = 0; i < 16384; ++i) wide += "\xF0\x9D\x91\xA5";  // U+1D465
  Diagnostics csv;
  CHECK(read_records("a," + wide + "\n", "a.csv", Encoding::Auto, csv, CommentLines::Data));
  CHECK(diagnostics(csv) ==
        "a.csv:1:2: error: the cell holds 32768 characters; a cell may hold at most 32,767 "
        "(Excel's limit)\n");
}

TEST_CASE("SPEC §15: a damaged workbook is one clear error") {
  const std::string bytes = one_cell_workbook();

  Diagnostics cut;
  CHECK_FALSE(read(bytes.substr(0, bytes.size() / 2), cut));
  CHECK(only_error(cut).code == "workbook.damaged");
  CHECK(diagnostics(cut).starts_with(
      "book.xlsx: error: the workbook is damaged: it is not a readable ZIP package"));

  Diagnostics xml;
  CHECK_FALSE(read(
      test::replace_part(bytes, "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\">"),
      xml));
  CHECK(
      diagnostics(xml).starts_with("book.xlsx[Sheet1]: error: the workbook is damaged: the part "
                                   "xl/worksheets/sheet1.xml is not well-formed XML (line 1:"));

  Diagnostics missing_string;
  const std::string sheet =
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c><c r=\"B1\" t=\"s\"><v>0</v></c>"
      "</row></sheetData></worksheet>";
  CHECK(read(test::replace_part(bytes, "xl/worksheets/sheet1.xml", sheet), missing_string));
  CHECK(diagnostics(missing_string) ==
        "book.xlsx[Sheet1]!A1: error: the cell refers to shared string \"5\" of 1; the file is "
        "damaged\n");

  Diagnostics doctype;
  CHECK_FALSE(read(test::replace_part(bytes, "xl/sharedStrings.xml",
                                      "<!DOCTYPE sst [<!ENTITY a \"aaaa\">]><sst/>"),
                   doctype));
  CHECK(diagnostics(doctype) ==
        "book.xlsx[Sheet1]: error: the workbook is damaged: xl/sharedStrings.xml: an XML part "
        "declares a DTD\n");

  Diagnostics not_a_workbook;
  const std::string zip = test::replace_part(test::replace_part(bytes, "_rels/.rels", ""),
                                             "xl/workbook.xml", "<document/>");
  CHECK_FALSE(read(zip, not_a_workbook));
  CHECK(only_error(not_a_workbook).code == "workbook.damaged");
}

TEST_CASE("SPEC §15: an encrypted workbook is refused as encrypted") {
  const std::string bytes = one_cell_workbook();
  const std::string expected =
      "book.xlsx: error: the workbook is encrypted (password protected); save a copy without a "
      "password\n";

  Diagnostics aes;  // a ZIP whose parts are AES-encrypted
  CHECK_FALSE(read(test::replace_part(bytes, "xl/workbook.xml",
                                      test::read_part(bytes, "xl/workbook.xml"), "secret"),
                   aes));
  CHECK(diagnostics(aes) == expected);

  // Excel's and LibreOffice's "encrypt with password": an OLE2 file holding EncryptionInfo.
  Diagnostics ooxml;
  CHECK_FALSE(read(data_file("encrypted.xlsx"), ooxml));
  CHECK(diagnostics(ooxml) == expected);
  CHECK(only_error(ooxml).code == "workbook.encrypted");

  Diagnostics xls;  // BIFF8 with RC4 encryption (FILEPASS)
  CHECK_FALSE(read(data_file("encrypted.xls"), xls));
  CHECK(only_error(xls).code == "workbook.encrypted");
}

TEST_CASE("SPEC §15: a zip bomb is refused before it is inflated") {
  const std::string bytes = one_cell_workbook();
  // 64 MiB of padding inside a well-formed sheet deflates to about 64 KiB.
  const std::string bomb =
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" +
      std::string(std::size_t{64} << 20, ' ') + "</sheetData></worksheet>";
  const std::string packed = test::replace_part(bytes, "xl/worksheets/sheet1.xml", bomb);
  CHECK(packed.size() < (std::size_t{1} << 20));
  Diagnostics report;
  CHECK_FALSE(read(packed, report));
  const Diagnostic& error = only_error(report);
  CHECK(error.code == "workbook.too-large");
  CHECK(error.message.starts_with(
      "the workbook is refused: the part xl/worksheets/sheet1.xml inflates more than 100 times"));
}

TEST_CASE("SPEC §15: what other writers put in a sheet: prefixes, missing refs, phonetics") {
  std::string bytes = one_cell_workbook();
  // The .NET SDK writes x: prefixes; cells and rows may omit r; Chinese and Japanese Excel keeps
  // phonetic runs (rPh) beside the text; _x000D_ is how OOXML writes a carriage return.
  const std::string strings =
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"2\" "
      "uniqueCount=\"2\"><si><r><t>李</t></r><r><t xml:space=\"preserve\">小明</t></r>"
      "<rPh sb=\"0\" eb=\"1\"><t>li</t></rPh></si><si><t>a_x000D_b_x005F_x0041_</t></si></sst>";
  const std::string sheet =
      "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<x:sheetData><x:row><x:c t=\"s\"><x:v>0</x:v></x:c><x:c t=\"s\"><x:v>1</x:v></x:c>"
      "<x:c t=\"inlineStr\"><x:is><x:t>内联</x:t></x:is></x:c></x:row>"
      "<x:row><x:c r=\"C2\" t=\"str\"><x:f>A1&amp;\"!\"</x:f><x:v>李小明!</x:v></x:c>"
      "<x:c r=\"D2\" t=\"d\"><x:v>2021-05-20T00:00:00</x:v></x:c>"
      "<x:c r=\"E2\" t=\"e\"><x:v>#N/A</x:v></x:c><x:c r=\"F2\"><x:f>SUM(A1:A3)</x:f></x:c>"
      "</x:row></x:sheetData></x:worksheet>";
  bytes = test::replace_part(bytes, "xl/sharedStrings.xml", strings);
  bytes = test::replace_part(bytes, "xl/worksheets/sheet1.xml", sheet);
  Diagnostics report;
  const auto rows = read(bytes, report);
  REQUIRE(rows);
  CHECK(table(*rows) == Table{{"李小明", "a\rb_x0041_", "内联", "", ""},
                              {"", "", "李小明!", "2021-05-20", "#N/A"}});
  CHECK(diagnostics(report) ==
        "book.xlsx[Sheet1]!F2: error: the cell holds a formula without a stored result; open the "
        "file in Excel or WPS and save it again\n");
}

TEST_CASE("SPEC §15: the .xls reader (FreeXL) shows cells as the .xlsx reader does") {
  // cells.xls is cells.xlsx (made by the `[.xls-sources]` test) saved by LibreOffice as .xls.
  Diagnostics report;
  const auto rows = read(data_file("cells.xls"), report, {}, "c.xls");
  REQUIRE(rows);
  CHECK(report.items().empty());
  CHECK(table(*rows) == Table{{"whole", "7", "30"},
                              {"decimal", "85.5", "-2.25"},
                              {"date", "2021-05-20", "2021-05-20"},
                              {"datetime", "2021-05-20 08:30:00", "12:00:00"},
                              {"text", "007", "王　芳"}});
  CHECK(rows->front().numeric == std::vector<bool>{false, true, true});
  CHECK(rows->at(2).numeric.empty());
  CHECK(rows->at(4).numeric.empty());
}

TEST_CASE("SPEC §15: .xls: merged title row, blank rows, --sheet, a missing sheet, a note row") {
  const std::string bytes = data_file("entries.xls");
  Diagnostics first;  // the first worksheet is the notes sheet
  CHECK(import(bytes, "entries.xls", first).empty());
  CHECK(diagnostics(first).starts_with("entries.xls[说明]!1:1: error: no header row"));

  Diagnostics named;
  const auto entries = import(bytes, "entries.xls", named, "报名表");
  CHECK(diagnostics(named) ==
        "entries.xls[报名表]!A8: warning: row 8 below the table is read as a note and skipped: "
        "\"填表日期 2021-05-20\"\n"
        "entries.xls[报名表]!A4: warning: id 7 is stored as a number, which drops leading zeros, "
        "while the other ids of this column keep them (e.g. 001): is it 007? Type it as text "
        "('007) to keep the zeros\n");
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].entry.id == "001");
  CHECK(entries[0].line == 3);
  CHECK(entries[1].entry.id == "7");
  CHECK(entries[2].entry.id == "002");
  CHECK(entries[2].line == 6);

  Diagnostics missing;
  CHECK(import(bytes, "entries.xls", missing, "评委").empty());
  CHECK(diagnostics(missing) ==
        "entries.xls: error: no worksheet \"评委\" (--sheet); the workbook has \"说明\", "
        "\"报名表\"\n");

  Diagnostics cut;
  CHECK(import(bytes.substr(0, bytes.size() / 2), "entries.xls", cut).empty());
  CHECK(only_error(cut).code == "workbook.damaged");
}

TEST_CASE("SPEC §10/§15: an .xls that FreeXL overflows a buffer on is one damaged-file error") {
  // Found by fuzz_entries: FreeXL 1.0.6 writes below a stack buffer inside freexl_open for this
  // file (the corpus input's first byte picks the fuzzer's encoding; the rest is the file).
  const std::string input = test::read_binary(std::string(JURY_FIXTURES_DIR) +
                                              "/../fuzz/corpus/entries/freexl-stack-overflow.xls");
  Diagnostics report;
  CHECK_FALSE(read(input.substr(1), report, {}, "bad.xls"));
  CHECK(only_error(report).code == "workbook.damaged");
  CHECK(diagnostics(report).starts_with("bad.xls: error: the workbook (.xls) is damaged: "));

  Diagnostics after;  // FreeXL ran in a child process: this one reads the next file as before
  const auto rows = read(data_file("cells.xls"), after, {}, "c.xls");
  REQUIRE(rows);
  CHECK(table(*rows).front() == std::vector<std::string>{"whole", "7", "30"});
}

TEST_CASE("workbook_detail: numbers and date serials as Excel shows them") {
  using namespace workbook_detail;
  CHECK(number_text(7) == "7");
  CHECK(number_text(-0.0) == "0");
  CHECK(number_text(1e15) == "1e+15");
  CHECK(number_text(123456789012345) == "123456789012345");
  CHECK(number_text(1.0 / 3) == "0.333333333333333");
  CHECK(date_text(44336.75, false, DateParts::DateTime) == "2021-05-20 18:00:00");
  CHECK(date_text(44336.99999, false, DateParts::Date) == "2021-05-20");
  CHECK(date_text(44336.999999999, false, DateParts::DateTime) == "2021-05-21 00:00:00");
  CHECK(date_text(0.5, false, DateParts::Time) == "12:00:00");
  CHECK(date_text(1, false, DateParts::Date) == "1900-01-01");
  CHECK(date_text(2958465, false, DateParts::Date) == "9999-12-31");
  CHECK_FALSE(date_text(2958466, false, DateParts::Date));
  CHECK_FALSE(date_text(-1, false, DateParts::Date));
  CHECK(date_text(0, true, DateParts::Date) == "1904-01-01");
}

TEST_CASE("without_maximum_note: a criterion header may note its maximum") {
  CHECK(without_maximum_note("创新性（满分 40）") == "创新性");
  CHECK(without_maximum_note("创新性（满分40）") == "创新性");
  CHECK(without_maximum_note("innovation (0–40)") == "innovation");
  CHECK(without_maximum_note("rigor (max 30)") == "rigor");
  CHECK(without_maximum_note("rigor (0-2.5)") == "rigor");
  CHECK(without_maximum_note("创新性") == "创新性");
  CHECK(without_maximum_note("创新性（说明）") == "创新性（说明）");
  CHECK(without_maximum_note("(满分 40)") == "(满分 40)");
}
