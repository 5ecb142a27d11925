#include <algorithm>
#include <chrono>
#include <ctime>

#include "exporters/roster.hpp"
#include "exporters/roster_rows.hpp"
#include "exporters/table.hpp"

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

std::vector<TableColumn> columns(bool is_public, bool staged) {
  std::vector<TableColumn> all{{"作品编号", 13}, {"类别", 16},     {"组别", 8},
                               {"学科", 14},     {"作品名称", 40}, {"学校", 26},
                               {"县市区", 10},   {"学生", 20},     {"指导教师", 16}};
  if (!is_public) all.insert(all.end(), {{"评分数", 7}, {"得分", 9}});
  all.insert(all.end(), {{"名次", 6}, {"奖项", 9}});
  if (!is_public) all.push_back({"标记", 16});
  if (staged) all.insert(all.end(), {{"评审阶段", 14}, {"推荐", 22}});  // SPEC §12
  return all;
}

std::vector<TableCell> cells(const Config& config, const RosterRow& row, bool is_public,
                             bool staged) {
  using roster_detail::join;
  const Entry& entry = *row.entry;
  const EntryResult& result = *row.result;
  std::vector<TableCell> values{
      TableCell::of_text(entry.id),
      TableCell::of_text(roster_detail::kind_label(config, entry.kind)),
      TableCell::of_text(entry.group.empty() ? ""
                                             : roster_detail::group_label(config, entry.group)),
      TableCell::of_text(roster_detail::subject_label(config, entry.subject)),
      TableCell::of_text(entry.title),
      TableCell::of_text(entry.school),
      TableCell::of_text(entry.district),
      TableCell::of_text(join(entry.students, "、")),
      TableCell::of_text(join(entry.advisors, "、"))};
  if (!is_public) {
    values.push_back(TableCell::of_integer(result.scores));
    values.push_back(result.score ? TableCell::of_score(*result.score) : TableCell{});
  }
  values.push_back(result.rank ? TableCell::of_integer(*result.rank) : TableCell{});
  values.push_back(result.tier ? TableCell::of_text(roster_detail::tier_label(
                                     config, row.pool->kind, *result.tier))
                               : TableCell{});
  if (!is_public) {
    std::vector<std::string> flags;
    for (const std::string& flag : result.flags) flags.push_back(roster_detail::flag_label(flag));
    values.push_back(TableCell::of_text(join(flags, "、")));
  }
  if (staged) {
    values.push_back(TableCell::of_text(roster_detail::reached_label(config, result)));
    values.push_back(
        TableCell::of_text(roster_detail::recommend_label(config, entry.kind, result)));
  }
  return values;
}

/// One sheet per kind (named by the kind label), the kind's rows in roster order.
TableBook roster_book(const Config& config, const std::vector<RosterRow>& rows, bool is_public,
                      bool staged) {
  TableBook book{
      config.competition_name + " 获奖名单", config.year, config.aggregation.precision, {}};
  std::vector<std::string> sheet_names;
  for (const Kind& kind : config.kinds) {
    sheet_names.push_back(excel_sheet_name(kind.label, kind.id, sheet_names));
    TableSheet sheet{sheet_names.back(), columns(is_public, staged), {}};
    for (const RosterRow& row : rows)
      if (row.pool->kind == kind.id) sheet.rows.push_back(cells(config, row, is_public, staged));
    book.sheets.push_back(std::move(sheet));
  }
  return book;
}

}  // namespace

using roster_detail::RosterRow;

TableSheet roster_detail::roster_table(const Config& config, const std::vector<RosterRow>& rows,
                                       bool is_public, bool staged) {
  TableSheet sheet{config.competition_name, columns(is_public, staged), {}};
  for (const RosterRow& row : rows) sheet.rows.push_back(cells(config, row, is_public, staged));
  return sheet;
}

void write_roster_xlsx(const std::string& path, const Config& config,
                       const std::vector<Entry>& entries, const Results& results,
                       Audience audience) {
  const bool is_public = audience == Audience::Public;
  // Rows first: an unknown entry or tier must fail before the workbook exists.
  const std::vector<RosterRow> rows =
      roster_detail::roster_rows(config, entries, results, is_public);
  write_table_xlsx(path, roster_book(config, rows, is_public, results.staged));
}

}  // namespace jury
