#include "judging/session_times.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace jury {

namespace {

constexpr std::int64_t kMinutesPerDay = std::int64_t{24} * 60;

/// The digits text[from, from + count) as a number; nullopt when one is not an ASCII digit.
std::optional<int> digits_at(std::string_view text, std::size_t from, std::size_t count) {
  int value = 0;
  for (std::size_t k = from; k < from + count; ++k) {
    if (text[k] < '0' || text[k] > '9') return std::nullopt;
    value = value * 10 + (text[k] - '0');
  }
  return value;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

}  // namespace

std::optional<std::int64_t> parse_local_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = digits_at(text, 0, 4);
  const auto month = digits_at(text, 5, 2);
  const auto day = digits_at(text, 8, 2);
  if (!year || !month || !day) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{*year},
                                         std::chrono::month{static_cast<unsigned>(*month)},
                                         std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days{date}.time_since_epoch().count();
}

LocalDate local_date(std::int64_t days) {
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
  return {static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
          static_cast<unsigned>(date.day())};
}

std::optional<std::int64_t> parse_local_minutes(std::string_view text) {
  if (text.size() != 16 || text[10] != ' ' || text[13] != ':') return std::nullopt;
  const auto days = parse_local_date(text.substr(0, 10));
  const auto hour = digits_at(text, 11, 2);
  const auto minute = digits_at(text, 14, 2);
  if (!days || !hour || !minute || *hour > 23 || *minute > 59) return std::nullopt;
  return *days * kMinutesPerDay + std::int64_t{*hour} * 60 + *minute;
}

std::string format_local_minutes(std::int64_t minutes) {
  const std::int64_t days = floor_div(minutes, kMinutesPerDay);
  const std::int64_t of_day = minutes - days * kMinutesPerDay;
  const LocalDate date = local_date(days);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d", date.year, date.month, date.day,
                static_cast<int>(of_day / 60), static_cast<int>(of_day % 60));
  return text;
}

std::vector<InterviewsProblem> check_interviews(const Interviews& interviews) {
  std::vector<InterviewsProblem> problems;
  if (interviews.slot_minutes < 1)
    problems.push_back({"slot_minutes", "must be a whole number of minutes ≥ 1, found " +
                                            std::to_string(interviews.slot_minutes)});
  if (interviews.sessions.empty())
    problems.push_back({"sessions", "needs at least one session {start, slots}"});
  // The previous session's end; the lowest value when unknown (no previous or unreadable start).
  constexpr std::int64_t kUnknown = std::numeric_limits<std::int64_t>::min();
  std::int64_t previous_end = kUnknown;
  for (std::size_t s = 0; s < interviews.sessions.size(); ++s) {
    const InterviewSession& session = interviews.sessions[s];
    const std::string path = "sessions[" + std::to_string(s) + "]";
    const auto start = parse_local_minutes(session.start);
    if (!start)
      problems.push_back(
          {path + ".start",
           "\"" + session.start + "\" is not a local time; expected YYYY-MM-DD HH:MM"});
    if (session.slots < 1)
      problems.push_back(
          {path + ".slots", "must be a whole number ≥ 1, found " + std::to_string(session.slots)});
    if (start && previous_end != kUnknown && *start < previous_end)
      problems.push_back({path + ".start", "session starts at " + session.start +
                                               ", before the previous session ends (" +
                                               format_local_minutes(previous_end) + ")"});
    previous_end = start
                       ? *start + std::int64_t{std::max(session.slots, 0)} * interviews.slot_minutes
                       : kUnknown;
  }
  return problems;
}

int session_capacity(const Interviews& interviews) {
  int capacity = 0;
  for (const InterviewSession& session : interviews.sessions)
    capacity += std::max(session.slots, 0);
  return capacity;
}

std::optional<SlotTime> slot_time(const Interviews& interviews, int slot) {
  if (slot < 1) return std::nullopt;
  int first = 1;  // number of the session's first slot
  for (const InterviewSession& session : interviews.sessions) {
    if (slot < first + session.slots) {
      const auto start = parse_local_minutes(session.start);
      if (!start)
        throw std::invalid_argument("interviews: session start \"" + session.start +
                                    "\" is not a local time YYYY-MM-DD HH:MM");
      const std::int64_t begin =
          *start + std::int64_t{slot - first} * std::int64_t{interviews.slot_minutes};
      return SlotTime{format_local_minutes(begin),
                      format_local_minutes(begin + interviews.slot_minutes)};
    }
    first += std::max(session.slots, 0);
  }
  return std::nullopt;
}

}  // namespace jury
