#include "importers/table.hpp"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>

#include "importers/workbook.hpp"
#include "model/i18n.hpp"
#include "model/text.hpp"

namespace jury {

namespace {

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

bool is_ascii_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

void lower_in_place(std::string& s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

/// Which known column a header cell names, -1 when none.
int column_named(std::string_view cell, const std::vector<std::pair<std::string, int>>& keys) {
  const std::string key = word_key(cell);
  for (const auto& [name, column] : keys)
    if (name == key) return column;
  return -1;
}

std::vector<std::pair<std::string, int>> header_keys(std::span<const ColumnSpec> columns) {
  std::vector<std::pair<std::string, int>> keys;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    keys.emplace_back(word_key(columns[i].id), static_cast<int>(i));
    for (const auto& label : columns[i].labels)
      keys.emplace_back(word_key(label), static_cast<int>(i));
  }
  return keys;
}

bool is_han(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN && U_SUCCESS(status);
}

bool is_middle_dot(UChar32 c) {
  return c == 0x00B7 || c == 0x2027 || c == 0x2022 || c == 0x30FB || c == 0xFF65 || c == 0x2219;
}

/// The code points of a UTF-8 string (-1 for malformed bytes).
std::vector<UChar32> code_points(std::string_view s) {
  std::vector<UChar32> out;
  const auto* data = reinterpret_cast<const uint8_t*>(s.data());
  const auto size = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < size) {
    UChar32 c = 0;
    U8_NEXT(data, i, size, c);
    out.push_back(c);
  }
  return out;
}

bool is_lone_han(std::string_view token) {
  const auto points = code_points(token);
  return points.size() == 1 && is_han(points.front());
}

bool starts_or_ends_with_dot(std::string_view token, bool at_end) {
  const auto points = code_points(token);
  return !points.empty() && is_middle_dot(at_end ? points.back() : points.front());
}

/// A whitespace-separated piece of one list item, and whether the whitespace before it was only
/// ideographic spaces (U+3000), the padding offices align names with.
struct Piece {
  std::string text;
  bool padded_before = false;
};

std::vector<Piece> pieces_of(std::string_view item) {
  std::vector<Piece> pieces;
  const auto* data = reinterpret_cast<const uint8_t*>(item.data());
  const auto size = static_cast<int32_t>(item.size());
  int32_t i = 0;
  bool gap_only_ideographic = true;
  bool in_gap = false;
  while (i < size) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(data, i, size, c);
    if (c >= 0 && (u_isUWhiteSpace(c) || c == 0xFEFF)) {
      gap_only_ideographic = (in_gap ? gap_only_ideographic : true) && c == 0x3000;
      in_gap = true;
      continue;
    }
    if (pieces.empty() || in_gap) pieces.push_back({"", in_gap && gap_only_ideographic});
    in_gap = false;
    pieces.back().text.append(
        item.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
  }
  return pieces;
}

/// Joins the pieces of one list item into names (see split_people): pieces join across a middle
/// dot; two lone Chinese characters with only U+3000 between them, and no other lone character
/// beside them, are one padded name.
std::vector<std::string> join_name_pieces(const std::vector<Piece>& pieces) {
  auto lone = [&](std::size_t i) { return i < pieces.size() && is_lone_han(pieces[i].text); };
  std::vector<std::string> names;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const std::string& text = pieces[i].text;
    const bool after_dot = !names.empty() && starts_or_ends_with_dot(names.back(), true);
    if (after_dot || (!names.empty() && starts_or_ends_with_dot(text, false))) {
      names.back() += text;
    } else if (lone(i) && lone(i + 1) && pieces[i + 1].padded_before && !(i > 0 && lone(i - 1)) &&
               !lone(i + 2)) {
      names.push_back(text + pieces[++i].text);
    } else {
      names.push_back(text);
    }
  }
  return names;
}

bool is_explicit_separator(UChar32 c) {
  return c == 0x3001 /*、*/ || c == ',' || c == 0xFF0C /*，*/ || c == ';' || c == 0xFF1B /*；*/ ||
         c == '/' || c == 0xFF0F /*／*/;
}

}  // namespace

