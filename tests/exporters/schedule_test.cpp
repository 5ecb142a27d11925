/// SPEC §13 `jury export schedule`: the CSV rows and the printable page.

#include <catch2/catch.hpp>

#include "exporters/schedule.hpp"

using namespace jury;

namespace {

Judge judge(const std::string& id, const std::string& name) {
  Judge j;
  j.id = id;
  j.name = name;
  j.affiliation = "长江大学";
  return j;
}

Entry entry(const std::string& id, const std::string& title, const std::string& school) {
  Entry e;
  e.id = id;
  e.title = title;
  e.school = school;
  e.students = {"张三"};
  return e;
}

/// Two sessions: 08:30 + 2 slots of 20 minutes, then 14:00.
Round interview_round() {
  Round round;
  round.id = "final";
  round.label = "终评";
  round.interviews = Interviews{20, {{"2024-05-18 08:30", 2}, {"2024-05-18 14:00", 2}}};
  return round;
}

}  // namespace

TEST_CASE("SPEC §13: export schedule CSV rows by slot, judge_id, with times from the sessions") {
  const Judge a = judge("J2", "=王老师"), b = judge("J1", "李老师");
  const Entry x = entry("E1", "水质<检测>", "甲校"), y = entry("E2", "风车", "-乙校");
  const std::string csv = schedule_csv(*interview_round().interviews,
                                       {{3, &a, &x}, {1, &b, &x}, {1, &a, &y}, {3, &b, &y}});
  CHECK(csv ==
        "\xEF\xBB\xBFslot,start,end,judge_id,judge,entry_id,title,school\r\n"
        "1,2024-05-18 08:30,2024-05-18 08:50,J1,李老师,E1,水质<检测>,甲校\r\n"
        "1,2024-05-18 08:30,2024-05-18 08:50,J2,'=王老师,E2,风车,'-乙校\r\n"
        "3,2024-05-18 14:00,2024-05-18 14:20,J1,李老师,E2,风车,'-乙校\r\n"
        "3,2024-05-18 14:00,2024-05-18 14:20,J2,'=王老师,E1,水质<检测>,甲校\r\n");
  CHECK_THROWS_AS(schedule_csv(*interview_round().interviews, {{5, &a, &x}}), std::out_of_range);
}

TEST_CASE(
    "SPEC §13: the printable timetable: an itinerary per judge, the entrants' times name "
    "no judge, every text escaped") {
  Config config;
  config.competition_name = "测试赛";
  const Judge a = judge("J2", "王老师"), b = judge("J1", "李老师");
  const Entry x = entry("E1", "水质<检测>", "甲校");
  const std::string page = schedule_html(config, interview_round(), {{2, &a, &x}, {1, &b, &x}});
  CHECK(page.find("<title>测试赛 终评日程</title>") != std::string::npos);
  const std::size_t judges = page.find("评委日程：李老师（J1）");
  REQUIRE(judges != std::string::npos);
  CHECK(judges < page.find("评委日程：王老师（J2）"));  // judge_id order
  CHECK(page.find("水质&lt;检测&gt;") != std::string::npos);
  CHECK(page.find("水质<检测>") == std::string::npos);
  const std::string entrants = page.substr(page.find("参赛作品问辩时间"));
  CHECK(entrants.find("2024-05-18 08:30–08:50") != std::string::npos);
  CHECK(entrants.find("2024-05-18 08:50–09:10") != std::string::npos);
  for (const char* who : {"李老师", "王老师", "J1", "J2", "长江大学"})
    CHECK(entrants.find(who) == std::string::npos);
  // Print: itineraries flow several to a page, each kept whole; the entrants start a new page.
  CHECK(page.find("section.judge + section.judge { break-before: page") == std::string::npos);
  CHECK(page.find("section.judge { break-inside: avoid;") != std::string::npos);
  CHECK(page.find("section.entrants { break-before: page;") != std::string::npos);
}
