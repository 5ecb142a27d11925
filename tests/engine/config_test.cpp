#include <fmt/format.h>
#include <fmt/ranges.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <sstream>

#include "engine/config.hpp"

using namespace jury;
using Json = nlohmann::ordered_json;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string jingzhou_text() {
  return read_text(std::string(JURY_FIXTURES_DIR) + "/jingzhou-2021/competition.json");
}

/// The smallest valid config: one of everything, all optional keys left out.
const char* const kMinimal = R"({
  "competition": {"id": "t-2024", "name": "Test", "year": 2024},
  "groups": [{"id": "g", "label": "G"}],
  "subjects": [{"id": "s", "label": "S"}],
  "kinds": [{"id": "k", "label": "K"}],
  "rubrics": {"k": {"criteria": [{"id": "c", "label": "C", "max": 10}]}},
  "awards": {"k": {"tiers": [{"id": "first", "label": "First", "count": 1}]}}
})";

struct Outcome {
  std::optional<Config> config;
  Diagnostics report;
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const auto& d : report.items()) out.push_back(d.message);
    return out;
  }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : report.items()) out.push_back(d.code);
    return out;
  }
};

Outcome parse(std::string_view text) {
  Outcome outcome;
  outcome.config = parse_config(text, "competition.json", outcome.report);
  return outcome;
}

/// The minimal config changed by `edit`, parsed.
Outcome parse_edited(const std::function<void(Json&)>& edit) {
  Json json = Json::parse(kMinimal);
  edit(json);
  return parse(json.dump());
}

/// Every field of a Config as text, independent of config_to_json, to compare configs exactly.
std::string fingerprint(const Config& c) {
  std::string out = fmt::format("{}|{}|{}\n", c.competition_id, c.competition_name, c.year);
  for (const auto& g : c.groups) out += fmt::format("group {} {}\n", g.id, g.label);
  for (const auto& s : c.subjects) out += fmt::format("subject {} {}\n", s.id, s.label);
  for (const auto& k : c.kinds)
    out += fmt::format("kind {} {} {} {} {}\n", k.id, k.label, k.rubric, k.max_students,
                       k.max_advisors);
  for (const auto& [id, r] : c.rubrics) {
    out += fmt::format("rubric {} {} {}\n", id, r.id, r.step);
    for (const auto& cr : r.criteria)
      out += fmt::format("  {} {} {} {}\n", cr.id, cr.label, cr.max, cr.weight);
  }
  const auto& j = c.judging;
  out += fmt::format("judging {} {} {} {} {} {}\n", j.default_judges_per_entry,
                     j.max_load ? *j.max_load : -1, j.mismatch_cost, j.balance_cost,
                     j.conflicts.size(), j.connect);
  for (auto rule : j.conflicts) out += to_string(rule) + "\n";
  for (const auto& [kind, k] : j.judges_per_entry) out += fmt::format("k {} {}\n", kind, k);
  const auto& a = c.aggregation;
  out += fmt::format("aggregation {} {} {} {} {} {} {}\n", to_string(a.method), a.trim,
                     a.min_scores, a.precision, a.severity_shrinkage, a.disagreement, a.close);
  out += fmt::format("tiebreak {}\n", fmt::join(c.tiebreak, ","));
  for (const auto& [kind, p] : c.awards) {
    out += fmt::format("awards {} [{}] {} {} {}\n", kind, fmt::join(p.pool_by, ","),
                       to_string(p.rounding), to_string(p.ties), p.cascade);
    for (const auto& t : p.tiers)
      out += fmt::format("  {} {} count={} share={}/{} min={}\n", t.id, t.label,
                         t.count ? *t.count : -1, t.share ? t.share->numerator : -1,
                         t.share ? t.share->denominator : -1, t.min_score ? *t.min_score : -1.0);
  }
  return out;
}

void check_round_trip(const Config& config) {
  Diagnostics report;
  const auto again = parse_config(config_to_json(config).dump(), "shown.json", report);
  INFO(report.to_text());
  REQUIRE(again);
  CHECK(fingerprint(*again) == fingerprint(config));
  CHECK(config_to_json(*again) == config_to_json(config));
}

std::vector<std::string> keys_of(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  return keys;
}

using Strings = std::vector<std::string>;

}  // namespace

// ---------------------------------------------------------------- the sample