std::vector<std::string> split_people(std::string_view cell) {
  std::vector<std::string> names;
  const auto* data = reinterpret_cast<const uint8_t*>(cell.data());
  const auto size = static_cast<int32_t>(cell.size());
  int32_t i = 0, start = 0;
  auto flush = [&](int32_t end) {
    const auto part =
        cell.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
    for (auto& name : join_name_pieces(pieces_of(part))) names.push_back(std::move(name));
  };
  while (i < size) {
    const int32_t here = i;
    UChar32 c = 0;
    U8_NEXT(data, i, size, c);
    if (c >= 0 && is_explicit_separator(c)) {
      flush(here);
      start = i;
    }
  }
  flush(size);
  return names;
}

std::string describe(const ColumnSpec& column) {
  if (column.labels.empty()) return column.id;
  return fmt::format("{} ({})", column.id, column.labels.front());
}

std::string quoted(std::string_view text) {
  return fmt::format("\"{}\"", text);
}

namespace {

constexpr std::size_t kMaxCellUnits = 32767;  // SPEC §10, Excel's limit

/// UTF-16 code units of UTF-8 text: what Excel's 32,767-character limit counts.
std::size_t utf16_units(std::string_view text) {
  std::size_t units = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) units += byte >= 0xF0 ? 2 : 1;  // a lead byte; 4-byte = surrogates
  }
  return units;
}

void check_cell_lengths(const std::vector<CsvRow>& records, const std::string& file,
                        Diagnostics& report) {
  for (const CsvRow& row : records)
    for (std::size_t f = 0; f < row.fields.size(); ++f) {
      if (row.fields[f].size() <= kMaxCellUnits) continue;  // fast path: bytes ≥ units
      const std::size_t units = utf16_units(row.fields[f]);
      if (units > kMaxCellUnits)
        report.error(file, row.field_lines[f], static_cast<int>(f + 1), "file.cell-too-long",
                     i18n::trf("the cell holds {} characters; a cell may hold at most 32,767 "
                               "(Excel's limit)",
                               units));
    }
}

}  // namespace

std::string file_size_problem(std::uintmax_t bytes) {
  constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{1} << 30;  // SPEC §10
  if (bytes <= kMaxFileBytes) return {};
  return i18n::trf("the file has {} bytes; files over 1 GiB are refused", bytes);
}

namespace {

bool within_size_limit(std::size_t bytes, const std::string& file, Diagnostics& report) {
  const std::string problem = file_size_problem(bytes);
  if (!problem.empty()) report.error(file, 0, 0, "file.too-large", problem);
  return problem.empty();
}

/// A text file's UTF-8 (after the --sheet warning: a text file has no sheets).
std::optional<std::string> decoded_text(std::string_view bytes, const std::string& file,
                                        Encoding encoding, Diagnostics& report,
                                        const std::string& sheet) {
  if (!sheet.empty())
    report.warning(file, 0, 0, "file.not-a-workbook",
                   i18n::trf("--sheet {} is ignored: the file is a text (CSV) file, not an "
                             "Excel workbook",
                             quoted(sheet)));
  auto text = decode_text(bytes, encoding, file, report);
  if (!text) return std::nullopt;
  return std::move(text->utf8);
}

/// The SPEC §10 checks of every file's records: not empty, no cell over Excel's limit.
std::optional<std::vector<CsvRow>> checked_records(std::optional<std::vector<CsvRow>> records,
                                                   const std::string& file, Diagnostics& report) {
  if (!records) return std::nullopt;
  if (records->empty()) {
    report.error(file, 0, 0, "file.empty", i18n::tr("empty file: it has no rows"));
    return std::nullopt;
  }
  check_cell_lengths(*records, file, report);
  return records;
}

}  // namespace

