#pragma once
/// The competition config file (SPEC §2): JSON text → a validated Config, and back.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "model/diagnostics.hpp"
#include "model/model.hpp"

namespace jury {

/// Parses and validates a competition config. Every problem found is an error in `report`
/// (file = `file`, line 0 unless a real line is known — JSON syntax errors carry line:column —,
/// code "config.*", message starting with the JSON path of the problem, e.g.
/// `$.awards.student.tiers[1]: tier has both "count" and "share"; give one`).
/// All problems are collected, not just the first. Returns nullopt when there is any error.
std::optional<Config> parse_config(std::string_view json_text, const std::string& file,
                                   Diagnostics& report);

/// The effective config with every default filled in (for `jury config show` and for storing in
/// the database); parse_config(config_to_json(c).dump()) reproduces c exactly. Key order as in
/// SPEC §2 and the sample competition.json.
nlohmann::ordered_json config_to_json(const Config& config);

}  // namespace jury
