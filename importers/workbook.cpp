#include "importers/workbook.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <tuple>

#include "importers/table.hpp"
#include "importers/workbook_sheet.hpp"
#include "model/i18n.hpp"

namespace jury {

namespace workbook_detail {

std::string number_text(double value) {
  if (value == 0) return "0";  // also -0
  if (std::fabs(value) < 1e15 && value == std::trunc(value))
    return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{:.15g}", value);
}

std::optional<std::string> date_text(double serial, bool date1904, DateParts parts) {
  constexpr double kLastSerial = 2958466;  // 10000-01-01 in the 1900 system
  if (!(serial >= 0) || serial >= kLastSerial) return std::nullopt;
  using namespace std::chrono;
  // A date shows the day the serial falls in; a time is rounded to the second (23:59:59.6 is
  // the next day's 00:00:00 when the date is shown too).
  long long day = static_cast<long long>(std::floor(serial));
  long long second = 0;
  if (parts != DateParts::Date) {
    const long long total = std::llround(serial * 86400.0);
    day = parts == DateParts::DateTime ? total / 86400 : day;
    second = total % 86400;
  }
  std::string date;
  if (!date1904 && day == 60) {
    date = "1900-02-29";  // Excel counts 1900 as a leap year (Lotus 1-2-3's mistake)
  } else {
    const sys_days base = date1904   ? sys_days{year{1904} / January / 1}
                          : day < 60 ? sys_days{year{1899} / December / 31}
                                     : sys_days{year{1899} / December / 30};
    const year_month_day ymd{base + days{day}};
    date = fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  }
  const std::string time =
      fmt::format("{:02}:{:02}:{:02}", second / 3600, second / 60 % 60, second % 60);
  if (parts == DateParts::Date) return date;
  if (parts == DateParts::Time) return time;
  return date + " " + time;
}

bool workbook_error(Diagnostics& report, const std::string& file, const std::string& code,
                    const std::string& message) {
  report.error(file, 0, 0, code, message);
  return false;
}

namespace {

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return lower;
}

std::string sheet_list(const std::vector<std::string>& names) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + quoted(name);
  return list;
}

}  // namespace

std::optional<std::size_t> choose_sheet(const std::vector<std::string>& names,
                                        const std::string& wanted, const std::string& file,
                                        Diagnostics& report) {
  if (names.empty()) {
    workbook_error(report, file, "workbook.no-sheet", i18n::tr("the workbook has no worksheet"));
    return std::nullopt;
  }
  if (wanted.empty()) return 0;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == wanted) return i;
  for (std::size_t i = 0; i < names.size(); ++i)  // Excel's sheet names ignore case
    if (ascii_lower(names[i]) == ascii_lower(wanted)) return i;
  workbook_error(report, file, "workbook.unknown-sheet",
                 i18n::trf("no worksheet {} (--sheet); the workbook has {}", quoted(wanted),
                           sheet_list(names)));
  return std::nullopt;
}

}  // namespace workbook_detail

