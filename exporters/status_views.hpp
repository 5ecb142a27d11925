#pragma once
/// Text and JSON views of `jury status` (SPEC §9), used by the CLI and the demo.

#include <string>

#include "model/model.hpp"
#include "model/status.hpp"

namespace jury {

std::string status_text(const Config& config, const Status& status);
std::string status_json(const Status& status);

}  // namespace jury
