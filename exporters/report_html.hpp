#pragma once
/// `jury report --html FILE` (SPEC §9 report, §14): the committee's report on how far one round's
/// judging can be trusted, as a self-contained printable A4 page in Chinese — inline CSS and
/// inline SVG charts (exporters/svg_chart.hpp), no scripts, no external resources, every text
/// HTML-escaped, no clock: equal inputs give byte-identical pages. It is internal (judge ids
/// appear) and says so at the top.

#include <cstddef>
#include <string>
#include <vector>

#include "judging/reliability.hpp"
#include "model/model.hpp"

namespace jury {

/// What the page shows, all of one round.
struct CommitteeReport {
  const Config& config;               ///< as the round reads it (Config::for_round)
  const std::vector<Entry>& entries;  ///< titles of the close entries
  const ReliabilityReport& report;    ///< build_reliability_report of the round
  const Results& results;             ///< the round's results: its `close` flags and outcomes
  std::size_t round = 0;              ///< index into config.rounds
};

/// Five sections: (1) per pool the score distribution (five numbers, ICC, a histogram of the
/// rounded scores); (2) per kind the judges' severities ± SE (always of the severity model, as
/// `jury report` shows them, with a note when the competition ranks by another method) as a dot
/// chart and a table; (3) per pool the components of the judge–entry graph, their sizes, and a
/// warning when there are several; (4) per pool the `close` entries with score, nearest
/// boundary, SE and outcome; (5) per kind, for every registered method, the ranked entries per
/// tier and how many entries' tiers differ from the configured method's, then those entries.
std::string report_html(const CommitteeReport& input);

}  // namespace jury
