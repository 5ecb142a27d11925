#include "model/decimal.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>

namespace jury {

namespace {

/// The exponent part after `e`/`E`: its value, and false when it is malformed or beyond ±40
/// (no 18-digit decimal needs more).
bool read_exponent(std::string_view text, std::size_t& i, int& exponent) {
  const bool negative = i < text.size() && text[i] == '-';
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  int magnitude = 0;
  const auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), magnitude);
  if (ec != std::errc() || magnitude > 40) return false;
  i = static_cast<std::size_t>(end - text.data());
  exponent += negative ? -magnitude : magnitude;
  return true;
}

}  // namespace

std::optional<Decimal> parse_decimal(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;
  int exponent = 0;  // value = numerator · 10^exponent / denominator
  bool any_digit = false;
  bool in_fraction = false;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !in_fraction) {
      in_fraction = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    any_digit = true;
    if (__builtin_mul_overflow(numerator, 10, &numerator) ||
        __builtin_add_overflow(numerator, c - '0', &numerator))
      return std::nullopt;
    if (in_fraction) --exponent;
  }
  if (!any_digit) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E') && !read_exponent(text, ++i, exponent))
    return std::nullopt;
  if (i != text.size()) return std::nullopt;
  for (; exponent > 0; --exponent)
    if (__builtin_mul_overflow(numerator, 10, &numerator)) return std::nullopt;
  for (; exponent < 0; ++exponent)
    if (__builtin_mul_overflow(denominator, 10, &denominator)) return std::nullopt;
  return Decimal{negative ? -numerator : numerator, denominator};
}

std::optional<Decimal> exact_decimal(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  char buffer[64];
  const auto [end, ec] = std::to_chars(std::begin(buffer), std::end(buffer), value);
  if (ec != std::errc()) return std::nullopt;
  return parse_decimal(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
}

bool is_multiple_of_step(double value, double step) {
  const auto v = exact_decimal(value);
  const auto s = exact_decimal(step);
  if (v && s) {
    // v.n / v.d = m · s.n / s.d  ⇔  v.n · s.d is divisible by s.n · v.d
    std::int64_t scaled_value = 0;
    std::int64_t scaled_step = 0;
    if (!__builtin_mul_overflow(v->numerator, s->denominator, &scaled_value) &&
        !__builtin_mul_overflow(s->numerator, v->denominator, &scaled_step) && scaled_step != 0)
      return scaled_value % scaled_step == 0;
  }
  const double quotient = value / step;
  return std::abs(quotient - std::round(quotient)) <= 1e-9 * std::max(1.0, std::abs(quotient));
}

}  // namespace jury