DecodedFile decode_file(std::string bytes, const std::string& file, Encoding encoding,
                        Diagnostics& report, const std::string& sheet) {
  DecodedFile decoded;
  decoded.readable = within_size_limit(bytes.size(), file, report);
  if (!decoded.readable) return decoded;
  decoded.format = workbook_format(bytes);
  if (decoded.format != WorkbookFormat::None) {
    decoded.content = std::move(bytes);
    return decoded;
  }
  std::optional<std::string> text = decoded_text(bytes, file, encoding, report, sheet);
  decoded.readable = text.has_value();
  if (!decoded.readable) return decoded;
  decoded.content = std::move(*text);
  decoded.separator = detect_separator(decoded.content);
  return decoded;
}

std::optional<std::vector<CsvRow>> read_records(const DecodedFile& decoded, const std::string& file,
                                                Diagnostics& report, CommentLines comments,
                                                const std::string& sheet) {
  if (!decoded.readable) return std::nullopt;
  if (decoded.format != WorkbookFormat::None)
    return checked_records(
        read_workbook(decoded.content, decoded.format, file, sheet, report, comments), file,
        report);
  return checked_records(read_csv(decoded.content, file, report, comments, decoded.separator), file,
                         report);
}

std::optional<std::vector<CsvRow>> read_records(std::string_view bytes, const std::string& file,
                                                Encoding encoding, Diagnostics& report,
                                                CommentLines comments, const std::string& sheet) {
  // decode_file and read_records above, without a copy of the bytes.
  if (!within_size_limit(bytes.size(), file, report)) return std::nullopt;
  const WorkbookFormat format = workbook_format(bytes);
  if (format != WorkbookFormat::None)
    return checked_records(read_workbook(bytes, format, file, sheet, report, comments), file,
                           report);
  const std::optional<std::string> text = decoded_text(bytes, file, encoding, report, sheet);
  if (!text) return std::nullopt;
  return checked_records(read_csv(*text, file, report, comments, detect_separator(*text)), file,
                         report);
}

std::optional<Header> find_header(const std::vector<CsvRow>& records,
                                  std::span<const ColumnSpec> columns, const std::string& file,
                                  Diagnostics& report) {
  const auto keys = header_keys(columns);
  std::size_t required = 0;
  for (const auto& column : columns) required += column.required ? 1 : 0;

  std::optional<Header> best;
  std::size_t best_found = 0;
  for (std::size_t r = 0; r < records.size(); ++r) {
    const CsvRow& row = records[r];
    Header header;
    header.row = r;
    header.line = row.line;
    header.width = row.fields.size();
    header.field_of.assign(columns.size(), -1);
    std::vector<std::pair<int, int>> duplicates;  // (column spec, field)
    for (std::size_t f = 0; f < row.fields.size(); ++f) {
      const int column = column_named(row.fields[f], keys);
      if (column < 0) {
        (is_blank(row.fields[f]) ? header.blank_fields : header.unknown_fields)
            .push_back(static_cast<int>(f));
      } else if (header.field_of[column] >= 0) {
        duplicates.emplace_back(column, static_cast<int>(f));
      } else {
        header.field_of[column] = static_cast<int>(f);
      }
    }
    std::size_t found = 0;
    for (std::size_t c = 0; c < columns.size(); ++c)
      if (columns[c].required && header.has(c)) ++found;
    if (found == required) {
      for (const auto& [column, field] : duplicates)
        report.error(file, row.line, field + 1, "header.duplicate-column",
                     i18n::trf("duplicate column {}: {} is already column {}",
                               quoted(trim_text(row.fields[field])), describe(columns[column]),
                               header.field_of[column] + 1));
      if (!duplicates.empty()) return std::nullopt;
      return header;
    }
    if (!best || found > best_found) {
      best = std::move(header);
      best_found = found;
    }
  }

  std::vector<std::string> missing;
  for (std::size_t c = 0; c < columns.size(); ++c)
    if (columns[c].required && !(best_found > 0 && best->has(c)))
      missing.push_back(describe(columns[c]));
  const int line = best_found > 0 ? best->line : records.front().line;
  report.error(file, line, 0, "header.missing-columns",
               i18n::trf("no header row names all required columns; missing {}", join(missing)));
  return std::nullopt;
}

bool check_has_rows(const std::vector<CsvRow>& records, const Header& header,
                    const std::string& file, Diagnostics& report, const std::string& what) {
  if (header.row + 1 < records.size()) return true;
  report.error(file, header.line, 0, "file.no-rows",
               i18n::trf("the file has a header (line {}) but no {} below it", header.line, what));
  return false;
}

