#include "exporters/sheets_xlsx.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "exporters/csv_writer.hpp"
#include "exporters/roster.hpp"
#include "exporters/roster_rows.hpp"
#include "model/diagnostics.hpp"

namespace jury {

using roster_detail::format_plain;

std::string score_validation_formula(const std::string& cell, double max, double step) {
  std::string formula = fmt::format("AND(ISNUMBER({0}),{0}>=0,{0}<={1}", cell, format_plain(max));
  if (step > 0) {
    const std::string steps = fmt::format("{}/{}", cell, format_plain(step));
    formula += fmt::format(",ABS({0}-ROUND({0},0))<=1E-12*MAX(1,{0})", steps);
  }
  return formula + ")";
}

namespace {

namespace fs = std::filesystem;

/// At most `limit` code points of UTF-8 text (Excel's validation titles hold 32, messages 255).
std::string prefix_code_points(std::string_view text, std::size_t limit) {
  std::size_t end = 0;
  for (std::size_t points = 0; end < text.size() && points < limit; ++points) {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  }
  return std::string(text.substr(0, end));
}

/// A folder of its own under the system's temporary folder, removed with what is in it.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string pattern = (fs::temp_directory_path() / "jury-sheets-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      throw std::runtime_error("exporters.xlsx: cannot make a temporary folder for the sheets");
    path_ = pattern;
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  ~TemporaryFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in.eof() && in.fail())
    throw std::runtime_error("exporters.xlsx: cannot read back " + path.string());
  return bytes;
}

void check(lxw_error error, const std::string& what) {
  if (error != LXW_NO_ERROR)
    throw std::runtime_error("exporters.xlsx: " + what + ": " + lxw_strerror(error));
}

/// The header of each criterion: its name (criterion_names) and maximum, `创新性（满分 40）`.
std::vector<std::string> criterion_headers(const Rubric& rubric) {
  std::vector<std::string> headers = criterion_names(rubric);
  for (std::size_t c = 0; c < headers.size(); ++c)
    headers[c] = fmt::format("{}（满分 {}）", headers[c], format_plain(rubric.criteria[c].max));
  return headers;
}

const std::string* judge_name(const std::vector<Judge>& judges, const std::string& id) {
  for (const Judge& judge : judges)
    if (judge.id == id) return &judge.name;
  return nullptr;
}

/// Rows and columns of the sheet (0-based, as libxlsxwriter counts).
constexpr lxw_row_t kTitleRow = 0;
constexpr lxw_row_t kHeaderRow = 1;
constexpr lxw_row_t kFirstRow = 2;
constexpr lxw_col_t kFirstCriterion = 3;

/// Writes one sheet's workbook to a path.
class SheetWorkbook {
 public:
  SheetWorkbook(const std::string& path, const Config& config)
      : path_(path), config_(config), workbook_(workbook_new(path.c_str())) {
    if (!workbook_) throw std::runtime_error("exporters.xlsx: cannot create " + path);
    title_ = format({.bold = true, .size = 14, .wrap = false, .locked = true, .header = false});
    header_ = format({.bold = true, .size = 11, .wrap = true, .locked = true, .header = true});
    locked_ = format({.bold = false, .size = 11, .wrap = false, .locked = true, .header = false});
    input_ = format({.bold = false, .size = 11, .wrap = false, .locked = false, .header = false});
  }
  SheetWorkbook(const SheetWorkbook&) = delete;
  SheetWorkbook& operator=(const SheetWorkbook&) = delete;
  ~SheetWorkbook() {
    if (workbook_) lxw_workbook_free(workbook_);  // only after an exception: nothing is written
  }