TEST_CASE("SPEC §2: the Jingzhou sample config parses with exactly its values") {
  const auto outcome = parse(jingzhou_text());
  INFO(outcome.report.to_text());
  REQUIRE(outcome.config);
  CHECK(outcome.report.items().empty());
  const Config& c = *outcome.config;

  CHECK(c.competition_id == "jz-2021");
  CHECK(c.competition_name == "第36届荆州市青少年科技创新大赛");
  CHECK(c.year == 2021);
  REQUIRE(c.groups.size() == 3);
  CHECK(c.groups[0].id == "primary");
  CHECK(c.groups[1].label == "初中");
  CHECK(c.groups[2].id == "senior");
  REQUIRE(c.subjects.size() == 7);
  CHECK(c.subjects[0].id == "PS");
  CHECK(c.subjects[2].label == "地球环境与宇宙科学");
  CHECK(c.subjects[6].id == "CS");

  REQUIRE(c.kinds.size() == 2);
  CHECK(c.kinds[0].id == "student");
  CHECK(c.kinds[0].label == "学生科技创新成果");
  CHECK(c.kinds[0].rubric == "student");
  CHECK(c.kinds[0].max_students == 3);
  CHECK(c.kinds[0].max_advisors == 3);
  CHECK(c.kinds[1].id == "advisor");
  CHECK(c.kinds[1].max_students == 0);
  CHECK(c.kinds[1].max_advisors == 2);

  REQUIRE(c.rubrics.size() == 2);
  const Rubric& student = c.rubrics.at("student");
  CHECK(student.id == "student");
  CHECK(student.step == 0.5);
  REQUIRE(student.criteria.size() == 4);
  CHECK(student.criteria[0].id == "innovation");
  CHECK(student.criteria[0].label == "创新性");
  CHECK(student.criteria[0].max == 40);
  CHECK(student.criteria[0].weight == 40);  // weight = max
  CHECK(student.criteria[3].id == "presentation");
  CHECK(student.criteria[3].max == 10);
  const Rubric& advisor = c.rubric_of("advisor");
  CHECK(advisor.step == 1);
  REQUIRE(advisor.criteria.size() == 4);
  CHECK(advisor.criteria[3].id == "reach");
  CHECK(advisor.criteria[3].max == 15);
  CHECK(advisor.criteria[3].weight == 15);

  CHECK(c.judging.default_judges_per_entry == 5);
  CHECK(c.judging.judges_per_entry == std::map<std::string, int>{{"advisor", 5}, {"student", 5}});
  CHECK(c.judges_per_entry("advisor") == 5);
  CHECK(c.judging.max_load == 40);
  CHECK(c.judging.conflicts == std::vector<ConflictRule>{ConflictRule::School,
                                                         ConflictRule::Advisor,
                                                         ConflictRule::Declared});
  CHECK(c.judging.mismatch_cost == 10);
  CHECK(c.judging.balance_cost == 1);

  CHECK(c.aggregation.method == Method::TrimmedMean);
  CHECK(c.aggregation.trim == 1);
  CHECK(c.aggregation.min_scores == 3);
  CHECK(c.aggregation.precision == 2);
  CHECK(c.aggregation.severity_shrinkage == 3);
  CHECK(c.aggregation.disagreement == 25);
  CHECK(c.aggregation.close == 1.0);
  CHECK(c.tiebreak == Strings{"innovation", "rigor"});

  REQUIRE(c.awards.size() == 2);
  const AwardPolicy& students = c.awards.at("student");
  CHECK(students.pool_by == Strings{"group"});
  CHECK(students.rounding == Rounding::Floor);
  CHECK(students.ties == TiePolicy::Share);
  CHECK_FALSE(students.cascade);
  REQUIRE(students.tiers.size() == 3);
  CHECK(students.tiers[0].id == "first");
  CHECK(students.tiers[0].label == "一等奖");
  CHECK(students.tiers[0].count == 12);
  CHECK_FALSE(students.tiers[0].share);
  CHECK_FALSE(students.tiers[0].min_score);
  CHECK(students.tiers[1].count == 28);
  CHECK(students.tiers[2].count == 102);
  CHECK(students.tiers[2].min_score == 60.0);
  const AwardPolicy& advisors = c.awards.at("advisor");
  CHECK(advisors.pool_by.empty());
  REQUIRE(advisors.tiers.size() == 3);
  CHECK(advisors.tiers[0].count == 4);
  CHECK(advisors.tiers[1].count == 8);
  CHECK(advisors.tiers[2].count == 12);
}

TEST_CASE("jury config show: the Jingzhou config round-trips through config_to_json") {
  const auto outcome = parse(jingzhou_text());
  REQUIRE(outcome.config);
  check_round_trip(*outcome.config);

  const Json shown = config_to_json(*outcome.config);
  CHECK(keys_of(shown) == Strings{"competition", "groups", "subjects", "kinds", "rubrics",
                                  "judging", "aggregation", "ranking", "awards", "publication"});
  CHECK(keys_of(shown["rubrics"]) == Strings{"student", "advisor"});  // in the order kinds use them
  CHECK(keys_of(shown["awards"]) == Strings{"student", "advisor"});   // kind order
  CHECK(shown["judging"]["judges_per_entry"] == 5);
  CHECK(shown["awards"]["student"]["tiers"][2] ==
        Json::parse(R"({"id":"third","label":"三等奖","count":102,"min_score":60})"));
  CHECK(shown["rubrics"]["student"]["criteria"][0] ==
        Json::parse(R"({"id":"innovation","label":"创新性","max":40,"weight":40})"));
}

// ---------------------------------------------------------------- defaults

