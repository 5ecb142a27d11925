#pragma once
/// Shared by the workbook tests: .xlsx files made with libxlsxwriter, as an office's Excel would
/// write them, and parts of a package rewritten with libzip (damaged, oversized, encrypted files).

#include <xlsxwriter.h>
#include <zip.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "importers/csv_reader.hpp"
#include "model/diagnostics.hpp"

namespace jury::test {

inline std::string read_binary(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_binary(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

/// A path for a scratch file, unique per call, removed by the caller.
inline std::filesystem::path scratch_path(const std::string& suffix) {
  std::string pattern = (std::filesystem::temp_directory_path() / "jury-wb-XXXXXX").string();
  const int fd = mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  std::filesystem::remove(pattern);
  return pattern + suffix;
}

/// A workbook being written with libxlsxwriter; bytes() closes it and returns the file.
/// `inline_strings`: libxlsxwriter's constant-memory mode, which writes every string inline
/// (`<c t="inlineStr">`) instead of into the shared string table; rows must then come in order.
class XlsxBuilder {
 public:
  explicit XlsxBuilder(bool inline_strings = false) : path_(scratch_path(".xlsx")) {
    lxw_workbook_options options{};
    options.constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE;
    workbook_ = workbook_new_opt(path_.c_str(), &options);
    if (!workbook_) throw std::runtime_error("workbook_new_opt failed");
  }
  XlsxBuilder(const XlsxBuilder&) = delete;
  XlsxBuilder& operator=(const XlsxBuilder&) = delete;
  ~XlsxBuilder() {
    if (workbook_) lxw_workbook_free(workbook_);
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }

  lxw_worksheet* sheet(const std::string& name) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook_, name.c_str());
    if (!sheet) throw std::runtime_error("cannot add sheet " + name);
    return sheet;
  }

  /// A cell format showing numbers with this format code (`yyyy-mm-dd`, `000`, …).
  lxw_format* number_format(const std::string& code) {
    lxw_format* format = workbook_add_format(workbook_);
    format_set_num_format(format, code.c_str());
    return format;
  }
  /// A cell format with a built-in number format (14 = the locale's short date).
  lxw_format* builtin_format(std::uint8_t index) {
    lxw_format* format = workbook_add_format(workbook_);
    format_set_num_format_index(format, index);
    return format;
  }

  static void text(lxw_worksheet* sheet, int row, int column, const std::string& value) {
    check(worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column),
                                 value.c_str(), nullptr));
  }
  static void number(lxw_worksheet* sheet, int row, int column, double value,
                     lxw_format* format = nullptr) {
    check(worksheet_write_number(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column),
                                 value, format));
  }
  static void date(lxw_worksheet* sheet, int row, int column, lxw_datetime value,
                   lxw_format* format) {
    check(worksheet_write_datetime(sheet, static_cast<lxw_row_t>(row),
                                   static_cast<lxw_col_t>(column), &value, format));
  }
  /// Text cells across a row, from `column` on; "" leaves a cell empty.
  static void row(lxw_worksheet* sheet, int row, const std::vector<std::string>& cells,
                  int column = 0) {
    for (std::size_t c = 0; c < cells.size(); ++c)
      if (!cells[c].empty()) text(sheet, row, column + static_cast<int>(c), cells[c]);
  }
  static void merge(lxw_worksheet* sheet, int first_row, int first_column, int last_row,
                    int last_column, const std::string& value) {
    check(worksheet_merge_range(sheet, static_cast<lxw_row_t>(first_row),
                                static_cast<lxw_col_t>(first_column),
                                static_cast<lxw_row_t>(last_row),
                                static_cast<lxw_col_t>(last_column), value.c_str(), nullptr));
  }

  std::string bytes() {
    lxw_workbook* workbook = workbook_;
    workbook_ = nullptr;
    check(workbook_close(workbook));
    return read_binary(path_);
  }

 private:
  static void check(lxw_error error) {
    if (error != LXW_NO_ERROR) throw std::runtime_error(lxw_strerror(error));
  }

  std::string path_;
  lxw_workbook* workbook_ = nullptr;
};

/// How an office keeps a table in Excel (报名汇总表): a title row merged across the table, the
/// header with Chinese labels, the columns in `numbers` typed as numbers (max_load 30, not "30"),
/// a blank row after every `blank_every` rows, and a 填表日期 note with a date cell at the bottom.
struct OfficeStyle {
  std::string title;
  std::map<std::string, std::string> labels;  ///< header cell → what the office writes instead
  std::set<std::string> numbers;              ///< header cells of number columns
  int blank_every = 0;
  bool date_note = true;
};

