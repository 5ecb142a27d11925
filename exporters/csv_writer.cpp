#include "exporters/csv_writer.hpp"

namespace jury {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string neutralise_formula(std::string_view text) {
  if (text.empty()) return {};
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r': {
      std::string out;  // not "'" + std::string(text): GCC 12 -O3 warns -Wrestrict on that
      out.reserve(text.size() + 1);
      out += '\'';
      out += text;
      return out;
    }
    default:
      return std::string(text);
  }
}

CsvWriter::CsvWriter(Bom bom) {
  if (bom == Bom::Utf8) text_ = "\xEF\xBB\xBF";
}

void CsvWriter::row(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) text_ += ',';
    text_ += csv_field(fields[i]);
  }
  text_ += "\r\n";
}

void CsvWriter::raw_line(std::string_view line) {
  for (const char c : line) text_ += (c == '\r' || c == '\n') ? ' ' : c;
  text_ += "\r\n";
}

}  // namespace jury
