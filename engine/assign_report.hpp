#pragma once
/// What `jury assign` and `jury rejudge` say about an assignment outcome (SPEC §5, §14): the
/// objective, as the §5 optimum plus the cost of connecting the pools when `assign` connected
/// them, and the pools that were split. In the interface language; the audit takes them in
/// English (i18n::in_english).

#include <string>
#include <vector>

#include "judging/assignment.hpp"
#include "model/model.hpp"

namespace jury {

/// SPEC §14: `assign` connects the pools when `judging.connect` is on and the round aggregates
/// by `severity` (the only method that compares entries through their shared judges).
bool connects_pools(const Config& round_config);

/// `27247`, or `27267 (§5 optimum 27247 + 20 for connecting the pools)` when pools were split.
std::string objective_text(const AssignmentOutcome& outcome);

/// One line per pool that was split: its components before and after, and the exchanges made;
/// then a warning line for every pool left split.
std::vector<std::string> connecting_lines(const AssignmentOutcome& outcome);

/// For the audit record: every exchange of judges, one per line (each line starts with "\n").
std::string exchanges_audit(const AssignmentOutcome& outcome);

}  // namespace jury
