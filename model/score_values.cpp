#include "model/score_values.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <iterator>
#include <utility>

namespace jury {

namespace {

/// fmt's "{}" of the value (the shortest decimal that reads back the same), with whole numbers,
/// most scores, written as integers without the shortest-decimal search: the same text.
void append_value(std::string& out, double value) {
  constexpr double kWholeLimit = 1e15;  // fmt writes whole numbers below 1e16 without exponent
  const bool whole = value >= 0 && value < kWholeLimit && value == std::floor(value) &&
                     !(value == 0 && std::signbit(value));
  if (!whole) {
    fmt::format_to(std::back_inserter(out), "{}", value);
    return;
  }
  std::array<char, 20> digits{};
  const std::to_chars_result written =
      std::to_chars(digits.data(), digits.data() + digits.size(), static_cast<long long>(value));
  out.append(digits.data(), written.ptr);
}

}  // namespace

std::string encode_score_values(const std::vector<std::optional<double>>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ';';
    if (values[i]) append_value(out, *values[i]);
  }
  return out;
}

EncodedScoreRow encode_score_row(ScoreRow row) {
  return {std::move(row.judge_id), std::move(row.entry_id), encode_score_values(row.values),
          std::move(row.comment)};
}

namespace {

/// One stored value: from_chars (no substring, no locale) on what encode_score_values wrote;
/// anything else goes through std::stod exactly as before.
double decode_score_value(std::string_view cell) {
  double value = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (ec == std::errc() && end == cell.data() + cell.size()) return value;
  return std::stod(std::string(cell));
}

}  // namespace

void decode_score_values_into(std::string_view text, std::vector<std::optional<double>>& values) {
  values.clear();
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(';', start);
    const std::string_view cell =
        text.substr(start, end == std::string_view::npos ? end : end - start);
    values.push_back(cell.empty() ? std::nullopt : std::optional<double>(decode_score_value(cell)));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
}

std::vector<std::optional<double>> decode_score_values(const std::string& text) {
  std::vector<std::optional<double>> values;
  decode_score_values_into(text, values);
  return values;
}

}  // namespace jury
