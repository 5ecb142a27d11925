#pragma once
/// Tables that an export writes as CSV or as an Excel workbook (rosters, certificates, statistics,
/// SPEC §9 and §16): one description of the cells, two writers, so that both formats show the same
/// rows and every text cell is neutralised against formulas in one place.

#include <string>
#include <string_view>
#include <vector>

namespace jury {

/// A cell: text (written as a string, never a formula), an integer, a published score (a number
/// shown with the book's decimals), or nothing.
struct TableCell {
  enum class Type { Empty, Text, Integer, Score } type = Type::Empty;
  std::string text;
  double number = 0;

  /// Empty text is an empty cell. The text is kept as given: the CSV and XLSX writers
  /// neutralise_formula() it (SPEC §9), the HTML writer escapes it.
  static TableCell of_text(std::string_view text);
  static TableCell of_integer(long long value);
  static TableCell of_score(double value);
  friend bool operator==(const TableCell&, const TableCell&) = default;
};

struct TableColumn {
  std::string header;
  double width = 10;  ///< in Excel character widths
};

struct TableSheet {
  std::string name;  ///< the worksheet's name (excel_sheet_name); unused by CSV
  std::vector<TableColumn> columns;
  std::vector<std::vector<TableCell>> rows;
};

struct TableBook {
  std::string title;       ///< document property
  int year = 0;            ///< the document date is 1 January of it (xlsx_document_time)
  int score_decimals = 2;  ///< how Score cells are shown
  std::vector<TableSheet> sheets;
};

/// UTF-8 with BOM, CRLF: the header row, then the rows; an integer as its digits, a score with
/// `score_decimals` decimals, an empty cell as an empty field.
std::string table_csv(const TableSheet& sheet, int score_decimals = 2);

/// An HTML `<table>` of the sheet (column widths in proportion to the Excel widths, header row in
/// `<thead>`), every text HTML-escaped and never neutralised (no spreadsheet reads it); integer
/// and score cells get class `num`.
std::string table_html(const TableSheet& sheet, int score_decimals = 2);

/// One worksheet per sheet: a bold header row (frozen, with an autofilter), the column widths,
/// strings as strings. Equal books give byte-identical files. Throws OutputFileError
/// (exporters/atomic_file.hpp) when the file cannot be written.
void write_table_xlsx(const std::string& path, const TableBook& book);

}  // namespace jury
