/// SPEC §12–13 config keys: every default filled in, every error with its JSON path.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "engine/config.hpp"

using namespace jury;
using Json = nlohmann::ordered_json;
using Strings = std::vector<std::string>;

namespace {

/// Two kinds a (rubric ra) and b (rubric rb), a defence rubric d; k = 3; method mean; tiers
/// first and second for each kind.
Json two_kinds() {
  return Json::parse(R"({
    "competition": {"id": "r", "name": "R", "year": 2024},
    "groups": [{"id": "g", "label": "G"}],
    "subjects": [{"id": "s", "label": "S"}],
    "kinds": [{"id": "a", "label": "A", "rubric": "ra"}, {"id": "b", "label": "B", "rubric": "rb"}],
    "rubrics": {"ra": {"criteria": [{"id": "c", "label": "C", "max": 10}]},
                "rb": {"criteria": [{"id": "c", "label": "C", "max": 10}]},
                "d": {"criteria": [{"id": "q", "label": "问辩", "max": 20}]}},
    "judging": {"judges_per_entry": 3},
    "aggregation": {"method": "mean"},
    "awards": {"a": {"tiers": [{"id": "first", "label": "一", "count": 1},
                               {"id": "second", "label": "二", "count": 2}]},
               "b": {"tiers": [{"id": "first", "label": "一", "count": 1},
                               {"id": "second", "label": "二", "count": 2}]}}
  })");
}

/// The two kinds judged in prelim, kind a going on to the final.
Json staged() {
  Json config = two_kinds();
  config["rounds"] = Json::parse(R"([
    {"id": "prelim", "label": "初评"},
    {"id": "final", "label": "终评", "kinds": ["a"], "advance": {"a": {"count": 5}}}
  ])");
  return config;
}

struct Outcome {
  std::optional<Config> config;
  Diagnostics report;
  Strings messages() const {
    Strings out;
    for (const auto& d : report.items()) out.push_back(d.message);
    return out;
  }
  Strings codes() const {
    Strings out;
    for (const auto& d : report.items()) out.push_back(d.code);
    return out;
  }
};

Outcome parse(const Json& json) {
  Outcome outcome;
  outcome.config = parse_config(json.dump(), "competition.json", outcome.report);
  return outcome;
}

/// The effective config parsed again gives the same config.
void check_round_trip(const Config& config) {
  Diagnostics report;
  const auto again = parse_config(config_to_json(config).dump(), "shown.json", report);
  INFO(report.to_text());
  REQUIRE(again);
  CHECK(*again == config);
}

}  // namespace

TEST_CASE("SPEC §12: a config without rounds has one round, main, and shows no round keys") {
  const Outcome outcome = parse(two_kinds());
  REQUIRE(outcome.config);
  const Config& c = *outcome.config;
  CHECK_FALSE(c.has_rounds);
  CHECK_FALSE(c.staged());
  REQUIRE(c.rounds.size() == 1);
  const Round& only = c.rounds[0];
  CHECK(only.id == "main");
  CHECK(only.label == "评审");
  CHECK(only.kinds == Strings{"a", "b"});
  CHECK(only.rubrics == std::map<std::string, std::string>{{"a", "ra"}, {"b", "rb"}});
  CHECK(only.judges_per_entry == std::map<std::string, int>{{"a", 3}, {"b", 3}});
  CHECK(only.method == Method::Mean);
  CHECK(c.awards.at("a").tiers[1].round == "main");
  CHECK(c.awards.at("a").absent == AbsentPolicy::Forfeit);
  const Json shown = config_to_json(c);
  CHECK_FALSE(shown.contains("rounds"));
  CHECK_FALSE(shown["awards"]["a"].contains("absent"));
  CHECK_FALSE(shown["awards"]["a"]["tiers"][0].contains("round"));
  check_round_trip(c);
}

