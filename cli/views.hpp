#pragma once
/// Terminal and JSON views of what the facade returns. Presentation only: no decisions here.

#include <string>
#include <vector>

#include "engine/competition.hpp"
#include "engine/store.hpp"
#include "model/diagnostics.hpp"

namespace jury::cli {

/// `--json` diagnostics: [{"file","line","column","severity","code","message"}…].
std::string diagnostics_json(const Report& report);

std::string results_text(const Config& config, const Results& results);

std::string report_text(const Config& config, const ReliabilityReport& report);
std::string report_json(const ReliabilityReport& report);

std::string audit_text(const std::vector<AuditRecord>& records);
std::string audit_json(const std::vector<AuditRecord>& records);
/// `jury audit --verify` (SPEC §10): one line per finding, or that all is as jury left it.
std::string verify_text(const TamperReport& report);
std::string verify_json(const TamperReport& report);

}  // namespace jury::cli
