#include "exporters/table.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "exporters/atomic_file.hpp"
#include "exporters/csv_writer.hpp"
#include "exporters/roster.hpp"
#include "exporters/roster_rows.hpp"

namespace jury {

TableCell TableCell::of_text(std::string_view text) {
  if (text.empty()) return {};
  return {Type::Text, std::string(text), 0};
}

TableCell TableCell::of_integer(long long value) {
  return {Type::Integer, "", static_cast<double>(value)};
}

TableCell TableCell::of_score(double value) {
  return {Type::Score, "", value};
}

std::string table_csv(const TableSheet& sheet, int score_decimals) {
  CsvWriter csv(Bom::Utf8);
  std::vector<std::string> header;
  for (const TableColumn& column : sheet.columns)
    header.push_back(neutralise_formula(column.header));
  csv.row(header);
  for (const auto& row : sheet.rows) {
    std::vector<std::string> fields;
    for (const TableCell& cell : row) switch (cell.type) {
        case TableCell::Type::Empty:
          fields.emplace_back();
          break;
        case TableCell::Type::Text:
          fields.push_back(neutralise_formula(cell.text));
          break;
        case TableCell::Type::Integer:
          fields.push_back(std::to_string(static_cast<long long>(cell.number)));
          break;
        case TableCell::Type::Score:
          fields.push_back(roster_detail::format_fixed(cell.number, score_decimals));
          break;
      }
    csv.row(fields);
  }
  return csv.text();
}

std::string table_html(const TableSheet& sheet, int score_decimals) {
  double total_width = 0;
  for (const TableColumn& column : sheet.columns) total_width += column.width;
  std::string html = "<table>\n<colgroup>";
  for (const TableColumn& column : sheet.columns)  // the Excel widths as shares of the page
    html += fmt::format("<col style=\"width:{:.1f}%\">", 100 * column.width / total_width);
  html += "</colgroup>\n<thead><tr>";
  for (const TableColumn& column : sheet.columns)
    html += "<th>" + html_escape(column.header) + "</th>";
  html += "</tr></thead>\n<tbody>\n";
  for (const auto& row : sheet.rows) {
    html += "<tr>";
    for (const TableCell& cell : row) switch (cell.type) {
        case TableCell::Type::Empty:
          html += "<td></td>";
          break;
        case TableCell::Type::Text:
          html += "<td>" + html_escape(cell.text) + "</td>";
          break;
        case TableCell::Type::Integer:
          html +=
              "<td class=\"num\">" + std::to_string(static_cast<long long>(cell.number)) + "</td>";
          break;
        case TableCell::Type::Score:
          html += "<td class=\"num\">" + roster_detail::format_fixed(cell.number, score_decimals) +
                  "</td>";
          break;
      }
    html += "</tr>\n";
  }
  return html + "</tbody>\n</table>\n";
}

namespace {

/// libxlsxwriter says what failed; errno, when set, says why (e.g. "No space left on device").
void check(lxw_error error, const std::string& path) {
  if (error == LXW_NO_ERROR) return;
  std::string reason = lxw_strerror(error);
  if (errno != 0) reason += std::string(" (") + std::strerror(errno) + ")";
  throw OutputFileError(path, reason);
}

class XlsxBook {
 public:
  XlsxBook(const std::string& path, const TableBook& book)
      : path_(path), book_(book), workbook_(workbook_new(path.c_str())) {
    if (!workbook_) throw OutputFileError(path, "libxlsxwriter cannot create the workbook");
    header_ = workbook_add_format(workbook_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xEEEEEE);
    score_ = workbook_add_format(workbook_);
    const int decimals = std::clamp(book.score_decimals, 0, 15);
    score_format_ =
        decimals == 0 ? "0" : "0." + std::string(static_cast<std::size_t>(decimals), '0');
    format_set_num_format(score_, score_format_.c_str());
  }
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;
  ~XlsxBook() {
    // Only reached after an exception: free without writing a partial file.
    if (workbook_) lxw_workbook_free(workbook_);
  }

  void write() {
    lxw_doc_properties properties{};
    std::string title = book_.title;  // libxlsxwriter takes char*
    properties.title = title.data();
    properties.created = xlsx_document_time(book_.year);
    check(workbook_set_properties(workbook_, &properties), path_);
    for (const TableSheet& sheet : book_.sheets) write_sheet(sheet);
    lxw_workbook* workbook = workbook_;
    workbook_ = nullptr;
    errno = 0;
    check(workbook_close(workbook), path_);
  }

 private:
  void write_sheet(const TableSheet& table) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook_, table.name.c_str());
    if (!sheet) throw std::runtime_error("exporters.xlsx: bad sheet name " + table.name);
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      check(worksheet_set_column(sheet, col, col, table.columns[c].width, nullptr), path_);
      check(worksheet_write_string(sheet, 0, col, table.columns[c].header.c_str(), header_), path_);
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r)
      for (std::size_t c = 0; c < table.rows[r].size(); ++c)
        write_cell(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                   table.rows[r][c]);
    worksheet_freeze_panes(sheet, 1, 0);
    if (table.columns.empty()) return;
    check(worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                               static_cast<lxw_col_t>(table.columns.size() - 1)),
          path_);
  }

  void write_cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const TableCell& cell) {
    switch (cell.type) {
      case TableCell::Type::Empty:
        return;
      case TableCell::Type::Text:
        check(
            worksheet_write_string(sheet, row, col, neutralise_formula(cell.text).c_str(), nullptr),
            path_);
        return;
      case TableCell::Type::Integer:
        check(worksheet_write_number(sheet, row, col, cell.number, nullptr), path_);
        return;
      case TableCell::Type::Score:
        check(worksheet_write_number(sheet, row, col, cell.number, score_), path_);
        return;
    }
  }

  std::string path_;
  const TableBook& book_;
  lxw_workbook* workbook_;
  lxw_format* header_ = nullptr;
  lxw_format* score_ = nullptr;
  std::string score_format_;
};

}  // namespace

void write_table_xlsx(const std::string& path, const TableBook& book) {
  XlsxBook(path, book).write();
}

}  // namespace jury
