#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "judging/session_times.hpp"

using namespace jury;

namespace {

/// The sample's final round (competition-rounds.json): 15-minute slots, 12 in the morning from
/// 08:30 and 12 in the afternoon from 14:00.
Interviews sample_interviews() {
  return Interviews{15, {{"2021-11-20 08:30", 12}, {"2021-11-20 14:00", 12}}};
}

std::string text_of(const std::optional<SlotTime>& time) {
  return time ? time->start + " – " + time->end : "none";
}

}  // namespace

TEST_CASE("SPEC §13: slots are numbered through the sessions in order") {
  const Interviews interviews = sample_interviews();
  CHECK(session_capacity(interviews) == 24);
  CHECK(text_of(slot_time(interviews, 1)) == "2021-11-20 08:30 – 2021-11-20 08:45");
  CHECK(text_of(slot_time(interviews, 2)) == "2021-11-20 08:45 – 2021-11-20 09:00");
  // Slot 12 is the morning's last: 08:30 + 11 · 15 min = 11:15.
  CHECK(text_of(slot_time(interviews, 12)) == "2021-11-20 11:15 – 2021-11-20 11:30");
  // Slot 13 opens the afternoon session.
  CHECK(text_of(slot_time(interviews, 13)) == "2021-11-20 14:00 – 2021-11-20 14:15");
  CHECK(text_of(slot_time(interviews, 24)) == "2021-11-20 16:45 – 2021-11-20 17:00");
  // Not slots of the sessions.
  CHECK(text_of(slot_time(interviews, 25)) == "none");
  CHECK(text_of(slot_time(interviews, 0)) == "none");
  CHECK(text_of(slot_time(interviews, -3)) == "none");
}

TEST_CASE("SPEC §13: slot times follow the calendar across midnight, month and year ends") {
  const Interviews interviews{20, {{"2021-12-31 23:30", 3}, {"2024-02-28 23:50", 2}}};
  CHECK(text_of(slot_time(interviews, 1)) == "2021-12-31 23:30 – 2021-12-31 23:50");
  CHECK(text_of(slot_time(interviews, 2)) == "2021-12-31 23:50 – 2022-01-01 00:10");
  CHECK(text_of(slot_time(interviews, 3)) == "2022-01-01 00:10 – 2022-01-01 00:30");
  // 2024 is a leap year: 28 February 23:50 + 20 min is 29 February 00:10.
  CHECK(text_of(slot_time(interviews, 4)) == "2024-02-28 23:50 – 2024-02-29 00:10");
  CHECK(text_of(slot_time(interviews, 5)) == "2024-02-29 00:10 – 2024-02-29 00:30");
}

TEST_CASE("SPEC §13: start is local time YYYY-MM-DD HH:MM, nothing else") {
  CHECK(parse_local_minutes("1970-01-01 00:00") == 0);
  CHECK(parse_local_minutes("1970-01-02 01:05") == 24 * 60 + 65);
  CHECK(parse_local_minutes("1969-12-31 23:59") == -1);
  CHECK(parse_local_minutes("2024-02-29 08:00"));
  CHECK_FALSE(parse_local_minutes("2021-02-29 08:00"));  // not a leap year
  CHECK_FALSE(parse_local_minutes("2021-11-31 08:00"));  // November has 30 days
  CHECK_FALSE(parse_local_minutes("2021-13-01 08:00"));
  CHECK_FALSE(parse_local_minutes("2021-11-20 24:00"));
  CHECK_FALSE(parse_local_minutes("2021-11-20 08:60"));
  CHECK_FALSE(parse_local_minutes("2021-11-20 8:30"));
  CHECK_FALSE(parse_local_minutes("2021-11-20T08:30"));
  CHECK_FALSE(parse_local_minutes("2021-11-20 08:30:00"));
  CHECK_FALSE(parse_local_minutes("2021/11/20 08:30"));
  CHECK_FALSE(parse_local_minutes("２０21-11-20 08:30"));  // full-width digits
  CHECK_FALSE(parse_local_minutes(""));
}

TEST_CASE("SPEC §13: local times read back as they were written") {
  for (const char* text : {"2021-11-20 08:30", "2000-02-29 23:59", "1999-12-31 00:00",
                           "2038-01-19 03:14", "1960-07-04 12:00"})
    CHECK(format_local_minutes(*parse_local_minutes(text)) == text);
  for (std::int64_t minutes = -3000; minutes < 3000000; minutes += 997)
    REQUIRE(parse_local_minutes(format_local_minutes(minutes)) == minutes);
}

TEST_CASE("SPEC §13: interviews config problems name the path and what is allowed") {
  CHECK(check_interviews(sample_interviews()).empty());
  // Back to back is fine: the second session starts when the first ends (09:00).
  CHECK(check_interviews({30, {{"2021-11-20 08:00", 2}, {"2021-11-20 09:00", 1}}}).empty());

  const auto problems = check_interviews({0, {}});
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].path == "slot_minutes");
  CHECK(problems[0].message == "must be a whole number of minutes ≥ 1, found 0");
  CHECK(problems[1].path == "sessions");

  const auto bad = check_interviews(
      {15, {{"2021-11-20 08:30", 12}, {"2021-11-20 11:00", 0}, {"2021-11-31 14:00", 4}}});
  REQUIRE(bad.size() == 3);
  CHECK(bad[0].path == "sessions[1].slots");
  CHECK(bad[0].message == "must be a whole number ≥ 1, found 0");
  // 11:00 is before the first session's end (08:30 + 12 · 15 min = 11:30).
  CHECK(bad[1].path == "sessions[1].start");
  CHECK(bad[1].message ==
        "session starts at 2021-11-20 11:00, before the previous session ends (2021-11-20 11:30)");
  CHECK(bad[2].path == "sessions[2].start");
  CHECK(bad[2].message == "\"2021-11-31 14:00\" is not a local time; expected YYYY-MM-DD HH:MM");

  // A session listed before an earlier one would number slots against the clock.
  const auto out_of_order =
      check_interviews({15, {{"2021-11-20 14:00", 4}, {"2021-11-20 08:30", 4}}});
  REQUIRE(out_of_order.size() == 1);
  CHECK(out_of_order[0].path == "sessions[1].start");
}

TEST_CASE("SPEC §13: a slot in a session whose start is not a time cannot be timed") {
  const Interviews interviews{15, {{"2021-11-20 08:30", 2}, {"tomorrow", 2}}};
  CHECK(text_of(slot_time(interviews, 2)) == "2021-11-20 08:45 – 2021-11-20 09:00");
  CHECK_THROWS_AS(slot_time(interviews, 3), std::invalid_argument);
}
