/// `.xlsx` files (ECMA-376 SpreadsheetML): the ZIP package through libzip, every XML part streamed
/// through expat. Only what a cell's shown text needs is read: the workbook's sheet list and
/// date system, the relationships that name the parts, shared strings, the number formats of the
/// cell styles, the cells and the merged ranges of the one worksheet.

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>

#include "importers/table.hpp"
#include "importers/workbook_sheet.hpp"
#include "model/i18n.hpp"

namespace jury::workbook_detail {

namespace {

// Zip bomb limits: an .xlsx inflates 5–20 times; a part larger than these is not a table.
constexpr zip_uint64_t kMaxPartBytes = zip_uint64_t{256} << 20;
constexpr zip_uint64_t kMaxTotalBytes = zip_uint64_t{1} << 30;  // SPEC §10's 1 GiB
constexpr zip_uint64_t kRatioGraceBytes = zip_uint64_t{1} << 20;
constexpr zip_uint64_t kMaxRatio = 100;

/// The ZIP package of an .xlsx, read from memory. Every part is streamed through the limits above,
/// counting the bytes actually inflated (the sizes a ZIP declares can lie).
class Package {
 public:
  /// "" when open, else why the bytes are no ZIP archive.
  std::string open(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source) {
      zip_ = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
      if (!zip_) zip_source_free(source);
    }
    std::string problem = zip_ ? "" : zip_error_strerror(&error);
    zip_error_fini(&error);
    return problem;
  }
  Package() = default;
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;
  ~Package() {
    if (zip_) zip_discard(zip_);
  }

  bool has(const std::string& part) const { return index_of(part) >= 0; }

  /// Streams a part in chunks into `sink` (false from the sink stops). Returns "" or the problem;
  /// `bomb` tells that the problem is a limit.
  std::string read(const std::string& part, const std::function<bool(std::string_view)>& sink,
                   bool& bomb) {
    bomb = false;
    const zip_int64_t index = index_of(part);
    if (index < 0) return i18n::trf("the part {} is missing", part);
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &stat) != 0)
      return i18n::trf("the part {} cannot be read: {}", part, zip_strerror(zip_));
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
      return "encrypted";
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> in(
        zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0), &zip_fclose);
    if (!in) return i18n::trf("the part {} cannot be read: {}", part, zip_strerror(zip_));
    const zip_uint64_t packed = (stat.valid & ZIP_STAT_COMP_SIZE) ? stat.comp_size : 0;
    zip_uint64_t inflated = 0;
    std::string buffer(1 << 16, '\0');
    while (true) {
      const zip_int64_t got = zip_fread(in.get(), buffer.data(), buffer.size());
      if (got < 0)
        return i18n::trf("the part {} is damaged: {}", part, zip_file_strerror(in.get()));
      if (got == 0) return "";
      inflated += static_cast<zip_uint64_t>(got);
      total_ += static_cast<zip_uint64_t>(got);
      if (std::string limit = check_limits(part, inflated, packed); !limit.empty()) {
        bomb = true;
        return limit;
      }
      if (!sink(std::string_view(buffer.data(), static_cast<std::size_t>(got)))) return "";
    }
  }

 private:
  zip_int64_t index_of(const std::string& part) const {
    return zip_name_locate(zip_, part.c_str(), ZIP_FL_NOCASE);  // part names ignore case
  }

  std::string check_limits(const std::string& part, zip_uint64_t inflated,
                           zip_uint64_t packed) const {
    if (inflated > kMaxPartBytes)
      return i18n::trf("the part {} inflates past {} MiB", part, kMaxPartBytes >> 20);
    if (total_ > kMaxTotalBytes)
      return i18n::trf("its parts inflate past {} MiB in total", kMaxTotalBytes >> 20);
    if (inflated > kRatioGraceBytes && inflated > kMaxRatio * std::max<zip_uint64_t>(packed, 1))
      return i18n::trf("the part {} inflates more than {} times ({} bytes packed)", part, kMaxRatio,
                       packed);
    return "";
  }

  zip_t* zip_ = nullptr;
  zip_uint64_t total_ = 0;
};

/// An expat handler: element starts and ends by local name (namespaces are dropped, so `x:row`
/// and `row` are the same), and the text of the elements it asked for.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const XML_Char** attributes) = 0;
  virtual void end(std::string_view name) = 0;

  bool collecting = false;  ///< character data goes to `text` while set
  std::string text;
  std::string problem;  ///< set by a handler to stop the parse
};