TEST_CASE("SPEC §2 defaults are filled in for a minimal config") {
  const auto outcome = parse(kMinimal);
  INFO(outcome.report.to_text());
  REQUIRE(outcome.config);
  const Config& c = *outcome.config;
  CHECK(c.kinds[0].rubric == "k");  // rubric defaults to the kind id
  CHECK(c.kinds[0].max_students == 3);
  CHECK(c.kinds[0].max_advisors == 2);
  CHECK(c.rubrics.at("k").step == 0.5);
  CHECK(c.rubrics.at("k").criteria[0].weight == 10);  // weight = max
  CHECK(c.judging.default_judges_per_entry == 3);
  CHECK(c.judging.judges_per_entry == std::map<std::string, int>{{"k", 3}});
  CHECK_FALSE(c.judging.max_load);
  CHECK(c.judging.conflicts == std::vector<ConflictRule>{ConflictRule::School,
                                                         ConflictRule::Advisor,
                                                         ConflictRule::Declared});
  CHECK(c.aggregation.method == Method::Severity);
  CHECK(c.tiebreak.empty());
  CHECK(c.awards.at("k").pool_by == Strings{"group"});
  check_round_trip(c);

  // The effective config as `jury config show` prints it: every default written out.
  CHECK(config_to_json(c) == Json::parse(R"({
    "competition": {"id": "t-2024", "name": "Test", "year": 2024},
    "groups": [{"id": "g", "label": "G"}],
    "subjects": [{"id": "s", "label": "S"}],
    "kinds": [{"id": "k", "label": "K", "rubric": "k", "max_students": 3, "max_advisors": 2}],
    "rubrics": {"k": {"step": 0.5, "criteria": [{"id": "c", "label": "C", "max": 10, "weight": 10}]}},
    "judging": {"judges_per_entry": 3, "max_load": null,
                "conflicts": ["school", "advisor", "declared"],
                "mismatch_cost": 10, "balance_cost": 1, "connect": true},
    "aggregation": {"method": "severity", "trim": 1, "min_scores": 3, "precision": 2,
                    "severity_shrinkage": 3, "disagreement": 25, "close": 1},
    "ranking": {"tiebreak": []},
    "awards": {"k": {"pool_by": ["group"], "rounding": "floor", "ties": "share", "cascade": false,
                     "tiers": [{"id": "first", "label": "First", "count": 1}]}},
    "publication": {"notice_days": null, "contact": null, "phone": null, "address": null,
                    "issued": null}
  })"));
}

TEST_CASE("SPEC §14: judging.connect is a boolean, default true, and round-trips") {
  const auto off = parse_edited([](Json& j) { j["judging"]["connect"] = false; });
  REQUIRE(off.config);
  CHECK_FALSE(off.config->judging.connect);
  check_round_trip(*off.config);
  CHECK(config_to_json(*off.config)["judging"]["connect"] == false);
  const auto bad = parse_edited([](Json& j) { j["judging"]["connect"] = "yes"; });
  CHECK_FALSE(bad.config);
  CHECK(bad.messages() ==
        Strings{"$.judging.connect: expected true or false, found string \"yes\""});
}

TEST_CASE("SPEC §2: judges_per_entry as an object per kind id — kinds not named get 3") {
  const auto outcome = parse_edited([](Json& j) {
    j["kinds"].push_back({{"id", "k2"}, {"label", "K2"}, {"rubric", "k"}});
    j["awards"]["k2"] = j["awards"]["k"];
    j["judging"]["judges_per_entry"] = {{"k2", 5}};
  });
  INFO(outcome.report.to_text());
  REQUIRE(outcome.config);
  CHECK(outcome.config->judging.judges_per_entry ==
        std::map<std::string, int>{{"k", 3}, {"k2", 5}});
  check_round_trip(*outcome.config);
  CHECK(config_to_json(*outcome.config)["judging"]["judges_per_entry"] ==
        Json::parse(R"({"k": 3, "k2": 5})"));
}

TEST_CASE("SPEC §2: every listed value of the settings is accepted and round-trips") {
  for (const char* method : {"mean", "trimmed-mean", "median", "zscore", "severity"}) {
    const auto outcome = parse_edited([&](Json& j) { j["aggregation"]["method"] = method; });
    REQUIRE(outcome.config);
    CHECK(to_string(outcome.config->aggregation.method) == method);
  }
  for (const char* rounding : {"floor", "round", "ceil"}) {
    const auto outcome = parse_edited([&](Json& j) { j["awards"]["k"]["rounding"] = rounding; });
    REQUIRE(outcome.config);
    CHECK(to_string(outcome.config->awards.at("k").rounding) == rounding);
  }
  for (const char* ties : {"share", "exclude"}) {
    const auto outcome = parse_edited([&](Json& j) { j["awards"]["k"]["ties"] = ties; });
    REQUIRE(outcome.config);
    CHECK(to_string(outcome.config->awards.at("k").ties) == ties);
  }
  const auto all = parse_edited([](Json& j) {
    j["judging"] = Json::parse(R"({"judges_per_entry": 4, "max_load": 12,
        "conflicts": ["declared", "district", "school", "advisor"], "mismatch_cost": 0,
        "balance_cost": 7})");
    j["aggregation"] = Json::parse(R"({"method": "zscore", "trim": 0, "min_scores": 1,
        "precision": 6, "severity_shrinkage": 0.25, "disagreement": 12.5, "close": 1.5})");
    j["ranking"]["tiebreak"] = {"c"};
    j["awards"]["k"] = Json::parse(R"({"pool_by": ["group", "subject"], "rounding": "ceil",
        "ties": "exclude", "cascade": true, "tiers": [
          {"id": "a", "label": "A", "share": 0.1, "min_score": 7.5},
          {"id": "b", "label": "B", "count": 0}]})");
  });
  INFO(all.report.to_text());
  REQUIRE(all.config);
  const Config& c = *all.config;
  CHECK(c.judging.conflicts ==
        std::vector<ConflictRule>{ConflictRule::Declared, ConflictRule::District,
                                  ConflictRule::School, ConflictRule::Advisor});
  CHECK(c.judging.max_load == 12);
  CHECK(c.judging.judges_per_entry.at("k") == 4);
  CHECK(c.aggregation.severity_shrinkage == 0.25);
  CHECK(c.aggregation.disagreement == 12.5);
  CHECK(c.aggregation.close == 1.5);
  CHECK(c.awards.at("k").pool_by == Strings{"group", "subject"});
  CHECK(c.awards.at("k").cascade);
  CHECK(c.awards.at("k").tiers[0].min_score == 7.5);
  check_round_trip(c);
}