/// The CSV's rows as such a sheet; returns the number of the last row written (1-based).
inline int write_office_sheet(XlsxBuilder& book, lxw_worksheet* sheet, const std::string& csv,
                              const OfficeStyle& style) {
  Diagnostics report;
  const std::vector<CsvRow> rows = read_csv(csv, "table.csv", report);
  if (rows.empty() || report.has_errors()) throw std::runtime_error("bad CSV");
  const std::vector<std::string>& header = rows.front().fields;
  int row = 0;
  if (!style.title.empty())
    XlsxBuilder::merge(sheet, row++, 0, 0, static_cast<int>(header.size()) - 1, style.title);
  std::vector<bool> numeric;
  for (std::size_t c = 0; c < header.size(); ++c) {
    std::string name = header[c];
    if (!name.empty() && name.rfind("\xEF\xBB\xBF", 0) == 0) name.erase(0, 3);  // the BOM
    numeric.push_back(style.numbers.count(name) > 0);
    const auto label = style.labels.find(name);
    XlsxBuilder::text(sheet, row, static_cast<int>(c),
                      label == style.labels.end() ? name : label->second);
  }
  ++row;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].fields.size(); ++c) {
      const std::string& value = rows[r].fields[c];
      if (value.empty()) continue;
      char* end = nullptr;
      const double number = std::strtod(value.c_str(), &end);
      if (numeric[c] && end && *end == '\0')
        XlsxBuilder::number(sheet, row, static_cast<int>(c), number);
      else
        XlsxBuilder::text(sheet, row, static_cast<int>(c), value);
    }
    ++row;
    if (style.blank_every > 0 && r % static_cast<std::size_t>(style.blank_every) == 0) ++row;
  }
  if (style.date_note) {
    ++row;
    XlsxBuilder::text(sheet, row, 0, "填表日期");
    XlsxBuilder::date(sheet, row, 1, {2021, 5, 20, 0, 0, 0}, book.number_format("yyyy-mm-dd"));
  }
  return row + 1;
}

/// The sample competition's entries or judges ("entries", "judges") as an office's workbook:
/// merged title row, Chinese headers, max_load typed as numbers, a blank row every 50 rows and a
/// 填表日期 note at the bottom. The .xls fixtures of the sample are this workbook saved as .xls.
inline std::string jingzhou_workbook(const std::string& which) {
  const std::string csv =
      read_binary(std::string(JURY_FIXTURES_DIR) + "/jingzhou-2021/" + which + ".csv");
  OfficeStyle style;
  style.blank_every = 50;
  if (which == "entries") {
    style.title = "第36届荆州市青少年科技创新大赛参赛作品汇总表";
    style.labels = {{"entry_id", "作品编号"}, {"kind", "类别"},      {"group", "组别"},
                    {"subject", "学科"},      {"title", "作品名称"}, {"school", "学校"},
                    {"district", "县市区"},   {"students", "学生"},  {"advisors", "指导教师"}};
  } else {
    style.title = "第36届荆州市青少年科技创新大赛评委名单";
    style.labels = {{"judge_id", "评委编号"},    {"name", "姓名"},
                    {"affiliation", "工作单位"}, {"district", "县市区"},
                    {"expertise", "专业领域"},   {"kinds", "可评类别"},
                    {"max_load", "最大评审量"},  {"conflicts", "回避"}};
    style.numbers = {"max_load"};
  }
  XlsxBuilder book;
  write_office_sheet(book, book.sheet(which == "entries" ? "报名表" : "评委"), csv, style);
  return book.bytes();
}

/// One part of a ZIP package.
inline std::string read_part(const std::string& package, const std::string& part) {
  const auto path = scratch_path(".zip");
  write_binary(path, package);
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (!zip) throw std::runtime_error("zip_open failed");
  std::string content;
  if (zip_file_t* file = zip_fopen(zip, part.c_str(), 0)) {
    char buffer[65536];
    for (zip_int64_t n; (n = zip_fread(file, buffer, sizeof buffer)) > 0;)
      content.append(buffer, static_cast<std::size_t>(n));
    zip_fclose(file);
  }
  zip_discard(zip);
  std::filesystem::remove(path);
  return content;
}

/// The package with `part` replaced (or added), deflated at `level`, optionally AES-encrypted.
inline std::string replace_part(const std::string& package, const std::string& part,
                                const std::string& content, const char* password = nullptr) {
  const auto path = scratch_path(".zip");
  write_binary(path, package);
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), 0, &error);
  if (!zip) throw std::runtime_error("zip_open failed");
  zip_source_t* source = zip_source_buffer(zip, content.data(), content.size(), 0);
  const zip_int64_t index = zip_file_add(zip, part.c_str(), source, ZIP_FL_OVERWRITE);
  if (index < 0) throw std::runtime_error("zip_file_add failed");
  zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 9);
  if (password &&
      zip_file_set_encryption(zip, static_cast<zip_uint64_t>(index), ZIP_EM_AES_256, password) != 0)
    throw std::runtime_error("zip_file_set_encryption failed");
  if (zip_close(zip) != 0) throw std::runtime_error("zip_close failed");
  std::string bytes = read_binary(path);
  std::filesystem::remove(path);
  return bytes;
}

}  // namespace jury::test
