/// SPEC §12 "Scores, ranks and tiers" on a competition small enough to work out by hand: five
/// entries E1–E5 of one kind in one pool, one criterion (0–100, the judge total is the value),
/// method mean, one judge per entry in each round. Prelim totals E1 90, E2 80, E3 80, E4 70,
/// E5 60 (ranks 1, 2, 2, 4, 5). The final weighs prelim 0.3, final 0.7.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "engine/config.hpp"
#include "judging/staged_results.hpp"

using namespace jury;
using Json = nlohmann::ordered_json;
using Strings = std::vector<std::string>;

namespace {

/// The config: advance `advance` into the final, `ties`, `absent`, tiers first and second by the
/// final (count 1 each), third by the prelim (count 2), and `recommend` when given.
Config staged_config(const Json& advance, const std::string& ties = "share",
                     const std::string& absent = "forfeit", const Json& recommend = nullptr) {
  Json config = Json::parse(R"({
    "competition": {"id": "s", "name": "分轮测试赛", "year": 2024},
    "groups": [{"id": "g", "label": "组"}],
    "subjects": [{"id": "S", "label": "科学"}],
    "kinds": [{"id": "k", "label": "学生", "rubric": "r"}],
    "rubrics": {"r": {"step": 1, "criteria": [{"id": "c", "label": "总分", "max": 100}]}},
    "judging": {"judges_per_entry": 1},
    "aggregation": {"method": "mean", "min_scores": 1},
    "awards": {"k": {"pool_by": [], "tiers": [
      {"id": "first", "label": "一等奖", "count": 1},
      {"id": "second", "label": "二等奖", "count": 1},
      {"id": "third", "label": "三等奖", "count": 2, "round": "prelim"}]}},
    "rounds": [{"id": "prelim", "label": "初评"},
               {"id": "final", "label": "终评", "weights": {"prelim": 0.3, "final": 0.7}}]
  })");
  config["rounds"][1]["advance"] = {{"k", advance}};
  config["awards"]["k"]["ties"] = ties;
  config["awards"]["k"]["absent"] = absent;
  if (!recommend.is_null()) config["awards"]["k"]["recommend"] = recommend;
  Diagnostics report;
  auto parsed = parse_config(config.dump(), "staged.json", report);
  INFO(report.to_text());
  REQUIRE(parsed);
  return *parsed;
}

std::vector<Entry> five_entries() {
  std::vector<Entry> entries;
  for (int n = 1; n <= 5; ++n) {
    Entry e;
    e.id = "E" + std::to_string(n);
    e.kind = "k";
    e.group = "g";
    e.subject = "S";
    entries.push_back(e);
  }
  return entries;
}

ScoreRow row(const std::string& entry, double total) {
  return {"J1", entry, {total}, ""};
}

RoundData prelim() {
  return {{}, {}, {row("E1", 90), row("E2", 80), row("E3", 80), row("E4", 70), row("E5", 60)}};
}

const EntryResult& result_of(const Results& results, const std::string& id) {
  for (const PoolResult& pool : results.pools)
    for (const EntryResult& row : pool.rows)
      if (row.entry_id == id) return row;
  FAIL("no result for " << id);
  throw std::logic_error("unreachable");
}

Strings row_order(const Results& results) {
  Strings ids;
  for (const EntryResult& row : results.pools.at(0).rows) ids.push_back(row.entry_id);
  return ids;
}

std::optional<std::string> tier_of(const Results& results, const std::string& id) {
  return result_of(results, id).tier;
}

}  // namespace

TEST_CASE(
    "SPEC §12: before the last round, results show the round's ranking, no tiers, and "
    "flag `advance` on who would go on (ties share: the tie at the quota goes on whole)") {
  const Config config = staged_config({{"count", 2}});
  const Results results = compute_staged_results(config, five_entries(), {prelim()}, 0);
  CHECK(results.staged);
  CHECK(row_order(results) == Strings{"E1", "E2", "E3", "E4", "E5"});
  for (const char* id : {"E1", "E2", "E3"})
    CHECK(result_of(results, id).flags == Strings{"advance"});
  CHECK(result_of(results, "E4").flags.empty());
  CHECK(result_of(results, "E3").rank == 2);
  for (const char* id : {"E1", "E2", "E3", "E4", "E5"}) CHECK_FALSE(tier_of(results, id));
  const PoolResult& pool = results.pools.at(0);
  // R11: quotas are computed already: the final is not open (n_p = 0), the prelim has 5 ranked.
  CHECK(pool.quotas ==
        std::vector<std::pair<std::string, int>>{{"first", 0}, {"second", 0}, {"third", 2}});
  REQUIRE(pool.rounds.size() == 1);
  CHECK(pool.rounds[0] == PoolRound{"prelim", 5, 5, std::nullopt});
  CHECK_FALSE(pool.recommend_quota);
}