namespace {

using workbook_detail::CellKind;
using workbook_detail::SheetCell;
using workbook_detail::Worksheet;

bool cell_before(const SheetCell& a, const SheetCell& b) {
  return std::tie(a.row, a.column) < std::tie(b.row, b.column);
}

/// Sorted by (row, column), one cell per position (a repeated position keeps its first cell).
void sort_cells(std::vector<SheetCell>& cells) {
  std::stable_sort(cells.begin(), cells.end(), cell_before);
  cells.erase(std::unique(cells.begin(), cells.end(),
                          [](const SheetCell& a, const SheetCell& b) {
                            return a.row == b.row && a.column == b.column;
                          }),
              cells.end());
}

/// Offices merge a cell over the rows it applies to (one school for three entries): Excel shows
/// the value across the range, so every row of the range's first column reads it. A range over
/// several columns (a title) keeps its value in the first column only, so that no other column
/// gets a value its header does not describe.
void fill_merged_rows(Worksheet& sheet) {
  sort_cells(sheet.cells);
  std::vector<SheetCell> copies;
  for (const auto& range : sheet.merges) {
    if (range.last_row <= range.first_row) continue;
    const SheetCell key{range.first_row, range.first_column, CellKind::Text, {}};
    const auto found = std::lower_bound(sheet.cells.begin(), sheet.cells.end(), key, cell_before);
    if (found == sheet.cells.end() || found->row != key.row || found->column != key.column)
      continue;
    for (std::uint32_t row = range.first_row + 1; row <= range.last_row; ++row)
      copies.push_back({row, range.first_column, found->kind, found->text});
  }
  if (copies.empty()) return;
  sheet.cells.insert(sheet.cells.end(), copies.begin(), copies.end());
  sort_cells(sheet.cells);
}

/// One row of the sheet: its cells in column order.
struct SheetRow {
  std::uint32_t row = 0;
  std::vector<const SheetCell*> cells;
};

bool contains_colon(std::string_view text) {
  return text.find(':') != std::string_view::npos ||
         text.find("\xEF\xBC\x9A") != std::string_view::npos;  // ：
}

/// A note below the table, such as `填表日期：2021年5月20日`, `填表人：李芳` or `填表日期 |
/// 2021-05-20`: its first cell is a label ending in a colon, or it is just a text label and a
/// date. No entry, judge or score row looks like that (ids hold no colon, rows hold more cells).
bool is_note_row(const SheetRow& row) {
  if (contains_colon(row.cells.front()->text)) return true;
  return row.cells.size() == 2 && row.cells[0]->kind == CellKind::Text &&
         row.cells[1]->kind == CellKind::Date;
}

std::vector<SheetRow> non_blank_rows(const Worksheet& sheet, bool comment_lines) {
  std::vector<SheetRow> rows;
  for (const SheetCell& cell : sheet.cells) {
    if (is_blank(cell.text)) continue;
    if (rows.empty() || rows.back().row != cell.row) rows.push_back({cell.row, {}});
    rows.back().cells.push_back(&cell);
  }
  if (comment_lines)  // score sheets: a first cell starting with '#' is a comment line
    rows.erase(std::remove_if(rows.begin(), rows.end(),
                              [](const SheetRow& row) {
                                return row.cells.front()->column == 0 &&
                                       trim_text(row.cells.front()->text).starts_with('#');
                              }),
               rows.end());
  return rows;
}

void drop_note_rows(std::vector<SheetRow>& rows, const std::string& file, Diagnostics& report) {
  std::size_t kept = rows.size();
  while (kept > 1 && is_note_row(rows[kept - 1])) --kept;
  for (std::size_t r = kept; r < rows.size(); ++r) {
    std::string text;
    for (const SheetCell* cell : rows[r].cells) text += (text.empty() ? "" : " ") + cell->text;
    report.warning(file, static_cast<int>(rows[r].row + 1),
                   static_cast<int>(rows[r].cells.front()->column + 1), "table.note-row",
                   i18n::trf("row {} below the table is read as a note and skipped: {}",
                             rows[r].row + 1, quoted(text)));
  }
  rows.resize(kept);
}

CsvRow to_record(const SheetRow& row, std::size_t width) {
  CsvRow record;
  record.line = static_cast<int>(row.row + 1);
  record.fields.resize(width);
  record.field_lines.assign(width, record.line);
  for (const SheetCell* cell : row.cells) {
    record.fields[cell->column] = cell->text;
    if (cell->kind != CellKind::Number) continue;
    if (record.numeric.empty()) record.numeric.resize(width);
    record.numeric[cell->column] = true;
  }
  return record;
}

}  // namespace

WorkbookFormat workbook_format(std::string_view bytes) {
  if (bytes.starts_with(std::string_view("PK\x03\x04", 4))) return WorkbookFormat::Xlsx;
  if (bytes.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)))
    return WorkbookFormat::Xls;
  return WorkbookFormat::None;
}

std::optional<std::vector<CsvRow>> read_workbook(std::string_view bytes, WorkbookFormat format,
                                                 const std::string& file, const std::string& sheet,
                                                 Diagnostics& report, CommentLines comments) {
  Worksheet worksheet;
  const bool read = format == WorkbookFormat::Xls
                        ? workbook_detail::read_xls(bytes, file, sheet, worksheet, report)
                        : workbook_detail::read_xlsx(bytes, file, sheet, worksheet, report);
  if (!read) return std::nullopt;
  fill_merged_rows(worksheet);
  std::vector<SheetRow> rows = non_blank_rows(worksheet, comments == CommentLines::Skipped);
  drop_note_rows(rows, file, report);
  std::size_t width = 0;
  for (const SheetRow& row : rows)
    width = std::max<std::size_t>(width, row.cells.back()->column + 1);
  std::vector<CsvRow> records;
  records.reserve(rows.size());
  for (const SheetRow& row : rows) records.push_back(to_record(row, width));
  return records;
}

}  // namespace jury
