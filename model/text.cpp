#include "model/text.hpp"

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace jury {

namespace {

/// Decodes the code point at i (advancing i); returns -1 on malformed input.
UChar32 next_code_point(std::string_view s, std::size_t& i) {
  UChar32 c = 0;
  auto pos = static_cast<int32_t>(i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), pos, static_cast<int32_t>(s.size()), c);
  i = static_cast<std::size_t>(pos);
  return c;
}

bool is_space(UChar32 c) {
  return u_isUWhiteSpace(c) || c == 0xFEFF;
}

bool is_name_separator(UChar32 c) {
  return c == 0x3001 /*、*/ || c == ',' || c == 0xFF0C /*，*/ || c == ';' || c == 0xFF1B /*；*/ ||
         c == '/' || c == 0xFF0F /*／*/ || is_space(c);
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size())
    if (next_code_point(bytes, i) < 0) return false;
  return true;
}

std::string nfkc(std::string_view utf8) {
  if (!is_valid_utf8(utf8)) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return std::string(utf8);
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const icu::UnicodeString normal = normalizer->normalize(source, status);
  if (U_FAILURE(status)) return std::string(utf8);
  std::string out;
  normal.toUTF8String(out);
  return out;
}

std::string trim(std::string_view s) {
  std::size_t begin = 0;
  while (begin < s.size()) {
    std::size_t next = begin;
    const UChar32 c = next_code_point(s, next);
    if (c < 0 || !is_space(c)) break;
    begin = next;
  }
  std::size_t end = begin;
  std::size_t last_non_space = begin;
  while (end < s.size()) {
    const UChar32 c = next_code_point(s, end);
    if (c < 0 || !is_space(c)) last_non_space = end;
  }
  return std::string(s.substr(begin, last_non_space - begin));
}

std::string fold_key(std::string_view utf8) {
  const std::string normal = nfkc(utf8);
  std::string out;
  out.reserve(normal.size());
  std::size_t i = 0;
  while (i < normal.size()) {
    const std::size_t start = i;
    const UChar32 c = next_code_point(normal, i);
    if (c >= 0 && is_space(c)) continue;
    out.append(normal, start, i - start);
  }
  return out;
}

std::vector<std::string> split_names(std::string_view s) {
  std::vector<std::string> names;
  std::size_t i = 0;
  std::size_t start = 0;
  auto flush = [&](std::size_t end) {
    std::string name = trim(s.substr(start, end - start));
    if (!name.empty()) names.push_back(std::move(name));
  };
  while (i < s.size()) {
    const std::size_t here = i;
    const UChar32 c = next_code_point(s, i);
    if (c >= 0 && is_name_separator(c)) {
      flush(here);
      start = i;
    }
  }
  flush(s.size());
  return names;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

bool same_word(std::string_view a, std::string_view b) {
  std::string x = trim(nfkc(a));
  std::string y = trim(nfkc(b));
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const auto lower = [](char ch) {
      return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    };
    if (lower(x[i]) != lower(y[i])) return false;
  }
  return true;
}

namespace {

/// One code point (or broken sequence, c < 0) of `piece` as escape_control writes it.
std::string escaped(UChar32 c, std::string_view piece) {
  if (c == '\n') return "\\n";
  if (c == '\t') return "\\t";
  if (c == '\r') return "\\r";
  if (c >= 0 && c < 0x20) return fmt::format("\\x{:02x}", c);
  if (c == 0x7F) return "\\x7f";
  if (c >= 0x80 && c <= 0x9F) return fmt::format("\\u{:04x}", c);
  if (c >= 0) return std::string(piece);
  std::string bytes;
  for (const char byte : piece) bytes += fmt::format("\\x{:02x}", static_cast<unsigned char>(byte));
  return bytes;
}

}  // namespace

std::string escape_control(std::string_view utf8, bool keep_newlines) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t start = i;
    const UChar32 c = next_code_point(utf8, i);
    const std::string_view piece = utf8.substr(start, i - start);
    out += c == '\n' && keep_newlines ? std::string(piece) : escaped(c, piece);
  }
  return out;
}

}  // namespace jury
