#pragma once
/// What the entries, judges and scores importers share: reading a file into records, finding the
/// header row, checking row widths, normalising cells and matching ids/labels.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "importers/csv_reader.hpp"
#include "importers/encoding.hpp"
#include "importers/workbook.hpp"
#include "model/diagnostics.hpp"
#include "model/model.hpp"

namespace jury {

/// One column the importer knows: its English id, its Chinese label and accepted aliases.
struct ColumnSpec {
  std::string id;
  std::vector<std::string> labels;  ///< the SPEC's Chinese label first
  bool required = false;
};

/// "entry_id (作品编号)".
std::string describe(const ColumnSpec& column);

/// SPEC §10 Limits: the error message for an input file of `bytes` bytes over 1 GiB, else "".
std::string file_size_problem(std::uintmax_t bytes);

/// A file read as far as needs nothing but the file (what `import scores` does ahead, while it
/// loads the competition): a text file decoded to UTF-8 and its separator detected, a
/// workbook's bytes as they are.
struct DecodedFile {
  WorkbookFormat format = WorkbookFormat::None;
  std::string content;  ///< the UTF-8 text (format None), else the workbook's bytes
  char separator = ',';
  bool readable = true;  ///< false: the report says why (too large, not text)
};
DecodedFile decode_file(std::string bytes, const std::string& file, Encoding encoding,
                        Diagnostics& report, const std::string& sheet = {});

/// The records of a decoded file; with decode_file, read_records below.
std::optional<std::vector<CsvRow>> read_records(const DecodedFile& decoded, const std::string& file,
                                                Diagnostics& report, CommentLines comments,
                                                const std::string& sheet = {});

/// Decodes and splits a file into records, comma- or tab-separated (detect_separator); an Excel
/// workbook (told by content, SPEC §15) gives the records of its first worksheet or of `sheet`
/// (read_workbook; `encoding` does not apply), and its diagnostics name cells. An empty file (no
/// bytes, only a BOM, only blank lines or comments) is the error "empty file". SPEC §10 limits:
/// a file over 1 GiB, or a cell over 32,767 characters (UTF-16 units, as Excel counts), is an
/// error. nullopt when the file cannot be read at all.
std::optional<std::vector<CsvRow>> read_records(std::string_view bytes, const std::string& file,
                                                Encoding encoding, Diagnostics& report,
                                                CommentLines comments,
                                                const std::string& sheet = {});

/// The header row of a table and where each known column is.
struct Header {
  std::size_t row = 0;              ///< index into the records
  int line = 0;                     ///< its physical line
  std::size_t width = 0;            ///< number of header cells
  std::vector<int> field_of;        ///< per ColumnSpec: 0-based field index, -1 when absent
  std::vector<int> unknown_fields;  ///< non-empty header cells that name no known column
  std::vector<int> blank_fields;    ///< empty header cells