std::string_view local_name(const XML_Char* name) {
  const std::string_view full(name);
  const auto bar = full.rfind('|');
  return bar == std::string_view::npos ? full : full.substr(bar + 1);
}

/// The value of the attribute with this local name, nullptr when absent.
const char* attribute(const XML_Char** attributes, std::string_view name) {
  for (std::size_t i = 0; attributes[i]; i += 2)
    if (local_name(attributes[i]) == name) return attributes[i + 1];
  return nullptr;
}

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
  static_cast<XmlHandler*>(data)->start(local_name(name), attributes);
}

void XMLCALL on_end(void* data, const XML_Char* name) {
  static_cast<XmlHandler*>(data)->end(local_name(name));
}

void XMLCALL on_text(void* data, const XML_Char* text, int length) {
  auto* handler = static_cast<XmlHandler*>(data);
  if (handler->collecting) handler->text.append(text, static_cast<std::size_t>(length));
}

/// OOXML parts never declare a DTD: refusing one also refuses entity expansion attacks.
void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  static_cast<XmlHandler*>(data)->problem = i18n::tr("an XML part declares a DTD");
}

/// Why a part could not be read.
struct PartProblem {
  std::string message;
  bool bomb = false;
};

std::optional<PartProblem> parse_part(Package& package, const std::string& part,
                                      XmlHandler& handler) {
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, void (*)(XML_Parser)> parser(
      XML_ParserCreateNS(nullptr, '|'), &XML_ParserFree);
  if (!parser) return PartProblem{i18n::tr("out of memory")};
  XML_SetUserData(parser.get(), &handler);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
  std::string xml_error;
  auto feed = [&](std::string_view chunk, bool last) {
    if (XML_Parse(parser.get(), chunk.data(), static_cast<int>(chunk.size()), last) ==
            XML_STATUS_OK &&
        handler.problem.empty())
      return true;
    if (handler.problem.empty())
      xml_error = i18n::trf("the part {} is not well-formed XML (line {}: {})", part,
                            XML_GetCurrentLineNumber(parser.get()),
                            XML_ErrorString(XML_GetErrorCode(parser.get())));
    return false;
  };
  bool bomb = false;
  std::string problem = package.read(
      part, [&](std::string_view chunk) { return feed(chunk, false); }, bomb);
  if (problem.empty() && xml_error.empty() && handler.problem.empty()) feed({}, true);
  if (!problem.empty()) return PartProblem{problem, bomb};
  if (!handler.problem.empty()) return PartProblem{fmt::format("{}: {}", part, handler.problem)};
  if (!xml_error.empty()) return PartProblem{xml_error};
  return std::nullopt;
}

// --- relationships and part names -------------------------------------------------------------

struct Relationship {
  std::string id, type, target;
};

class RelationshipsHandler : public XmlHandler {
 public:
  void start(std::string_view name, const XML_Char** attributes) override {
    if (name != "Relationship") return;
    const char* mode = attribute(attributes, "TargetMode");
    if (mode && std::string_view(mode) == "External") return;
    const char* id = attribute(attributes, "Id");
    const char* type = attribute(attributes, "Type");
    const char* target = attribute(attributes, "Target");
    if (id && type && target) relationships.push_back({id, type, target});
  }
  void end(std::string_view) override {}

  std::vector<Relationship> relationships;
};

/// A relationship target as a part name: relative to the folder of the part that names it, or
/// absolute from the package root; `.` and `..` segments resolved.
std::string resolve_target(const std::string& source_part, const std::string& target) {
  std::string path = target.starts_with('/')
                         ? target.substr(1)
                         : source_part.substr(0, source_part.rfind('/') + 1) + target;
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    const std::string segment = path.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string part;
  for (const auto& segment : segments) part += (part.empty() ? "" : "/") + segment;
  return part;
}

/// `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`.
std::string relationships_part(const std::string& part) {
  const std::size_t slash = part.rfind('/') + 1;
  return part.substr(0, slash) + "_rels/" + part.substr(slash) + ".rels";
}

bool type_is(const Relationship& relationship, std::string_view kind) {
  return std::string_view(relationship.type).ends_with("/" + std::string(kind));
}

// --- workbook, shared strings, styles ----------------------------------------------------------

struct SheetEntry {
  std::string name;
  std::string relationship;
};

