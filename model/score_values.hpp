#pragma once
/// Score values as stored and as the audit log quotes them: "30;25.5;;10" (empty = not scored
/// yet), shortest round-trip decimals.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace jury {

std::string encode_score_values(const std::vector<std::optional<double>>& values);
std::vector<std::optional<double>> decode_score_values(const std::string& text);

/// The same into a buffer the caller reuses (one per load, not one per row).
void decode_score_values_into(std::string_view text, std::vector<std::optional<double>>& values);

/// A score row as the store writes it, its values encoded: whoever plans the write encodes
/// (import scores: the thread that reads the sheets), the thread that writes only binds.
struct EncodedScoreRow {
  std::string judge_id;
  std::string entry_id;
  std::string vals;  ///< encode_score_values
  std::string comment;
};
EncodedScoreRow encode_score_row(ScoreRow row);

}  // namespace jury
