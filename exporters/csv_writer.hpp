#pragma once
/// RFC 4180 CSV output for score sheets and rosters (SPEC §5, §9).

#include <string>
#include <string_view>
#include <vector>

namespace jury {

/// RFC 4180 field: quoted when it contains , " CR LF (quotes doubled).
std::string csv_field(std::string_view text);

/// Spreadsheet formula injection (SPEC §9): text starting with = + - @ TAB or CR gets a leading
/// apostrophe, so Excel and LibreOffice show it as text instead of evaluating it.
std::string neutralise_formula(std::string_view text);

/// Whether a CSV document starts with the UTF-8 byte order mark (EF BB BF), which tells Excel the
/// encoding.
enum class Bom { None, Utf8 };

/// Builds a CSV document in memory; CRLF line ends (RFC 4180, what Excel writes).
class CsvWriter {
 public:
  explicit CsvWriter(Bom bom);

  /// Fields written as given (csv_field applied); the caller decides what to neutralise.
  void row(const std::vector<std::string>& fields);

  /// A line written verbatim (e.g. a `#` comment line of a score sheet). CR and LF inside are
  /// replaced by spaces so that it stays one line.
  void raw_line(std::string_view line);

  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

}  // namespace jury
