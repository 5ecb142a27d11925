#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <memory>
#include <stdexcept>

#include <xlsxwriter.h>

#include "exporters/atomic_file.hpp"
#include "exporters/csv_writer.hpp"
#include "exporters/roster.hpp"
#include "exporters/roster_rows.hpp"

namespace jury {

namespace {

/// Code points of a UTF-8 string, each with its byte length and its UTF-16 length (Excel's
/// 31-character limit counts UTF-16 units).
struct CodePoint {
  std::string_view bytes;
  int utf16_units = 1;
};

std::vector<CodePoint> code_points(std::string_view text) {
  std::vector<CodePoint> points;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    length = std::min(length, text.size() - i);
    points.push_back({text.substr(i, length), length == 4 ? 2 : 1});
    i += length;
  }
  return points;
}

/// The longest prefix of `text` with at most `units` UTF-16 units, cut between code points.
std::string utf16_prefix(std::string_view text, int units) {
  std::string prefix;
  for (const CodePoint& point : code_points(text)) {
    if (units < point.utf16_units) break;
    units -= point.utf16_units;
    prefix += point.bytes;
  }
  return prefix;
}

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return lower;
}

bool is_taken(const std::string& name, const std::vector<std::string>& taken) {
  for (const std::string& other : taken)
    if (ascii_lower(other) == ascii_lower(name)) return true;
  return false;
}

}  // namespace

std::string excel_sheet_name(std::string_view label, std::string_view fallback,
                             const std::vector<std::string>& taken) {
  constexpr int kMaxUnits = 31;
  std::string cleaned;
  for (const char c : label)
    cleaned += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  while (!cleaned.empty() && cleaned.front() == '\'') cleaned.erase(0, 1);
  std::string base = utf16_prefix(cleaned, kMaxUnits);
  while (!base.empty() && base.back() == '\'') base.pop_back();
  if (base.empty()) base = fallback.empty() ? std::string("Sheet") : std::string(fallback);
  std::string name = utf16_prefix(base, kMaxUnits);
  for (int n = 2; is_taken(name, taken); ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    name = utf16_prefix(base, kMaxUnits - static_cast<int>(suffix.size())) + suffix;
  }
  return name;
}

std::time_t xlsx_document_time(int year) {
  if (year <= 1970 || year > 9999) return 1;
  const std::chrono::sys_days day{std::chrono::year{year} / std::chrono::January / 1};
  return static_cast<std::time_t>(day.time_since_epoch().count()) * 24 * 60 * 60;
}

namespace {

using roster_detail::RosterRow;

struct Column {
  const char* header;
  double width;
};

std::vector<Column> columns(bool is_public, bool staged) {
  std::vector<Column> all{{"作品编号", 13}, {"类别", 16},     {"组别", 8},
                          {"学科", 14},     {"作品名称", 40}, {"学校", 26},
                          {"县市区", 10},   {"学生", 20},     {"指导教师", 16}};
  if (!is_public) all.insert(all.end(), {{"评分数", 7}, {"得分", 9}});
  all.insert(all.end(), {{"名次", 6}, {"奖项", 9}});
  if (!is_public) all.push_back({"标记", 16});
  if (staged) all.insert(all.end(), {{"评审阶段", 14}, {"推荐", 22}});  // SPEC §12
  return all;
}

/// A cell value: text (written as a string, never a formula), a number, or nothing.
struct Cell {
  enum class Type { Empty, Text, Integer, Score } type = Type::Empty;
  std::string text;
  double number = 0;
};

Cell text_cell(std::string_view text) {
  if (text.empty()) return {};
  return {Cell::Type::Text, neutralise_formula(text), 0};
}

std::vector<Cell> cells(const Config& config, const RosterRow& row, bool is_public, bool staged) {
  using roster_detail::join;
  const Entry& entry = *row.entry;
  const EntryResult& result = *row.result;
  std::vector<Cell> values{
      text_cell(entry.id),
      text_cell(roster_detail::kind_label(config, entry.kind)),
      text_cell(entry.group.empty() ? "" : roster_detail::group_label(config, entry.group)),
      text_cell(roster_detail::subject_label(config, entry.subject)),
      text_cell(entry.title),
      text_cell(entry.school),
      text_cell(entry.district),
      text_cell(join(entry.students, "、")),
      text_cell(join(entry.advisors, "、"))};
  if (!is_public) {
    values.push_back({Cell::Type::Integer, "", static_cast<double>(result.scores)});
    values.push_back(result.score ? Cell{Cell::Type::Score, "", *result.score} : Cell{});
  }
  values.push_back(result.rank ? Cell{Cell::Type::Integer, "", static_cast<double>(*result.rank)}
                               : Cell{});
  values.push_back(result.tier
                       ? text_cell(roster_detail::tier_label(config, row.pool->kind, *result.tier))
                       : Cell{});
  if (!is_public) {
    std::vector<std::string> flags;
    for (const std::string& flag : result.flags) flags.push_back(roster_detail::flag_label(flag));
    values.push_back(text_cell(join(flags, "、")));
  }
  if (staged) {
    values.push_back(text_cell(roster_detail::reached_label(config, result)));
    values.push_back(text_cell(roster_detail::recommend_label(config, entry.kind, result)));
  }
  return values;
}

/// libxlsxwriter says what failed; errno, when set, says why (e.g. "No space left on device").
void check(lxw_error error, const std::string& path) {
  if (error == LXW_NO_ERROR) return;
  std::string reason = lxw_strerror(error);
  if (errno != 0) reason += std::string(" (") + std::strerror(errno) + ")";
  throw OutputFileError(path, reason);
}

class XlsxRoster {
 public:
  XlsxRoster(const std::string& path, const Config& config, bool is_public, bool staged)
      : path_(path),
        config_(config),
        public_(is_public),
        staged_(staged),
        workbook_(workbook_new(path.c_str())) {
    if (!workbook_) throw OutputFileError(path, "libxlsxwriter cannot create the workbook");
    header_ = workbook_add_format(workbook_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xEEEEEE);
    score_ = workbook_add_format(workbook_);
    const int decimals = std::clamp(config.aggregation.precision, 0, 15);
    score_format_ =
        decimals == 0 ? "0" : "0." + std::string(static_cast<std::size_t>(decimals), '0');
    format_set_num_format(score_, score_format_.c_str());
  }
  XlsxRoster(const XlsxRoster&) = delete;
  XlsxRoster& operator=(const XlsxRoster&) = delete;
  ~XlsxRoster() {
    // Only reached after an exception: free without writing a partial file.
    if (workbook_) lxw_workbook_free(workbook_);
  }

