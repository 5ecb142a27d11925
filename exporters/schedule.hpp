#pragma once
/// The interview timetable of a round (`jury export schedule FILE`, SPEC §13): CSV rows for the
/// office, and a printable page with one itinerary per judge and one timetable per entrant (the
/// entrants' pages name no judge).

#include <string>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// One scheduled interview: its slot (1-based) and who meets whom.
struct ScheduledPair {
  int slot = 0;
  const Judge* judge = nullptr;
  const Entry* entry = nullptr;
};

/// CSV `slot, start, end, judge_id, judge, entry_id, title, school`, ordered by slot, judge_id;
/// UTF-8 with BOM, CRLF, text cells neutralise_formula()'d. Slot times follow the sessions
/// (judging/session_times); throws std::out_of_range for a slot the sessions do not hold.
std::string schedule_csv(const Interviews& interviews, std::vector<ScheduledPair> pairs);

/// A self-contained printable page (inline CSS, no scripts, every text HTML-escaped): per judge
/// (judge_id order) an itinerary of slot, time, entry, title and school, several to a printed
/// page and none split where it fits on one; then, from a new page, per entrant (entry_id order)
/// its times, school and students, never a judge.
std::string schedule_html(const Config& config, const Round& round,
                          std::vector<ScheduledPair> pairs);

}  // namespace jury
