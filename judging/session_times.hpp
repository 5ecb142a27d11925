#pragma once
/// Clock times of interview slots (SPEC §13 `rounds[].interviews {slot_minutes, sessions[]
/// {start, slots}}`): slots are numbered 1, 2, … through the sessions in order, each session a run
/// of consecutive slots of `slot_minutes` from its start. Local times "YYYY-MM-DD HH:MM", no time
/// zone (the competition's wall clock). Pure.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// Days since 1970-01-01 of a date "YYYY-MM-DD" (exactly that shape, a real calendar date);
/// nullopt otherwise. Also the date of the 公示 notice (SPEC §16 `publication.issued`).
std::optional<std::int64_t> parse_local_date(std::string_view text);

/// Year, month and day of days since 1970-01-01 (inverse of the above).
struct LocalDate {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
};
LocalDate local_date(std::int64_t days);

/// Minutes since 1970-01-01 00:00 of a local time "YYYY-MM-DD HH:MM" (exactly that shape, a real
/// calendar date, 00:00–23:59); nullopt otherwise.
std::optional<std::int64_t> parse_local_minutes(std::string_view text);

/// The "YYYY-MM-DD HH:MM" text of minutes since 1970-01-01 00:00 (inverse of the above).
std::string format_local_minutes(std::int64_t minutes);

/// A problem of an `interviews` value: `path` below `rounds[i].interviews` (e.g.
/// "sessions[1].start"), and what is wrong and what is allowed.
struct InterviewsProblem {
  std::string path;
  std::string message;
};

/// Every problem of the value (for the config loader, which prefixes the JSON path): slot_minutes
/// ≥ 1; at least one session; each start a local time; each session's slots ≥ 1; and each session
/// starting no earlier than the previous one ends, so slot numbers follow the clock and no two
/// slots overlap.
std::vector<InterviewsProblem> check_interviews(const Interviews& interviews);

/// Σ slots of the sessions: the most slots a timetable may use.
int session_capacity(const Interviews& interviews);

struct SlotTime {
  std::string start;  ///< "YYYY-MM-DD HH:MM"
  std::string end;    ///< start + slot_minutes
};

/// Start and end of slot n (1-based); nullopt when n is not a slot of the sessions. Throws
/// std::invalid_argument when the session holding slot n has a start that is not a local time
/// (check_interviews reports it at config load).
std::optional<SlotTime> slot_time(const Interviews& interviews, int slot);

}  // namespace jury
