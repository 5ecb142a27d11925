#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "xlsx_builder.hpp"

using jury::test::XlsxBuilder;

namespace {

/// cells.xls: one row per kind of cell the .xls reader must show as Excel does.
std::string cells_workbook() {
  XlsxBuilder book;
  lxw_worksheet* sheet = book.sheet("cells");
  XlsxBuilder::row(sheet, 0, {"whole"});
  XlsxBuilder::number(sheet, 0, 1, 7);
  XlsxBuilder::number(sheet, 0, 2, 30);
  XlsxBuilder::row(sheet, 1, {"decimal"});
  XlsxBuilder::number(sheet, 1, 1, 85.5);
  XlsxBuilder::number(sheet, 1, 2, -2.25);
  XlsxBuilder::row(sheet, 2, {"date"});
  XlsxBuilder::date(sheet, 2, 1, {2021, 5, 20, 0, 0, 0}, book.number_format("yyyy-mm-dd"));
  XlsxBuilder::date(sheet, 2, 2, {2021, 5, 20, 0, 0, 0},
                    book.number_format("yyyy\"年\"m\"月\"d\"日\""));
  XlsxBuilder::row(sheet, 3, {"datetime"});
  XlsxBuilder::date(sheet, 3, 1, {2021, 5, 20, 8, 30, 0},
                    book.number_format("yyyy-mm-dd hh:mm:ss"));
  XlsxBuilder::number(sheet, 3, 2, 0.5, book.number_format("hh:mm"));
  XlsxBuilder::row(sheet, 4, {"text", "007", "王　芳"});
  return book.bytes();
}

/// entries.xls: a notes sheet first, then 报名表 with a merged title row, blank rows, a text id
/// column where Excel turned one id into a number, and a 填表日期 note.
std::string entries_workbook() {
  XlsxBuilder book;
  XlsxBuilder::row(book.sheet("说明"), 0, {"本表由各县市区科协汇总后上报"});
  lxw_worksheet* sheet = book.sheet("报名表");
  XlsxBuilder::merge(sheet, 0, 0, 0, 8, "第36届荆州市青少年科技创新大赛参赛作品汇总表");
  XlsxBuilder::row(
      sheet, 1,
      {"作品编号", "类别", "组别", "学科", "作品名称", "学校", "县市区", "学生", "指导教师"});
  XlsxBuilder::row(sheet, 2,
                   {"001", "学生科技创新成果", "小学", "物质科学", "水质检测仪", "荆州市实验小学",
                    "沙市区", "张三", "王老师"});
  XlsxBuilder::row(
      sheet, 3,
      {"", "学生科技创新成果", "小学", "物质科学", "月相观测", "沙市中学", "沙市区", "李四", ""});
  XlsxBuilder::number(sheet, 3, 0, 7);
  XlsxBuilder::row(sheet, 5,
                   {"002", "学生科技创新成果", "小学", "物质科学", "校园气象站", "荆州中学",
                    "荆州区", "王五", "刘老师"});
  XlsxBuilder::row(sheet, 7, {"填表日期"});
  XlsxBuilder::date(sheet, 7, 1, {2021, 5, 20, 0, 0, 0}, book.number_format("yyyy-mm-dd"));
  return book.bytes();
}

}  // namespace

/// Not a test: writes the .xlsx sources of tests/importers/data/xls into $JURY_XLS_SOURCES, for
/// tests/importers/data/xls/make.sh to save as .xls with LibreOffice (see the README there).
TEST_CASE("the .xls fixtures' sources", "[.xls-sources]") {
  const char* folder = std::getenv("JURY_XLS_SOURCES");
  REQUIRE(folder);
  const std::filesystem::path dir(folder);
  jury::test::write_binary(dir / "cells.xlsx", cells_workbook());
  jury::test::write_binary(dir / "entries.xlsx", entries_workbook());
  jury::test::write_binary(dir / "jingzhou-entries.xlsx", jury::test::jingzhou_workbook("entries"));
  jury::test::write_binary(dir / "jingzhou-judges.xlsx", jury::test::jingzhou_workbook("judges"));
}
