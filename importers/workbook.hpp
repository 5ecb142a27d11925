#pragma once
/// Excel workbooks as input files (SPEC §15): `.xlsx` (an OOXML package, read with libzip and
/// expat) and legacy `.xls` (BIFF in an OLE2 compound file, read with FreeXL). A worksheet becomes
/// the same records of cell text the CSV reader gives, so every importer rule and diagnostic
/// applies unchanged; diagnostics then name cells as `FILE[SHEET]!D17` (Diagnostics::set_sheet).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "importers/csv_reader.hpp"
#include "model/diagnostics.hpp"

namespace jury {

enum class WorkbookFormat { None, Xlsx, Xls };

/// Told by content, whatever the file is called: a ZIP package (`PK\3\4`) is read as `.xlsx`, an
/// OLE2 compound file (`D0 CF 11 E0 A1 B1 1A E1`) as `.xls` (an encrypted `.xlsx` is one too, and
/// is refused as encrypted). Anything else is None: a text file.
WorkbookFormat workbook_format(std::string_view bytes);

/// The first worksheet in tab order, or the one named `sheet` (exact name; else ASCII
/// case-insensitive), as records. A record's line is the sheet's row number and its fields are
/// the columns from A on, every row as wide as the sheet, so the importers' line and column are
/// the cell. A cell reads as Excel shows it: text as typed (leading zeros kept), whole numbers
/// without `.0`, other numbers to 15 significant digits, dates `YYYY-MM-DD` (date-times
/// `YYYY-MM-DD HH:MM:SS`, times `HH:MM:SS`), booleans TRUE/FALSE, formulas by their stored result.
/// Number cells are flagged in CsvRow::numeric. A merged range spanning several rows reads its
/// value in every row of its first column (xlsx; FreeXL does not report merges of .xls files).
/// Blank rows are skipped, so are rows whose first cell starts with `#` when comments are skipped,
/// and note rows at the bottom of the sheet (a first cell such as `填表日期：…` or `填表人：…`, or
/// only a text label and a date) with a warning.
/// A damaged, encrypted or over-large workbook (a ZIP part inflating past 256 MiB, all parts past
/// 1 GiB, or a part past 1 MiB inflating more than 100 times) is one whole-file error, nullopt.
std::optional<std::vector<CsvRow>> read_workbook(std::string_view bytes, WorkbookFormat format,
                                                 const std::string& file, const std::string& sheet,
                                                 Diagnostics& report, CommentLines comments);

}  // namespace jury
