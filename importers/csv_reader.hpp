#pragma once
/// An RFC 4180 CSV reader over decoded UTF-8 text (SPEC §10).

#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostics.hpp"

namespace jury {

struct CsvRow {
  int line = 0;  ///< physical line where the record starts
  std::vector<std::string> fields;
  std::vector<int> field_lines;  ///< field_lines[i] = physical line where field i starts
  /// Workbooks only (SPEC §15): numeric[i] = field i was a number cell, which loses an id's
  /// leading zeros (7 for 007). Empty for CSV and for rows without number cells.
  std::vector<bool> numeric;
};

/// Lines whose first field starts with `#`: data like any other (entries, judges), or comments
/// that are skipped (score sheets).
enum class CommentLines { Data, Skipped };

/// Splits text into records: quotes, doubled quotes, separators and newlines inside quotes,
/// CRLF/LF/CR, a final line without newline. Forgiving where no data is lost: spaces before an
/// opening quote or after a closing quote are dropped; a newline inside quotes is kept as LF.
/// Errors (unterminated quote, stray quote inside an unquoted field, text after a closing quote)
/// go to report with file:line:column (column = 1-based field index); the record is still
/// returned with the quote taken literally, and an unterminated quote ends at the end of its line
/// so that the rest of the file is still read.
/// CommentLines::Skipped: a line starting with '#' is skipped unparsed, and so is a record whose
/// first field starts with '#' (score sheets). Blank records (every field empty or whitespace, e.g.
/// Excel's ",,,,") are skipped but count lines.
/// separator: ',' for CSV, '\t' for the tab-separated text Excel writes as "Unicode text"
/// (UTF-16); a tab is then a separator, never padding around a quoted field.
std::vector<CsvRow> read_csv(std::string_view utf8, const std::string& file, Diagnostics& report,
                             CommentLines comments = CommentLines::Data, char separator = ',');

/// The separator of a file: '\t' when tabs outside quoted fields outnumber commas (Excel's
/// "Unicode text" export is tab-separated UTF-16), else ','.
char detect_separator(std::string_view utf8);

}  // namespace jury
