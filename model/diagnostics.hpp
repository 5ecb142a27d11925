#pragma once
/// Problems found in user input. Bad input is normal: importers collect every problem of a file
/// into a Diagnostics, and the engine refuses to write anything while it holds errors.

#include <map>
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
  /// The worksheet when the file is a workbook (SPEC §15): line is then its row and column its
  /// column, shown as `FILE[SHEET]!D17`. Empty for text files.
  std::string sheet;
};

/// The problems found, in the order found: errors and warnings, each naming file, line and column.
/// (Not a report in the CLI's sense: that is ReliabilityReport, CommitteeReport, TamperReport.)
class Diagnostics {
 public:
  void error(std::string file, int line, int column, std::string code, std::string message);
  void warning(std::string file, int line, int column, std::string code, std::string message);
  /// Items of `other` about a file named by set_sheet here get that sheet, unless they name one.
  void append(const Diagnostics& other);

  /// Diagnostics about `file` added from now on (here or appended) name cells of this worksheet.
  void set_sheet(const std::string& file, const std::string& sheet);

  bool has_errors() const;
  const std::vector<Diagnostic>& items() const { return items_; }

  /// `FILE:LINE:COLUMN: error: message`, one per line (compiler style, SPEC §10).
  std::string to_text() const;

 private:
  void add(Diagnostic diagnostic);

  std::vector<Diagnostic> items_;
  std::map<std::string, std::string> sheets_;  ///< file → worksheet (set_sheet)
};

/// `FILE:LINE:COLUMN: error: message`; for a workbook `FILE[SHEET]!D17: error: message` (a whole
/// row: `FILE[SHEET]!17:17`, the whole sheet: `FILE[SHEET]`).
std::string format_diagnostic(const Diagnostic& d);

/// Excel's column letters of a 1-based column number: 1 → A, 26 → Z, 27 → AA.
std::string column_letters(int column);

}  // namespace jury
