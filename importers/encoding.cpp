#include "importers/encoding.hpp"

#include <errno.h>
#include <fmt/format.h>
#include <iconv.h>
#include <unicode/utf8.h>

#include <stdexcept>

#include "model/i18n.hpp"
#include "model/text.hpp"

namespace jury {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";
constexpr std::string_view kGb18030Bom = "\x84\x31\x95\x33";

constexpr const char* kAllowed = i18n::N_(
    "input files must be UTF-8, GB18030 or UTF-16 (with a byte order mark); name the encoding "
    "with --encoding utf-8|gb18030|utf-16");

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// Result of an iconv conversion: the converted prefix and, on failure, the input offset of the
/// first byte that could not be converted.
struct Converted {
  std::string out;
  std::optional<std::size_t> bad_offset;
};

class IconvHandle {
 public:
  IconvHandle(const char* to, const char* from) : cd_(iconv_open(to, from)) {
    // iconv_open reports failure as (iconv_t)-1.
    if (cd_ == reinterpret_cast<iconv_t>(-1))  // NOLINT(performance-no-int-to-ptr)
      throw std::runtime_error(fmt::format("iconv cannot convert {} to {}", from, to));
  }
  ~IconvHandle() { iconv_close(cd_); }
  IconvHandle(const IconvHandle&) = delete;
  IconvHandle& operator=(const IconvHandle&) = delete;
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

Converted convert(std::string_view in, const char* from, const char* to) {
  IconvHandle cd(to, from);
  Converted result;
  result.out.resize(in.size() * 2 + 16);
  char* in_ptr = const_cast<char*>(in.data());
  std::size_t in_left = in.size();
  std::size_t out_used = 0;
  while (in_left > 0) {
    char* out_ptr = result.out.data() + out_used;
    std::size_t out_left = result.out.size() - out_used;
    const std::size_t r = iconv(cd.get(), &in_ptr, &in_left, &out_ptr, &out_left);
    out_used = result.out.size() - out_left;
    if (r != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      result.out.resize(result.out.size() * 2);
      continue;
    }
    result.bad_offset = in.size() - in_left;  // EILSEQ or EINVAL (truncated sequence)
    break;
  }
  result.out.resize(out_used);
  return result;
}

/// Line and 1-based character column just after the given UTF-8 text (CRLF, LF or CR end lines).
std::pair<int, int> position_after(std::string_view utf8) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte == '\n' || (byte == '\r' && (i + 1 == utf8.size() || utf8[i + 1] != '\n'))) {
      ++line;
      column = 1;
    } else if (byte != '\r' && (byte & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

struct Utf8Scan {
  std::optional<std::size_t> first_bad;
  std::size_t invalid = 0;
  std::size_t multibyte = 0;  ///< well-formed non-ASCII characters
};

Utf8Scan scan_utf8(std::string_view s) {
  Utf8Scan scan;
  const auto* data = reinterpret_cast<const uint8_t*>(s.data());
  const auto size = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < size) {
    if (data[i] < 0x80) {
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(data, i, size, c);
    if (c < 0) {
      if (!scan.first_bad) scan.first_bad = static_cast<std::size_t>(start);
      ++scan.invalid;
    } else {
      ++scan.multibyte;
    }
  }
  return scan;
}

/// A file that is overwhelmingly UTF-8 with a few broken bytes is a damaged UTF-8 file, not
/// GB18030: decoding it as GB18030 would silently turn every name into mojibake.
bool damaged_utf8(const Utf8Scan& scan) {
  return scan.multibyte >= 10 && scan.multibyte >= 10 * scan.invalid;
}

/// ASCII text saved as UTF-16 without a byte order mark: NUL in every other byte.
bool looks_like_bomless_utf16(std::string_view s) {
  if (s.size() < 4) return false;
  std::size_t even_nul = 0, odd_nul = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\0') ++((i % 2 == 0) ? even_nul : odd_nul);
  const std::size_t half = s.size() / 2;
  return even_nul * 10 >= half * 7 || odd_nul * 10 >= half * 7;
}

void report_bad_byte(std::string_view bytes, std::size_t offset, std::string_view decoded_prefix,
                     const std::string& what, const std::string& file, Diagnostics& report) {
  const auto [line, column] = position_after(decoded_prefix);
  const auto byte = static_cast<unsigned char>(bytes[offset]);
  report.error(file, line, column, "encoding.invalid",
               i18n::trf("byte 0x{:02X} is not valid {}; {}", byte, i18n::tr(what.c_str()),
                         i18n::tr(kAllowed)));
}

/// Controls other than tab, LF, CR and form feed mean binary data, never a CSV file.
bool check_text_characters(std::string_view utf8, const std::string& file, Diagnostics& report) {
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r' && byte != '\f') ||
        byte == 0x7F) {
      const auto [line, column] = position_after(utf8.substr(0, i));
      report.error(file, line, column, "encoding.binary",
                   i18n::trf("control character U+{:04X} is not text (a binary file?); {}",
                             static_cast<unsigned>(byte), i18n::tr(kAllowed)));
      return false;
    }
  }
  return true;
}

std::optional<std::string> decode_utf8(std::string_view bytes, const std::string& file,
                                       Diagnostics& report,
                                       const char* what = i18n::N_("UTF-8 text")) {
  const Utf8Scan scan = scan_utf8(bytes);
  if (scan.first_bad) {
    report_bad_byte(bytes, *scan.first_bad, bytes.substr(0, *scan.first_bad), what, file, report);
    return std::nullopt;
  }
  return std::string(bytes);
}

std::optional<std::string> decode_with_iconv(std::string_view bytes, const char* from,
                                             const std::string& what, const std::string& file,
                                             Diagnostics& report) {
  Converted converted = convert(bytes, from, "UTF-8");
  if (converted.bad_offset) {
    report_bad_byte(bytes, *converted.bad_offset, converted.out, what, file, report);
    return std::nullopt;
  }
  return std::move(converted.out);
}

std::optional<DecodedText> decode_utf16(std::string_view bytes, const std::string& file,
                                        Diagnostics& report) {
  const char* order = "UTF-16LE";
  const char* what = i18n::N_("UTF-16LE text");
  if (bytes.starts_with(kUtf16LeBom)) {
    bytes.remove_prefix(2);
  } else if (bytes.starts_with(kUtf16BeBom)) {
    bytes.remove_prefix(2);
    order = "UTF-16BE";
    what = i18n::N_("UTF-16BE text");
  }
  auto text = decode_with_iconv(bytes, order, what, file, report);
  if (!text) return std::nullopt;
  return DecodedText{std::move(*text), Encoding::Utf16};
}

std::optional<DecodedText> decode_auto(std::string_view bytes, const std::string& file,
                                       Diagnostics& report) {
  if (bytes.starts_with(kUtf8Bom)) {
    auto text = decode_utf8(bytes.substr(kUtf8Bom.size()), file, report);
    if (!text) return std::nullopt;
    return DecodedText{std::move(*text), Encoding::Utf8};
  }
  if (bytes.starts_with(kUtf16LeBom) || bytes.starts_with(kUtf16BeBom))
    return decode_utf16(bytes, file, report);
  const Utf8Scan scan = scan_utf8(bytes);
  if (!scan.first_bad) return DecodedText{std::string(bytes), Encoding::Utf8};
  if (damaged_utf8(scan)) {
    report_bad_byte(bytes, *scan.first_bad, bytes.substr(0, *scan.first_bad),
                    i18n::N_("UTF-8 text (the rest of the file is UTF-8)"), file, report);
    return std::nullopt;
  }
  if (bytes.starts_with(kGb18030Bom)) bytes.remove_prefix(kGb18030Bom.size());
  auto text = decode_with_iconv(bytes, "GB18030", i18n::N_("UTF-8 or GB18030 text"), file, report);
  if (!text) return std::nullopt;
  return DecodedText{std::move(*text), Encoding::Gb18030};
}

/// The magic numbers of spreadsheet workbooks: ZIP (.xlsx, WPS .et/.xlsx) and OLE2 (.xls, .et).
bool is_workbook(std::string_view bytes) {
  return bytes.starts_with("PK\x03\x04") || bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
}

}  // namespace

