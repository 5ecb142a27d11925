/// SPEC §16 `jury export stats`: per school and per district, entries, ranked entries, entries per
/// tier and recommended entries, per kind and in total.

#include <catch2/catch.hpp>

#include "exporters/roster_rows.hpp"
#include "exporters/stats.hpp"
#include "office_tables.hpp"
#include "sample.hpp"

using namespace jury;
using jury::test::Rows;

namespace {

const std::string kStudent = "学生科技创新成果";
const std::string kAdvisor = "科技辅导员科技教育创新成果";

/// Worked out by hand from the sample's roster (8 rows: S001 S004 二等奖, S003 S010 一等奖, S002
/// ranked without a tier, S005 incomplete; A001 一等奖, A002 二等奖). Columns: scope, name, kind,
/// entries, ranked, 一等奖, 二等奖, 三等奖 (empty for the advisor kind, which has none), awarded,
/// recommended. Names in Chinese order (CLDR zh: punctuation, then Han characters by pinyin — 江
/// jiāng, 荆 jīng, 市 shì before 中 zhōng, 第 dì before 实 shí, 沙 shā —, then Latin letters), no
/// district last.
Rows expected_rows() {
  return {
      {"统计口径", "名称", "类别", "参赛作品", "排名作品", "一等奖", "二等奖", "三等奖", "获奖作品",
       "推荐作品"},
      {"学校", "'-学校", kStudent, "1", "1", "1", "0", "0", "1", "0"},
      {"学校", "'-学校", "合计", "1", "1", "1", "0", "0", "1", "0"},
      {"学校", "江陵县小学", kStudent, "1", "0", "0", "0", "0", "0", "0"},
      {"学校", "江陵县小学", "合计", "1", "0", "0", "0", "0", "0", "0"},
      {"学校", "荆州市第一中学", kStudent, "1", "1", "1", "0", "0", "1", "0"},
      {"学校", "荆州市第一中学", "合计", "1", "1", "1", "0", "0", "1", "0"},
      {"学校", "荆州市实验小学", kStudent, "2", "2", "0", "2", "0", "2", "0"},
      {"学校", "荆州市实验小学", "合计", "2", "2", "0", "2", "0", "2", "0"},
      {"学校", "荆州中学", kAdvisor, "1", "1", "1", "0", "", "1", "0"},
      {"学校", "荆州中学", "合计", "1", "1", "1", "0", "0", "1", "0"},
      {"学校", "沙市中学", kAdvisor, "1", "1", "0", "1", "", "1", "0"},
      {"学校", "沙市中学", "合计", "1", "1", "0", "1", "0", "1", "0"},
      {"学校", "O'Brien & Sons 小学", kStudent, "1", "1", "0", "0", "0", "0", "0"},
      {"学校", "O'Brien & Sons 小学", "合计", "1", "1", "0", "0", "0", "0", "0"},
      {"县市区", "'@区", kStudent, "1", "1", "1", "0", "0", "1", "0"},
      {"县市区", "'@区", "合计", "1", "1", "1", "0", "0", "1", "0"},
      {"县市区", "江陵县", kStudent, "1", "0", "0", "0", "0", "0", "0"},
      {"县市区", "江陵县", "合计", "1", "0", "0", "0", "0", "0", "0"},
      {"县市区", "荆州区", kStudent, "1", "1", "1", "0", "0", "1", "0"},
      {"县市区", "荆州区", kAdvisor, "1", "1", "1", "0", "", "1", "0"},
      {"县市区", "荆州区", "合计", "2", "2", "2", "0", "0", "2", "0"},
      {"县市区", "沙市区", kStudent, "2", "2", "0", "2", "0", "2", "0"},
      {"县市区", "沙市区", kAdvisor, "1", "1", "0", "1", "", "1", "0"},
      {"县市区", "沙市区", "合计", "3", "3", "0", "3", "0", "3", "0"},
      {"县市区", "未填县市区", kStudent, "1", "1", "0", "0", "0", "0", "0"},
      {"县市区", "未填县市区", "合计", "1", "1", "0", "0", "0", "0", "0"},
      {"全部", "全部", kStudent, "6", "5", "2", "2", "0", "4", "0"},
      {"全部", "全部", kAdvisor, "2", "2", "1", "1", "", "2", "0"},
      {"全部", "全部", "合计", "8", "7", "3", "3", "0", "6", "0"},
  };
}

/// Column sums of a sheet's 合计 rows (columns 2 on: the counts).
std::vector<long long> total_of_totals(const TableSheet& sheet) {
  std::vector<long long> sums(sheet.columns.size() - 2, 0);
  for (const auto& row : sheet.rows)
    if (row[1].text == "合计")
      for (std::size_t c = 2; c < row.size(); ++c)
        sums[c - 2] += static_cast<long long>(row[c].number);
  return sums;
}

}  // namespace

