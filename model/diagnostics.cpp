#include "model/diagnostics.hpp"

#include <fmt/format.h>

namespace jury {

void Report::error(std::string file, int line, int column, std::string code, std::string message) {
  items_.push_back(
      {std::move(file), line, column, Severity::Error, std::move(code), std::move(message)});
}

void Report::warning(std::string file, int line, int column, std::string code,
                     std::string message) {
  items_.push_back(
      {std::move(file), line, column, Severity::Warning, std::move(code), std::move(message)});
}

void Report::append(const Report& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Report::has_errors() const {
  for (const auto& d : items_)
    if (d.severity == Severity::Error) return true;
  return false;
}

std::string format_diagnostic(const Diagnostic& d) {
  const char* level = d.severity == Severity::Error ? "error" : "warning";
  if (d.line == 0) return fmt::format("{}: {}: {}", d.file, level, d.message);  // whole file
  return fmt::format("{}:{}:{}: {}: {}", d.file, d.line, d.column, level, d.message);
}

std::string Report::to_text() const {
  std::string out;
  for (const auto& d : items_) {
    out += format_diagnostic(d);
    out += '\n';
  }
  return out;
}

}  // namespace jury
