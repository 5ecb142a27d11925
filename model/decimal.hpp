#pragma once
/// Exact decimal arithmetic for the numbers people write in config files and score sheets
/// (0.57, 40.5, 0.1): binary doubles cannot hold them, so rules that must be exact — a share
/// quota floor(0.57 · 100) = 57 (SPEC §8), a score or maximum that is a multiple of the rubric
/// step (SPEC §2, §6) — are decided on the decimal as written.

#include <cstdint>
#include <optional>
#include <string_view>

namespace jury {

/// A decimal fraction held exactly: value = numerator / denominator (denominator a power of 10).
/// Equality compares the representation: 1/2 and 5/10 differ.
struct Decimal {
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;
  friend bool operator==(const Decimal&, const Decimal&) = default;
};

/// Reads `[-]digits[.digits][e[+|-]digits]` (digits may be missing on one side of the point)
/// as an exact Decimal; nullopt for any other text and when it needs more than 18 digits.
std::optional<Decimal> parse_decimal(std::string_view text);

/// The decimal a person wrote, exactly: the double's shortest round-trip text (0.57, not
/// 0.56999999999999995) read as a Decimal, so 0.57 → 57/100 with no binary rounding. nullopt
/// when that text needs more than 18 digits (or for NaN and infinities).
std::optional<Decimal> exact_decimal(double value);

/// Whether `value` is a whole multiple of `step` (> 0), decided on the decimals as written: 40.5
/// is a multiple of 0.5 and 0.3 of 0.1, which binary division gets wrong either way. The one
/// step rule of the project (config maxima and imported scores). Values with more than 18
/// digits fall back to a relative tolerance of 1e-9 on the quotient.
bool is_multiple_of_step(double value, double step);

}  // namespace jury