TEST_CASE("SPEC §2: pool_by also accepts [\"subject\"] alone") {
  const auto outcome = parse_edited([](Json& j) { j["awards"]["k"]["pool_by"] = {"subject"}; });
  REQUIRE(outcome.config);
  CHECK(outcome.config->awards.at("k").pool_by == Strings{"subject"});
}

TEST_CASE("SPEC §8: share is kept as an exact decimal fraction: 0.57 is 57/100") {
  const auto outcome = parse_edited([](Json& j) {
    j["awards"]["k"]["tiers"] = Json::parse(R"([
      {"id": "a", "label": "A", "share": 0.57},
      {"id": "b", "label": "B", "share": 0.1},
      {"id": "c", "label": "C", "share": 1},
      {"id": "d", "label": "D", "share": 0},
      {"id": "e", "label": "E", "share": 0.125},
      {"id": "f", "label": "F", "share": 5e-1}])");
  });
  INFO(outcome.report.to_text());
  REQUIRE(outcome.config);
  const auto& tiers = outcome.config->awards.at("k").tiers;
  auto share = [&](std::size_t i) {
    REQUIRE(tiers[i].share);
    return std::pair{tiers[i].share->numerator, tiers[i].share->denominator};
  };
  CHECK(share(0) == std::pair<std::int64_t, std::int64_t>{57, 100});
  CHECK(share(1) == std::pair<std::int64_t, std::int64_t>{1, 10});
  CHECK(share(2) == std::pair<std::int64_t, std::int64_t>{1, 1});
  CHECK(share(3) == std::pair<std::int64_t, std::int64_t>{0, 1});
  CHECK(share(4) == std::pair<std::int64_t, std::int64_t>{125, 1000});
  CHECK(share(5) == std::pair<std::int64_t, std::int64_t>{5, 10});
  CHECK_FALSE(tiers[0].count);
  check_round_trip(*outcome.config);
  CHECK(config_to_json(*outcome.config)["awards"]["k"]["tiers"][0]["share"].dump() == "0.57");
}

TEST_CASE("SPEC §2: a criterion max that is a decimal multiple of the step is accepted exactly") {
  // 0.3 / 0.1 is 2.9999999999999996 in binary floating point; as decimals it is 3.
  const auto outcome = parse_edited([](Json& j) {
    j["rubrics"]["k"]["step"] = 0.1;
    j["rubrics"]["k"]["criteria"][0]["max"] = 0.3;
  });
  INFO(outcome.report.to_text());
  CHECK(outcome.config);
}

TEST_CASE("SPEC §2: max_load null means the formula — a UTF-8 BOM is accepted") {
  const auto outcome = parse("\xEF\xBB\xBF" + Json::parse(kMinimal).dump());
  REQUIRE(outcome.config);
  const auto with_null = parse_edited([](Json& j) { j["judging"]["max_load"] = nullptr; });
  REQUIRE(with_null.config);
  CHECK_FALSE(with_null.config->judging.max_load);
}

// ---------------------------------------------------------------- refusals, one per rule

TEST_CASE("SPEC §2: unknown keys are an error (typos must not pass silently) — top level") {
  const auto outcome = parse_edited([](Json& j) { j["judgng"] = Json::object(); });
  CHECK_FALSE(outcome.config);
  CHECK(
      outcome.messages() ==
      Strings{
          "$.judgng: unknown key \"judgng\"; allowed keys are competition, groups, "
          "subjects, kinds, rubrics, judging, aggregation, ranking, awards, rounds, publication"});
  CHECK(outcome.codes() == Strings{"config.unknown-key"});
  CHECK(outcome.report.items()[0].file == "competition.json");
  CHECK(outcome.report.items()[0].line == 0);
}

TEST_CASE("SPEC §2: unknown keys are an error (typos must not pass silently) — nested") {
  const auto outcome = parse_edited([](Json& j) { j["awards"]["k"]["tiers"][0]["min_scor"] = 60; });
  CHECK_FALSE(outcome.config);
  CHECK(outcome.messages() ==
        Strings{"$.awards.k.tiers[0].min_scor: unknown key \"min_scor\"; allowed keys are id, "
                "label, count, share, min_score, round"});
}

TEST_CASE("SPEC §2: a key given twice in one object is an error") {
  const auto outcome = parse(R"({"competition": {"id": "a", "name": "A", "year": 1, "year": 2}})");
  CHECK_FALSE(outcome.config);
  CHECK(outcome.messages().at(0) ==
        "$.competition.year: key \"year\" appears twice in the same object");
  CHECK(outcome.codes().at(0) == "config.duplicate-key");
}

TEST_CASE("SPEC §2: a missing required key is an error naming its path") {
  const auto outcome = parse_edited([](Json& j) {
    j["competition"].erase("year");
    j.erase("groups");
    j["awards"]["k"].erase("tiers");
    j["rubrics"]["k"]["criteria"][0].erase("label");
  });
  CHECK_FALSE(outcome.config);
  CHECK(outcome.messages() == Strings{"$.competition.year: required key is missing",
                                      "$.groups: required key is missing",
                                      "$.rubrics.k.criteria[0].label: required key is missing",
                                      "$.awards.k.tiers: required key is missing"});
  CHECK(outcome.codes() == Strings(4, "config.missing"));
}