void warn_ignored_columns(const std::vector<CsvRow>& records, const Header& header,
                          const std::string& file, Diagnostics& report, const std::string& code) {
  const CsvRow& head = records[header.row];
  for (int field : header.unknown_fields)
    report.warning(file, head.line, field + 1, code,
                   i18n::trf("unknown column {} is ignored",
                             quoted(trim_text(head.fields[static_cast<std::size_t>(field)]))));
  for (int field : header.blank_fields) {
    const auto f = static_cast<std::size_t>(field);
    for (std::size_t r = header.row + 1; r < records.size(); ++r) {
      const CsvRow& row = records[r];
      if (f < row.fields.size() && !is_blank(row.fields[f])) {
        report.warning(file, row.field_lines[f], field + 1, code,
                       i18n::trf("column {} has no header: its values (here {}) are ignored",
                                 field + 1, quoted(trim_text(row.fields[f]))));
        break;
      }
    }
  }
}

bool check_width(const CsvRow& row, const Header& header, const std::string& file,
                 Diagnostics& report, const std::string& code) {
  const std::size_t cells = row.fields.size();
  if (cells < header.width) {
    report.error(file, row.line, static_cast<int>(cells + 1), code,
                 i18n::trf("row has {} cells but the header (line {}) has {}", cells, header.line,
                           header.width));
    return false;
  }
  for (std::size_t f = header.width; f < cells; ++f) {
    if (!is_blank(row.fields[f])) {
      report.error(file, row.field_lines[f], static_cast<int>(f + 1), code,
                   i18n::trf("row has {} cells but the header (line {}) has {}; extra cell {}",
                             cells, header.line, header.width, quoted(trim_text(row.fields[f]))));
      return false;
    }
  }
  return true;
}

std::string_view cell(const CsvRow& row, const Header& header, std::size_t column) {
  const int field = header.field_of[column];
  if (field < 0 || static_cast<std::size_t>(field) >= row.fields.size()) return {};
  return row.fields[static_cast<std::size_t>(field)];
}

int cell_line(const CsvRow& row, const Header& header, std::size_t column) {
  const int field = header.field_of[column];
  if (field < 0 || static_cast<std::size_t>(field) >= row.field_lines.size()) return row.line;
  return row.field_lines[static_cast<std::size_t>(field)];
}

int cell_column(const Header& header, std::size_t column) {
  return header.field_of[column] + 1;
}

namespace {

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_numeric_cell(const CsvRow& row, std::size_t field) {
  return field < row.numeric.size() && row.numeric[field];
}

}  // namespace

void warn_numeric_ids(const std::vector<CsvRow>& records, const Header& header,
                      std::size_t id_column, const std::string& file, Diagnostics& report,
                      const std::string& code) {
  if (!header.has(id_column)) return;
  const auto field = static_cast<std::size_t>(header.field_of[id_column]);
  std::map<std::size_t, std::pair<int, std::string>> padded;  // width → (count, an example)
  bool any_numeric = false;
  for (std::size_t r = header.row + 1; r < records.size(); ++r) {
    if (field >= records[r].fields.size()) continue;
    const std::string id = trim_text(records[r].fields[field]);
    if (is_numeric_cell(records[r], field)) {
      any_numeric = true;
    } else if (id.size() > 1 && id.front() == '0' && all_digits(id)) {
      auto& [count, example] = padded[id.size()];
      if (count++ == 0) example = id;
    }
  }
  if (!any_numeric || padded.empty()) return;
  const auto most =
      std::max_element(padded.begin(), padded.end(), [](const auto& a, const auto& b) {
        return a.second.first < b.second.first;
      });  // the first (narrowest) of the most common widths
  const std::size_t width = most->first;
  for (std::size_t r = header.row + 1; r < records.size(); ++r) {
    const CsvRow& row = records[r];
    if (!is_numeric_cell(row, field)) continue;
    const std::string id = trim_text(row.fields[field]);
    if (!all_digits(id) || id.size() >= width) continue;
    const std::string likely = std::string(width - id.size(), '0') + id;
    report.warning(file, row.field_lines[field], static_cast<int>(field + 1), code,
                   i18n::trf("id {} is stored as a number, which drops leading zeros, while "
                             "the other ids of this column keep them (e.g. {}): is it {}? Type "
                             "it as text ('{}) to keep the zeros",
                             id, most->second.second, likely, likely));
  }
}

