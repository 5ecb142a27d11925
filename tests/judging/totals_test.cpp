#include <catch2/catch.hpp>

#include "judging/totals.hpp"

using namespace jury;

namespace {

Rubric rubric_of(std::vector<Criterion> criteria) {
  return Rubric{std::string("r"), 0.5, std::move(criteria)};
}

Config two_criteria_config() {
  Config config;
  config.kinds = {Kind{"student", "学生", "r", 3, 2}, Kind{"advisor", "辅导员", "r", 0, 2}};
  config.rubrics["r"] = rubric_of({{"a", "A", 40, 40}, {"b", "B", 60, 60}});
  return config;
}

Entry entry(std::string id, std::string kind, EntryStatus status = EntryStatus::Active) {
  Entry e;
  e.id = std::move(id);
  e.kind = std::move(kind);
  e.status = status;
  return e;
}

ScoreRow row(std::string judge, std::string entry_id, std::vector<std::optional<double>> values) {
  return ScoreRow{std::move(judge), std::move(entry_id), std::move(values), ""};
}

}  // namespace

TEST_CASE("SPEC §6: judge total t_je = Σ_c s_jec · weight_c / max_c in criterion order") {
  const Rubric rubric = rubric_of({{"a", "A", 40, 40}, {"b", "B", 30, 15}, {"c", "C", 10, 20}});
  // 33.5 + 21·15/30 + 7.5·20/10 = 33.5 + 10.5 + 15
  CHECK(judge_total(rubric, {33.5, 21.0, 7.5}) == 59.0);
}

TEST_CASE("SPEC §6: judge total multiplies before dividing (exact when weight = max)") {
  const Rubric thirds = rubric_of({{"a", "A", 3, 5}});
  CHECK(judge_total(thirds, {0.5}) == 0.5 * 5 / 3);
  CHECK(judge_total(thirds, {0.5}) != 0.5 / 3 * 5);  // the other order differs in the last bit
  const Rubric plain = rubric_of({{"a", "A", 7, 7}, {"b", "B", 3, 3}});
  CHECK(judge_total(plain, {6.5, 2.5}) == 9.0);
}

TEST_CASE("SPEC §6: a row is complete when all criteria are present") {
  const Rubric rubric = rubric_of({{"a", "A", 40, 40}, {"b", "B", 60, 60}});
  CHECK(row_complete(rubric, row("J1", "E1", {1.0, 2.0})));
  CHECK_FALSE(row_complete(rubric, row("J1", "E1", {1.0, std::nullopt})));
  CHECK_FALSE(row_complete(rubric, row("J1", "E1", {1.0})));
  CHECK_FALSE(row_complete(rubric, row("J1", "E1", {})));
}

TEST_CASE("SPEC §6: only complete totals of active entries count, grouped per kind") {
  const Config config = two_criteria_config();
  const std::vector<Entry> entries = {entry("S2", "student"), entry("S1", "student"),
                                      entry("SX", "student", EntryStatus::Withdrawn),
                                      entry("A1", "advisor")};
  const std::vector<ScoreRow> scores = {
      row("J2", "S1", {30.0, 50.0}),          // complete
      row("J1", "S1", {20.0, 40.0}),          // complete
      row("J3", "S1", {20.0, std::nullopt}),  // partly filled: not a total
      row("J1", "SX", {40.0, 60.0}),          // withdrawn entry: ignored
      row("J1", "ZZ", {40.0, 60.0}),          // unknown entry: ignored
      row("J9", "A1", {10.0, 10.0}),
  };
  const auto kinds = collect_totals(config, entries, scores);
  REQUIRE(kinds.size() == 2);
  const KindTotals& student = kinds[0];
  CHECK(student.kind == "student");
  CHECK(student.entry_ids == std::vector<std::string>{"S1", "S2"});  // by entry_id
  CHECK(student.judge_ids == std::vector<std::string>{"J1", "J2"});  // J3 has no complete total
  REQUIRE(student.by_entry[0].size() == 2);
  CHECK(student.by_entry[0][0].judge == 0);  // J1 first: by judge index
  CHECK(student.by_entry[0][0].value == 60.0);
  CHECK(student.by_entry[0][0].row == 1);
  CHECK(student.by_entry[0][1].value == 80.0);
  CHECK(student.by_entry[1].empty());
  CHECK(student.total_count() == 2);
  CHECK(kinds[1].entry_ids == std::vector<std::string>{"A1"});
  CHECK(kinds[1].by_entry[0][0].value == 20.0);
}

