#pragma once
/// Shared by the tests of the office tables (SPEC §16): CSV and XLSX read back by the importers'
/// readers, an independent path from the writers.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "importers/csv_reader.hpp"
#include "importers/workbook.hpp"
#include "temp_dir.hpp"

namespace jury::test {

using Rows = std::vector<std::vector<std::string>>;

/// The records of a CSV document (BOM dropped), as the importers read them.
inline Rows csv_rows(const std::string& csv) {
  const std::string bom = "\xEF\xBB\xBF";
  REQUIRE(csv.starts_with(bom));
  Diagnostics report;
  Rows rows;
  for (const CsvRow& row : read_csv(csv.substr(bom.size()), "test.csv", report))
    rows.push_back(row.fields);
  REQUIRE_FALSE(report.has_errors());
  return rows;
}

/// The rows of one worksheet of an .xlsx file, cells as Excel shows them.
inline Rows xlsx_rows(const std::filesystem::path& path, const std::string& sheet) {
  Diagnostics report;
  const auto rows = read_workbook(read_bytes(path), WorkbookFormat::Xlsx, path.string(), sheet,
                                  report, CommentLines::Data);
  REQUIRE(rows);
  Rows cells;
  for (const CsvRow& row : *rows) cells.push_back(row.fields);
  return cells;
}

}  // namespace jury::test
