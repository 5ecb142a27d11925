#pragma once
/// `--json` diagnostics of an import or a config (SPEC §10).

#include <string>

#include "model/diagnostics.hpp"

namespace jury {

/// [{"file","line","column","severity","code","message"}…]; a workbook's adds "sheet" and "cell".
std::string diagnostics_json(const Diagnostics& report);

}  // namespace jury
