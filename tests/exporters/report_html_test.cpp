// SPEC §9 report and §14 `jury report --html FILE`: the committee's page on a hand-made report of
// the exporter sample (tests/exporters/sample.hpp). Every number below is set or worked out by
// hand: the boundaries are means of two neighbouring scores with different outcomes.

#include <catch2/catch.hpp>

#include "exporters/report_html.hpp"
#include "sample.hpp"

using namespace jury;

namespace {

PoolReliability pool(std::string kind, std::optional<std::string> group, int entries,
                     std::vector<double> scores, std::optional<double> icc,
                     std::vector<ComponentSize> sizes) {
  PoolReliability p;
  p.kind = std::move(kind);
  p.group = std::move(group);
  p.entries = entries;
  p.ranked_scores = scores;
  p.scores = distribution_of(scores);
  p.icc = icc;
  p.components = static_cast<int>(sizes.size());
  p.component_sizes = std::move(sizes);
  return p;
}

std::vector<TierCount> counts(int student_first, int advisor_second, int advisor_none) {
  return {{"student", "first", student_first},
          {"student", "second", 2},
          {"student", "third", 0},
          {"student", std::nullopt, 1},
          {"advisor", "first", 1},
          {"advisor", "second", advisor_second},
          {"advisor", std::nullopt, advisor_none}};
}

ReliabilityReport sample_report() {
  ReliabilityReport report;
  report.method = Method::TrimmedMean;
  report.pools = {
      pool("student", "primary", 4, {88.17, 80.5, 80.5, 59.5}, 0.4567, {{3, 4}, {1, 2}}),
      pool("student", "junior", 1, {91}, std::nullopt, {{1, 3}}),
      pool("advisor", std::nullopt, 2, {75.25, 60}, 0.25, {{2, 3}})};
  report.judges = {{"J01", "student", 8, 75.5, -2.25, 1.5},
                   {"J02", "student", 6, 80.125, 1.75, 1.25},
                   {"J03", "advisor", 4, 70, 0, 0.8}};
  report.tiers = counts(2, 1, 0);
  report.methods = {
      {Method::Mean,
       {{"S003", "student", "first", "second"}, {"S001", "student", "second", "first"}},
       counts(2, 1, 0)},
      {Method::Median, {}, counts(2, 1, 0)},
      {Method::ZScore, {{"A002", "advisor", "second", std::nullopt}}, counts(2, 0, 1)},
      {Method::Severity, {}, counts(2, 1, 0)}};
  // close = 1: S003 (|88.17 − 84.335| = 3.835 < 5), S001 and S004 (3.835 < 4) and S002
  // (|59.5 − 70| = 10.5 < 11) are close; A001 and A002 (|75.25 − 67.625| = 7.625 > 2) are not.
  report.standard_errors = {{"S003", 5},   {"S001", 4}, {"S004", 4}, {"S002", 11},
                            {"S010", 1.5}, {"A001", 2}, {"A002", 2}};
  return report;
}

Results sample_close_results() {
  Results results = test::sample_results();
  for (PoolResult& p : results.pools)
    for (EntryResult& row : p.rows)
      if (row.entry_id == "S003" || row.entry_id == "S001" || row.entry_id == "S004" ||
          row.entry_id == "S002")
        row.flags.push_back("close");
  return results;
}

std::string render() {
  const Config config = test::sample_config();
  const std::vector<Entry> entries = test::sample_entries();
  const ReliabilityReport report = sample_report();
  const Results results = sample_close_results();
  return report_html(CommitteeReport{config, entries, report, results, 0});
}

bool contains(const std::string& page, const std::string& part) {
  return page.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("report html: a self-contained internal page in Chinese, the same bytes every time",
          "[report_html]") {
  const std::string page = render();
  CHECK(page == render());
  CHECK(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
  CHECK(contains(page, "<h1>第36届荆州市青少年科技创新大赛（2021年）评审质量报告</h1>"));
  CHECK(contains(page, "内部资料 · 仅供评审委员会使用 · 含评委编号，不得公开"));
  CHECK(contains(page,
                 "计分方法：去掉最高分和最低分后平均（trimmed-mean）；参与排名作品 7 件；"
                 "评分评委 3 人；临界系数 1。"));
  for (const char* heading : {"一、成绩分布", "二、评委宽严度", "三、评委–作品关系图的连通部分",
                              "四、临界判定", "五、各计分方法下的奖项"})
    CHECK(contains(page, std::string("<h2>") + heading + "</h2>"));
  // No scripts, no links, nothing fetched: the only URL is the SVG namespace.
  CHECK_FALSE(contains(page, "<script"));
  CHECK_FALSE(contains(page, "src="));
  CHECK_FALSE(contains(page, "href"));
  CHECK_FALSE(contains(page, "url("));
}

TEST_CASE("report html: score distribution per pool with a histogram of the rounded scores",
          "[report_html]") {
  const std::string page = render();
  CHECK(contains(page, "<h3>学生科技创新成果 / 小学</h3>"));
  // Type 7 quartiles of 59.5, 80.5, 80.5, 88.17: 75.25 and 80.5 + 0.25 · 7.67 = 82.4175.
  CHECK(contains(page,
                 "<p>参与排名 4 件；成绩 59.50 / 75.25 / 80.50 / 82.42 / 88.17；ICC(1) 0.457</p>"));
  CHECK(contains(
      page, "<p>参与排名 1 件；成绩 91.00 / 91.00 / 91.00 / 91.00 / 91.00；ICC(1) 无法计算</p>"));
  // Range 28.67: width 5 (6 bins from 55); 59.5 in [55, 60), 80.5 twice in [80, 85).
  CHECK(contains(page, "组距 5 分"));
  CHECK(contains(page, "text-anchor=\"middle\">55</text>"));
  CHECK(contains(page, "text-anchor=\"middle\">90</text>"));
  // Three histograms, one per pool.
  std::size_t charts = 0;
  for (std::size_t at = page.find("组距"); at != std::string::npos; at = page.find("组距", at + 1))
    ++charts;
  CHECK(charts == 3);
}

TEST_CASE("report html: judge severities ± SE as a chart and a table, with a note on the method",
          "[report_html]") {
  const std::string page = render();
  CHECK(contains(page, "本轮计分方法为去掉最高分和最低分后平均（trimmed-mean），排名不使用宽严度"));
  CHECK(contains(page,
                 "<tr><td>J01</td><td class=\"num\">8</td><td class=\"num\">75.50</td>"
                 "<td class=\"num\">-2.25</td><td class=\"num\">1.50</td></tr>"));
  CHECK(contains(page, "<td class=\"num\">+1.75</td><td class=\"num\">1.25</td>"));
  // Student judges: m = 2.25 + 1.5 = 3.75 on a plot from 60 to 472: J01's dot at
  // 60 + (−2.25 + 3.75) · 412 / 7.5 = 142.4, its bar from 60 to 224.8.
  CHECK(contains(page, "<circle cx=\"142.4\" cy=\"20.0\" r=\"2.5\"/>"));
  CHECK(contains(page, "<line x1=\"60.0\" y1=\"20.0\" x2=\"224.8\" y2=\"20.0\""));
  CHECK(contains(page, "<text x=\"56.0\" y=\"23.0\" text-anchor=\"end\">J01</text>"));
}

TEST_CASE("report html: components per pool, a warning for a pool in several parts",
          "[report_html]") {
  const std::string page = render();
  CHECK(contains(page,
                 "<tr><td>学生科技创新成果 / 小学</td><td class=\"num\">2</td>"
                 "<td>3 件 / 4 人；1 件 / 2 人</td></tr>"));
  CHECK(contains(page,
                 "<tr><td>科技辅导员科技教育创新成果</td><td class=\"num\">1</td>"
                 "<td>2 件 / 3 人</td></tr>"));
  CHECK(contains(page, "警告：学生科技创新成果 / 小学 的评委–作品关系图分为 2 个互不相连的部分"));
  CHECK_FALSE(contains(page, "警告：学生科技创新成果 / 初中"));
  CHECK(contains(page, ">第2部分</text>"));
}

TEST_CASE("report html: the close entries of each pool with score, boundary, SE and outcome",
          "[report_html]") {
  const std::string page = render();
  CHECK(contains(page, "<h3>学生科技创新成果 / 小学：临界作品 4 件</h3>"));
  CHECK(contains(page, "<h3>学生科技创新成果 / 初中：临界作品 0 件</h3>"));
  CHECK(contains(page, "<h3>科技辅导员科技教育创新成果：临界作品 0 件</h3>"));
  // Boundaries (88.17 + 80.5) / 2 = 84.335 and (80.5 + 59.5) / 2 = 70; ratios 3.835 / 5,
  // 3.835 / 4, 10.5 / 11.
  CHECK(contains(page,
                 "<tr><td>S003</td><td>=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)</td>"
                 "<td class=\"num\">88.17</td><td class=\"num\">84.335</td>"
                 "<td class=\"num\">5.00</td><td class=\"num\">0.77</td><td>一等奖</td></tr>"));
  CHECK(contains(page,
                 "<tr><td>S001</td><td>水质检测仪</td><td class=\"num\">80.50</td>"
                 "<td class=\"num\">84.335</td><td class=\"num\">4.00</td>"
                 "<td class=\"num\">0.96</td><td>二等奖</td></tr>"));
  CHECK(contains(page,
                 "<tr><td>S002</td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"
                 "<td class=\"num\">59.50</td><td class=\"num\">70.00</td>"
                 "<td class=\"num\">11.00</td><td class=\"num\">0.95</td><td>无奖项</td></tr>"));
  CHECK_FALSE(contains(page, "<tr><td>A001</td>"));
}

TEST_CASE("report html: tier counts under every method and the entries whose tier changes",
          "[report_html]") {
  const std::string page = render();
  CHECK(contains(page,
                 "<thead><tr><th>计分方法</th><th>一等奖</th><th>二等奖</th><th>三等奖</th>"
                 "<th>未获奖</th><th>奖项不同</th></tr></thead>"));
  CHECK(contains(page,
                 "<tr><td>算术平均（mean）</td><td class=\"num\">2</td><td class=\"num\">2</td>"
                 "<td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">2</td></tr>"));
  CHECK(contains(
      page,
      "<tr><td>去掉最高分和最低分后平均（trimmed-mean）（当前）</td><td class=\"num\">2</td>"
      "<td class=\"num\">2</td><td class=\"num\">0</td><td class=\"num\">1</td>"
      "<td class=\"num\">—</td></tr>"));
  CHECK(contains(page,
                 "<tr><td>标准分平均（zscore）</td><td class=\"num\">1</td><td class=\"num\">0</td>"
                 "<td class=\"num\">1</td><td class=\"num\">1</td></tr>"));
  CHECK(contains(
      page, "按算术平均（mean），奖项改变的作品 2 件：S003 一等奖→二等奖；S001 二等奖→一等奖"));
  CHECK(contains(page, "按标准分平均（zscore），奖项改变的作品 1 件：A002 二等奖→未获奖"));
}
