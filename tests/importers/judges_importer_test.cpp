#include <catch2/catch.hpp>

#include <map>

#include "importers/judges_importer.hpp"
#include "test_support.hpp"

using namespace jury;

namespace {

const std::string kHeader =
    "judge_id,name,affiliation,district,expertise,kinds,max_load,conflicts,active\n";

struct Result {
  std::vector<ImportedJudge> judges;
  Diagnostics report;
  std::string text() const { return report.to_text(); }
};

Result import(const std::string& csv) {
  Result r;
  r.judges = import_judges(csv, "judges.csv", Encoding::Auto, test::jingzhou(), r.report);
  return r;
}

std::map<std::string, Judge> by_id(const std::vector<ImportedJudge>& judges) {
  std::map<std::string, Judge> out;
  for (const auto& j : judges) out[j.judge.id] = j.judge;
  return out;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("sample jingzhou-2021 judges: 50 judges") {
  const auto r = import(test::fixture("jingzhou-2021/judges.csv"));
  CHECK(r.report.items().empty());
  REQUIRE(r.judges.size() == 50);
  const auto judges = by_id(r.judges);
  const Judge& j = judges.at("J001");
  CHECK(j.name == "卢辰");
  CHECK(j.affiliation == "荆州市生态环境局");
  CHECK(j.expertise == Ids{"ENG", "EES", "SBS"});
  CHECK(j.kinds.empty());
  CHECK(j.max_load == 30);
  CHECK(j.conflicts == Ids{"JZ21-A004"});
  CHECK(j.active);
  CHECK_FALSE(judges.at("J002").max_load);
}

TEST_CASE("sample jingzhou-2021-excel judges (GB18030, labels): 50 judges") {
  const auto r = import(test::fixture("jingzhou-2021-excel/judges.csv"));
  CHECK(r.report.items().empty());
  REQUIRE(r.judges.size() == 50);
  const auto judges = by_id(r.judges);
  CHECK(judges.at("J001").expertise == Ids{"PS", "EES"});
  CHECK(judges.at("J003").max_load == 30);
  CHECK(judges.at("J003").conflicts == Ids{"JZ21-P0200"});
  CHECK(judges.at("J005").kinds == Ids{"student", "advisor"});
}

TEST_CASE("SPEC §4: expertise = subject ids or labels (list separators) — unknown → error") {
  const auto r = import(kHeader + "J1,甲,U,,物质科学、LS；ｃｓ,,,,\nJ2,乙,U,,PS;化学,,,,\n");
  CHECK(r.text() ==
        "judges.csv:3:5: error: unknown subject \"化学\"; expected one of PS (物质科学), LS "
        "(生命科学), EES (地球环境与宇宙科学), TECH (技术), ENG (工程), SBS (行为和社会科学), CS "
        "(计算机科学)\n");
  CHECK(r.report.items()[0].code == "judges.unknown-subject");
  REQUIRE(r.judges.size() == 1);
  CHECK(r.judges[0].judge.expertise == Ids{"PS", "LS", "CS"});
}

TEST_CASE("SPEC §4: kinds = kind ids or labels, empty = all — unknown → error") {
  const auto r =
      import(kHeader + "J1,甲,U,,,科技辅导员科技教育创新成果,,,\nJ2,乙,U,,,teacher,,,\n");
  CHECK(r.text() ==
        "judges.csv:3:6: error: unknown kind \"teacher\"; expected one of student "
        "(学生科技创新成果), advisor (科技辅导员科技教育创新成果)\n");
  REQUIRE(r.judges.size() == 1);
  CHECK(r.judges[0].judge.kinds == Ids{"advisor"});
}

TEST_CASE("SPEC §4: max_load empty or a whole number ≥ 0 — bad or negative → error") {
  const auto r = import(kHeader + "J1,甲,U,,,,３０,,\nJ2,乙,U,,,,0,,\nJ3,丙,U,,,,-1,,\n" +
                        "J4,丁,U,,,,abc,,\nJ5,戊,U,,,,3.5,,\n");
  CHECK(r.text() ==
        "judges.csv:4:7: error: max_load \"-1\" is not a whole number ≥ 0; leave it empty for the "
        "default\n"
        "judges.csv:5:7: error: max_load \"abc\" is not a whole number ≥ 0; leave it empty for "
        "the default\n"
        "judges.csv:6:7: error: max_load \"3.5\" is not a whole number ≥ 0; leave it empty for "
        "the default\n");
  CHECK(r.report.items()[0].code == "judges.bad-max-load");
  const auto judges = by_id(r.judges);
  CHECK(judges.at("J1").max_load == 30);
  CHECK(judges.at("J2").max_load == 0);
}

TEST_CASE("SPEC §4: conflicts = entry ids and/or school names, kept as trimmed text") {
  const auto r = import(kHeader + "J1,甲,U,,,,,\"JZ21-P0001, 沙市中学　、JZ21-S0002\",\n");
  REQUIRE(r.judges.size() == 1);
  CHECK(r.judges[0].judge.conflicts == Ids{"JZ21-P0001", "沙市中学", "JZ21-S0002"});
}

TEST_CASE("SPEC §4: active yes (default) / no — also 是/否 and 在岗/退出") {
  const auto r = import(kHeader + "J1,a,U,,,,,,\nJ2,b,U,,,,,,no\nJ3,c,U,,,,,,是\nJ4,d,U,,,,,,否\n" +
                        "J5,e,U,,,,,,退出\nJ6,f,U,,,,,,YES\nJ7,g,U,,,,,,maybe\n");
  CHECK(r.text() ==
        "judges.csv:8:9: error: unknown active \"maybe\"; expected yes (是, 正常, 在岗) or no (否, "
        "退出, 停用)\n");
  const auto judges = by_id(r.judges);
  CHECK(judges.at("J1").active);
  CHECK_FALSE(judges.at("J2").active);
  CHECK(judges.at("J3").active);
  CHECK_FALSE(judges.at("J4").active);
  CHECK_FALSE(judges.at("J5").active);
  CHECK(judges.at("J6").active);
}

TEST_CASE("SPEC §4: judge_id unique — a duplicate names both lines") {
  const auto r = import(kHeader + "J1,a,U,,,,,,\nJ2,b,U,,,,,,\nＪ1,c,U,,,,,,\n");
  CHECK(r.text() == "judges.csv:4:1: error: duplicate judge_id J1: already on line 2\n");
  CHECK(r.report.items()[0].code == "judges.duplicate-id");
  CHECK(r.judges.size() == 2);
}

TEST_CASE("SPEC §4: required judge_id, name, affiliation — empty → error") {
  const auto r = import("评委编号,姓名,工作单位\n,甲,\nJ2,　,U\n");
  CHECK(r.text() ==
        "judges.csv:2:1: error: empty judge_id (评委编号): every judge needs one\n"
        "judges.csv:2:3: error: empty affiliation (工作单位): every judge needs one\n"
        "judges.csv:3:2: error: empty name (姓名): every judge needs one\n");
  CHECK(r.judges.empty());
}

TEST_CASE("SPEC §4: title lines before the header are skipped — missing columns listed") {
  const auto ok =
      import("荆州市第36届青少年科技创新大赛评委名单\n\n评委编号,姓名,工作单位\nJ1,甲,U\n");
  CHECK(ok.report.items().empty());
  REQUIRE(ok.judges.size() == 1);
  CHECK(ok.judges[0].line == 4);
  const auto bad = import("评委编号,姓名\nJ1,甲\n");
  CHECK(bad.text() ==
        "judges.csv:1:0: error: no header row names all required columns; missing affiliation "
        "(工作单位)\n");
}

TEST_CASE("SPEC §4: rows with too few cells → error with the counts") {
  const auto r = import(kHeader + "J1,a,U\n");
  CHECK(r.text() == "judges.csv:2:4: error: row has 3 cells but the header (line 1) has 9\n");
  CHECK(r.report.items()[0].code == "judges.cell-count");
}

namespace {

/// The sample with two rounds 初评 (prelim) and 终评 (final), as the judges file names them.
Config with_two_rounds() {
  Config config = test::jingzhou();
  Round prelim;
  prelim.id = "prelim";
  prelim.label = "初评";
  Round final_round;
  final_round.id = "final";
  final_round.label = "终评";
  config.rounds = {prelim, final_round};
  return config;
}

}  // namespace

TEST_CASE(
    "SPEC §12: the judges' rounds column (评审轮次) names rounds by id or label — empty = all") {
  Diagnostics report;
  const auto judges = import_judges(
      "评委编号,姓名,工作单位,评审轮次\nJ1,甲,单位一,\nJ2,乙,单位二,终评\nJ3,丙,单位三,"
      "prelim、终评\n"
      "J4,丁,单位四,复评\n",
      "judges.csv", Encoding::Auto, with_two_rounds(), report);
  CHECK(report.to_text() ==
        "judges.csv:5:4: error: unknown round \"复评\"; expected one of prelim (初评), final "
        "(终评)\n");
  const auto judge = by_id(judges);
  REQUIRE(judge.size() == 3);
  CHECK(judge.at("J1").rounds.empty());
  CHECK(judge.at("J1").serves_in("final"));
  CHECK(judge.at("J2").rounds == Ids{"final"});
  CHECK_FALSE(judge.at("J2").serves_in("prelim"));
  CHECK(judge.at("J3").rounds == Ids{"prelim", "final"});
}

TEST_CASE("SPEC §3–4: a judges file without the rounds column keeps the stored rounds") {
  Judge stored;
  stored.id = "J2";
  stored.name = "乙";
  stored.affiliation = "单位二";
  stored.rounds = {"final"};
  Diagnostics report;
  const auto judges = import_judges("judge_id,name,affiliation\nJ2,乙,单位二\n", "judges.csv",
                                    Encoding::Auto, with_two_rounds(), report, {stored});
  REQUIRE(judges.size() == 1);
  CHECK(judges[0].judge.rounds == Ids{"final"});
}