  void write(const std::vector<RosterRow>& rows) {
    set_properties();
    std::vector<std::string> sheet_names;
    for (const Kind& kind : config_.kinds) {
      sheet_names.push_back(excel_sheet_name(kind.label, kind.id, sheet_names));
      std::vector<RosterRow> kind_rows;
      for (const RosterRow& row : rows)
        if (row.pool->kind == kind.id) kind_rows.push_back(row);
      write_sheet(sheet_names.back(), kind_rows);
    }
    lxw_workbook* workbook = workbook_;
    workbook_ = nullptr;
    errno = 0;
    check(workbook_close(workbook), path_);
  }

 private:
  void set_properties() {
    title_ = config_.competition_name + " 获奖名单";
    lxw_doc_properties properties{};
    properties.title = title_.data();
    properties.created = xlsx_document_time(config_.year);
    check(workbook_set_properties(workbook_, &properties), path_);
  }

  void write_sheet(const std::string& name, const std::vector<RosterRow>& rows) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook_, name.c_str());
    if (!sheet) throw std::runtime_error("exporters.xlsx: bad sheet name " + name);
    const std::vector<Column> layout = columns(public_, staged_);
    for (std::size_t c = 0; c < layout.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      check(worksheet_set_column(sheet, col, col, layout[c].width, nullptr), path_);
      check(worksheet_write_string(sheet, 0, col, layout[c].header, header_), path_);
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const std::vector<Cell> values = cells(config_, rows[r], public_, staged_);
      for (std::size_t c = 0; c < values.size(); ++c)
        write_cell(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), values[c]);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    check(worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(rows.size()),
                               static_cast<lxw_col_t>(layout.size() - 1)),
          path_);
  }

  void write_cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const Cell& cell) {
    switch (cell.type) {
      case Cell::Type::Empty:
        return;
      case Cell::Type::Text:
        check(worksheet_write_string(sheet, row, col, cell.text.c_str(), nullptr), path_);
        return;
      case Cell::Type::Integer:
        check(worksheet_write_number(sheet, row, col, cell.number, nullptr), path_);
        return;
      case Cell::Type::Score:
        check(worksheet_write_number(sheet, row, col, cell.number, score_), path_);
        return;
    }
  }

  std::string path_;
  const Config& config_;
  bool public_;
  bool staged_;
  lxw_workbook* workbook_;
  lxw_format* header_ = nullptr;
  lxw_format* score_ = nullptr;
  std::string score_format_;
  std::string title_;
};

}  // namespace

using roster_detail::RosterRow;

void write_roster_xlsx(const std::string& path, const Config& config,
                       const std::vector<Entry>& entries, const Results& results, bool is_public) {
  // Rows first: an unknown entry or tier must fail before the workbook exists.
  const std::vector<RosterRow> rows =
      roster_detail::roster_rows(config, entries, results, is_public);
  XlsxRoster(path, config, is_public, results.staged).write(rows);
}

}  // namespace jury
