#include "model/score_values.hpp"

#include <fmt/format.h>

#include <charconv>
#include <iterator>

namespace jury {

void encode_score_values_into(const std::vector<std::optional<double>>& values, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ';';
    if (values[i]) fmt::format_to(std::back_inserter(out), "{}", *values[i]);
  }
}

std::string encode_score_values(const std::vector<std::optional<double>>& values) {
  std::string out;
  encode_score_values_into(values, out);
  return out;
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