TEST_CASE("SPEC §12: advance with ties exclude leaves the tie across the quota out") {
  const Config config = staged_config({{"count", 2}}, "exclude");
  const Advancement next = select_next_round(config, five_entries(), {prelim()});
  REQUIRE(next.pools.size() == 1);
  CHECK(next.pools[0].quota == 2);
  CHECK(next.pools[0].ranked == 5);
  CHECK(next.entrants == Strings{"E1"});  // E2 and E3 share place 2, the group ends at 3
}

TEST_CASE("SPEC §12: advance min_score: fewer than the quota go on when too few reach it") {
  const Config config = staged_config({{"count", 4}, {"min_score", 75}});
  const Advancement next = select_next_round(config, five_entries(), {prelim()});
  CHECK(next.pools[0].quota == 4);
  CHECK(next.entrants == Strings{"E1", "E2", "E3"});  // E4 (70) and E5 (60) are below 75
  CHECK(next.incomplete.empty());
}

TEST_CASE("SPEC §12: advance share is rounded with the kind's rounding over the ranked entries") {
  const Config config = staged_config({{"share", 0.5}});  // floor(0.5 · 5) = 2; E2/E3 share
  CHECK(select_next_round(config, five_entries(), {prelim()}).entrants ==
        Strings{"E1", "E2", "E3"});
}

TEST_CASE("SPEC §12: an incomplete entrant is named by advance and does not go on") {
  RoundData round = prelim();
  round.scores.pop_back();  // E5 has no score
  const Advancement next =
      select_next_round(staged_config({{"count", 2}}), five_entries(), {round});
  CHECK(next.incomplete == Strings{"E5"});
  CHECK(next.entrants == Strings{"E1", "E2", "E3"});
}

TEST_CASE(
    "SPEC §12: the final ranks on Σ w·s, tiers decided by their own round with quotas over "
    "its ranked entries, the recommendation among first and second") {
  const Config config =
      staged_config({{"count", 2}}, "share", "forfeit",
                    {{"label", "推荐省赛"}, {"count", 1}, {"tiers", {"first", "second"}}});
  const RoundData final_round{
      {"E1", "E2", "E3"}, {}, {row("E1", 70), row("E2", 100), row("E3", 80)}};
  const Results results =
      compute_staged_results(config, five_entries(), {prelim(), final_round}, 1);
  // Combined: E1 0.3·90 + 0.7·70 = 76, E2 0.3·80 + 0.7·100 = 94, E3 0.3·80 + 0.7·80 = 80.
  CHECK(result_of(results, "E2").score == 94.0);
  CHECK(result_of(results, "E3").score == 80.0);
  CHECK(result_of(results, "E1").score == 76.0);
  CHECK(result_of(results, "E1").rank == 3);
  // Finalists first (final rank order), then the others by their prelim rank.
  CHECK(row_order(results) == Strings{"E2", "E3", "E1", "E4", "E5"});
  // first and second by the final (n_p = 3, count 1 each); third by the prelim (n_p = 5,
  // count 2) among those without a tier: E1 (prelim rank 1) and E4.
  CHECK(tier_of(results, "E2") == "first");
  CHECK(tier_of(results, "E3") == "second");
  CHECK(tier_of(results, "E1") == "third");
  CHECK(tier_of(results, "E4") == "third");
  CHECK_FALSE(tier_of(results, "E5"));
  CHECK(result_of(results, "E2").recommended);
  CHECK_FALSE(result_of(results, "E3").recommended);
  const PoolResult& pool = results.pools.at(0);
  CHECK(pool.entries == 5);  // §9 meaning: ranked in the first round
  CHECK(pool.quotas ==
        std::vector<std::pair<std::string, int>>{{"first", 1}, {"second", 1}, {"third", 2}});
  CHECK(pool.recommend_quota == 1);
  REQUIRE(pool.rounds.size() == 2);
  CHECK(pool.rounds[1] == PoolRound{"final", 3, 3, 2});
  // E1's rounds: went on from the prelim (flag advance), ranked 3rd in the final.
  const EntryResult& e1 = result_of(results, "E1");
  CHECK(e1.round == "final");
  REQUIRE(e1.rounds.size() == 2);
  CHECK(e1.rounds[0] == RoundResult{"prelim", 1, 90.0, 1, {"advance"}});
  CHECK(e1.rounds[1] == RoundResult{"final", 1, 76.0, 3, {}});
}