  bool has(std::size_t column) const { return field_of[column] >= 0; }
};

/// The header is the first record that names all required columns (SPEC §3); the records before
/// it (title lines) are skipped. No such record → error listing the missing required columns of
/// the closest candidate. A column named twice → error. Unknown columns are left to the caller.
std::optional<Header> find_header(const std::vector<CsvRow>& records,
                                  std::span<const ColumnSpec> columns, const std::string& file,
                                  Diagnostics& report);

/// A header with no data row below it is an error (a wrong sheet or an export cut short): an
/// import that imports nothing is never what the office meant. `what` names the rows ("entries").
bool check_has_rows(const std::vector<CsvRow>& records, const Header& header,
                    const std::string& file, Diagnostics& report, const std::string& what);

/// Warns once per unknown header cell that its column is ignored, and once per blank-header
/// column that holds data (the first line with data).
void warn_ignored_columns(const std::vector<CsvRow>& records, const Header& header,
                          const std::string& file, Diagnostics& report, const std::string& code);

/// A data row must have as many cells as the header; extra cells that are all empty (trailing
/// separators) are accepted. Error with the counts otherwise.
bool check_width(const CsvRow& row, const Header& header, const std::string& file,
                 Diagnostics& report, const std::string& code);

/// The cell of a row for a known column, "" when the column is absent.
std::string_view cell(const CsvRow& row, const Header& header, std::size_t column);
/// The physical line where the cell of a known column starts (the record's line if absent).
int cell_line(const CsvRow& row, const Header& header, std::size_t column);
/// 1-based column number of a known column (0 when absent).
int cell_column(const Header& header, std::size_t column);

/// SPEC §15: an id cell that a workbook stored as a number, in a column whose other ids keep
/// leading zeros (text cells such as 007), is a warning naming the cell and the likely id
/// (7 → 007: padded to the width most such ids have). `code` is the importer's warning code.
void warn_numeric_ids(const std::vector<CsvRow>& records, const Header& header,
                      std::size_t id_column, const std::string& file, Diagnostics& report,
                      const std::string& code);

/// A score sheet's criterion header may note the maximum after the label or id, as the xlsx
/// sheets write it (SPEC §15): `创新性（满分 40）`, `innovation (0–40)`, `rigor (max 30)`. The
/// label or id without that note; the cell itself when it has none.
std::string_view without_maximum_note(std::string_view header_cell);

/// NFKC (only when the cell is not pure ASCII: ICU is slow per cell) and trimmed: ids, kinds,
/// groups, subjects, status words, numbers.
std::string normalize_word(std::string_view cell);
/// normalize_word, ASCII-lowercased: the key headers and enum words are compared by.
std::string word_key(std::string_view cell);
/// Trimmed (ASCII and Unicode spaces such as U+3000) but otherwise kept: names, schools, titles.
std::string trim_text(std::string_view cell);
/// Empty or only spaces (also U+3000).
bool is_blank(std::string_view cell);
/// fold_key (SPEC §5) with an ASCII fast path.
std::string fold_name(std::string_view name);

/// Students and advisors (SPEC §3): split like split_names, except where whitespace is padding
/// inside one name rather than a separator: offices align a two-character name with an
/// ideographic space (王　芳 beside 李小明), and type 古丽米热 · 艾比布力. So two lone Chinese
/// characters with only U+3000 between them (and no other lone character beside them) are one
/// name, and pieces join across a middle dot: 王　芳 → 王芳, 古丽米热 · 艾比布力 →
/// 古丽米热·艾比布力; 张三 李四, 甲 乙 丙 and 甲　乙　丙 stay separate names.
std::vector<std::string> split_people(std::string_view cell);

/// SPEC §3 (entry_id, and judge_id by §4): 1–40 letters (any script), digits, `_`, `-`, `.`,
/// starting with a letter or digit (so an id is never a formula, `=1+1`, `@x`, in a sheet, and
/// always a file name). What is wrong with a non-empty `id` ("starts with \"=\"", "is 300
/// characters long", …), or "" when it has the form.
std::string id_form_problem(std::string_view id);

/// Matches a cell against configured ids and labels (kinds, groups, subjects, criteria): the id
/// case-insensitively, the label after trimming and NFKC.
class Vocabulary {
 public:
  void add(const std::string& id, const std::string& label);
  /// The id named by the cell (id or label), nullopt when unknown.
  std::optional<std::string> find(std::string_view cell) const;
  /// "primary (小学), junior (初中), senior (高中)".
  const std::string& expected() const { return expected_; }
  /// `unknown group "小学组"; expected one of primary (小学), …`, the field (kind, group,
  /// subject, round) named in the interface language (SPEC §10: 未知的组别 …).
  std::string unknown(const char* field, const std::string& quoted_cell) const;
  bool empty() const { return ids_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> id_keys_;     ///< key → id
  std::vector<std::pair<std::string, std::string>> label_keys_;  ///< key → id
  std::vector<std::string> ids_;
  std::vector<std::pair<std::string, std::string>> labels_;  ///< label as configured → id
  std::string expected_;
};

Vocabulary kind_vocabulary(const Config& config);
Vocabulary group_vocabulary(const Config& config);
Vocabulary subject_vocabulary(const Config& config);
Vocabulary round_vocabulary(const Config& config);  ///< SPEC §12 rounds, by id or label

/// Quotes a cell for a message: "小学组".
std::string quoted(std::string_view text);

/// The cells of the data row being read and the errors found in it: what the entries and judges
/// row readers share. Errors go to the report with the cell's line and column.
class RowCells {
 public:
  /// `code_prefix` ("entries") starts every error code; `record` ("entry") names one row's thing;
  /// `columns` are the importer's columns, `id_column` the one holding the record's id.
  RowCells(const Header& header, const std::string& file, Diagnostics& report,
           std::span<const ColumnSpec> columns, std::size_t id_column, std::string code_prefix,
           std::string record);

 protected:
  void start_row(const CsvRow& csv) {
    csv_ = &csv;
    valid_ = true;
  }
  bool row_valid() const { return valid_; }

  std::string_view text(std::size_t column) const { return cell(*csv_, header_, column); }
  void error(std::size_t column, const std::string& code, const std::string& message);
  void warning(std::size_t column, const std::string& code, const std::string& message);
  /// "empty entry_id (作品编号): every entry needs one".
  void missing(std::size_t column);
  /// The trimmed cell; an empty one is reported missing.
  std::string required_text(std::size_t column);
  /// An error at the id cell unless the id has the SPEC §3 form (id_form_problem).
  void check_id(const std::string& id);

  const Header& header_;
  const std::string& file_;
  Diagnostics& report_;

 private:
  std::span<const ColumnSpec> columns_;
  std::size_t id_column_;
  std::string code_prefix_;
  std::string record_;
  const CsvRow* csv_ = nullptr;
  bool valid_ = true;
};

}  // namespace jury