TEST_CASE(
    "SPEC §12: round defaults — kinds of the previous round, judging's k, the kind's "
    "rubric, aggregation's method, weight 1 on itself, tiers by the kind's last round") {
  Json json = staged();
  json["rounds"].push_back(
      {{"id", "award"}, {"label", "颁奖"}, {"advance", {{"a", {{"share", 0.5}}}}}});
  const Outcome outcome = parse(json);
  INFO(outcome.report.to_text());
  REQUIRE(outcome.config);
  const Config& c = *outcome.config;
  CHECK(c.has_rounds);
  CHECK(c.staged());
  REQUIRE(c.rounds.size() == 3);
  CHECK(c.rounds[0].kinds == Strings{"a", "b"});
  CHECK(c.rounds[1].kinds == Strings{"a"});
  CHECK(c.rounds[2].kinds == Strings{"a"});  // R1: the previous round's kinds
  CHECK(c.rounds[2].judges_per_entry == std::map<std::string, int>{{"a", 3}});
  CHECK(c.rounds[2].rubrics == std::map<std::string, std::string>{{"a", "ra"}});
  CHECK(c.rounds[2].method == Method::Mean);
  CHECK(c.rounds[2].weights == std::vector<std::pair<std::string, Decimal>>{{"award", {1, 1}}});
  CHECK(c.rounds[2].advance.at("a").share == Decimal{5, 10});
  CHECK(c.awards.at("a").tiers[0].round == "award");   // the last round judging a
  CHECK(c.awards.at("b").tiers[0].round == "prelim");  // b is judged in the prelim only
  CHECK(c.rounds_of_kind("b") == std::vector<std::size_t>{0});
  check_round_trip(c);
}

TEST_CASE("SPEC §12: per-round k, rubrics, method, weights, absent and recommend are read") {
  Json json = staged();
  json["rounds"][1]["judges_per_entry"] = 5;
  json["rounds"][1]["rubrics"] = {{"a", "d"}};
  json["rounds"][1]["method"] = "median";
  json["rounds"][1]["weights"] = {{"prelim", 0.3}, {"final", 0.7}};
  json["rounds"][1]["interviews"] = Json::parse(
      R"({"slot_minutes": 15, "sessions": [{"start": "2021-11-20 08:30", "slots": 12}]})");
  json["awards"]["a"]["tiers"][1]["round"] = "prelim";
  json["awards"]["a"]["absent"] = "keep";
  json["awards"]["a"]["recommend"] = {{"label", "推荐"}, {"count", 2}, {"tiers", {"first"}}};
  const Outcome outcome = parse(json);
  INFO(outcome.report.to_text());
  REQUIRE(outcome.config);
  const Config& c = *outcome.config;
  CHECK(c.rounds[1].judges_per_entry.at("a") == 5);
  CHECK(c.for_round(1).judges_per_entry("a") == 5);
  CHECK(c.for_round(1).rubric_of("a").id == "d");
  CHECK(c.for_round(1).aggregation.method == Method::Median);
  CHECK(c.for_round(1).kinds.size() == 1);
  CHECK(c.round_weights(1) == std::vector<std::optional<Decimal>>{Decimal{3, 10}, Decimal{7, 10}});
  CHECK(c.rounds[1].interviews->sessions[0].slots == 12);
  CHECK(c.awards.at("a").tiers[1].round == "prelim");
  CHECK(c.tier_round("a", c.awards.at("a").tiers[1]) == 0);
  CHECK(c.awards.at("a").absent == AbsentPolicy::Keep);
  CHECK(c.awards.at("a").recommend->tiers == Strings{"first"});
  check_round_trip(c);
}

TEST_CASE("SPEC §12: the sample's two-round config reads and round-trips") {
  std::ifstream in(std::string(JURY_FIXTURES_DIR) + "/jingzhou-2021/competition-rounds.json");
  std::stringstream text;
  text << in.rdbuf();
  Diagnostics report;
  const auto config = parse_config(text.str(), "competition-rounds.json", report);
  INFO(report.to_text());
  REQUIRE(config);
  CHECK(config->rounds.size() == 2);
  CHECK(config->rounds[1].judges_per_entry.at("student") == 5);
  CHECK(config->awards.at("student").recommend->count == 15);
  check_round_trip(*config);
}

// ---------------------------------------------------------------- refusals, one per rule