TEST_CASE("SPEC §2: at least one kind, group, subject, criterion and tier") {
  const auto outcome = parse_edited([](Json& j) {
    j["kinds"] = Json::array();
    j["subjects"] = Json::array();
    j["rubrics"]["k"]["criteria"] = Json::array();
    j["awards"]["k"]["tiers"] = Json::array();
  });
  CHECK_FALSE(outcome.config);
  CHECK(outcome.messages() == Strings{"$.subjects: needs at least one subject",
                                      "$.rubrics.k.criteria: needs at least one criterion",
                                      "$.kinds: needs at least one kind",
                                      "$.awards.k.tiers: needs at least one tier"});
}

TEST_CASE("SPEC §2: ids are ASCII [A-Za-z0-9_-]+") {
  const auto outcome = parse_edited([](Json& j) {
    j["competition"]["id"] = "jz 2021";
    j["groups"][0]["id"] = "小学";
    j["rubrics"]["k"]["criteria"][0]["id"] = "";
    j["awards"]["k"]["tiers"][0]["id"] = "first!";
  });
  CHECK_FALSE(outcome.config);
  const char* rule = "ids are ASCII letters, digits, \"_\" and \"-\"";
  CHECK(outcome.messages() ==
        Strings{fmt::format("$.competition.id: invalid id \"jz 2021\"; {}", rule),
                fmt::format("$.groups[0].id: invalid id \"小学\"; {}", rule),
                fmt::format("$.rubrics.k.criteria[0].id: invalid id \"\"; {}", rule),
                fmt::format("$.awards.k.tiers[0].id: invalid id \"first!\"; {}", rule)});
  CHECK(outcome.codes() == Strings(4, "config.bad-id"));
}

TEST_CASE("SPEC §2: a rubric key must be an id too — its path is written in brackets") {
  const auto outcome = parse_edited([](Json& j) { j["rubrics"]["学生"] = j["rubrics"]["k"]; });
  CHECK(outcome.messages() ==
        Strings{"$.rubrics[\"学生\"]: invalid rubric id \"学生\"; ids are ASCII letters, digits, "
                "\"_\" and \"-\""});
}

TEST_CASE("SPEC §2: duplicate ids are an error naming both positions") {
  const auto outcome = parse_edited([](Json& j) {
    j["groups"].push_back({{"id", "h"}, {"label", "H"}});
    j["groups"].push_back({{"id", "g"}, {"label", "G2"}});
    j["subjects"].push_back({{"id", "s"}, {"label", "S2"}});
    j["rubrics"]["k"]["criteria"].push_back({{"id", "c"}, {"label", "C2"}, {"max", 5}});
    j["kinds"].push_back({{"id", "k"}, {"label", "K2"}});
    j["awards"]["k"]["tiers"].push_back({{"id", "first"}, {"label", "Second"}, {"count", 2}});
  });
  CHECK_FALSE(outcome.config);
  CHECK(
      outcome.messages() ==
      Strings{"$.groups[2].id: duplicate id \"g\" (first at $.groups[0].id)",
              "$.subjects[1].id: duplicate id \"s\" (first at $.subjects[0].id)",
              "$.rubrics.k.criteria[1].id: duplicate id \"c\" (first at "
              "$.rubrics.k.criteria[0].id)",
              "$.kinds[1].id: duplicate id \"k\" (first at $.kinds[0].id)",
              "$.awards.k.tiers[1].id: duplicate id \"first\" (first at $.awards.k.tiers[0].id)"});
  CHECK(outcome.codes() == Strings(5, "config.duplicate-id"));
}

TEST_CASE("Labels of groups, subjects and kinds must differ (entries name them by id or label)") {
  const auto outcome = parse_edited([](Json& j) {
    j["groups"].push_back({{"id", "h"}, {"label", " g "}});
  });
  CHECK_FALSE(outcome.config);
  CHECK(outcome.messages() ==
        Strings{"$.groups[1].label: duplicate label \" g \" (first at $.groups[0].label); "
                "entries name items by id or label, so labels must differ"});
}

TEST_CASE("SPEC §6: a criterion max must be a multiple of the rubric step") {
  const auto outcome =
      parse_edited([](Json& j) { j["rubrics"]["k"]["criteria"][0]["max"] = 10.25; });
  CHECK_FALSE(outcome.config);
  CHECK(outcome.messages() ==
        Strings{"$.rubrics.k.criteria[0].max: 10.25 is not a multiple of the rubric step 0.5"});
  CHECK(outcome.codes() == Strings{"config.step"});
}

TEST_CASE("SPEC §2: step > 0, max > 0, weight >= 0") {
  const auto outcome = parse_edited([](Json& j) {
    j["rubrics"]["k"]["step"] = 0;
    j["rubrics"]["k"]["criteria"].push_back(
        {{"id", "d"}, {"label", "D"}, {"max", 0}, {"weight", -1}});
  });
  CHECK(outcome.messages() ==
        Strings{"$.rubrics.k.step: must be greater than 0, found 0",
                "$.rubrics.k.criteria[1].max: must be greater than 0, found 0",
                "$.rubrics.k.criteria[1].weight: must be at least 0, found -1"});
  CHECK(outcome.codes() == Strings(3, "config.range"));
}

TEST_CASE("Criterion ids may not be score sheet column names") {
  const auto outcome =
      parse_edited([](Json& j) { j["rubrics"]["k"]["criteria"][0]["id"] = "Comment"; });
  CHECK(outcome.messages() == Strings{"$.rubrics.k.criteria[0].id: \"Comment\" is a score sheet "
                                      "column name; choose another criterion id"});
}