TEST_CASE(
    "SPEC §12: an entrant absent from the final forfeits every tier under forfeit, keeps "
    "its prelim tier under keep") {
  const RoundData final_round{{"E1", "E2", "E3"}, {"E1"}, {row("E2", 100), row("E3", 80)}};
  SECTION("forfeit") {
    const Results results = compute_staged_results(staged_config({{"count", 2}}), five_entries(),
                                                   {prelim(), final_round}, 1);
    CHECK(tier_of(results, "E2") == "first");
    CHECK(tier_of(results, "E3") == "second");
    CHECK_FALSE(tier_of(results, "E1"));
    CHECK(tier_of(results, "E4") == "third");
    CHECK(tier_of(results, "E5") == "third");
    // Ranked in their last round first, then E1 (absent there) by entry_id.
    CHECK(row_order(results) == Strings{"E2", "E3", "E4", "E5", "E1"});
    const EntryResult& e1 = result_of(results, "E1");
    CHECK(e1.flags == Strings{"absent"});
    CHECK_FALSE(e1.score);
    CHECK(e1.scores == 0);
    CHECK(results.pools.at(0).rounds[1] == PoolRound{"final", 3, 2, 2});
  }
  SECTION("keep") {
    const Results results = compute_staged_results(staged_config({{"count", 2}}, "share", "keep"),
                                                   five_entries(), {prelim(), final_round}, 1);
    CHECK(tier_of(results, "E1") == "third");
    CHECK(tier_of(results, "E4") == "third");
    CHECK_FALSE(tier_of(results, "E5"));
  }
}

TEST_CASE(
    "SPEC §12: a recommendation tie (same tier, same rank) across the quota is left out "
    "whole and flagged recommend-tie") {
  // Only E1 goes on (count 1) and takes first; E2 and E3 share place 2 of the prelim and both
  // get third (count 2, the tie ends at 2). One place to recommend among the third prizes.
  const Config config = staged_config({{"count", 1}}, "share", "forfeit",
                                      {{"label", "推荐"}, {"count", 1}, {"tiers", {"third"}}});
  const RoundData final_round{{"E1"}, {}, {row("E1", 50)}};
  const Results results =
      compute_staged_results(config, five_entries(), {prelim(), final_round}, 1);
  CHECK(tier_of(results, "E1") == "first");
  CHECK(tier_of(results, "E2") == "third");
  CHECK(tier_of(results, "E3") == "third");
  for (const char* id : {"E2", "E3"}) {
    CHECK_FALSE(result_of(results, id).recommended);
    CHECK(result_of(results, id).flags == Strings{"recommend-tie"});
  }
  CHECK(results.pools.at(0).recommend_quota == 1);
}

TEST_CASE("SPEC §12: results as of an earlier round show who entered the next with `advance`") {
  const Config config = staged_config({{"count", 2}});
  const RoundData final_round{{"E1", "E2", "E3"}, {}, {}};
  const Results as_of_prelim =
      compute_staged_results(config, five_entries(), {prelim(), final_round}, 0);
  CHECK(result_of(as_of_prelim, "E3").flags == Strings{"advance"});
  CHECK(result_of(as_of_prelim, "E3").round == "prelim");
  CHECK_FALSE(tier_of(as_of_prelim, "E1"));
  // As of the final with no final scores yet: the finalists are incomplete there.
  const Results now = compute_staged_results(config, five_entries(), {prelim(), final_round}, 1);
  CHECK(result_of(now, "E1").flags == Strings{"incomplete"});
  CHECK(row_order(now) == Strings{"E4", "E5", "E1", "E2", "E3"});
}
