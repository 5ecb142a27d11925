/// SPEC §16 `jury export comments`: per entry, its judges' comments without any judge's identity
/// (评委 1, 2, … in a per-entry order that does not follow judge ids).

#include <catch2/catch.hpp>

#include "exporters/comments.hpp"
#include "office_tables.hpp"
#include "sample.hpp"

using namespace jury;
using jury::test::Rows;

namespace {

ScoreRow comment(std::string judge, std::string entry, std::string text) {
  return {std::move(judge), std::move(entry), {10.0, 10.0, 10.0, 10.0}, std::move(text)};
}

std::vector<Entry> entries_with_withdrawn_s002() {
  std::vector<Entry> entries = test::sample_entries();
  entries[3].status = EntryStatus::Withdrawn;  // S002: its comment is not sent
  return entries;
}

/// One round: S001 (J01, J02 comment, J03 leaves it blank), S003 (J01, J02, J04), A001 (J05, J06),
/// S002 withdrawn. Rows in the store's order (entry_id, judge_id).
std::vector<RoundScores> one_round() {
  return {{"main",
           {comment("J05", "A001", "课程设计完整\n可推广"),
            comment("J06", "A001", "建议增加评价环节"), comment("J01", "S001", "选题贴近生活"),
            comment("J02", "S001", "数据记录不完整，建议补充对照组"), comment("J03", "S001", "  "),
            comment("J07", "S002", "已退赛"), comment("J01", "S003", "=1+1 公式"),
            comment("J02", "S003", "  有创意  "), comment("J04", "S003", "好")}}};
}

}  // namespace

TEST_CASE("SPEC §16 comments: judge order key is FNV-1a + fmix64 of entry id, LF, judge id") {
  // Values computed independently (Python) for the ids of the cases below.
  CHECK(judge_order_key("S001", "J01") == 0xbd752a16662f2481ULL);
  CHECK(judge_order_key("S001", "J02") == 0x02160e773d5ebb55ULL);
  CHECK(judge_order_key("S003", "J04") == 0x40a2750a25262344ULL);
  CHECK(judge_order_key("A001", "J06") == 0x2c64f839784636deULL);
}

TEST_CASE("SPEC §16 comments: per entry, judges numbered by the key, not by id — exact rows") {
  // S001: J02 < J01 by key, so J02 is 评委 1; S003: J01 < J04 < J02; A001: J06 < J05.
  const std::string student = "学生科技创新成果", advisor = "科技辅导员科技教育创新成果";
  const std::string hyperlink = "'=HYPERLINK(\"http://x\",\"y\")";
  const Rows expected{
      {"作品编号", "作品名称", "类别", "组别", "学校", "评委", "评语"},
      {"S001", "水质检测仪", student, "小学", "荆州市实验小学", "评委 1",
       "数据记录不完整，建议补充对照组"},
      {"S001", "水质检测仪", student, "小学", "荆州市实验小学", "评委 2", "选题贴近生活"},
      {"S003", hyperlink, student, "小学", "'-学校", "评委 1", "'=1+1 公式"},
      {"S003", hyperlink, student, "小学", "'-学校", "评委 2", "好"},
      {"S003", hyperlink, student, "小学", "'-学校", "评委 3", "有创意"},
      {"A001", "校园气象站课程", advisor, "", "荆州中学", "评委 1", "建议增加评价环节"},
      {"A001", "校园气象站课程", advisor, "", "荆州中学", "评委 2", "课程设计完整\n可推广"},
  };
  const Config config = test::sample_config();
  const std::vector<Entry> entries = entries_with_withdrawn_s002();
  const auto comments = entry_comments(config, entries, one_round());
  CHECK(test::csv_rows(comments_csv(config, comments)) == expected);
}

TEST_CASE("SPEC §16 comments: no judge id appears in the CSV or the HTML") {
  const Config config = test::sample_config();
  const std::vector<Entry> entries = entries_with_withdrawn_s002();
  const auto comments = entry_comments(config, entries, one_round());
  for (const std::string& text : {comments_csv(config, comments), comments_html(config, comments)})
    for (const char* judge : {"J01", "J02", "J03", "J04", "J05", "J06", "J07"}) {
      INFO(judge);
      CHECK(text.find(judge) == std::string::npos);
    }
}

TEST_CASE("SPEC §16 comments HTML: per entry, escaped, line breaks kept") {
  const Config config = test::sample_config();
  const std::vector<Entry> entries = entries_with_withdrawn_s002();
  const std::string html = comments_html(config, entry_comments(config, entries, one_round()));
  CHECK(
      html.find("<h3><span class=\"id\">S003</span> =HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)"
                "</h3>") != std::string::npos);
  CHECK(html.find("<dt>评委 1</dt><dd>建议增加评价环节</dd>") != std::string::npos);
  CHECK(html.find("<dd>课程设计完整\n可推广</dd>") != std::string::npos);
  CHECK(html.find("white-space: pre-wrap") != std::string::npos);
  CHECK(html.find("已退赛") == std::string::npos);  // withdrawn S002
  CHECK(html.find("<script") == std::string::npos);
}

TEST_CASE("SPEC §12/§16 comments: with rounds, a judge keeps its number through later rounds") {
  Config config = test::sample_config();
  config.rounds = {Round{}, Round{}};
  config.rounds[0].id = "prelim";
  config.rounds[0].label = "初评";
  config.rounds[1].id = "final";
  config.rounds[1].label = "终评";
  const std::vector<RoundScores> scores{
      {"prelim", {comment("J01", "S001", "初评甲"), comment("J02", "S001", "初评乙")}},
      {"final", {comment("J01", "S001", "终评甲"), comment("J07", "S001", "终评丙")}}};
  const std::vector<Entry> entries = test::sample_entries();
  const auto comments = entry_comments(config, entries, scores);
  const std::string student = "学生科技创新成果";
  // Numbered by first round, then key: J02 (1), J01 (2) in 初评, then J07 (3).
  const Rows expected{
      {"作品编号", "作品名称", "类别", "组别", "学校", "评审阶段", "评委", "评语"},
      {"S001", "水质检测仪", student, "小学", "荆州市实验小学", "初评", "评委 1", "初评乙"},
      {"S001", "水质检测仪", student, "小学", "荆州市实验小学", "初评", "评委 2", "初评甲"},
      {"S001", "水质检测仪", student, "小学", "荆州市实验小学", "终评", "评委 2", "终评甲"},
      {"S001", "水质检测仪", student, "小学", "荆州市实验小学", "终评", "评委 3", "终评丙"},
  };
  CHECK(test::csv_rows(comments_csv(config, comments)) == expected);
}