std::optional<Encoding> parse_encoding(std::string_view name) {
  const std::string key = lower_ascii(trim(name));
  if (key == "auto") return Encoding::Auto;
  if (key == "utf-8" || key == "utf8") return Encoding::Utf8;
  if (key == "gb18030" || key == "gbk" || key == "gb2312") return Encoding::Gb18030;
  if (key == "utf-16" || key == "utf16" || key == "utf-16le" || key == "utf16le")
    return Encoding::Utf16;
  return std::nullopt;
}

std::string to_string(Encoding encoding) {
  switch (encoding) {
    case Encoding::Auto:
      return "auto";
    case Encoding::Utf8:
      return "utf-8";
    case Encoding::Gb18030:
      return "gb18030";
    case Encoding::Utf16:
      return "utf-16";
  }
  return "?";
}

std::optional<DecodedText> decode_text(std::string_view bytes, Encoding encoding,
                                       const std::string& file, Diagnostics& report) {
  if (is_workbook(bytes)) {
    report.error(file, 1, 1, "encoding.workbook",
                 i18n::tr("the file is a spreadsheet workbook (.xlsx/.xls), not CSV text; in Excel "
                          "or WPS save it with 另存为 (Save As) → CSV"));
    return std::nullopt;
  }
  if (encoding == Encoding::Auto && looks_like_bomless_utf16(bytes) &&
      !bytes.starts_with(kUtf16LeBom) && !bytes.starts_with(kUtf16BeBom)) {
    report.error(file, 1, 1, "encoding.utf16-without-bom",
                 i18n::tr("the file looks like UTF-16 without a byte order mark; name the "
                          "encoding with --encoding utf-16"));
    return std::nullopt;
  }
  std::optional<DecodedText> decoded;
  switch (encoding) {
    case Encoding::Auto:
      decoded = decode_auto(bytes, file, report);
      break;
    case Encoding::Utf8: {
      if (bytes.starts_with(kUtf8Bom)) bytes.remove_prefix(kUtf8Bom.size());
      auto text = decode_utf8(bytes, file, report);
      if (text) decoded = DecodedText{std::move(*text), Encoding::Utf8};
      break;
    }
    case Encoding::Gb18030: {
      if (bytes.starts_with(kGb18030Bom)) bytes.remove_prefix(kGb18030Bom.size());
      auto text = decode_with_iconv(bytes, "GB18030", "GB18030 text", file, report);
      if (text) decoded = DecodedText{std::move(*text), Encoding::Gb18030};
      break;
    }
    case Encoding::Utf16:
      decoded = decode_utf16(bytes, file, report);
      break;
  }
  if (!decoded || !check_text_characters(decoded->utf8, file, report)) return std::nullopt;
  return decoded;
}

std::string encode_text(std::string_view utf8, Encoding target) {
  if (target == Encoding::Utf8 || target == Encoding::Auto) return std::string(utf8);
  const char* to = target == Encoding::Gb18030 ? "GB18030" : "UTF-16LE";
  Converted converted = convert(utf8, "UTF-8", to);
  if (converted.bad_offset)
    throw std::runtime_error(
        fmt::format("cannot encode the text as {}: the character at byte {} has no {} form",
                    to_string(target), *converted.bad_offset, to_string(target)));
  return std::move(converted.out);
}

}  // namespace jury