  void write(const SheetContent& sheet, const std::string* judge) {
    const Kind* kind = config_.find_kind(sheet.kind);
    const std::string kind_label = kind && !kind->label.empty() ? kind->label : sheet.kind;
    set_properties(sheet, kind_label);
    lxw_worksheet* worksheet =
        workbook_add_worksheet(workbook_, excel_sheet_name(kind_label, sheet.kind, {}).c_str());
    if (!worksheet) throw std::runtime_error("exporters.xlsx: cannot add a worksheet");
    const Rubric& rubric = *sheet.rubric;
    const auto last_column = static_cast<lxw_col_t>(kFirstCriterion + rubric.criteria.size() + 1);
    write_title(worksheet, sheet, judge, kind_label, last_column);
    write_header(worksheet, rubric);
    for (std::size_t r = 0; r < sheet.lines.size(); ++r)
      write_line(worksheet, kFirstRow + static_cast<lxw_row_t>(r), sheet, sheet.lines[r]);
    const auto last_row = static_cast<lxw_row_t>(kFirstRow + sheet.lines.size() - 1);
    for (std::size_t c = 0; c < rubric.criteria.size(); ++c)
      validate_scores(worksheet, static_cast<lxw_col_t>(kFirstCriterion + c), last_row, rubric,
                      rubric.criteria[c]);
    validate_recuse(worksheet, last_column, last_row);
    worksheet_freeze_panes(worksheet, kFirstRow, kFirstCriterion);
    worksheet_set_landscape(worksheet);  // printed, the sheet is one page wide
    worksheet_fit_to_pages(worksheet, 1, 0);
    worksheet_repeat_rows(worksheet, kTitleRow, kHeaderRow);
    lxw_protection protection{};
    protection.format_columns = 1;  // a judge may widen a column
    protection.format_rows = 1;
    worksheet_protect(worksheet, nullptr, &protection);
    lxw_workbook* workbook = workbook_;
    workbook_ = nullptr;
    check(workbook_close(workbook), "cannot write " + path_);
  }

 private:
  struct Style {
    bool bold;
    double size;
    bool wrap;
    bool locked;
    bool header;
  };

  lxw_format* format(const Style& style) {
    lxw_format* f = workbook_add_format(workbook_);
    if (style.bold) format_set_bold(f);
    format_set_font_size(f, style.size);
    if (style.wrap) format_set_text_wrap(f);
    if (!style.locked) format_set_unlocked(f);
    if (style.header) {
      format_set_bg_color(f, 0xEEEEEE);
      format_set_align(f, LXW_ALIGN_CENTER);
      format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    }
    if (!style.locked || style.header) format_set_border(f, LXW_BORDER_THIN);
    return f;
  }

  void set_properties(const SheetContent& sheet, const std::string& kind_label) {
    document_title_ =
        fmt::format("{} 评分表 {} {}", config_.competition_name, sheet.judge_id, kind_label);
    lxw_doc_properties properties{};
    properties.title = document_title_.data();
    properties.created = xlsx_document_time(config_.year);
    check(workbook_set_properties(workbook_, &properties), "cannot set properties");
  }

  void write_title(lxw_worksheet* worksheet, const SheetContent& sheet, const std::string* judge,
                   const std::string& kind_label, lxw_col_t last_column) {
    const std::string judge_text =
        judge && !judge->empty() ? sheet.judge_id + " " + *judge : sheet.judge_id;
    const std::string title = neutralise_formula(
        fmt::format("{} 评分表　评委 {}　{}　评分步长 {}", config_.competition_name, judge_text,
                    kind_label, format_plain(sheet.rubric->step)));
    check(worksheet_set_row(worksheet, kTitleRow, 24, nullptr), "title row");
    check(worksheet_merge_range(worksheet, kTitleRow, 0, kTitleRow, last_column, title.c_str(),
                                title_),
          "title");
  }

  void write_header(lxw_worksheet* worksheet, const Rubric& rubric) {
    std::vector<std::string> header{"评委编号", "作品编号", "作品名称"};
    for (std::string& name : criterion_headers(rubric)) header.push_back(std::move(name));
    header.push_back("评语");
    header.push_back("回避");
    check(worksheet_set_row(worksheet, kHeaderRow, 32, nullptr), "header row");
    for (std::size_t c = 0; c < header.size(); ++c) {
      const auto column = static_cast<lxw_col_t>(c);
      const bool comment = c == header.size() - 2;
      const double width = c == kFirstCriterion - 1 ? 40 : comment ? 30 : 14;
      check(worksheet_set_column(worksheet, column, column, width, nullptr), "column width");
      check(worksheet_write_string(worksheet, kHeaderRow, column, header[c].c_str(), header_),
            "header");
    }
  }

