#include <catch2/catch.hpp>

#include <limits>

#include "exporters/results_json.hpp"
#include "sample.hpp"

using namespace jury;
using jury::test::sample_config;
using jury::test::sample_entries;
using jury::test::sample_results;

namespace {

/// The §9 document of the sample, worked out by hand: pools in kind order then group order,
/// rows in the pools' order, incomplete last with null score and rank.
const char* const kExpected = R"json({
  "competition": {
    "id": "jz-2021",
    "name": "第36届荆州市青少年科技创新大赛",
    "year": 2021
  },
  "method": "trimmed-mean",
  "pools": [
    {"kind": "student", "group": "primary", "subject": null, "entries": 4,
     "quotas": {"first": 1, "second": 1, "third": 3}},
    {"kind": "student", "group": "junior", "subject": null, "entries": 1,
     "quotas": {"first": 1, "second": 0, "third": 1}},
    {"kind": "advisor", "group": null, "subject": null, "entries": 2,
     "quotas": {"first": 1, "second": 1}}
  ],
  "results": [
    {"entry_id": "S003", "kind": "student", "group": "primary", "subject": "PS",
     "title": "=HYPERLINK(\"http://x\",\"y\")", "school": "-学校", "district": "@区",
     "students": ["+孙七"], "advisors": [], "scores": 5, "score": 88.17, "rank": 1,
     "tier": "first", "tier_label": "一等奖", "flags": []},
    {"entry_id": "S001", "kind": "student", "group": "primary", "subject": "PS",
     "title": "水质检测仪", "school": "荆州市实验小学", "district": "沙市区",
     "students": ["张三", "李四"], "advisors": ["王老师"], "scores": 5, "score": 80.5, "rank": 2,
     "tier": "second", "tier_label": "二等奖", "flags": []},
    {"entry_id": "S004", "kind": "student", "group": "primary", "subject": "EES",
     "title": "He said \"hi\", then\nleft", "school": "荆州市实验小学", "district": "沙市区",
     "students": ["周八"], "advisors": ["王老师"], "scores": 5, "score": 80.5, "rank": 2,
     "tier": "second", "tier_label": "二等奖", "flags": []},
    {"entry_id": "S002", "kind": "student", "group": "primary", "subject": "EES",
     "title": "<script>alert(1)</script>", "school": "O'Brien & Sons 小学", "district": "",
     "students": ["赵六"], "advisors": [], "scores": 5, "score": 59.5, "rank": 4,
     "tier": null, "tier_label": null, "flags": ["disagreement"]},
    {"entry_id": "S005", "kind": "student", "group": "primary", "subject": "PS",
     "title": "未完成的作品", "school": "江陵县小学", "district": "江陵县",
     "students": ["吴九"], "advisors": [], "scores": 2, "score": null, "rank": null,
     "tier": null, "tier_label": null, "flags": ["incomplete"]},
    {"entry_id": "S010", "kind": "student", "group": "junior", "subject": "EES",
     "title": "月相观测", "school": "荆州市第一中学", "district": "荆州区",
     "students": ["郑十"], "advisors": ["钱老师"], "scores": 5, "score": 91.0, "rank": 1,
     "tier": "first", "tier_label": "一等奖", "flags": []},
    {"entry_id": "A001", "kind": "advisor", "group": null, "subject": "EES",
     "title": "校园气象站课程", "school": "荆州中学", "district": "荆州区",
     "students": [], "advisors": ["刘老师"], "scores": 5, "score": 75.25, "rank": 1,
     "tier": "first", "tier_label": "一等奖", "flags": []},
    {"entry_id": "A002", "kind": "advisor", "group": null, "subject": "PS",
     "title": "趣味物理实验", "school": "沙市中学", "district": "沙市区",
     "students": [], "advisors": ["陈老师", "古丽米热·艾比布力"], "scores": 5, "score": 60.0,
     "rank": 2, "tier": "second", "tier_label": "二等奖", "flags": []}
  ]
})json";

}  // namespace

TEST_CASE("results JSON: the §9 document, keys in §9 order, pools in kind then group order") {
  const auto document =
      results_document(sample_config(), sample_entries(), sample_results(), Audience::Committee);
  // ordered_json compares objects in key order, so this checks the key order too.
  CHECK(document.dump(2) == nlohmann::ordered_json::parse(kExpected).dump(2));
}