class WorkbookHandler : public XmlHandler {
 public:
  void start(std::string_view name, const XML_Char** attributes) override {
    if (!root_seen) {
      root_seen = true;
      is_workbook = name == "workbook";
    }
    if (name == "workbookPr") {
      const char* value = attribute(attributes, "date1904");
      date1904 = value && (std::string_view(value) == "1" || std::string_view(value) == "true");
    } else if (name == "sheet") {
      const char* sheet_name = attribute(attributes, "name");
      const char* id = attribute(attributes, "id");  // r:id
      if (sheet_name && id) sheets.push_back({sheet_name, id});
    }
  }
  void end(std::string_view) override {}

  bool root_seen = false;
  bool is_workbook = false;
  bool date1904 = false;
  std::vector<SheetEntry> sheets;
};

/// `_x000D_` and friends: how OOXML writes characters XML cannot hold (`_x005F_` is `_`).
std::string decode_escapes(std::string text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned code = 0;
    if (text.compare(i, 2, "_x") == 0 && i + 7 <= text.size() && text[i + 6] == '_' &&
        std::from_chars(text.data() + i + 2, text.data() + i + 6, code, 16).ptr ==
            text.data() + i + 6) {
      if (code < 0x80) {
        out += static_cast<char>(code);
      } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
      } else {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
      }
      i += 6;
      continue;
    }
    out += text[i];
  }
  return out;
}

/// Rich text: the text of an `<si>` or `<is>` is its `<t>` elements, leaving out the phonetic
/// runs (`<rPh>`, the pinyin or kana Excel keeps beside Chinese and Japanese text).
class RichText {
 public:
  void start(std::string_view name, XmlHandler& handler) {
    if (name == "rPh") ++phonetic_;
    if (name == "t" && phonetic_ == 0) handler.collecting = true;
  }
  void end(std::string_view name, XmlHandler& handler) {
    if (name == "rPh") --phonetic_;
    if (name == "t") handler.collecting = false;
  }

 private:
  int phonetic_ = 0;
};

class SharedStringsHandler : public XmlHandler {
 public:
  void start(std::string_view name, const XML_Char** attributes) override {
    if (name == "sst") {
      const char* unique = attribute(attributes, "uniqueCount");
      std::size_t count = 0;
      if (unique && std::from_chars(unique, unique + std::strlen(unique), count).ec == std::errc())
        strings.reserve(std::min<std::size_t>(count, 1 << 20));
    } else if (name == "si") {
      text.clear();
    }
    rich_.start(name, *this);
  }
  void end(std::string_view name) override {
    rich_.end(name, *this);
    if (name == "si") strings.push_back(decode_escapes(std::move(text)));
  }

  std::vector<std::string> strings;

 private:
  RichText rich_;
};

/// How a cell style shows a number.
struct NumberStyle {
  std::optional<DateParts> date;  ///< a date, time or date-time format
  int zero_pad = 0;               ///< `000`: whole numbers padded to this many digits
};

/// Built-in formats (ECMA-376 §18.8.30, with the East Asian ids Chinese Excel uses).
std::optional<DateParts> builtin_date_parts(int id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
      id == 57 || id == 58)
    return DateParts::Date;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 ||
      id == 56)
    return DateParts::Time;
  if (id == 22) return DateParts::DateTime;
  return std::nullopt;
}

/// A custom format is a date when its codes outside quotes, escapes and [brackets] name years,
/// months or days; a time when they name hours or seconds (or an elapsed [h]/[m]/[s]).
std::optional<DateParts> custom_date_parts(std::string_view code) {
  bool date = false, time = false, month_or_minute = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
    if (c == '"') {
      const std::size_t close = code.find('"', i + 1);
      i = close == std::string_view::npos ? code.size() : close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // an escaped character, a space as wide as it, a fill character
    } else if (c == '[') {
      const std::size_t close = code.find(']', i + 1);
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos)
        time = true;
      i = close == std::string_view::npos ? code.size() : close;
    } else if (c == 'y' || c == 'd') {
      date = true;
    } else if (c == 'h' || c == 's') {
      time = true;
    } else if (c == 'm') {
      month_or_minute = true;
    }
  }
  if (code == "General" || code == "general") return std::nullopt;
  date = date || (month_or_minute && !time);
  if (date && time) return DateParts::DateTime;
  if (date) return DateParts::Date;
  if (time) return DateParts::Time;
  return std::nullopt;
}

