#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "exporters/roster.hpp"
#include "sample.hpp"
#include "temp_dir.hpp"

using namespace jury;
using jury::test::sample_config;
using jury::test::sample_entries;
using jury::test::sample_results;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("html_escape: & < > \" ' become character references") {
  CHECK(html_escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  CHECK(html_escape("一等奖") == "一等奖");
  CHECK(html_escape("&amp;") == "&amp;amp;");
}

TEST_CASE("roster HTML: a self-contained page, all text HTML-escaped") {
  for (const Audience audience : {Audience::Committee, Audience::Public}) {
    INFO("public " << (audience == Audience::Public));
    const std::string html =
        roster_html(sample_config(), sample_entries(), sample_results(), audience);
    CHECK(html.starts_with("<!DOCTYPE html>\n"));
    CHECK(contains(html, "<meta charset=\"utf-8\">"));
    CHECK(contains(html, "<title>第36届荆州市青少年科技创新大赛（2021年）获奖名单公示</title>"));
    CHECK(contains(html, "@page { size: A4;"));
    CHECK_FALSE(contains(html, "<script"));  // the hostile title must not become a script
    CHECK_FALSE(contains(html, "<link"));
    CHECK_FALSE(contains(html, "src="));
    CHECK_FALSE(contains(html, "href="));
    CHECK_FALSE(contains(html, "url("));
    CHECK_FALSE(contains(html, "@import"));
    CHECK(contains(html, "<td>=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)</td>"));
    CHECK(contains(html, "<td>He said &quot;hi&quot;, then\nleft</td>"));
    CHECK(contains(html, "<h2>学生科技创新成果</h2>"));
    CHECK(contains(html, "<h2>科技辅导员科技教育创新成果</h2>"));
    CHECK(contains(html, "<h3>小学</h3>"));
    CHECK(contains(html, "<h3>初中</h3>"));
    CHECK(html.find("<h3>小学</h3>") < html.find("<h3>初中</h3>"));   // group order
    CHECK(html.find("<h3>初中</h3>") < html.find("<h2>科技辅导员"));  // kind order
  }
}

TEST_CASE("roster HTML: tiers in order, shared places marked 并列 on every member") {
  const std::string html =
      roster_html(sample_config(), sample_entries(), sample_results(), Audience::Public);
  const auto first = html.find("<h4>一等奖 <span class=\"count\">（1 项）</span></h4>");
  const auto second = html.find("<h4>二等奖 <span class=\"count\">（2 项）</span></h4>");
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  CHECK(first < second);
  CHECK(count(html, "<td class=\"rank\"><span class=\"tie\">并列</span> 2</td>") == 2);
  CHECK(contains(html, "<td class=\"rank\">1</td><td class=\"id\">S003</td>"));
  CHECK(html.find("S003") < html.find("S001"));
  CHECK(html.find("S001") < html.find("S004"));
}

TEST_CASE("roster HTML --public: only prize-winners per tier, no scores or flags, a notice") {
  const std::string html =
      roster_html(sample_config(), sample_entries(), sample_results(), Audience::Public);
  for (const char* winner : {"S003", "S001", "S004", "S010", "A001", "A002"})
    CHECK(contains(html, std::string("<td class=\"id\">") + winner + "</td>"));
  CHECK_FALSE(contains(html, "S002"));  // ranked, no prize
  CHECK_FALSE(contains(html, "S005"));  // incomplete
  CHECK_FALSE(contains(html, "&lt;script&gt;"));
  CHECK_FALSE(contains(html, "未获奖"));
  CHECK_FALSE(contains(html, "<th>得分</th>"));
  CHECK_FALSE(contains(html, "88.17"));
  CHECK_FALSE(contains(html, "评委分歧"));
  CHECK(contains(html, "公示期"));
  CHECK(contains(html,
                 "<th>名次</th><th>作品编号</th><th>作品名称</th><th>学校</th><th>学生</th>"
                 "<th>指导教师</th><th>奖项</th></tr>"));
  CHECK(contains(html, "<td class=\"names\"><span>张三、</span><span>李四</span></td>"));
}

TEST_CASE("roster HTML non-public: scores, flags and a muted 未获奖 part after the winners") {
  const std::string html =
      roster_html(sample_config(), sample_entries(), sample_results(), Audience::Committee);
  CHECK(contains(html, "<th>得分</th><th>标记</th>"));
  CHECK(contains(html, "<td class=\"num\">88.17</td>"));
  CHECK(contains(html, "<td class=\"num\">80.50</td>"));
  const auto unawarded =
      html.find("<div class=\"unawarded\">\n<h4>未获奖 <span class=\"count\">（2 项）</span></h4>");
  REQUIRE(unawarded != std::string::npos);
  CHECK(html.find("<h4>二等奖") < unawarded);
  CHECK(contains(
      html, "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>O&#39;Brien &amp; Sons 小学</td>"));
  CHECK(contains(html, "<td class=\"rank\">—</td><td class=\"id\">S005</td>"));
  CHECK(contains(html, "<td class=\"flags\"><span>评分未完成</span></td>"));
  CHECK(contains(html, "<td class=\"flags\"><span>评委分歧较大</span></td>"));
  CHECK(html.find("S002") < html.find("S005"));
  CHECK_FALSE(contains(html, "公示期"));
}

TEST_CASE("roster HTML: a pool without winners says so on the public page") {
  Results results = sample_results();
  for (EntryResult& row : results.pools[1].rows) row.tier.reset();  // junior: nobody awarded
  const std::string html =
      roster_html(sample_config(), sample_entries(), results, Audience::Public);
  CHECK(contains(html, "<h3>初中</h3>\n<p class=\"muted\">本组无获奖作品。</p>"));
}

TEST_CASE("roster HTML renders in headless Chromium (A4 screenshot)") {
  const std::filesystem::path chromium = "/usr/bin/chromium";
  if (!std::filesystem::exists(chromium)) {
    WARN("skipped: " << chromium << " is missing");
    return;
  }
  test::TempDir dir;
  for (const Audience audience : {Audience::Public, Audience::Committee}) {
    const std::string stem = audience == Audience::Public ? "public" : "internal";
    const auto html_path = dir.path() / (stem + ".html");
    const auto png_path = dir.path() / (stem + ".png");
    std::ofstream(html_path, std::ios::binary)
        << roster_html(sample_config(), sample_entries(), sample_results(), audience);
    const auto profile = dir.path() / (stem + "-profile");
    const std::string command =
        chromium.string() +
        " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
        " --disable-background-networking --disable-component-update --disable-sync"
        " --user-data-dir=" +
        profile.string() + " --screenshot=" + png_path.string() +
        " --window-size=1240,1754 file://" + html_path.string() + " >/dev/null 2>&1";
    const int status = std::system(command.c_str());
    INFO(command);
    CHECK(status == 0);
    REQUIRE(std::filesystem::exists(png_path));
    CHECK(std::filesystem::file_size(png_path) > 20000);  // a blank A4 PNG is a few KB
    // Keep a copy for a human to look at when asked (JURY_KEEP_SCREENSHOTS=DIR).
    if (const char* keep = std::getenv("JURY_KEEP_SCREENSHOTS"))
      std::filesystem::copy_file(png_path, std::filesystem::path(keep) / (stem + ".png"),
                                 std::filesystem::copy_options::overwrite_existing);
  }
}

TEST_CASE("roster HTML: a tier the config does not know is an error, not a dropped row") {
  Results results = sample_results();
  results.pools[2].rows[0].tier = "gold";
  CHECK_THROWS_AS(roster_html(sample_config(), sample_entries(), results, Audience::Public),
                  std::out_of_range);
  CHECK_THROWS_AS(roster_csv(sample_config(), sample_entries(), results, Audience::Public),
                  std::out_of_range);
}

TEST_CASE("SPEC §16 公示: publication fills the period, contact, phone, address and date") {
  Config config = sample_config();
  config.publication = {7, "张老师", "0716-8123456", "荆州市科协 <302> 室", "2021-05-28"};
  const std::string html =
      roster_html(config, sample_entries(), sample_results(), Audience::Public);
  // 7 days from 28 May: 28, 29, 30, 31 May, 1, 2, 3 June.
  CHECK(contains(html, "<p>公示期为 7 天（自 2021年5月28日 至 2021年6月3日）。对公示结果如有异议"));
  CHECK(contains(html,
                 "<p>联系人：张老师　联系电话：0716-8123456</p>\n"
                 "<p>地址：荆州市科协 &lt;302&gt; 室</p>\n"));
  CHECK(contains(html,
                 "<p class=\"signature\">第36届荆州市青少年科技创新大赛组委会<br>"
                 "2021年5月28日</p>"));
  CHECK_FALSE(contains(html, "＿"));
}

TEST_CASE("SPEC §16 公示: what publication leaves unset is a visible blank to fill by hand") {
  const std::string blank = "<span class=\"blank\">＿＿＿＿</span>";
  Config config = sample_config();
  const std::string none =
      roster_html(config, sample_entries(), sample_results(), Audience::Public);
  CHECK(contains(none, "<p>公示期为 " + blank + " 天（自 " + blank + " 至 " + blank + "）。"));
  CHECK(contains(
      none, "<p>联系人：" + blank + "　联系电话：" + blank + "</p>\n<p>地址：" + blank + "</p>\n"));
  CHECK(contains(none, "组委会<br>" + blank +
                           "年<span class=\"blank\">＿＿</span>月<span class=\"blank\">＿＿</span>"
                           "日</p>"));

  config.publication.issued = "2021-12-30";  // a date without a period: no last day
  config.publication.phone = "0716-8123456";
  const std::string some =
      roster_html(config, sample_entries(), sample_results(), Audience::Public);
  CHECK(contains(some, "<p>公示期为 " + blank + " 天（自 2021年12月30日 至 " + blank + "）。"));
  CHECK(contains(some, "<p>联系人：" + blank + "　联系电话：0716-8123456</p>"));
  CHECK(contains(some, "组委会<br>2021年12月30日</p>"));

  config.publication = {};
  config.publication.notice_days = 5;  // a period without a date: the days only
  const std::string days =
      roster_html(config, sample_entries(), sample_results(), Audience::Public);
  CHECK(contains(days, "<p>公示期为 5 天（自 " + blank + " 至 " + blank + "）。"));
  // The internal roster has no notice at all.
  CHECK_FALSE(contains(roster_html(config, sample_entries(), sample_results(), Audience::Committee),
                       "公示期"));
}

TEST_CASE("Print: the advisor (科技辅导员) tables show an 作者 column, not an empty 学生 column") {
  for (const Audience audience : {Audience::Public, Audience::Committee}) {
    INFO("public " << (audience == Audience::Public));
    const std::string html =
        roster_html(sample_config(), sample_entries(), sample_results(), audience);
    const std::string advisor = html.substr(html.find("<h2>科技辅导员科技教育创新成果</h2>"));
    const std::string student = html.substr(0, html.find("<h2>科技辅导员科技教育创新成果</h2>"));
    CHECK(contains(advisor, "<th>学校</th><th>作者</th><th>奖项</th>"));
    CHECK_FALSE(contains(advisor, "<th>学生</th>"));
    CHECK_FALSE(contains(advisor, "<th>指导教师</th>"));
    CHECK(contains(advisor,
                   "<td>沙市中学</td><td class=\"names\"><span>陈老师、</span>"
                   "<span>古丽米热·艾比布力</span></td><td class=\"tier\">二等奖</td>"));
    CHECK(contains(student, "<th>学校</th><th>学生</th><th>指导教师</th><th>奖项</th>"));
    CHECK(contains(html, "<td class=\"id\">S001</td>"));
    CHECK(contains(html, "td.id, td.num, td.rank { white-space: nowrap;"));
  }
}

TEST_CASE(
    "Print: A4 with margins, page numbers in the bottom margin box, headings kept with text") {
  const std::string html =
      roster_html(sample_config(), sample_entries(), sample_results(), Audience::Public);
  CHECK(contains(html,
                 "@page { size: A4; margin: 15mm 14mm 18mm; @bottom-center { content: \"第 \" "
                 "counter(page) \" 页 / 共 \" counter(pages) \" 页\";"));
  CHECK(contains(html, "h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid;"));
}

TEST_CASE(
    "SPEC §16 print: a printed roster breaks a names cell between names, never inside one, with "
    "the 、 ending its line; the tier label stays on one line") {
  for (const Audience audience : {Audience::Public, Audience::Committee}) {
    INFO("public " << (audience == Audience::Public));
    const std::string html =
        roster_html(sample_config(), sample_entries(), sample_results(), audience);
    CHECK(contains(html, "td.names span, td.tier, td.flags span { white-space: nowrap; }"));
    CHECK(contains(html, "<span>陈老师、</span><span>古丽米热·艾比布力</span></td>"));
    CHECK_FALSE(contains(html, "</span>、"));
  }
}

TEST_CASE(
    "Print: the 公示 title never breaks inside its tail (（2021年）获奖名单公示), so 名单 stays "
    "whole under a long competition name, and its lines are balanced") {
  for (const Audience audience : {Audience::Public, Audience::Committee}) {
    INFO("public " << (audience == Audience::Public));
    Config config = sample_config();
    config.competition_name = "第36届荆州市青少年科技创新大赛暨科普展";
    config.year = 2021;
    const std::string html = roster_html(config, sample_entries(), sample_results(), audience);
    CHECK(contains(html,
                   "<title>第36届荆州市青少年科技创新大赛暨科普展（2021年）获奖名单公示"
                   "</title>"));
    CHECK(contains(html,
                   "<h1>第36届荆州市青少年科技创新大赛暨科普展<span class=\"title-tail\">"
                   "（2021年）获奖名单公示</span></h1>"));
    CHECK(contains(html, "h1 .title-tail { white-space: nowrap; }"));
    CHECK(contains(html, "text-wrap: balance;"));
  }
}

TEST_CASE(
    "Print: the internal roster's tables use the smaller type, in which 指导教师 and a "
    "six-character flag fit their columns, and a shared place puts 并列 above the rank") {
  const std::string internal =
      roster_html(sample_config(), sample_entries(), sample_results(), Audience::Committee);
  CHECK(contains(internal, "<table class=\"internal\">"));
  CHECK(contains(internal, "table.internal { font-size: 9pt; }"));
  CHECK(contains(internal, "td.rank .tie { display: block;"));
  const std::string notice =
      roster_html(sample_config(), sample_entries(), sample_results(), Audience::Public);
  CHECK_FALSE(contains(notice, "<table class=\"internal\">"));
}