std::string_view without_maximum_note(std::string_view header_cell) {
  std::string_view cell = trim_ascii(header_cell);
  std::string_view inside;
  std::size_t open = std::string_view::npos;
  if (cell.ends_with(")")) {
    open = cell.rfind('(');
    if (open != std::string_view::npos) inside = cell.substr(open + 1, cell.size() - open - 2);
  } else if (cell.ends_with("）")) {
    open = cell.rfind("（");
    if (open != std::string_view::npos)
      inside = cell.substr(open + 3, cell.size() - open - 3 - 3);  // both are 3 bytes in UTF-8
  }
  if (open == std::string_view::npos || open == 0) return header_cell;
  inside = trim_ascii(inside);
  for (const std::string_view lead : {"满分", "max", "0–", "0-", "0~", "0～"})
    if (inside.starts_with(lead)) {
      const std::string_view number = trim_ascii(inside.substr(lead.size()));
      const bool is_number =
          !number.empty() && number.find_first_not_of("0123456789.") == std::string_view::npos;
      if (is_number) return trim_ascii(cell.substr(0, open));
    }
  return header_cell;
}

std::string normalize_word(std::string_view s) {
  if (is_ascii(s)) return std::string(trim_ascii(s));
  return trim(nfkc(s));
}

std::string word_key(std::string_view s) {
  std::string key = normalize_word(s);
  lower_in_place(key);
  return key;
}

std::string trim_text(std::string_view s) {
  if (is_ascii(s)) return std::string(trim_ascii(s));
  return trim(s);
}

bool is_blank(std::string_view s) {
  return trim_text(s).empty();
}

std::string fold_name(std::string_view name) {
  if (!is_ascii(name)) return fold_key(name);
  std::string out;
  for (char c : name)
    if (!is_ascii_space(c)) out.push_back(c);
  return out;
}

namespace {

constexpr int32_t kMaxIdLength = 40;  // SPEC §3

/// The character `c` (UTF-8 `text`) for a message: quoted when printable, else U+XXXX (a control
/// character would reach the terminal, a lone combining mark would join the quote).
std::string shown_character(std::string_view text, UChar32 c) {
  if (c < 0) return fmt::format("the byte 0x{:02X}", static_cast<unsigned char>(text.front()));
  if (!u_isprint(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK)) return fmt::format("U+{:04X}", c);
  return quoted(text);
}

/// The first 40 characters of an id for a message, unprintable ones as U+FFFD, "…" when cut.
std::string id_for_message(std::string_view id) {
  const auto* data = reinterpret_cast<const uint8_t*>(id.data());
  const auto size = static_cast<int32_t>(id.size());
  std::string out;
  int32_t i = 0;
  for (int32_t length = 0; i < size && length < kMaxIdLength; ++length) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(data, i, size, c);
    out += c >= 0 && u_isprint(c)
               ? id.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start))
               : "\uFFFD";
  }
  return i < size ? out + "…" : out;
}

}  // namespace

std::string id_form_problem(std::string_view id) {
  const auto* data = reinterpret_cast<const uint8_t*>(id.data());
  const auto size = static_cast<int32_t>(id.size());
  int32_t i = 0, length = 0;
  while (i < size) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(data, i, size, c);
    const bool letter_or_digit = (c >= '0' && c <= '9') || (c >= 0 && u_isalpha(c));
    const bool allowed = letter_or_digit || (start > 0 && (c == '_' || c == '-' || c == '.'));
    if (!allowed) {
      const std::string found = shown_character(
          id.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)), c);
      return start == 0 ? "starts with " + found : "contains " + found;
    }
    ++length;
  }
  if (length > kMaxIdLength) return fmt::format("is {} characters long", length);
  return {};
}

