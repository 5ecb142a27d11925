#pragma once
/// Score values as stored and as the audit log quotes them: "30;25.5;;10" (empty = not scored
/// yet), shortest round-trip decimals.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jury {

std::string encode_score_values(const std::vector<std::optional<double>>& values);
std::vector<std::optional<double>> decode_score_values(const std::string& text);

/// The same into buffers the caller reuses (one per import or load, not one per row).
void encode_score_values_into(const std::vector<std::optional<double>>& values, std::string& out);
void decode_score_values_into(std::string_view text, std::vector<std::optional<double>>& values);

}  // namespace jury
