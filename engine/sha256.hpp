#pragma once
/// SHA-256 of a byte string, as lowercase hex: identifies imported files in the audit log.

#include <string>
#include <string_view>

namespace jury {

std::string sha256_hex(std::string_view bytes);

}  // namespace jury
