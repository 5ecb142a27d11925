/// SPEC §16 `jury export certificates`: one row per person of every entry holding a tier.

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <regex>
#include <set>

#include "exporters/certificates.hpp"
#include "office_tables.hpp"
#include "sample.hpp"

using namespace jury;
using jury::test::Rows;

namespace {

const std::vector<std::string> kHeader{"证书编号", "姓名", "身份", "学校", "作品编号",
                                       "作品名称", "类别", "组别", "奖项"};

/// Worked out by hand from the sample: roster order is the primary pool (S003 一等奖, S001 and
/// S004 二等奖 — S002 and S005 hold no tier), the junior pool (S010 一等奖), then the advisor
/// kind (A001 一等奖, A002 二等奖); numbers count per kind and tier, people in entry order
/// (students, then advisors; an advisor entry's advisors are its authors).
Rows expected_rows() {
  const std::string student = "学生科技创新成果", advisor = "科技辅导员科技教育创新成果";
  const std::string hyperlink = "=HYPERLINK(\"http://x\",\"y\")";
  const std::string quoted = "He said \"hi\", then\nleft";
  return {
      kHeader,
      {"jz-2021-student-first-001", "+孙七", "学生", "-学校", "S003", hyperlink, student, "小学",
       "一等奖"},
      {"jz-2021-student-second-001", "张三", "学生", "荆州市实验小学", "S001", "水质检测仪",
       student, "小学", "二等奖"},
      {"jz-2021-student-second-002", "李四", "学生", "荆州市实验小学", "S001", "水质检测仪",
       student, "小学", "二等奖"},
      {"jz-2021-student-second-003", "王老师", "指导教师", "荆州市实验小学", "S001", "水质检测仪",
       student, "小学", "二等奖"},
      {"jz-2021-student-second-004", "周八", "学生", "荆州市实验小学", "S004", quoted, student,
       "小学", "二等奖"},
      {"jz-2021-student-second-005", "王老师", "指导教师", "荆州市实验小学", "S004", quoted,
       student, "小学", "二等奖"},
      {"jz-2021-student-first-002", "郑十", "学生", "荆州市第一中学", "S010", "月相观测", student,
       "初中", "一等奖"},
      {"jz-2021-student-first-003", "钱老师", "指导教师", "荆州市第一中学", "S010", "月相观测",
       student, "初中", "一等奖"},
      {"jz-2021-advisor-first-001", "刘老师", "作者", "荆州中学", "A001", "校园气象站课程", advisor,
       "", "一等奖"},
      {"jz-2021-advisor-second-001", "陈老师", "作者", "沙市中学", "A002", "趣味物理实验", advisor,
       "", "二等奖"},
      {"jz-2021-advisor-second-002", "古丽米热·艾比布力", "作者", "沙市中学", "A002",
       "趣味物理实验", advisor, "", "二等奖"},
  };
}

/// The text cells a spreadsheet shows: what starts with = + - @ gets the apostrophe (SPEC §9).
Rows neutralised(Rows rows) {
  for (auto& row : rows)
    for (std::string& cell : row)
      if (!cell.empty() && std::string("=+-@").find(cell.front()) != std::string::npos)
        cell = "'" + cell;
  return rows;
}

}  // namespace

TEST_CASE("SPEC §16 certificates: one row per person of each entry holding a tier, exact rows") {
  const TableBook book =
      certificates_book(test::sample_config(), test::sample_entries(), test::sample_results());
  REQUIRE(book.sheets.size() == 1);
  CHECK(test::csv_rows(table_csv(book.sheets.front())) == neutralised(expected_rows()));
}

TEST_CASE(
    "SPEC §16 certificates: numbers are unique and of the form <competition>-<kind>-<tier>-NNN") {
  const TableBook book =
      certificates_book(test::sample_config(), test::sample_entries(), test::sample_results());
  const std::regex form("jz-2021-(student|advisor)-(first|second|third)-[0-9]{3}");
  std::set<std::string> numbers;
  for (const auto& row : book.sheets.front().rows) {
    INFO(row.front().text);
    CHECK(std::regex_match(row.front().text, form));
    CHECK(numbers.insert(row.front().text).second);
  }
  CHECK(numbers.size() == 11);
}

TEST_CASE("SPEC §16 certificates: past 999 the number keeps counting with more digits") {
  Config config = test::sample_config();
  std::vector<Entry> entries;
  Results results;
  PoolResult pool{"advisor", std::nullopt, std::nullopt, 1001, {{"first", 1001}}, {}};
  for (int i = 1; i <= 1001; ++i) {
    const std::string id = fmt::format("A{:04}", i);
    entries.push_back(test::entry(id, "advisor", "", "PS", "课程", "沙市中学", "沙市区", {},
                                  {"老师" + std::to_string(i)}));
    pool.rows.push_back(test::result(id, 5, 80.0, 1, "first"));
  }
  results.pools = {pool};
  const TableBook book = certificates_book(config, entries, results);
  REQUIRE(book.sheets.front().rows.size() == 1001);
  CHECK(book.sheets.front().rows[998].front().text == "jz-2021-advisor-first-999");
  CHECK(book.sheets.front().rows[1000].front().text == "jz-2021-advisor-first-1001");
}

TEST_CASE("SPEC §16 certificates: the XLSX sheet holds the same rows as the CSV") {
  const TableBook book =
      certificates_book(test::sample_config(), test::sample_entries(), test::sample_results());
  test::TempDir dir;
  const auto path = dir.path() / "certificates.xlsx";
  write_table_xlsx(path.string(), book);
  CHECK(test::xlsx_rows(path, "获奖证书") == neutralised(expected_rows()));
}
