#include "importers/csv_reader.hpp"

#include "model/text.hpp"

namespace jury {

namespace {

/// The ASCII characters that trim() removes (Unicode White_Space).
bool is_ascii_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

/// Whether trim(field) is empty; ICU only once a non-ASCII character comes first.
bool is_blank_field(const std::string& field) {
  for (const char c : field) {
    if (is_ascii_space(c)) continue;
    if (static_cast<unsigned char>(c) < 0x80) return false;
    return trim(field).empty();  // non-ASCII spaces such as U+3000
  }
  return true;
}

bool is_blank_record(const CsvRow& row) {
  for (const auto& field : row.fields)
    if (!is_blank_field(field)) return false;
  return true;
}

/// Whether trim(first field) starts with '#'; ICU only once a non-ASCII character comes first.
bool starts_comment(const CsvRow& row) {
  if (row.fields.empty()) return false;
  for (const char c : row.fields.front()) {
    if (is_ascii_space(c)) continue;
    if (static_cast<unsigned char>(c) < 0x80) return c == '#';
    const std::string first = trim(row.fields.front());
    return !first.empty() && first.front() == '#';
  }
  return false;
}

/// The state machine. One instance reads one text; `pos` always points at the next unread byte.
class CsvParser {
 public:
  CsvParser(std::string_view text, char separator, const std::string& file, Diagnostics& report)
      : text_(text), separator_(separator), file_(file), report_(report) {}

  bool done() const { return pos_ >= text_.size(); }
  int line() const { return line_; }
  bool at_line_start_with(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

  void skip_line() {
    while (pos_ < text_.size() && !at_newline()) ++pos_;
    consume_newline();
  }

  /// width_hint: the previous record's width, to allocate the field vectors once.
  CsvRow read_record(std::size_t width_hint) {
    CsvRow row;
    row.line = line_;
    row.fields.reserve(width_hint);
    row.field_lines.reserve(width_hint);
    while (true) {
      row.field_lines.push_back(line_);
      row.fields.emplace_back();
      const bool more = read_field(row.fields.back(), static_cast<int>(row.fields.size()));
      if (!more) break;
    }
    return row;
  }

 private:
  bool at_newline() const { return text_[pos_] == '\n' || text_[pos_] == '\r'; }

  /// Padding around quoted fields; a tab is padding only when it is not the separator.
  bool is_padding(char c) const { return c == ' ' || (c == '\t' && separator_ != '\t'); }

  /// Consumes one CRLF, LF or CR if there is one.
  void consume_newline() {
    if (pos_ >= text_.size()) return;
    if (text_[pos_] == '\r') {
      ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    } else if (text_[pos_] == '\n') {
      ++pos_;
    } else {
      return;
    }
    ++line_;
  }

  /// Reads one field into out. Returns true when a separator follows (another field of the same
  /// record), false at the end of the record (newline consumed) or of the text.
  bool read_field(std::string& out, int column) {
    std::size_t look = pos_;
    while (look < text_.size() && is_padding(text_[look])) ++look;
    if (look < text_.size() && text_[look] == '"') {
      pos_ = look + 1;
      return read_quoted(out, column);
    }
    return read_unquoted(out, column);
  }

  bool end_of_field() {
    if (pos_ >= text_.size()) return false;
    if (text_[pos_] == separator_) {
      ++pos_;
      return true;
    }
    consume_newline();
    return false;
  }

  bool read_unquoted(std::string& out, int column) {
    bool reported = false;
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != separator_ && !at_newline()) {
      if (text_[pos_] == '"' && !reported) {
        report_.error(file_, line_, column, "csv.stray-quote",
                      "stray quote \" inside an unquoted field; quote the whole field and double "
                      "the quotes inside it (\"\")");
        reported = true;
      }
      ++pos_;
    }
    out.assign(text_.substr(start, pos_ - start));
    return end_of_field();
  }

  bool read_quoted(std::string& out, int column) {
    const std::size_t content_start = pos_;
    const int open_line = line_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          out.push_back('"');
          pos_ += 2;
          continue;
        }
        ++pos_;
        return after_closing_quote(out, column);
      }
      if (c == '\r' || c == '\n') {
        consume_newline();
        out.push_back('\n');
        continue;
      }
      out.push_back(c);
      ++pos_;
    }
    recover_unterminated(out, column, content_start, open_line);
    return false;
  }

  bool after_closing_quote(std::string& out, int column) {
    while (pos_ < text_.size() && is_padding(text_[pos_])) ++pos_;
    if (pos_ >= text_.size() || text_[pos_] == separator_ || at_newline()) return end_of_field();
    report_.error(file_, line_, column, "csv.text-after-quote",
                  "text after the closing quote of a quoted field; a quoted field must end with "
                  "its closing quote (double quotes inside it as \"\")");
    while (pos_ < text_.size() && text_[pos_] != separator_ && !at_newline())
      out.push_back(text_[pos_++]);
    return end_of_field();
  }

  /// The quote opened at open_line never closes: report it there, keep that line's rest as the
  /// field and carry on with the next line, so one typo does not swallow the rest of the file.
  void recover_unterminated(std::string& out, int column, std::size_t content_start,
                            int open_line) {
    report_.error(file_, open_line, column, "csv.unterminated-quote",
                  "unterminated quoted field: the quote opened here is never closed");
    pos_ = content_start;
    line_ = open_line;
    const std::size_t start = pos_;
    while (pos_ < text_.size() && !at_newline()) ++pos_;
    out.assign(text_.substr(start, pos_ - start));
    consume_newline();
  }

  std::string_view text_;
  char separator_;
  const std::string& file_;
  Diagnostics& report_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

char detect_separator(std::string_view utf8) {
  std::size_t commas = 0, tabs = 0;
  bool quoted = false;
  for (char c : utf8) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == ',') ++commas;
    if (c == '\t') ++tabs;
  }
  return tabs > commas ? '\t' : ',';
}

std::vector<CsvRow> read_csv(std::string_view utf8, const std::string& file, Diagnostics& report,
                             CommentLines comments, char separator) {
  const bool comment_lines = comments == CommentLines::Skipped;
  std::vector<CsvRow> rows;
  CsvParser parser(utf8, separator, file, report);
  while (!parser.done()) {
    if (comment_lines && parser.at_line_start_with('#')) {
      parser.skip_line();
      continue;
    }
    CsvRow row = parser.read_record(rows.empty() ? 8 : rows.back().fields.size());
    if (is_blank_record(row) || (comment_lines && starts_comment(row))) continue;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace jury