TEST_CASE("SPEC §12: weights name only this round or earlier ones, and sum to 1 exactly") {
  SECTION("an unknown round") {
    Json json = staged();
    json["rounds"][1]["weights"] = {{"semi", 0.3}, {"final", 0.7}};
    const Outcome outcome = parse(json);
    CHECK_FALSE(outcome.config);
    CHECK(outcome.messages() ==
          Strings{"$.rounds[1].weights.semi: \"semi\" is not this round or an earlier one; "
                  "weights are over prelim, final"});
    CHECK(outcome.codes() == Strings{"config.unknown-round"});
  }
  SECTION("a later round") {
    Json json = staged();
    json["rounds"][0]["weights"] = {{"prelim", 0.5}, {"final", 0.5}};
    const Outcome outcome = parse(json);
    CHECK(outcome.messages() ==
          Strings{"$.rounds[0].weights.final: \"final\" is not this round or an earlier one; "
                  "weights are over prelim"});
  }
  SECTION("not summing to 1") {
    Json json = staged();
    json["rounds"][1]["weights"] = {{"prelim", 0.3}, {"final", 0.6}};
    const Outcome outcome = parse(json);
    CHECK(outcome.messages() ==
          Strings{"$.rounds[1].weights: the weights sum to 0.9, not 1; give each "
                  "round's share of the combined score so that they add up to exactly 1"});
    CHECK(outcome.codes() == Strings{"config.weights"});
  }
  SECTION("0.1 + 0.2 + 0.7 is 1 (decimals, not doubles)") {
    Json json = staged();
    json["rounds"].push_back({{"id", "award"},
                              {"label", "颁奖"},
                              {"advance", {{"a", {{"count", 1}}}}},
                              {"weights", {{"prelim", 0.1}, {"final", 0.2}, {"award", 0.7}}}});
    CHECK(parse(json).config);
  }
}

TEST_CASE(
    "SPEC §12: tiers[].round must judge the kind, and a better tier is never decided "
    "earlier than a worse one") {
  SECTION("an unknown round") {
    Json json = staged();
    json["awards"]["a"]["tiers"][0]["round"] = "semi";
    const Outcome outcome = parse(json);
    CHECK(outcome.messages() ==
          Strings{"$.awards.a.tiers[0].round: \"semi\" is not a round judging kind \"a\"; its "
                  "rounds are prelim, final"});
    CHECK(outcome.codes() == Strings{"config.unknown-round"});
  }
  SECTION("a round that does not judge the kind") {
    Json json = staged();
    json["awards"]["b"]["tiers"][0]["round"] = "final";
    CHECK(parse(json).messages() ==
          Strings{"$.awards.b.tiers[0].round: \"final\" is not a round judging kind \"b\"; its "
                  "rounds are prelim"});
  }
  SECTION("second by the final, first by the prelim") {
    Json json = staged();
    json["awards"]["a"]["tiers"][0]["round"] = "prelim";
    const Outcome outcome = parse(json);
    CHECK(outcome.messages() ==
          Strings{"$.awards.a.tiers[1].round: tier \"second\" is decided by round \"final\", "
                  "later than the better tier \"first\" (round \"prelim\"); a better tier cannot "
                  "be decided earlier than a worse one"});
    CHECK(outcome.codes() == Strings{"config.tier-round-order"});
  }
}

TEST_CASE("SPEC §12: advance is required for each kind of a later round, and only there") {
  SECTION("missing") {
    Json json = staged();
    json["rounds"][1].erase("advance");
    const Outcome outcome = parse(json);
    CHECK(outcome.messages() ==
          Strings{"$.rounds[1].advance.a: required: how many of each pool's entries ranked in "
                  "the previous round enter round \"final\", as {\"count\": N} or {\"share\": F} "
                  "(and optional \"min_score\")"});
    CHECK(outcome.codes() == Strings{"config.missing"});
  }
  SECTION("in the first round") {
    Json json = staged();
    json["rounds"][0]["advance"] = {{"a", {{"count", 1}}}};
    CHECK(parse(json).codes() == Strings{"config.first-round-advance"});
  }
  SECTION("for a kind the round does not judge") {
    Json json = staged();
    json["rounds"][1]["advance"]["b"] = {{"count", 1}};
    CHECK(parse(json).messages() ==
          Strings{"$.rounds[1].advance.b: kind \"b\" is not judged in round \"final\" (its kinds "
                  "are a)"});
  }
  SECTION("both count and share") {
    Json json = staged();
    json["rounds"][1]["advance"]["a"] = {{"count", 1}, {"share", 0.5}};
    CHECK(parse(json).messages() ==
          Strings{"$.rounds[1].advance.a: advance has both \"count\" and \"share\"; give one"});
  }
}

