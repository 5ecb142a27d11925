#pragma once
/// Text and JSON views of `jury status`.

#include <string>

#include "engine/competition.hpp"

namespace jury {

std::string status_text(const Config& config, const Status& status);
std::string status_json(const Status& status);

}  // namespace jury
