#pragma once
/// Terminal and JSON views of `jury results`, `jury award` and `jury report` (SPEC §9, §12).
/// Presentation only: no decisions here.

#include <string>

#include "judging/reliability.hpp"
#include "model/model.hpp"

namespace jury {

std::string results_text(const Config& config, const Results& results);

std::string report_text(const Config& config, const ReliabilityReport& report);
std::string report_json(const ReliabilityReport& report);

}  // namespace jury
