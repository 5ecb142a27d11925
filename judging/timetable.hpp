#pragma once
/// The interview timetable (SPEC §13): in each slot a judge interviews one entrant and an entrant
/// meets one judge, so slots are the colours of a proper edge colouring of the round's bipartite
/// judge–entrant graph. König's theorem: Δ colours suffice (Δ = the largest number of interviews
/// of one judge or one entrant), and fewer cannot. Pure; the engine stores the slots and maps them
/// to clock times (judging/session_times.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// Δ: the largest number of interviews of one judge or one entrant (0 for no interviews).
int interview_degree(const std::vector<Assignment>& interviews);

/// SPEC §13 `jury schedule`: slots[k] ∈ 1..Δ for interviews[k], no judge and no entrant twice in
/// one slot, every one of the Δ slots used. Alternating-path (Kempe chain) edge colouring: each
/// interview takes the lowest slot free for both its judge and its entrant; when there is none, an
/// alternating path of two slots is swapped to free one (bipartite, so the path never returns to
/// the other end). Interviews are coloured in (judge_id, entry_id) order shuffled by `seed`, so the
/// same pairs and seed give the same slots whatever the input order. Time O(E·(Δ + path length)),
/// memory 4·V·Δ bytes (V judges + entrants): the engine checks colouring_shortfall first, so Δ is
/// at most the sessions' slots. Throws std::invalid_argument on a pair listed twice.
std::vector<int> colour_interviews(const std::vector<Assignment>& interviews, std::uint64_t seed);

/// An interview with its slot (1-based).
struct ScheduledInterview {
  Assignment pair;
  int slot = 0;
};

/// SPEC §13 `assign` after `schedule`: the kept interviews keep their slots; each added pair, in
/// (judge_id, entry_id) order, goes into the earliest slot free for both its judge and its entrant
/// (slots taken by pairs placed before it included), which is after the last slot in use only when
/// no earlier slot is free for both. Returns the slots of `added`, in its order. Throws
/// std::invalid_argument when kept interviews clash, a slot is < 1, or a pair is listed twice.
std::vector<int> place_new_interviews(const std::vector<ScheduledInterview>& kept,
                                      const std::vector<Assignment>& added);

/// A judge or entrant and its number of interviews in the round.
struct InterviewCount {
  std::string id;
  int interviews = 0;
};

/// "More slots needed than the sessions hold" (SPEC §13, exit 4).
struct SlotShortfall {
  int slots_needed = 0;
  int slots_available = 0;
  std::vector<InterviewCount> judges;    ///< by judge_id
  std::vector<InterviewCount> entrants;  ///< by entry_id
};

/// Before `schedule`: Δ slots are needed; when Δ > capacity, the judges and entrants with more
/// interviews than the sessions' slots.
std::optional<SlotShortfall> colouring_shortfall(const std::vector<Assignment>& interviews,
                                                 int capacity);

/// After place_new_interviews (`slots[k]` of interviews[k], kept and added together): the last
/// slot used is needed; when it exceeds capacity, the judges and entrants with more interviews than
/// the sessions' slots, or, when nobody has that many (the kept slots left no common free slot),
/// those with an interview after the last slot of the sessions.
std::optional<SlotShortfall> placement_shortfall(const std::vector<Assignment>& interviews,
                                                 const std::vector<int>& slots, int capacity);

}  // namespace jury
