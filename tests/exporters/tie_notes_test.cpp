/// SPEC §9: where a tie-break criterion decided between two entries of equal score, or a shared
/// tie moved places from one tier to the next, the HTML notes it under the table in plain words.

#include <catch2/catch.hpp>

#include "exporters/roster.hpp"
#include "exporters/tie_notes.hpp"
#include "sample.hpp"

using namespace jury;
using jury::roster_detail::tie_notes;

namespace {

/// The sample's student kind with tiers 一等奖 1, 二等奖 1, 三等奖 2 and tiebreak 创新性, 科学性.
Config tie_config() {
  Config config = test::sample_config();
  config.tiebreak = {"innovation", "rigor"};
  AwardPolicy& student = config.awards["student"];
  student.pool_by = {};
  student.tiers = {{"first", "一等奖", 1, {}, {}},
                   {"second", "二等奖", 1, {}, {}},
                   {"third", "三等奖", 2, {}, {}}};
  return config;
}

/// A ranked row with its tiebreak means (3 complete scores).
EntryResult row(std::string id, double score, int rank, std::optional<std::string> tier,
                std::vector<double> tiebreak) {
  EntryResult r = test::result(std::move(id), 3, score, rank, std::move(tier));
  r.tiebreak_values = std::move(tiebreak);
  return r;
}

/// Worked by hand with SPEC §7–8 (ties `share`): E2 and E3 are equal on the score and on every
/// tiebreak mean, so they share rank 2 and both get 二等奖 (1 place): the overflow of 1 is
/// deducted from 三等奖 (2 → 1), which goes to E4. E4 and E5 have equal scores and equal 创新性
/// means; 科学性 (27 > 24) puts E4 ahead, so E5 is the first without a prize.
PoolResult tie_pool() {
  PoolResult pool;
  pool.kind = "student";
  pool.entries = 6;
  pool.quotas = {{"first", 1}, {"second", 1}, {"third", 2}};
  pool.rows = {row("E1", 90, 1, "first", {36, 25}),  row("E2", 85, 2, "second", {32, 25}),
               row("E3", 85, 2, "second", {32, 25}), row("E4", 80, 4, "third", {32, 27}),
               row("E5", 80, 5, {}, {32, 24}),       row("E6", 70, 6, {}, {30, 20})};
  return pool;
}

const std::string kSharedTie =
    "二等奖名额 1 项，第 2 名 E2、E3 并列，并列者同获二等奖，共评出 2 项；多出的 1 项从三等奖名额"
    "中扣除（三等奖名额由 2 项减为 1 项）。";

}  // namespace

TEST_CASE(
    "SPEC §9: the notes say where a tie-break criterion decided between equal scores and where "
    "a shared tie moved places to the next tier, in rank order") {
  const auto notes = tie_notes(tie_config(), tie_pool(), false);
  REQUIRE(notes.size() == 2);
  CHECK(notes[0] == kSharedTie);
  CHECK(notes[1] ==
        "E4 与 E5 得分相同（80.00），“创新性”平均分也相同，按评分项“科学性”的平均分（27.00 高于 "
        "24.00）排定先后：E4 列第 4 名，E5 列第 5 名。");
}

TEST_CASE(
    "SPEC §9 --public: the notes name only entries that hold a tier and show no score; an entry "
    "without a prize is counted, never named") {
  const auto notes = tie_notes(tie_config(), tie_pool(), true);
  REQUIRE(notes.size() == 2);
  CHECK(notes[0] == kSharedTie);
  CHECK(notes[1] ==
        "E4 与 1 件未获奖作品 得分相同，“创新性”平均分也相同，按评分项“科学性”的平均分排定先后："
        "E4 列第 4 名。");
  for (const auto& note : notes) {
    CHECK(note.find("E5") == std::string::npos);
    CHECK(note.find("80.00") == std::string::npos);
  }
}

TEST_CASE("SPEC §9 --public: a tie-break between two entries without a prize is not noted") {
  PoolResult pool = tie_pool();
  pool.rows[5] = row("E6", 80, 6, {}, {31, 20});  // E5 and E6 now tie on the score; 创新性 decides
  CHECK(tie_notes(tie_config(), pool, true).size() == 2);  // as before: nothing about E5/E6
  const auto all = tie_notes(tie_config(), pool, false);
  REQUIRE(all.size() == 3);
  CHECK(all[2] ==
        "E5 与 E6 得分相同（80.00），按评分项“创新性”的平均分（32.00 高于 31.00）排定先后：E5 "
        "列第 5 名，E6 列第 6 名。");
}

TEST_CASE("SPEC §9: a shared tie over the last tier's places says nothing moves further") {
  PoolResult pool = tie_pool();
  // E5 equal to E4 on every tiebreak too: both share rank 4 and 三等奖 (1 place left).
  pool.rows[4] = row("E5", 80, 4, "third", {32, 27});
  const auto notes = tie_notes(tie_config(), pool, false);
  REQUIRE(notes.size() == 2);
  CHECK(notes[0] == kSharedTie);
  CHECK(notes[1] ==
        "三等奖名额 1 项，第 4 名 E4、E5 并列，并列者同获三等奖，共评出 2 项；多出的 1 项不再从其他"
        "奖项中扣除（三等奖已是最后一个奖项）。");
}

TEST_CASE("SPEC §9: no tie at a boundary and no tiebreak decision gives no notes") {
  PoolResult pool;
  pool.kind = "student";
  pool.entries = 4;
  pool.quotas = {{"first", 1}, {"second", 1}, {"third", 2}};
  pool.rows = {row("E1", 90, 1, "first", {36, 25}), row("E2", 85, 2, "second", {32, 25}),
               row("E3", 84, 3, "third", {32, 25}), row("E4", 84, 3, "third", {32, 25})};
  // E3 and E4 share rank 3 inside 三等奖's 2 places: no place moves, nothing to explain.
  CHECK(tie_notes(tie_config(), pool, false).empty());
}

TEST_CASE("SPEC §9: the HTML prints the notes, escaped, under the pool's tables") {
  Config config = tie_config();
  std::vector<Entry> entries;
  for (const char* id : {"E1", "E2", "E3", "E4", "E5", "E6"})
    entries.push_back(
        test::entry(id, "student", "primary", "PS", "题目", "学校", "", {"学生"}, {}));
  Results results;
  results.method = Method::Mean;
  results.pools = {tie_pool()};
  const std::string html = roster_html(config, entries, results, Audience::Public);
  const auto notes = html.find("<div class=\"notes\">\n<p>说明：</p>\n<ol>\n<li>" + kSharedTie);
  REQUIRE(notes != std::string::npos);
  CHECK(notes > html.find("<h4>三等奖"));  // under the tables of the pool
  CHECK(html.find("E4 与 1 件未获奖作品 得分相同") != std::string::npos);
}