std::string Vocabulary::unknown(const char* field, const std::string& quoted_cell) const {
  // The words of the fields a vocabulary serves, for the catalogue (the codes keep the English).
  static constexpr const char* kFields[] = {i18n::N_("kind"), i18n::N_("group"),
                                            i18n::N_("subject"), i18n::N_("round")};
  const auto* known = std::find_if(std::begin(kFields), std::end(kFields), [&](const char* word) {
    return std::string_view(word) == field;
  });
  const char* word = known == std::end(kFields) ? field : i18n::tr(*known);
  return i18n::trf("unknown {} {}; expected one of {}", word, quoted_cell, expected_);
}

void Vocabulary::add(const std::string& id, const std::string& label) {
  ids_.push_back(id);
  if (!expected_.empty()) expected_ += ", ";
  expected_ += (label.empty() || label == id) ? id : fmt::format("{} ({})", id, label);
  id_keys_.emplace_back(word_key(id), id);
  if (!label.empty()) labels_.emplace_back(label, id);
  if (!label.empty()) label_keys_.emplace_back(word_key(label), id);
}

std::optional<std::string> Vocabulary::find(std::string_view s) const {
  // Fast path without ICU: the exact id or label, as most files write them.
  const std::string exact = trim_text(s);
  for (const auto& id : ids_)
    if (id == exact) return id;
  for (const auto& [label, id] : labels_)
    if (label == exact) return id;
  const std::string key = word_key(s);
  // Ids before labels, so that an id always wins over another item's label.
  for (const auto* keys : {&id_keys_, &label_keys_})
    for (const auto& [name, id] : *keys)
      if (name == key) return id;
  return std::nullopt;
}

Vocabulary kind_vocabulary(const Config& config) {
  Vocabulary vocabulary;
  for (const auto& kind : config.kinds) vocabulary.add(kind.id, kind.label);
  return vocabulary;
}

Vocabulary group_vocabulary(const Config& config) {
  Vocabulary vocabulary;
  for (const auto& group : config.groups) vocabulary.add(group.id, group.label);
  return vocabulary;
}

Vocabulary subject_vocabulary(const Config& config) {
  Vocabulary vocabulary;
  for (const auto& subject : config.subjects) vocabulary.add(subject.id, subject.label);
  return vocabulary;
}

Vocabulary round_vocabulary(const Config& config) {
  Vocabulary vocabulary;
  for (const auto& round : config.rounds) vocabulary.add(round.id, round.label);
  return vocabulary;
}

RowCells::RowCells(const Header& header, const std::string& file, Diagnostics& report,
                   std::span<const ColumnSpec> columns, std::size_t id_column,
                   std::string code_prefix, std::string record)
    : header_(header),
      file_(file),
      report_(report),
      columns_(columns),
      id_column_(id_column),
      code_prefix_(std::move(code_prefix)),
      record_(std::move(record)) {}

void RowCells::error(std::size_t column, const std::string& code, const std::string& message) {
  report_.error(file_, cell_line(*csv_, header_, column), cell_column(header_, column), code,
                message);
  valid_ = false;
}

void RowCells::warning(std::size_t column, const std::string& code, const std::string& message) {
  report_.warning(file_, cell_line(*csv_, header_, column), cell_column(header_, column), code,
                  message);
}

void RowCells::missing(std::size_t column) {
  error(column, code_prefix_ + ".missing-value",
        i18n::trf("empty {}: every {} needs one", describe(columns_[column]), record_));
}

std::string RowCells::required_text(std::size_t column) {
  std::string value = trim_text(text(column));
  if (value.empty()) missing(column);
  return value;
}

void RowCells::check_id(const std::string& id) {
  const std::string problem = id_form_problem(id);
  if (problem.empty()) return;
  error(id_column_, code_prefix_ + ".bad-id",
        i18n::trf("{} {} {}; an id is 1–40 letters, digits, _, - or ., starting with a letter "
                  "or digit",
                  columns_[id_column_].id, quoted(id_for_message(id)), problem));
}

}  // namespace jury