NumberStyle number_style(int id, const std::string* code) {
  NumberStyle style;
  if (!code) {
    style.date = builtin_date_parts(id);
    return style;
  }
  style.date = custom_date_parts(*code);
  if (code->size() >= 2 && code->find_first_not_of('0') == std::string::npos)
    style.zero_pad = static_cast<int>(code->size());
  return style;
}

class StylesHandler : public XmlHandler {
 public:
  void start(std::string_view name, const XML_Char** attributes) override {
    if (name == "numFmts") {
      in_formats_ = true;
    } else if (name == "numFmt" && in_formats_) {  // not the numFmt of a differential format
      const char* id = attribute(attributes, "numFmtId");
      const char* code = attribute(attributes, "formatCode");
      if (id && code) codes_.emplace_back(std::atoi(id), code);
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = attribute(attributes, "numFmtId");
      format_ids_.push_back(id ? std::atoi(id) : 0);
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
    if (name == "numFmts") in_formats_ = false;
  }

  /// Per cell style index (a cell's `s`): how it shows numbers.
  std::vector<NumberStyle> styles() const {
    std::vector<NumberStyle> styles;
    for (const int id : format_ids_) {
      const std::string* code = nullptr;
      for (const auto& [custom, format_code] : codes_)
        if (custom == id) code = &format_code;
      styles.push_back(number_style(id, code));
    }
    return styles;
  }

 private:
  bool in_cell_xfs_ = false;
  bool in_formats_ = false;
  std::vector<std::pair<int, std::string>> codes_;
  std::vector<int> format_ids_;
};

// --- the worksheet ----------------------------------------------------------------------------

/// `D17` → (row 16, column 3), 0-based; false when it is no cell reference within Excel's grid.
bool parse_reference(std::string_view ref, std::uint32_t& row, std::uint32_t& column) {
  std::size_t i = 0;
  std::uint32_t col = 0, number = 0;
  for (; i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])); ++i) {
    col = col * 26 + static_cast<std::uint32_t>(std::toupper(ref[i]) - 'A' + 1);
    if (col > kMaxColumns) return false;
  }
  if (i == 0 || i == ref.size()) return false;
  const auto [end, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), number);
  if (ec != std::errc() || end != ref.data() + ref.size() || number == 0 || number > kMaxRows)
    return false;
  row = number - 1;
  column = col - 1;
  return true;
}

