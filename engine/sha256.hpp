#pragma once
/// SHA-256 of a byte string, as lowercase hex: identifies imported files in the audit log.

#include <array>
#include <string>
#include <string_view>

namespace jury {

using Sha256 = std::array<unsigned char, 32>;

/// The digest itself: the per-row hashes of the state digest (SPEC §10) are summed, not printed.
Sha256 sha256(std::string_view bytes);
std::string sha256_hex(std::string_view bytes);
/// Lowercase hex of any bytes (a digest, a sum of digests).
std::string to_hex(const unsigned char* bytes, std::size_t size);

}  // namespace jury