TEST_CASE(
    "SPEC §12: a round's kinds are a subset of the previous round's, and every kind is "
    "judged") {
  SECTION("a kind the previous round does not judge") {
    Json json = staged();
    json["rounds"].push_back({{"id", "award"},
                              {"label", "颁奖"},
                              {"kinds", {"b"}},
                              {"advance", {{"b", {{"count", 1}}}}}});
    const Outcome outcome = parse(json);
    CHECK(outcome.messages()[0] ==
          "$.rounds[2].kinds[0]: kind \"b\" is not judged in the previous round (a); a round "
          "judges a subset of the previous round's kinds");
  }
  SECTION("a kind judged in no round") {
    Json json = staged();
    json["rounds"][0]["kinds"] = {"a"};
    CHECK(parse(json).messages() ==
          Strings{"$.rounds[0].kinds: kind \"b\" is judged in no round; the first round must "
                  "judge every kind"});
  }
  SECTION("duplicate round ids and labels") {
    Json json = staged();
    json["rounds"][1]["id"] = "prelim";
    json["rounds"][1]["label"] = "初评";
    CHECK(parse(json).codes() == Strings{"config.duplicate-id", "config.duplicate-label"});
  }
}

TEST_CASE("SPEC §12: round rubrics, k and method are checked") {
  Json json = staged();
  json["rounds"][1]["rubrics"] = {{"a", "nope"}};
  json["rounds"][1]["judges_per_entry"] = {{"b", 5}};
  json["rounds"][1]["method"] = "average";
  const Outcome outcome = parse(json);
  CHECK(outcome.messages() ==
        Strings{"$.rounds[1].judges_per_entry.b: kind \"b\" is not judged in round \"final\" (its "
                "kinds are a)",
                "$.rounds[1].rubrics.a: unknown rubric \"nope\"; rubrics are d, ra, rb",
                "$.rounds[1].method: unknown method \"average\"; expected one of mean, "
                "trimmed-mean, median, zscore, severity"});
}

TEST_CASE("SPEC §13: interviews need slot minutes and sessions in time order") {
  Json json = staged();
  json["rounds"][1]["interviews"] = Json::parse(R"({"slot_minutes": 30, "sessions": [
      {"start": "2021-11-20 08:30", "slots": 4}, {"start": "2021-11-20 10:00", "slots": 2},
      {"start": "2021-11-31 14:00", "slots": 2}]})");
  const Outcome outcome = parse(json);
  CHECK(outcome.messages() ==
        Strings{"$.rounds[1].interviews.sessions[1].start: session starts at 2021-11-20 10:00, "
                "before the previous session ends (2021-11-20 10:30)",
                "$.rounds[1].interviews.sessions[2].start: \"2021-11-31 14:00\" is not a local "
                "time; expected YYYY-MM-DD HH:MM"});
  json["rounds"][1]["interviews"]["slot_minutes"] = 0;
  CHECK(parse(json).messages()[0] ==
        "$.rounds[1].interviews.slot_minutes: must be at least 1, "
        "found 0");
}

TEST_CASE("SPEC §12: recommend names tiers of the kind, with count or share") {
  Json json = staged();
  json["awards"]["a"]["recommend"] = {
      {"label", "推荐"}, {"share", 0.5}, {"tiers", {"first", "gold"}}};
  CHECK(parse(json).messages() ==
        Strings{"$.awards.a.recommend.tiers[1]: unknown tier \"gold\"; the tiers of kind \"a\" "
                "are first, second"});
  json["awards"]["a"]["recommend"] = {{"label", "推荐"}, {"tiers", {"first"}}};
  CHECK(parse(json).messages() ==
        Strings{"$.awards.a.recommend: recommendation has neither \"count\" nor \"share\"; give "
                "one"});
}
