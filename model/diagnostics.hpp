#pragma once
/// Problems found in user input. Bad input is normal: importers collect every problem of a file
/// into a Report, and the engine refuses to write anything while the report has errors.

#include <string>
#include <vector>

namespace jury {

enum class Severity { Error, Warning };

struct Diagnostic {
  std::string file;  ///< as the user named it
  int line =
      0;  ///< 1-based physical line; 0 = whole file (then the message names a JSON path or similar)
  int column = 0;  ///< 1-based field (CSV column) number; 0 = whole line
  Severity severity = Severity::Error;
  std::string code;     ///< stable, greppable id, e.g. "entries.duplicate-id"
  std::string message;  ///< what was found and what is allowed
};

class Report {
 public:
  void error(std::string file, int line, int column, std::string code, std::string message);
  void warning(std::string file, int line, int column, std::string code, std::string message);
  void append(const Report& other);

  bool has_errors() const;
  const std::vector<Diagnostic>& items() const { return items_; }

  /// `FILE:LINE:COLUMN: error: message`, one per line (compiler style, SPEC §10).
  std::string to_text() const;

 private:
  std::vector<Diagnostic> items_;
};

std::string format_diagnostic(const Diagnostic& d);

}  // namespace jury
