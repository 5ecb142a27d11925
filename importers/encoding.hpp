#pragma once
/// Text encodings of input files (SPEC §10): detection, decoding to UTF-8, encoding for exports.

#include <optional>
#include <string>
#include <string_view>

#include "model/diagnostics.hpp"

namespace jury {

enum class Encoding { Auto, Utf8, Gb18030, Utf16 };

/// "auto", "utf-8"/"utf8", "gb18030"/"gbk"/"gb2312", "utf-16"/"utf16"/"utf-16le", case-insensitive.
std::optional<Encoding> parse_encoding(std::string_view name);
/// "auto", "utf-8", "gb18030", "utf-16".
std::string to_string(Encoding);

struct DecodedText {
  std::string utf8;
  Encoding encoding;  ///< the encoding actually used (never Auto)
};

/// Auto: BOM (UTF-8 / UTF-16LE / UTF-16BE) → that; else valid UTF-8 → UTF-8; else GB18030 via
/// iconv. Forced: decode as told (a BOM of that encoding is stripped). Bytes that are not text in
/// the encoding (also NUL and other control characters but tab, LF, CR and form feed) → nullopt
/// and an error naming the line/column (1-based character) of the first bad byte and the
/// encodings allowed. UTF-16 without BOM when forced: little endian. Strips the BOM from the
/// result. Never throws on bad input.
std::optional<DecodedText> decode_text(std::string_view bytes, Encoding encoding,
                                       const std::string& file, Diagnostics& report);

/// For exports: UTF-8 → target. Utf8 and Auto return the input; Gb18030 via iconv; Utf16 gives
/// UTF-16LE. No BOM is ever added (prepend U+FEFF to the text to get one in any encoding).
/// Throws std::runtime_error on text the target cannot encode (or on invalid UTF-8 input).
std::string encode_text(std::string_view utf8, Encoding target);

}  // namespace jury