TEST_CASE("SPEC §16 stats: per school, per district and overall, per kind and 合计, exact rows") {
  const TableBook book =
      stats_book(test::sample_config(), test::sample_entries(), test::sample_results());
  CHECK(test::csv_rows(stats_csv(book)) == expected_rows());
}

TEST_CASE("SPEC §16 stats: the 合计 rows of schools and of districts add up to the roster") {
  const Config config = test::sample_config();
  Results results = test::sample_results();
  results.pools[2].rows[1].recommended = true;  // S001, so that the column is not all zeros
  const TableBook book = stats_book(config, test::sample_entries(), results);
  REQUIRE(book.sheets.size() == 3);
  const std::vector<long long> overall = total_of_totals(book.sheets[2]);
  CHECK(total_of_totals(book.sheets[0]) == overall);
  CHECK(total_of_totals(book.sheets[1]) == overall);
  // The roster itself: its rows, ranked rows, rows per tier, rows holding a tier, recommended.
  long long rows = 0, ranked = 0, first = 0, second = 0, third = 0, awarded = 0, recommended = 0;
  for (const auto& row :
       roster_detail::roster_rows(config, test::sample_entries(), results, false)) {
    ++rows;
    ranked += row.result->rank.has_value();
    first += row.result->tier == "first";
    second += row.result->tier == "second";
    third += row.result->tier == "third";
    awarded += row.result->tier.has_value();
    recommended += row.result->recommended;
  }
  CHECK(overall ==
        std::vector<long long>{rows, ranked, first, second, third, awarded, recommended});
  CHECK(overall == std::vector<long long>{8, 7, 3, 3, 0, 6, 1});
}

TEST_CASE("SPEC §16 stats: one school spelt with full-width or spaced characters counts once") {
  std::vector<Entry> entries = test::sample_entries();
  entries[5].school = "荆州市　实验小学";  // S004, with an ideographic space inside
  const TableBook book = stats_book(test::sample_config(), entries, test::sample_results());
  int rows_of_school = 0;
  for (const auto& row : book.sheets[0].rows)
    if (row[0].text.starts_with("荆州市实验小学")) ++rows_of_school;
  CHECK(rows_of_school == 2);  // the student row and 合计, holding S001 and S004
}

TEST_CASE("SPEC §16 stats: XLSX has the three sheets and HTML escapes every name") {
  const TableBook book =
      stats_book(test::sample_config(), test::sample_entries(), test::sample_results());
  test::TempDir dir;
  const auto path = dir.path() / "stats.xlsx";
  write_table_xlsx(path.string(), book);
  const Rows schools = test::xlsx_rows(path, "按学校");
  REQUIRE(schools.size() == 15);
  CHECK(schools[1] ==
        std::vector<std::string>{"'-学校", kStudent, "1", "1", "1", "0", "0", "1", "0"});
  CHECK(test::xlsx_rows(path, "全部").back() ==
        std::vector<std::string>{"全部", "合计", "8", "7", "3", "3", "0", "6", "0"});

  const std::string html = stats_html(test::sample_config(), book);
  CHECK(html.find("<td>O&#39;Brien &amp; Sons 小学</td>") != std::string::npos);
  CHECK(html.find("<td>-学校</td>") != std::string::npos);  // HTML is escaped, not neutralised
  CHECK(html.find("<h2>按县市区</h2>") != std::string::npos);
  CHECK(html.find("@page") != std::string::npos);
}
