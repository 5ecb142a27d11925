#pragma once
/// Terminal and JSON views of `jury audit` and `jury audit --verify` (SPEC §10).

#include <string>
#include <vector>

#include "model/audit.hpp"

namespace jury {

std::string audit_text(const std::vector<AuditRecord>& records);
std::string audit_json(const std::vector<AuditRecord>& records);
/// `jury audit --verify` (SPEC §10): one line per finding, or that all is as jury left it.
std::string verify_text(const TamperReport& report);
std::string verify_json(const TamperReport& report);

}  // namespace jury