TEST_CASE("SPEC §2: a kind's rubric must exist (it defaults to the kind id)") {
  const auto outcome = parse_edited([](Json& j) {
    j["kinds"].push_back({{"id", "k2"}, {"label", "K2"}});
    j["kinds"].push_back({{"id", "k3"}, {"label", "K3"}, {"rubric", "nope"}});
    j["awards"]["k2"] = j["awards"]["k"];
    j["awards"]["k3"] = j["awards"]["k"];
  });
  CHECK(outcome.messages() ==
        Strings{"$.kinds[1]: unknown rubric \"k2\" (a kind's rubric defaults to its id); rubrics "
                "are k",
                "$.kinds[2].rubric: unknown rubric \"nope\"; rubrics are k"});
  CHECK(outcome.codes() == Strings(2, "config.unknown-rubric"));
}

TEST_CASE("SPEC §8: a tier gives exactly one of count and share") {
  const auto both = parse_edited([](Json& j) { j["awards"]["k"]["tiers"][0]["share"] = 0.1; });
  CHECK_FALSE(both.config);
  CHECK(both.messages() ==
        Strings{"$.awards.k.tiers[0]: tier has both \"count\" and \"share\"; give one"});
  CHECK(both.codes() == Strings{"config.tier-quota"});

  const auto neither = parse_edited([](Json& j) { j["awards"]["k"]["tiers"][0].erase("count"); });
  CHECK_FALSE(neither.config);
  CHECK(neither.messages() ==
        Strings{"$.awards.k.tiers[0]: tier has neither \"count\" nor \"share\"; give one"});
}

TEST_CASE("SPEC §8: count is an integer >= 0, share a number from 0 to 1, min_score >= 0") {
  const auto outcome = parse_edited([](Json& j) {
    j["awards"]["k"]["tiers"][0]["count"] = -1;
    j["awards"]["k"]["tiers"].push_back({{"id", "b"}, {"label", "B"}, {"share", 1.5}});
    j["awards"]["k"]["tiers"].push_back(
        {{"id", "c"}, {"label", "C"}, {"share", -0.5}, {"min_score", -3}});
  });
  CHECK(outcome.messages() ==
        Strings{"$.awards.k.tiers[0].count: must be at least 0, found -1",
                "$.awards.k.tiers[1].share: must be from 0 to 1, found 1.5",
                "$.awards.k.tiers[2].share: must be from 0 to 1, found -0.5",
                "$.awards.k.tiers[2].min_score: must be at least 0, found -3"});
}

TEST_CASE("SPEC §2: aggregation.method is one of mean, trimmed-mean, median, zscore, severity") {
  const auto outcome = parse_edited([](Json& j) { j["aggregation"]["method"] = "average"; });
  CHECK_FALSE(outcome.config);
  CHECK(outcome.messages() == Strings{"$.aggregation.method: unknown method \"average\"; expected "
                                      "one of mean, trimmed-mean, median, zscore, severity"});
  CHECK(outcome.codes() == Strings{"config.bad-value"});
}

TEST_CASE("SPEC §2: aggregation integers and numbers keep to their ranges") {
  const auto outcome = parse_edited([](Json& j) {
    j["aggregation"] = Json::parse(R"({"trim": -1, "min_scores": 0, "precision": 7,
        "severity_shrinkage": -1, "disagreement": -0.5, "close": -1})");
  });
  CHECK(outcome.messages() ==
        Strings{"$.aggregation.trim: must be at least 0, found -1",
                "$.aggregation.min_scores: must be at least 1, found 0",
                "$.aggregation.precision: must be from 0 to 6, found 7",
                "$.aggregation.severity_shrinkage: must be at least 0, found -1",
                "$.aggregation.disagreement: must be at least 0, found -0.5",
                "$.aggregation.close: must be at least 0, found -1"});
}

TEST_CASE("SPEC §14: aggregation.close is a number — 0 is allowed (flags nobody)") {
  const auto text = parse_edited([](Json& j) { j["aggregation"]["close"] = "wide"; });
  CHECK_FALSE(text.config);
  CHECK(text.codes() == Strings{"config.type"});
  REQUIRE(text.messages().size() == 1);
  CHECK(text.messages()[0].rfind("$.aggregation.close: expected a number", 0) == 0);
  const auto zero = parse_edited([](Json& j) { j["aggregation"]["close"] = 0; });
  REQUIRE(zero.config);
  CHECK(zero.config->aggregation.close == 0);
  CHECK(config_to_json(*zero.config)["aggregation"]["close"] == 0);
}

TEST_CASE("SPEC §2: judging.conflicts is a subset of school, advisor, district, declared") {
  const auto outcome = parse_edited([](Json& j) {
    j["judging"]["conflicts"] = {"school", "region", "school"};
  });
  CHECK_FALSE(outcome.config);
  CHECK(outcome.messages() ==
        Strings{"$.judging.conflicts[1]: unknown conflict rule \"region\"; expected one of "
                "school, advisor, district, declared",
                "$.judging.conflicts[2]: duplicate conflict rule \"school\" (first at "
                "$.judging.conflicts[0])"});
  CHECK(outcome.codes() == Strings{"config.bad-value", "config.duplicate-value"});
}

