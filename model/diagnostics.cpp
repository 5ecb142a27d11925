#include "model/diagnostics.hpp"

#include <fmt/format.h>

namespace jury {

void Diagnostics::add(Diagnostic diagnostic) {
  if (diagnostic.sheet.empty() && !sheets_.empty()) {
    const auto sheet = sheets_.find(diagnostic.file);
    if (sheet != sheets_.end()) diagnostic.sheet = sheet->second;
  }
  items_.push_back(std::move(diagnostic));
}

void Diagnostics::error(std::string file, int line, int column, std::string code,
                        std::string message) {
  add({std::move(file), line, column, Severity::Error, std::move(code), std::move(message), {}});
}

void Diagnostics::warning(std::string file, int line, int column, std::string code,
                          std::string message) {
  add({std::move(file), line, column, Severity::Warning, std::move(code), std::move(message), {}});
}

void Diagnostics::append(const Diagnostics& other) {
  for (const auto& [file, sheet] : other.sheets_) sheets_.emplace(file, sheet);
  for (const auto& item : other.items_) add(item);
}

void Diagnostics::set_sheet(const std::string& file, const std::string& sheet) {
  sheets_[file] = sheet;
}

bool Diagnostics::has_errors() const {
  for (const auto& d : items_)
    if (d.severity == Severity::Error) return true;
  return false;
}

std::string column_letters(int column) {
  std::string letters;
  for (; column > 0; column = (column - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (column - 1) % 26));
  return letters;
}

namespace {

/// Where a diagnostic points, without its level: `FILE:LINE:COLUMN`, `FILE[SHEET]!D17`, ….
std::string location(const Diagnostic& d) {
  if (!d.sheet.empty()) {
    std::string sheet = fmt::format("{}[{}]", d.file, d.sheet);
    if (d.line == 0) return sheet;
    if (d.column == 0) return fmt::format("{}!{}:{}", sheet, d.line, d.line);
    return fmt::format("{}!{}{}", sheet, column_letters(d.column), d.line);
  }
  if (d.line == 0) return d.file;  // whole file
  return fmt::format("{}:{}:{}", d.file, d.line, d.column);
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
  const char* level = d.severity == Severity::Error ? "error" : "warning";
  return fmt::format("{}: {}: {}", location(d), level, d.message);
}

std::string Diagnostics::to_text() const {
  std::string out;
  for (const auto& d : items_) {
    out += format_diagnostic(d);
    out += '\n';
  }
  return out;
}

}  // namespace jury
