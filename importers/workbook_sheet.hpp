#pragma once
/// Internal to the workbook readers: the worksheet both formats are read into, and what the
/// `.xlsx` and `.xls` readers share (cell text as Excel shows it, choosing the sheet).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostics.hpp"

namespace jury::workbook_detail {

enum class CellKind : std::uint8_t { Text, Number, Date };

/// One non-empty cell; row and column are 0-based.
struct SheetCell {
  std::uint32_t row = 0;
  std::uint32_t column = 0;
  CellKind kind = CellKind::Text;
  std::string text;  ///< as Excel shows it
};

/// A range of merged cells, 0-based and inclusive.
struct MergedRange {
  std::uint32_t first_row = 0, first_column = 0, last_row = 0, last_column = 0;
};

struct Worksheet {
  std::string name;
  std::vector<SheetCell> cells;  ///< in any order
  std::vector<MergedRange> merges;
};

/// Excel's limits: 1,048,576 rows and 16,384 columns (XFD).
constexpr std::uint32_t kMaxRows = 1048576;
constexpr std::uint32_t kMaxColumns = 16384;

/// A number as Excel's General format shows it: whole numbers below 10^15 as integers (7, not
/// 7.0), others to 15 significant digits (0.1 + 0.2 → 0.3).
std::string number_text(double value);

enum class DateParts { Date, Time, DateTime };

/// An Excel date serial as `YYYY-MM-DD`, `HH:MM:SS` or `YYYY-MM-DD HH:MM:SS` (seconds rounded);
/// serial 60 of the 1900 system is Excel's 1900-02-29. nullopt for serials no date shows
/// (negative, or past 9999-12-31).
std::optional<std::string> date_text(double serial, bool date1904, DateParts parts);

/// The worksheet to read among `names` (tab order): `wanted`, or the first when it is empty.
/// No such sheet, or none at all → error listing the sheets; nullopt.
std::optional<std::size_t> choose_sheet(const std::vector<std::string>& names,
                                        const std::string& wanted, const std::string& file,
                                        Diagnostics& report);

/// One whole-file error about a workbook that cannot be read; always returns false.
bool workbook_error(Diagnostics& report, const std::string& file, const std::string& code,
                    const std::string& message);

/// `.xlsx` (libzip + expat) and `.xls` (FreeXL) into `sheet`; false after reporting why not.
bool read_xlsx(std::string_view bytes, const std::string& file, const std::string& wanted,
               Worksheet& sheet, Diagnostics& report);
bool read_xls(std::string_view bytes, const std::string& file, const std::string& wanted,
              Worksheet& sheet, Diagnostics& report);

}  // namespace jury::workbook_detail