struct WorkbookParts {
  const std::vector<std::string>* shared_strings = nullptr;
  const std::vector<NumberStyle>* styles = nullptr;
  bool date1904 = false;
};

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const WorkbookParts& parts, Worksheet& sheet, const std::string& file,
               Diagnostics& report)
      : parts_(parts), sheet_(sheet), file_(file), report_(report) {}

  void start(std::string_view name, const XML_Char** attributes) override {
    if (name == "row") {
      start_row(attribute(attributes, "r"));
    } else if (name == "c") {
      start_cell(attributes);
    } else if (name == "v") {
      collecting = true;
      text.clear();
    } else if (name == "f") {
      formula_ = true;
    } else if (name == "is") {
      in_inline_ = true;
      text.clear();
    } else if (in_inline_) {
      rich_.start(name, *this);
    } else if (name == "mergeCell") {
      add_merge(attribute(attributes, "ref"));
    }
  }

  void end(std::string_view name) override {
    if (name == "v") {
      collecting = false;
      value_ = std::move(text);
      has_value_ = true;
    } else if (name == "is") {
      in_inline_ = false;
      value_ = std::move(text);
      has_value_ = true;
    } else if (in_inline_) {
      rich_.end(name, *this);
    } else if (name == "c") {
      end_cell();
    }
  }

 private:
  void start_row(const char* r) {
    std::uint32_t number = 0;
    if (r && std::from_chars(r, r + std::strlen(r), number).ec == std::errc() && number > 0 &&
        number <= kMaxRows)
      row_ = number - 1;
    else if (r || started_)
      ++row_;  // rows without a number follow the previous one
    started_ = true;
    next_column_ = 0;
  }

  void start_cell(const XML_Char** attributes) {
    const char* r = attribute(attributes, "r");
    if (!r || !parse_reference(r, cell_row_, cell_column_)) {
      cell_row_ = row_;
      cell_column_ = next_column_;
    }
    next_column_ = cell_column_ + 1;
    const char* type = attribute(attributes, "t");
    type_ = type ? type : "n";
    const char* style = attribute(attributes, "s");
    style_ = style ? static_cast<std::size_t>(std::atoi(style)) : 0;
    formula_ = false;
    has_value_ = false;
    value_.clear();
  }

  void end_cell() {
    if (!has_value_) {
      if (formula_)
        cell_error("workbook.formula-without-value",
                   i18n::tr("the cell holds a formula without a stored result; open the file "
                            "in Excel or WPS and save it again"));
      return;
    }
    SheetCell cell{cell_row_, cell_column_, CellKind::Text, {}};
    if (type_ == "s") {
      std::size_t index = 0;
      const auto& strings = *parts_.shared_strings;
      if (std::from_chars(value_.data(), value_.data() + value_.size(), index).ec != std::errc() ||
          index >= strings.size())
        return cell_error("workbook.damaged",
                          i18n::trf("the cell refers to shared string {} of {}; the file is "
                                    "damaged",
                                    quoted(value_), strings.size()));
      cell.text = strings[index];
    } else if (type_ == "inlineStr" || type_ == "str") {
      cell.text = decode_escapes(std::move(value_));
    } else if (type_ == "b") {
      cell.text = value_ == "1" ? "TRUE" : "FALSE";
    } else if (type_ == "e") {
      cell.text = value_;  // an error value as Excel shows it: #N/A, #DIV/0!
    } else if (type_ == "d") {
      iso_date_cell(cell);
    } else {
      number_cell(cell);
    }
    if (!cell.text.empty()) sheet_.cells.push_back(std::move(cell));
  }

  /// A number as its style shows it: a date, a zero-padded id (`000` shows 7 as 007), or plain.
  void number_cell(SheetCell& cell) {
    double number = 0;
    const char* first = value_.data();
    const char* last = value_.data() + value_.size();
    while (first < last && *first == ' ') ++first;
    const auto [end, ec] = std::from_chars(first, last, number);
    if (ec != std::errc() || end != last || !std::isfinite(number)) {
      cell.text = value_;
      return;
    }
    const auto& styles = *parts_.styles;
    const NumberStyle style = style_ < styles.size() ? styles[style_] : NumberStyle{};
    if (style.date) {
      if (auto date = date_text(number, parts_.date1904, *style.date)) {
        cell.kind = CellKind::Date;
        cell.text = std::move(*date);
        return;
      }
    }
    cell.kind = CellKind::Number;
    cell.text = number_text(number);
    const bool whole = number >= 0 && number == std::trunc(number) && number < 1e15;
    if (style.zero_pad > 0 && whole && cell.text.size() < static_cast<std::size_t>(style.zero_pad))
      cell.text.insert(0, static_cast<std::size_t>(style.zero_pad) - cell.text.size(), '0');
  }

  /// `t="d"` (ISO 8601, as strict OOXML writes dates): `2021-05-20T00:00:00` → 2021-05-20.
  void iso_date_cell(SheetCell& cell) {
    cell.kind = CellKind::Date;
    cell.text = value_.substr(0, std::min<std::size_t>(value_.find_first_of(".Z+"), 19));
    if (cell.text.size() > 10 && cell.text[10] == 'T') cell.text[10] = ' ';
    if (cell.text.ends_with(" 00:00:00")) cell.text.resize(10);
  }

  void add_merge(const char* ref) {
    if (!ref) return;
    const std::string_view range(ref);
    const auto colon = range.find(':');
    MergedRange merged;
    if (colon == std::string_view::npos ||
        !parse_reference(range.substr(0, colon), merged.first_row, merged.first_column) ||
        !parse_reference(range.substr(colon + 1), merged.last_row, merged.last_column))
      return;  // a malformed range merges nothing: every cell still reads as stored
    sheet_.merges.push_back(merged);
  }

  void cell_error(const std::string& code, const std::string& message) {
    report_.error(file_, static_cast<int>(cell_row_ + 1), static_cast<int>(cell_column_ + 1), code,
                  message);
  }

  const WorkbookParts& parts_;
  Worksheet& sheet_;
  const std::string& file_;
  Diagnostics& report_;
  RichText rich_;
  bool started_ = false;
  bool in_inline_ = false;
  std::uint32_t row_ = 0, next_column_ = 0, cell_row_ = 0, cell_column_ = 0;
  std::string type_;
  std::size_t style_ = 0;
  bool formula_ = false, has_value_ = false;
  std::string value_;
};

// --- putting it together -----------------------------------------------------------------------