TEST_CASE("results JSON: key order of a result row is exactly the §9 order") {
  const auto document =
      results_document(sample_config(), sample_entries(), sample_results(), Audience::Committee);
  std::vector<std::string> keys;
  for (const auto& item : document["results"][0].items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"entry_id", "kind", "group", "subject", "title", "school",
                                         "district", "students", "advisors", "scores", "score",
                                         "rank", "tier", "tier_label", "flags"});
  keys.clear();
  for (const auto& item : document.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"competition", "method", "pools", "results"});
}

TEST_CASE(
    "SPEC §9: results JSON --public leaves out scores, score and flags and every entry without a "
    "tier, rank and tier stay") {
  const auto document =
      results_document(sample_config(), sample_entries(), sample_results(), Audience::Public);
  // Amended SPEC §9: the six prize-winners only (S002 ranked without a prize, S005 incomplete).
  REQUIRE(document["results"].size() == 6);
  for (const auto& row : document["results"]) {
    CHECK_FALSE(row.contains("scores"));
    CHECK_FALSE(row.contains("score"));
    CHECK_FALSE(row.contains("flags"));
    CHECK(row.contains("rank"));
    CHECK(row.contains("tier"));
    CHECK(row.contains("tier_label"));
  }
  std::vector<std::string> keys;
  for (const auto& item : document["results"][0].items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"entry_id", "kind", "group", "subject", "title", "school",
                                         "district", "students", "advisors", "rank", "tier",
                                         "tier_label"});
  std::vector<std::string> listed;
  for (const auto& row : document["results"]) listed.push_back(row["entry_id"]);
  CHECK(listed == std::vector<std::string>{"S003", "S001", "S004", "S010", "A001", "A002"});
  CHECK(document["pools"] == results_document(sample_config(), sample_entries(), sample_results(),
                                              Audience::Committee)["pools"]);
}

TEST_CASE("results JSON text: UTF-8 unescaped, two-space indent, newline at the end") {
  const std::string text =
      results_json_text(sample_config(), sample_entries(), sample_results(), Audience::Committee);
  CHECK(text.find("\"name\": \"第36届荆州市青少年科技创新大赛\"") != std::string::npos);
  CHECK(text.ends_with("}\n"));
  CHECK(nlohmann::ordered_json::parse(text) ==
        results_document(sample_config(), sample_entries(), sample_results(), Audience::Committee));
}

TEST_CASE("results JSON: no pools gives empty arrays; unknown entries and tiers throw") {
  const auto empty =
      results_document(sample_config(), sample_entries(), Results{}, Audience::Committee);
  CHECK(empty["method"] == "severity");
  CHECK(empty["pools"].is_array());
  CHECK(empty["pools"].empty());
  CHECK(empty["results"].is_array());

  Results unknown_entry = jury::test::sample_results();
  unknown_entry.pools[0].rows[0].entry_id = "NOPE";
  CHECK_THROWS_AS(
      results_document(sample_config(), sample_entries(), unknown_entry, Audience::Committee),
      std::out_of_range);
  Results unknown_tier = jury::test::sample_results();
  unknown_tier.pools[0].rows[0].tier = "gold";
  CHECK_THROWS_AS(
      results_document(sample_config(), sample_entries(), unknown_tier, Audience::Committee),
      std::out_of_range);
}

TEST_CASE("results JSON: pools are ordered by group order, then subject order of the config") {
  Results results;
  const auto pool = [](std::string group, std::string subject, std::string entry) {
    PoolResult p{"student", std::move(group), std::move(subject), 1, {}, {}};
    p.rows = {test::result(std::move(entry), 3, 70.0, 1, std::nullopt)};
    return p;
  };
  // Config order: groups primary, junior; subjects PS, EES.
  results.pools = {pool("junior", "PS", "S010"), pool("primary", "EES", "S002"),
                   pool("primary", "PS", "S001")};
  const auto document =
      results_document(sample_config(), sample_entries(), results, Audience::Committee);
  REQUIRE(document["pools"].size() == 3);
  CHECK(document["pools"][0]["group"] == "primary");
  CHECK(document["pools"][0]["subject"] == "PS");
  CHECK(document["pools"][1]["group"] == "primary");
  CHECK(document["pools"][1]["subject"] == "EES");
  CHECK(document["pools"][2]["group"] == "junior");
  CHECK(document["pools"][2]["subject"] == "PS");
  CHECK(document["results"][0]["entry_id"] == "S001");
  CHECK(document["results"][1]["entry_id"] == "S002");
  CHECK(document["results"][2]["entry_id"] == "S010");
  CHECK(document["pools"][0]["quotas"] == nlohmann::ordered_json::object());
}