TEST_CASE("SPEC §2: judging integers keep to their ranges") {
  const auto outcome = parse_edited([](Json& j) {
    j["judging"] = Json::parse(
        R"({"judges_per_entry": 0, "max_load": 0, "mismatch_cost": -1, "balance_cost": -2})");
  });
  CHECK(outcome.messages() == Strings{"$.judging.judges_per_entry: must be at least 1, found 0",
                                      "$.judging.max_load: must be at least 1, found 0",
                                      "$.judging.mismatch_cost: must be at least 0, found -1",
                                      "$.judging.balance_cost: must be at least 0, found -2"});
}

TEST_CASE("SPEC §2: judges_per_entry per kind names only known kinds") {
  const auto outcome = parse_edited([](Json& j) {
    j["judging"]["judges_per_entry"] = {{"k", 4}, {"teacher", 3}};
  });
  CHECK_FALSE(outcome.config);
  CHECK(outcome.messages() ==
        Strings{"$.judging.judges_per_entry.teacher: unknown kind \"teacher\"; kinds are k"});
  CHECK(outcome.codes() == Strings{"config.unknown-kind"});
}

TEST_CASE("SPEC §2: awards are for known kinds only") {
  const auto outcome = parse_edited([](Json& j) { j["awards"]["teacher"] = j["awards"]["k"]; });
  CHECK_FALSE(outcome.config);
  CHECK(outcome.messages() == Strings{"$.awards.teacher: unknown kind \"teacher\"; kinds are k"});
  CHECK(outcome.codes() == Strings{"config.unknown-kind"});
}

TEST_CASE("SPEC §2: award tiers are required per kind") {
  const auto outcome = parse_edited([](Json& j) {
    j["kinds"].push_back({{"id", "k2"}, {"label", "K2"}, {"rubric", "k"}});
  });
  CHECK_FALSE(outcome.config);
  CHECK(outcome.messages() ==
        Strings{"$.awards.k2: kind \"k2\" has no award tiers; every kind needs them"});
  CHECK(outcome.codes() == Strings{"config.missing"});
}

TEST_CASE("SPEC §2: pool_by is [], [\"group\"] or [\"group\",\"subject\"] (or [\"subject\"])") {
  for (const char* bad : {R"(["subject", "group"])", R"(["group", "group"])"}) {
    const auto outcome =
        parse_edited([&](Json& j) { j["awards"]["k"]["pool_by"] = Json::parse(bad); });
    CHECK(outcome.messages() ==
          Strings{fmt::format("$.awards.k.pool_by: must be [], [\"group\"], [\"subject\"] or "
                              "[\"group\",\"subject\"], found {}",
                              Json::parse(bad).dump())});
  }
  const auto unknown = parse_edited([](Json& j) {
    j["awards"]["k"]["pool_by"] = {"group", "district"};
  });
  CHECK(unknown.messages() == Strings{"$.awards.k.pool_by[1]: unknown pool field \"district\"; "
                                      "expected one of group, subject"});
}

TEST_CASE("SPEC §2: ranking.tiebreak names criteria of the rubrics") {
  const auto outcome = parse_edited([](Json& j) {
    j["ranking"]["tiebreak"] = {"c", "novelty", "c"};
  });
  CHECK(outcome.messages() ==
        Strings{"$.ranking.tiebreak[1]: unknown criterion \"novelty\"; criteria are c",
                "$.ranking.tiebreak[2]: duplicate tiebreak criterion \"c\" (first at "
                "$.ranking.tiebreak[0])"});
}

TEST_CASE("A JSON syntax error is reported once, at its line and column") {
  const std::string text = "{\n  \"competition\": {\n    \"id\": \"t\",,\n";
  const auto outcome = parse(text);
  CHECK_FALSE(outcome.config);
  REQUIRE(outcome.report.items().size() == 1);
  const Diagnostic& d = outcome.report.items()[0];
  CHECK(d.code == "config.syntax");
  CHECK(d.line == 3);
  CHECK(d.column == 15);  // the second comma
  CHECK(d.message ==
        "invalid JSON: syntax error while parsing object key - unexpected ','; expected string "
        "literal");
  CHECK(format_diagnostic(d).rfind("competition.json:3:15: error: invalid JSON: ", 0) == 0);
}

TEST_CASE("JSON syntax error columns count characters, not UTF-8 bytes") {
  const auto outcome = parse("{\"name\": \"荆州\" x}");
  REQUIRE(outcome.report.items().size() == 1);
  CHECK(outcome.report.items()[0].line == 1);
  CHECK(outcome.report.items()[0].column == 15);  // the x
}

TEST_CASE("Empty input is a syntax error at line 1") {
  const auto outcome = parse("");
  REQUIRE(outcome.report.items().size() == 1);
  CHECK(outcome.report.items()[0].line == 1);
  CHECK(outcome.report.items()[0].column == 1);
}

TEST_CASE("Wrong JSON types are errors naming the path and the expected type") {
  const auto outcome = parse_edited([](Json& j) {
    j["competition"]["year"] = "2021";
    j["groups"] = Json::object();
    j["rubrics"]["k"]["criteria"][0]["max"] = "10";
    j["judging"]["judges_per_entry"] = 2.5;
    j["aggregation"]["trim"] = 1.5;
    j["awards"]["k"]["cascade"] = "no";
  });
  CHECK_FALSE(outcome.config);
  CHECK(outcome.messages() ==
        Strings{"$.competition.year: expected an integer, found string \"2021\"",
                "$.groups: expected an array, found an object",
                "$.rubrics.k.criteria[0].max: expected a number, found string \"10\"",
                "$.judging.judges_per_entry: expected an integer or an object {kind id: "
                "integer}, found number 2.5",
                "$.aggregation.trim: expected an integer, found number 1.5",
                "$.awards.k.cascade: expected true or false, found string \"no\""});
  CHECK(outcome.codes() == Strings(6, "config.type"));
}

