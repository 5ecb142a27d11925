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

TEST_CASE("§14 close: an entry without SE is never close — close ≤ 0 flags nobody") {
  const std::vector<BoundaryPlace> ranked{{82, none, "first"}, {80, 5.0, none}};
  CHECK(close_decisions(ranked, 1.0) == Flags{false, true});
  CHECK(close_decisions(ranked, 0.0) == Flags{false, false});
  CHECK(close_decisions(ranked, -1.0) == Flags{false, false});
}

TEST_CASE("§14 close: no boundary without a change of outcome — `on` and a tier differ") {
  CHECK(close_decisions({{82, 9.0, none}, {81, 9.0, none}}, 1.0) == Flags{false, false});
  // on | third at 85, third | none at 75; SE 2: 86 (1 from 85), 84 (1), 76 (1) close; 80 is 5
  // from both.
  const std::vector<BoundaryPlace> ranked{{90, 2.0, kOutcomeOn}, {86, 2.0, kOutcomeOn},
                                          {84, 2.0, "third"},    {80, 2.0, "third"},
                                          {76, 2.0, "third"},    {74, 2.0, none}};
  CHECK(close_decisions(ranked, 1.0) == Flags{false, true, true, false, true, true});
}

TEST_CASE("§14 close: the nearest boundary of each place (the lower of two equally near)") {
  using Boundaries = std::vector<std::optional<double>>;
  // Boundaries 85 (on | third) and 75 (third | none); 80 is 5 from both and takes 75.
  const std::vector<BoundaryPlace> ranked{
      {90, 2.0, kOutcomeOn}, {80, 2.0, "third"}, {70, 2.0, none}};
  CHECK(nearest_boundaries(ranked) == Boundaries{85.0, 75.0, 75.0});
  CHECK(nearest_boundaries({{90, 2.0, none}, {80, 2.0, none}}) == Boundaries{none, none});
  CHECK(nearest_boundaries({}).empty());
}

TEST_CASE("§14 close: the places results show, one round and a round of a staged competition") {
  Config config;
  config.rounds = {Round{}, Round{}};
  config.rounds[0].id = "pre";
  config.rounds[1].id = "final";
  AwardPolicy policy;
  Tier first;
  first.id = "first";
  Tier third;
  third.id = "third";
  third.round = "pre";
  policy.tiers = {first, third};
  config.kinds = {Kind{"student", "学生", "r", 3, 2}};
  config.awards["student"] = policy;

  PoolResult pool;
  pool.kind = "student";
  EntryResult a, b, c;
  a.entry_id = "A";
  a.tier = "first";
  a.standard_error = 1.5;
  a.rounds = {{"pre", 3, 88.0, 1, {"advance", "close"}}, {"final", 3, 91.0, 1, {}}};
  b.entry_id = "B";
  b.tier = "third";
  b.rounds = {{"pre", 3, 85.0, 2, {"close"}}};
  c.entry_id = "C";
  c.rounds = {{"pre", 3, 85.0, 2, {}}};  // shares B's rank: entry_id decides the order
  pool.rows = {a, c, b};                 // the results' own order is not the round's
  Results staged;
  staged.staged = true;
  staged.pools = {pool};

  const std::vector<ShownPlace> pre = shown_places(config, staged, staged.pools[0], 0);
  REQUIRE(pre.size() == 3);
  CHECK(pre[0].entry_id == "A");
  CHECK(pre[0].place.score == 88);
  CHECK(pre[0].place.outcome == std::optional<std::string>(kOutcomeOn));
  CHECK(pre[0].close);
  CHECK(pre[1].entry_id == "B");
  CHECK(pre[1].place.outcome == std::optional<std::string>("third"));  // decided in pre
  CHECK(pre[1].close);
  CHECK(pre[2].entry_id == "C");
  CHECK_FALSE(pre[2].place.outcome.has_value());
  CHECK_FALSE(pre[2].close);
  const std::vector<ShownPlace> last = shown_places(config, staged, staged.pools[0], 1);
  REQUIRE(last.size() == 1);
  CHECK(last[0].place.score == 91);
  CHECK(last[0].place.outcome == std::optional<std::string>("first"));  // decided in final
  CHECK_FALSE(last[0].close);

  // One round: the rows themselves, incomplete ones left out.
  Results one;
  PoolResult p;
  p.kind = "student";
  EntryResult x, y;
  x.entry_id = "X";
  x.score = 70;
  x.rank = 1;
  x.tier = "first";
  x.flags = {"close"};
  y.entry_id = "Y";
  y.flags = {"incomplete"};
  p.rows = {x, y};
  one.pools = {p};
  const std::vector<ShownPlace> places = shown_places(config, one, one.pools[0], 0);
  REQUIRE(places.size() == 1);
  CHECK(places[0].entry_id == "X");
  CHECK(places[0].place.outcome == std::optional<std::string>("first"));
  CHECK(places[0].close);
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
