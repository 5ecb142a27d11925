#include <catch2/catch.hpp>

#include "judging/conflicts.hpp"

using namespace jury;

namespace {

Judge judge(std::string name, std::string affiliation, std::string district = "",
            std::vector<std::string> conflicts = {}) {
  Judge j;
  j.id = "J1";
  j.name = std::move(name);
  j.affiliation = std::move(affiliation);
  j.district = std::move(district);
  j.conflicts = std::move(conflicts);
  return j;
}

Entry entry(std::string school, std::string district = "", std::vector<std::string> advisors = {},
            std::vector<std::string> students = {}) {
  Entry e;
  e.id = "JZ21-S0194";
  e.school = std::move(school);
  e.district = std::move(district);
  e.advisors = std::move(advisors);
  e.students = std::move(students);
  return e;
}

const std::vector<ConflictRule> kAllRules{ConflictRule::School, ConflictRule::Advisor,
                                          ConflictRule::District, ConflictRule::Declared};

/// The index must agree with the per-pair functions on every pair.
void check_index_agrees(const std::vector<Judge>& judges, const std::vector<Entry>& entries,
                        const std::vector<ConflictRule>& rules) {
  const ConflictIndex index(judges, entries, rules);
  for (std::size_t j = 0; j < judges.size(); ++j) {
    std::vector<std::size_t> expected;
    for (std::size_t e = 0; e < entries.size(); ++e) {
      const auto direct = find_conflict(judges[j], entries[e], rules);
      CHECK(index.conflict(j, e) == direct);
      if (direct) expected.push_back(e);
    }
    CHECK(index.conflicting_entries(j) == expected);
  }
}

}  // namespace

TEST_CASE("SPEC §5 school: j.affiliation equals e.school after NFKC folding and whitespace") {
  CHECK(school_conflict(judge("卢辰", "监利高级中学"), entry("监利高级中学")));
  CHECK(school_conflict(judge("卢辰", "　监利 高级中学 "), entry("监利高级中学")));
  CHECK(school_conflict(judge("卢辰", "ＡＢＣ中学"), entry("ABC中学")));
  CHECK_FALSE(school_conflict(judge("卢辰", "监利第一中学"), entry("监利高级中学")));
  CHECK_FALSE(school_conflict(judge("卢辰", ""), entry("")));
}

TEST_CASE("SPEC §5 advisor: j.name is one of e.advisors, or e.students") {
  const Entry e = entry("X", "", {"崔奕哲", "蒋雨佑"}, {"孟铭文"});
  CHECK(advisor_conflict(judge("崔奕哲", "Y"), e));
  CHECK(advisor_conflict(judge("蒋 雨佑", "Y"), e));
  CHECK(advisor_conflict(judge("孟铭文　", "Y"), e));
  CHECK_FALSE(advisor_conflict(judge("崔奕", "Y"), e));
}

TEST_CASE("SPEC §5 district: j.district equals e.district, both non-empty") {
  CHECK(district_conflict(judge("A", "Y", "沙市区"), entry("X", "沙市区")));
  CHECK(district_conflict(judge("A", "Y", " 沙市区"), entry("X", "沙市 区")));
  CHECK_FALSE(district_conflict(judge("A", "Y", ""), entry("X", "")));
  CHECK_FALSE(district_conflict(judge("A", "Y", "沙市区"), entry("X", "")));
  CHECK_FALSE(district_conflict(judge("A", "Y", "荆州区"), entry("X", "沙市区")));
}

TEST_CASE("SPEC §5 declared: e.entry_id or e.school is in j.conflicts") {
  CHECK(declared_conflict(judge("A", "Y", "", {"JZ21-S0194"}), entry("X")));
  CHECK(declared_conflict(judge("A", "Y", "", {"JZ21-A004", "监利 高级中学"}),
                          entry("监利高级中学")));
  CHECK(declared_conflict(judge("A", "Y", "", {"ＪＺ21-S0194"}), entry("X")));
  CHECK_FALSE(declared_conflict(judge("A", "Y", "", {"JZ21-S0195"}), entry("X")));
  CHECK_FALSE(declared_conflict(judge("A", "Y", "", {}), entry("X")));
}

TEST_CASE("SPEC §5: only the active conflict rules fire, the first active one is reported") {
  const Judge j = judge("崔奕哲", "监利高级中学", "监利市");
  const Entry e = entry("监利高级中学", "监利市", {"崔奕哲"});
  CHECK(find_conflict(j, e, kAllRules) == ConflictRule::School);
  CHECK(find_conflict(j, e, {ConflictRule::Advisor, ConflictRule::School}) ==
        ConflictRule::Advisor);
  CHECK(find_conflict(j, e, {ConflictRule::District}) == ConflictRule::District);
  CHECK(find_conflict(j, e, {ConflictRule::Declared}) == std::nullopt);
  // The default config leaves district out.
  const Judge k = judge("B", "Z", "监利市");
  CHECK(find_conflict(k, e, JudgingConfig{}.conflicts) == std::nullopt);
}

TEST_CASE("ConflictIndex gives the same answers as the per-rule functions") {
  const std::vector<Judge> judges{
      judge("崔奕哲", "监利高级中学", "监利市"), judge("B", "Z", "监利市", {"石首 东门小学"}),
      judge("C", "石首东门小学", "", {"JZ21-S0194"}), judge("", "", "")};
  std::vector<Entry> entries{entry("监利高级中学", "监利市", {"崔奕哲"}),
                             entry("石首东门小学", "石首市", {}, {"B"}), entry("", "")};
  entries[1].id = "JZ21-P0040";
  entries[2].id = "Z";
  check_index_agrees(judges, entries, kAllRules);
  check_index_agrees(judges, entries, {ConflictRule::Declared, ConflictRule::School});
  check_index_agrees(judges, entries, {});
}