TEST_CASE("The top level must be an object") {
  const auto outcome = parse("[1, 2]");
  CHECK(outcome.messages() == Strings{"$: expected an object, found an array"});
}

TEST_CASE("Several problems in one file are all reported, not just the first") {
  const auto outcome = parse_edited([](Json& j) {
    j["competition"]["yaer"] = 2024;
    j["kinds"][0]["max_students"] = -1;
    j["aggregation"]["method"] = "mode";
    j["awards"]["k"]["tiers"][0]["share"] = 0.5;
  });
  CHECK_FALSE(outcome.config);
  CHECK(outcome.messages() ==
        Strings{"$.competition.yaer: unknown key \"yaer\"; allowed keys are id, name, year",
                "$.kinds[0].max_students: must be at least 0, found -1",
                "$.aggregation.method: unknown method \"mode\"; expected one of mean, "
                "trimmed-mean, median, zscore, severity",
                "$.awards.k.tiers[0]: tier has both \"count\" and \"share\"; give one"});
}

TEST_CASE("parse_config appends to the report and judges only this file's problems") {
  Diagnostics report;
  report.error("other.csv", 1, 1, "x", "earlier problem");
  const auto config = parse_config(kMinimal, "competition.json", report);
  CHECK(config);
  CHECK(report.items().size() == 1);
}

TEST_CASE("SPEC §2: competition.year is an integer year") {
  const auto outcome = parse_edited([](Json& j) { j["competition"]["year"] = 99999999999; });
  CHECK(outcome.messages() ==
        Strings{"$.competition.year: must be from 1 to 9999, found 99999999999"});
}

TEST_CASE("A number too large for JSON's double is a syntax error") {
  const auto outcome = parse(R"({"competition": {"year": 1e400}})");
  CHECK(outcome.messages() == Strings{"invalid JSON: number overflow parsing '1e400'"});
  CHECK(outcome.codes() == Strings{"config.syntax"});
}

TEST_CASE("A kind's rubric of the wrong type is one error, not two") {
  const auto outcome = parse_edited([](Json& j) { j["kinds"][0]["rubric"] = 5; });
  CHECK(outcome.messages() == Strings{"$.kinds[0].rubric: expected a string, found number 5"});
}

// ---------------------------------------------------------------- publication (SPEC §16)

TEST_CASE("SPEC §16 publication: every key read, written back by config show, null = unset") {
  const auto outcome = parse_edited([](Json& j) {
    j["publication"] = {{"notice_days", 7},
                        {"contact", "张老师"},
                        {"phone", "0716-8123456"},
                        {"address", "荆州市科协 302 室"},
                        {"issued", "2021-05-10"}};
  });
  INFO(outcome.report.to_text());
  REQUIRE(outcome.config);
  const Publication& p = outcome.config->publication;
  CHECK(p.notice_days == 7);
  CHECK(p.contact == "张老师");
  CHECK(p.phone == "0716-8123456");
  CHECK(p.address == "荆州市科协 302 室");
  CHECK(p.issued == "2021-05-10");
  check_round_trip(*outcome.config);
  CHECK(config_to_json(*outcome.config)["publication"] ==
        Json::parse(R"({"notice_days": 7, "contact": "张老师", "phone": "0716-8123456",
                        "address": "荆州市科协 302 室", "issued": "2021-05-10"})"));

  const auto partial = parse_edited([](Json& j) {
    j["publication"] = {{"contact", "张老师"}, {"issued", nullptr}};
  });
  REQUIRE(partial.config);
  CHECK(partial.config->publication ==
        Publication{std::nullopt, "张老师", std::nullopt, std::nullopt, std::nullopt});
  check_round_trip(*partial.config);
}

TEST_CASE("SPEC §16 publication: bad values are errors with their JSON paths, all reported") {
  const auto outcome = parse_edited([](Json& j) {
    j["publication"] = {{"notice_days", 0},
                        {"contact", " "},
                        {"phone", 716},
                        {"issued", "2021-02-30"},
                        {"email", "x@y"}};
  });
  CHECK_FALSE(outcome.config);
  CHECK(outcome.messages() ==
        Strings{"$.publication.email: unknown key \"email\"; allowed keys are notice_days, "
                "contact, phone, address, issued",
                "$.publication.notice_days: must be at least 1, found 0",
                "$.publication.contact: must not be empty",
                "$.publication.phone: expected a string, found number 716",
                "$.publication.issued: \"2021-02-30\" is not a date; expected YYYY-MM-DD, e.g. "
                "\"2024-05-10\""});
  CHECK(outcome.codes() == Strings{"config.unknown-key", "config.range", "config.empty",
                                   "config.type", "config.bad-date"});

  for (const char* text : {"2021-5-10", "2021/05/10", "2021-05-10 08:00", "10.05.2021"}) {
    INFO(text);
    const auto bad = parse_edited([&](Json& j) { j["publication"] = {{"issued", text}}; });
    CHECK(bad.codes() == Strings{"config.bad-date"});
  }
  const auto leap = parse_edited([](Json& j) { j["publication"] = {{"issued", "2024-02-29"}}; });
  CHECK(leap.config);
  const auto not_object = parse_edited([](Json& j) { j["publication"] = 7; });
  CHECK(not_object.messages() == Strings{"$.publication: expected an object, found number 7"});
}
