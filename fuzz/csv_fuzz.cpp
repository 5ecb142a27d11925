/// The CSV reader (SPEC §10) on any UTF-8-ish text: every field of every record is read, with the
/// separator detected as `jury import` does, with and without score-sheet comment lines.

#include <cstdint>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "importers/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = jury::fuzz::as_text(data, size);
  const char separator = jury::detect_separator(text);
  for (const jury::CommentLines comments :
       {jury::CommentLines::Data, jury::CommentLines::Skipped}) {
    jury::Diagnostics report;
    const auto rows = jury::read_csv(text, "fuzz.csv", report, comments, separator);
    int previous_line = 0;
    for (const auto& row : rows) {
      // Records come in file order, each field's line at or after its record's.
      if (row.line < previous_line || row.fields.size() != row.field_lines.size()) std::abort();
      for (const int line : row.field_lines)
        if (line < row.line) std::abort();
      previous_line = row.line;
    }
  }
  return 0;
}