namespace {

std::string dumped(const Config& config, const std::vector<Entry>& entries, const Results& results,
                   Audience audience) {
  return results_document(config, entries, results, audience)
             .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

/// The sample with text nlohmann escapes or replaces (controls, quotes, backslashes, DEL,
/// malformed UTF-8: a lone continuation byte, an overlong NUL, a surrogate, a cut sequence, a
/// byte past U+10FFFF), four-byte characters, and scores whose shortest form has an exponent.
std::vector<Entry> hostile_entries() {
  std::vector<Entry> entries = jury::test::sample_entries();
  entries[0].title = std::string("tab\there\x01\x1f\x7f back\\slash \"q\" \xF0\x9F\x94\xAC");
  entries[1].school = "bad \x80 byte, overlong \xC0\x80, surrogate \xED\xA0\x80";
  entries[2].district = "cut \xE6\xB0";
  entries[3].students = {"\xF5\x80\x80\x80", "", "\r\n\b\f"};
  entries[4].advisors = {"𠀋𠀌"};
  return entries;
}

Results hostile_results() {
  Results results = jury::test::sample_results();
  results.pools[0].rows[0].score = 1e21;
  results.pools[0].rows[1].score = 1e-7;
  results.pools[1].rows[0].score = -0.0;
  results.pools[2].rows[0].score = 0.1 + 0.2;
  results.pools[2].rows[1].score = 123456789012345.678;
  results.pools[2].rows[2].score = std::numeric_limits<double>::quiet_NaN();
  results.pools[2].quotas.emplace_back("first", 7);  // a repeated tier: the object keeps one
  return results;
}

}  // namespace

TEST_CASE("SPEC §9: results --json text is the document's nlohmann dump byte for byte") {
  const Config config = sample_config();
  for (const Audience audience : {Audience::Committee, Audience::Public}) {
    CHECK(results_json_text(config, sample_entries(), sample_results(), audience) ==
          dumped(config, sample_entries(), sample_results(), audience));
    CHECK(results_json_text(config, hostile_entries(), hostile_results(), audience) ==
          dumped(config, hostile_entries(), hostile_results(), audience));
    CHECK(results_json_text(config, sample_entries(), Results{}, audience) ==
          dumped(config, sample_entries(), Results{}, audience));
  }
  // Hand-checked pieces of the hostile text, as nlohmann writes them.
  const std::string text =
      results_json_text(config, hostile_entries(), hostile_results(), Audience::Committee);
  CHECK(text.find(R"("title": "tab\there\u0001\u001f)"
                  "\x7f"
                  R"( back\\slash \"q\" 🔬")") != std::string::npos);
  CHECK(text.find("\"district\": \"cut \xEF\xBF\xBD\"") != std::string::npos);
  CHECK(text.find("\"score\": 1e+21,") != std::string::npos);
  CHECK(text.find("\"score\": 1e-07,") != std::string::npos);
  CHECK(text.find("\"score\": -0.0,") != std::string::npos);
  CHECK(text.find("\"score\": 0.30000000000000004,") != std::string::npos);
  CHECK(text.find("\"score\": null,\n      \"rank\": 2,") != std::string::npos);
}

TEST_CASE("SPEC §12: staged results --json text is the document's nlohmann dump byte for byte") {
  Results results = hostile_results();
  results.staged = true;
  for (PoolResult& pool : results.pools) {
    pool.rounds = {{"prelim", 9, 8, std::nullopt}, {"final", 3, 2, 3}};
    pool.recommend_quota = pool.entries > 1 ? std::optional<int>(1) : std::nullopt;
    for (EntryResult& row : pool.rows) {
      row.round = "final";
      row.rounds = {{"prelim", 5, 70.5, 3, {"advance"}},
                    {"final", 0, std::nullopt, std::nullopt, {}}};
      row.recommended = row.rank == 1;
    }
  }
  for (const Audience audience : {Audience::Committee, Audience::Public})
    CHECK(results_json_text(sample_config(), hostile_entries(), results, audience) ==
          dumped(sample_config(), hostile_entries(), results, audience));
}
