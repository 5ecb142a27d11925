#pragma once
/// Score sheets (`jury export sheets DIR`, SPEC §5): one CSV per judge and kind, which the judge
/// fills in and `jury import scores` reads back.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// The sheets of one round of a staged competition (SPEC §12–13); the default is a competition of
/// one round without a timetable.
struct SheetRound {
  /// Appended to every file stem: "-<round_id>" when the competition has more than one round
  /// (`<judge_id>-<kind>-<round_id>.csv`), else empty.
  std::string suffix;
  /// The interview slot of each pair of a scheduled round: a sheet lists its entries in slot
  /// order (then entry_id); nullptr = entry_id order.
  const std::map<Assignment, int>* slots = nullptr;
};

struct SheetFile {
  std::string file_name;  ///< `<judge_id>-<kind>.csv`, made safe by safe_file_stem
  std::string judge_id;
  std::string kind;
  std::string text;  ///< UTF-8 without BOM, CRLF; the caller encodes and adds the BOM
};

/// One sheet per (judge, kind) with at least one assigned entry: file `<judge_id>-<kind>.csv`
/// (sanitised so that no judge id can escape the directory or collide); first a `#` comment line
/// with each criterion's label and max (`# innovation=创新性 (0–40), rigor=科学性 (0–30); step
/// 0.5`), then the header `judge_id,entry_id,title,<criterion ids…>,comment,recuse`, rows in
/// entry_id order with empty score cells — or, when `filled` is given, the values of the matching
/// ScoreRow (judge_id, entry_id) formatted without trailing zeros (40, 35.5) and its comment.
/// Sheets in (judge_id, kind order) order. Every assignment given becomes a row: the caller
/// chooses which (e.g. leaves out withdrawn entries). Title and comment cells are
/// neutralise_formula()'d (a judge opens the sheet in Excel); ids stay verbatim, they are the keys
/// `import scores` reads back. `judges` is not needed for the content (sheets name only ids).
/// Throws std::out_of_range when an assignment names an entry that is not in `entries`.
std::vector<SheetFile> score_sheets(const Config& config, const std::vector<Entry>& entries,
                                    const std::vector<Judge>& judges,
                                    const std::vector<Assignment>& assignments,
                                    const std::vector<ScoreRow>* filled = nullptr,
                                    const SheetRound& round = {});

/// What one score sheet holds, whatever its file format (CSV here, xlsx in sheets_xlsx.hpp): the
/// judge, the kind and one line per assigned entry, in entry_id order, with the stored values.
struct SheetContent {
  struct Line {
    const Entry* entry = nullptr;
    const ScoreRow* filled = nullptr;  ///< the stored values, nullptr when none
  };
  std::string judge_id;
  std::string kind;
  const Rubric* rubric = nullptr;
  std::vector<Line> lines;
};

/// The sheets of score_sheets, in its order, before any file format; pointers into the arguments.
std::vector<SheetContent> score_sheet_contents(const Config& config,
                                               const std::vector<Entry>& entries,
                                               const std::vector<Assignment>& assignments,
                                               const std::vector<ScoreRow>* filled = nullptr,
                                               const SheetRound& round = {});

/// The columns of a sheet: judge_id, entry_id, title, the criterion ids, comment, recuse; in
/// Chinese (SPEC §10) 评委编号, 作品编号, 作品名称, the criterion_names, 评语, 回避.
std::vector<std::string> sheet_header(const Rubric& rubric);

/// How a Chinese header names each criterion: its label, or its id when it has none or shares
/// it with another criterion of the rubric (the importer must tell them apart).
std::vector<std::string> criterion_names(const Rubric& rubric);

/// The cells of one line under sheet_header: ids verbatim, title and comment neutralised, values
/// formatted without trailing zeros (40, 35.5), recuse empty.
std::vector<std::string> sheet_cells(const SheetContent& sheet, const SheetContent::Line& line);

/// Per sheet, `<judge_id>-<kind><suffix><extension>` of safe stems, made unique (`~2`, `~3`, …
/// for names that only differ in ASCII case or repeat).
std::vector<std::string> sheet_file_names(const std::vector<SheetContent>& sheets,
                                          const std::string& extension,
                                          const std::string& suffix = {});

/// A file name stem that is safe in any directory: [A-Za-z0-9_-] are kept, every other byte
/// becomes `%XX` (upper-case hex; `%` is never kept, so the mapping is one-to-one and an id made
/// of [A-Za-z0-9_-] maps to itself). Never empty ("" → "%"), never "." or "..".
std::string safe_file_stem(std::string_view id);

}  // namespace jury