/// Reads the workbook's parts in order; each step returns false after one whole-file error.
class XlsxReader {
 public:
  XlsxReader(const std::string& file, Diagnostics& report) : file_(file), report_(report) {}

  bool read(std::string_view bytes, const std::string& wanted, Worksheet& sheet) {
    if (const std::string problem = package_.open(bytes); !problem.empty())
      return damaged(i18n::trf("it is not a readable ZIP package ({})", problem));
    std::string workbook_part;
    WorkbookHandler workbook;
    std::vector<Relationship> relationships;
    if (!find_workbook(workbook_part) || !parse(workbook_part, workbook)) return false;
    if (!workbook.is_workbook)
      return workbook_error(report_, file_, "workbook.not-a-workbook",
                            i18n::tr("the file is a ZIP package but not an Excel workbook (.xlsx); "
                                     "save it from Excel or WPS as .xlsx, or as CSV"));
    if (!read_relationships(relationships_part(workbook_part), relationships)) return false;

    // Worksheets in tab order; chart sheets and macro sheets hold no table.
    std::vector<std::string> names;
    std::vector<const Relationship*> targets;
    for (const auto& entry : workbook.sheets) {
      const Relationship* target = find_relationship(relationships, entry);
      if (!target || !type_is(*target, "worksheet")) continue;
      names.push_back(entry.name);
      targets.push_back(target);
    }
    const auto chosen = choose_sheet(names, wanted, file_, report_);
    if (!chosen) return false;
    const Relationship* target = targets[*chosen];
    sheet.name = names[*chosen];
    report_.set_sheet(file_, sheet.name);

    SharedStringsHandler strings;
    StylesHandler styles;
    for (const auto& relationship : relationships) {
      const std::string part = resolve_target(workbook_part, relationship.target);
      if (type_is(relationship, "sharedStrings") && !parse(part, strings)) return false;
      if (type_is(relationship, "styles") && !parse(part, styles)) return false;
    }
    const std::vector<NumberStyle> number_styles = styles.styles();
    const WorkbookParts parts{&strings.strings, &number_styles, workbook.date1904};
    SheetHandler cells(parts, sheet, file_, report_);
    return parse(resolve_target(workbook_part, target->target), cells);
  }

 private:
  /// The main part, named by the package relationships (`xl/workbook.xml` as Excel writes it).
  bool find_workbook(std::string& part) {
    std::vector<Relationship> root;
    if (package_.has("_rels/.rels") && !read_relationships("_rels/.rels", root)) return false;
    for (const auto& relationship : root)
      if (type_is(relationship, "officeDocument")) part = resolve_target("", relationship.target);
    if (part.empty()) part = "xl/workbook.xml";
    if (!package_.has(part))
      return workbook_error(report_, file_, "workbook.not-a-workbook",
                            i18n::tr("the file is a ZIP package but not an Excel workbook (.xlsx): "
                                     "it has no workbook part"));
    return true;
  }

  bool read_relationships(const std::string& part, std::vector<Relationship>& relationships) {
    RelationshipsHandler handler;
    if (!parse(part, handler)) return false;
    relationships = std::move(handler.relationships);
    return true;
  }

  static const Relationship* find_relationship(const std::vector<Relationship>& relationships,
                                               const SheetEntry& sheet) {
    for (const auto& relationship : relationships)
      if (relationship.id == sheet.relationship) return &relationship;
    return nullptr;
  }

  bool parse(const std::string& part, XmlHandler& handler) {
    const auto problem = parse_part(package_, part, handler);
    if (!problem) return true;
    if (problem->message == "encrypted")
      return workbook_error(report_, file_, "workbook.encrypted",
                            i18n::tr("the workbook is encrypted (password protected); save a copy "
                                     "without a password"));
    if (problem->bomb)
      return workbook_error(report_, file_, "workbook.too-large",
                            i18n::trf("the workbook is refused: {} (a ZIP bomb, or far larger "
                                      "than any table)",
                                      problem->message));
    return damaged(problem->message);
  }

  bool damaged(const std::string& why) {
    return workbook_error(report_, file_, "workbook.damaged",
                          i18n::trf("the workbook is damaged: {}", why));
  }

  const std::string& file_;
  Diagnostics& report_;
  Package package_;
};

}  // namespace

bool read_xlsx(std::string_view bytes, const std::string& file, const std::string& wanted,
               Worksheet& sheet, Diagnostics& report) {
  return XlsxReader(file, report).read(bytes, wanted, sheet);
}

}  // namespace jury::workbook_detail