  void write_line(lxw_worksheet* worksheet, lxw_row_t row, const SheetContent& sheet,
                  const SheetContent::Line& line) {
    const std::vector<std::string> cells = sheet_cells(sheet, line);
    const std::size_t criteria = sheet.rubric->criteria.size();
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const auto column = static_cast<lxw_col_t>(c);
      const bool criterion = c >= kFirstCriterion && c < kFirstCriterion + criteria;
      lxw_format* style = c < kFirstCriterion ? locked_ : input_;
      if (criterion && line.filled && line.filled->values.size() > c - kFirstCriterion &&
          line.filled->values[c - kFirstCriterion]) {
        check(worksheet_write_number(worksheet, row, column,
                                     *line.filled->values[c - kFirstCriterion], style),
              "score");
      } else if (!cells[c].empty()) {
        check(worksheet_write_string(worksheet, row, column, cells[c].c_str(), style), "cell");
      } else {
        check(worksheet_write_blank(worksheet, row, column, style), "cell");
      }
    }
  }

  void validate_scores(lxw_worksheet* worksheet, lxw_col_t column, lxw_row_t last_row,
                       const Rubric& rubric, const Criterion& criterion) {
    const std::string cell = fmt::format("{}{}", column_letters(column + 1), kFirstRow + 1);
    const std::string formula = score_validation_formula(cell, criterion.max, rubric.step);
    const std::string max = format_plain(criterion.max);
    const std::string step = format_plain(rubric.step);
    const std::string name = criterion.label.empty() ? criterion.id : criterion.label;
    const std::string input_title = prefix_code_points(name, 32);
    const std::string input_message =
        prefix_code_points(fmt::format("请填 0 到 {} 分，步长 {}；未评的留空。", max, step), 255);
    const std::string error_message = prefix_code_points(
        fmt::format("{}的分数须是 0 到 {} 之间的数字，且为 {} 的整数倍（不要写“分”字）。", name,
                    max, step),
        255);
    lxw_data_validation validation{};
    validation.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
    validation.value_formula = const_cast<char*>(formula.c_str());
    validation.ignore_blank = LXW_VALIDATION_ON;
    validation.show_input = LXW_VALIDATION_ON;
    validation.input_title = const_cast<char*>(input_title.c_str());
    validation.input_message = const_cast<char*>(input_message.c_str());
    validation.show_error = LXW_VALIDATION_ON;
    validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    validation.error_title = const_cast<char*>("分数无效");
    validation.error_message = const_cast<char*>(error_message.c_str());
    check(worksheet_data_validation_range(worksheet, kFirstRow, column, last_row, column,
                                          &validation),
          "score validation");
  }

  void validate_recuse(lxw_worksheet* worksheet, lxw_col_t column, lxw_row_t last_row) {
    const char* choices[] = {"是", "否", nullptr};
    lxw_data_validation validation{};
    validation.validate = LXW_VALIDATION_TYPE_LIST;
    validation.value_list = const_cast<char**>(choices);
    validation.ignore_blank = LXW_VALIDATION_ON;
    validation.show_input = LXW_VALIDATION_ON;
    validation.input_title = const_cast<char*>("回避");
    validation.input_message =
        const_cast<char*>("与该作品有利害关系须回避时填“是”，并且不要打分；否则留空。");
    validation.show_error = LXW_VALIDATION_ON;
    validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    validation.error_title = const_cast<char*>("回避栏无效");
    validation.error_message = const_cast<char*>("回避栏只能填“是”“否”或留空。");
    check(worksheet_data_validation_range(worksheet, kFirstRow, column, last_row, column,
                                          &validation),
          "recuse validation");
  }

  std::string path_;
  const Config& config_;
  lxw_workbook* workbook_;
  lxw_format* title_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* locked_ = nullptr;
  lxw_format* input_ = nullptr;
  std::string document_title_;
};

}  // namespace

std::vector<SheetFile> score_sheets_xlsx(const Config& config, const std::vector<Entry>& entries,
                                         const std::vector<Judge>& judges,
                                         const std::vector<Assignment>& assignments,
                                         const std::vector<ScoreRow>* filled,
                                         const SheetRound& round) {
  const std::vector<SheetContent> contents =
      score_sheet_contents(config, entries, assignments, filled, round);
  const std::vector<std::string> names = sheet_file_names(contents, ".xlsx", round.suffix);
  // libxlsxwriter writes files only: each workbook is made in a private folder and read back.
  const TemporaryFolder folder;
  std::vector<SheetFile> sheets;
  for (std::size_t s = 0; s < contents.size(); ++s) {
    const fs::path path = folder.path() / fmt::format("{}.xlsx", s);
    SheetWorkbook(path.string(), config)
        .write(contents[s], judge_name(judges, contents[s].judge_id));
    sheets.push_back({names[s], contents[s].judge_id, contents[s].kind, read_bytes(path)});
    fs::remove(path);
  }
  return sheets;
}

}  // namespace jury