TEST_CASE("SPEC §6: importing a sheet again replaces the judge's values (the later row wins)") {
  const Config config = two_criteria_config();
  const std::vector<Entry> entries = {entry("S1", "student"), entry("S2", "student")};
  const std::vector<ScoreRow> scores = {
      row("J1", "S1", {10.0, 10.0}), row("J1", "S1", {20.0, 20.0}),  // replaced by the later row
      row("J1", "S2", {10.0, 10.0}), row("J1", "S2", {20.0, std::nullopt}),  // now incomplete
  };
  const auto kinds = collect_totals(config, entries, scores);
  REQUIRE(kinds[0].by_entry[0].size() == 1);
  CHECK(kinds[0].by_entry[0][0].value == 40.0);
  CHECK(kinds[0].by_entry[1].empty());
}

TEST_CASE("SPEC §6: connected components of the judge–entry graph") {
  KindTotals totals;
  totals.entry_ids = {"E1", "E2", "E3", "E4"};
  totals.judge_ids = {"A", "B", "C", "D"};
  // E1: A,B   E2: C,D   E3: B,C (links both halves)   E4: no totals
  totals.by_entry = {{{0, 1, 0}, {1, 1, 0}}, {{2, 1, 0}, {3, 1, 0}}, {{1, 1, 0}, {2, 1, 0}}, {}};
  CHECK(count_components(totals, {true, true, true, true}) == 1);
  CHECK(count_components(totals, {true, true, false, true}) == 2);
  CHECK(count_components(totals, {true, false, false, false}) == 1);
  CHECK(count_components(totals, {false, false, false, true}) == 0);
  CHECK(judge_components(totals) == std::vector<int>{0, 0, 0, 0});
  totals.by_entry[2].clear();
  CHECK(judge_components(totals) == std::vector<int>{0, 0, 1, 1});
}

TEST_CASE("SPEC §9/§14 report: the sizes of the components, largest first") {
  KindTotals totals;
  totals.entry_ids = {"E1", "E2", "E3", "E4", "E5"};
  totals.judge_ids = {"A", "B", "C", "D", "E"};
  // E1: A,B  E2: A,B  E3: C,D  E4: E  E5: no totals → {E1,E2 | A,B}, {E3 | C,D}, {E4 | E}.
  totals.by_entry = {
      {{0, 1, 0}, {1, 1, 0}}, {{0, 1, 0}, {1, 1, 0}}, {{2, 1, 0}, {3, 1, 0}}, {{4, 1, 0}}, {}};
  using Sizes = std::vector<ComponentSize>;
  CHECK(component_sizes(totals, {true, true, true, true, true}) == Sizes{{2, 2}, {1, 2}, {1, 1}});
  CHECK(component_sizes(totals, {false, false, true, true, true}) == Sizes{{1, 2}, {1, 1}});
  CHECK(component_sizes(totals, {false, false, false, false, true}).empty());
  CHECK(count_components(totals, {true, true, true, true, true}) == 3);
}

TEST_CASE("SPEC §6 judge total: a total of decimal scores is the exact decimal (0.1 steps)") {
  // 7.8 + 4.1 + 12.5 + 2.8 = 27.2 exactly; summed in doubles it is 27.200000000000003.
  const Rubric rubric =
      rubric_of({{"a", "A", 10, 10}, {"b", "B", 10, 10}, {"c", "C", 20, 20}, {"d", "D", 20, 20}});
  CHECK(judge_total(rubric, {7.8, 4.1, 12.5, 2.8}) == 27.2);
  // weight ≠ max giving thirds stays as computed: 1 · 20 / 30
  CHECK(judge_total(rubric_of({{"a", "A", 30, 20}}), {1.0}) == 20.0 / 30);
}
