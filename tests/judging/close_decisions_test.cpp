#include "judging/close_decisions.hpp"

#include <catch2/catch.hpp>

#include "judging/results.hpp"

using namespace jury;

namespace {

using Flags = std::vector<bool>;
constexpr auto none = std::nullopt;

}  // namespace

TEST_CASE("§14 close: within close · SE of the boundary between two outcomes") {
  // first | none between 82 and 80: b = 81; SE 1.5 → 82 and 80 are close, 72 and 60 are not.
  const std::vector<BoundaryPlace> ranked{
      {82, 1.5, "first"}, {80, 1.5, none}, {72, 1.5, none}, {60, 1.5, none}};
  CHECK(close_decisions(ranked, 1.0) == Flags{true, true, false, false});
  CHECK(close_decisions(ranked, 0.5) == Flags{false, false, false, false});  // 1 ≥ 0.75
  CHECK(close_decisions(ranked, 10) == Flags{true, true, true, false});      // 9 < 15 ≤ 21
}

TEST_CASE("§14 close: the comparison is strict (|s − b| = close · SE is not close)") {
  const std::vector<BoundaryPlace> ranked{{82, 1.0, "first"}, {80, 1.0, none}};
  CHECK(close_decisions(ranked, 1.0) == Flags{false, false});
  CHECK(close_decisions(ranked, 1.25) == Flags{true, true});
}

TEST_CASE("§14 close: SE 0 is never close, not even on a boundary between equal scores") {
  // Equal scores, different outcomes (a tie-break criterion separated them): b = 80 = s.
  CHECK(close_decisions({{80, 0.0, "first"}, {80, 0.0, none}}, 1.0) == Flags{false, false});
  CHECK(close_decisions({{80, 0.1, "first"}, {80, 0.1, none}}, 1.0) == Flags{true, true});
}

TEST_CASE("§14 close: an entry without SE is never close; close ≤ 0 flags nobody") {
  const std::vector<BoundaryPlace> ranked{{82, none, "first"}, {80, 5.0, none}};
  CHECK(close_decisions(ranked, 1.0) == Flags{false, true});
  CHECK(close_decisions(ranked, 0.0) == Flags{false, false});
  CHECK(close_decisions(ranked, -1.0) == Flags{false, false});
}

TEST_CASE("§14 close: no boundary without a change of outcome; `on` and a tier differ") {
  CHECK(close_decisions({{82, 9.0, none}, {81, 9.0, none}}, 1.0) == Flags{false, false});
  // on | third at 85, third | none at 75; SE 2: 86 (1 from 85), 84 (1), 76 (1) close; 80 is 5
  // from both.
  const std::vector<BoundaryPlace> ranked{{90, 2.0, kOutcomeOn}, {86, 2.0, kOutcomeOn},
                                          {84, 2.0, "third"},    {80, 2.0, "third"},
                                          {76, 2.0, "third"},    {74, 2.0, none}};
  CHECK(close_decisions(ranked, 1.0) == Flags{false, true, true, false, true, true});
}

TEST_CASE(
    "§14 close in results: a one-round competition flags the entries near its tier boundary") {
  // mean: A 80, 84 (82) B 79, 81 (80) C 70, 74 (72) D 60, 60 (60): RSS 18, N − E = 4,
  // σ² = 4.5, SE = √(4.5 / 2) = 1.5; first count 1 → boundary 81: A and B close (tools/
  // test_reference_rounds.py works the same case).
  Config config;
  config.groups = {{"g", "G"}};
  config.subjects = {{"s", "S"}};
  config.kinds = {Kind{"k", "K", "r", 1, 0}};
  config.rubrics["r"] = Rubric{"r", 0.5, {{"c", "C", 100, 100}}};
  config.aggregation.method = Method::Mean;
  config.aggregation.min_scores = 2;
  AwardPolicy policy;
  Tier first;
  first.id = first.label = "first";
  first.count = 1;
  policy.tiers = {first};
  config.awards = {{"k", policy}};
  std::vector<Entry> entries;
  std::vector<ScoreRow> scores;
  const std::vector<std::pair<std::string, std::pair<double, double>>> values{
      {"A", {80, 84}}, {"B", {79, 81}}, {"C", {70, 74}}, {"D", {60, 60}}};
  for (const auto& [id, pair] : values) {
    Entry e;
    e.id = id;
    e.kind = "k";
    e.group = "g";
    e.subject = "s";
    entries.push_back(e);
    scores.push_back(ScoreRow{"J1", id, {pair.first}, ""});
    scores.push_back(ScoreRow{"J2", id, {pair.second}, ""});
  }
  const auto close_ids = [&](double close) {
    config.aggregation.close = close;
    std::vector<std::string> ids;
    const Results results = compute_results(config, entries, scores);
    for (const EntryResult& row : results.pools.at(0).rows) {
      CHECK(*row.standard_error == Approx(1.5).epsilon(1e-12));
      if (std::find(row.flags.begin(), row.flags.end(), "close") != row.flags.end())
        ids.push_back(row.entry_id);
    }
    return ids;
  };
  CHECK(close_ids(1.0) == std::vector<std::string>{"A", "B"});
  CHECK(close_ids(0.5).empty());
  CHECK(close_ids(10) == std::vector<std::string>{"A", "B", "C"});
}
