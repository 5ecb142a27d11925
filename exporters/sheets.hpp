#pragma once
/// Score sheets (`jury export sheets DIR`, SPEC §5): one CSV per judge and kind, which the judge
/// fills in and `jury import scores` reads back.

#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace jury {

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
                                    const std::vector<ScoreRow>* filled = nullptr);

/// A file name stem that is safe in any directory: [A-Za-z0-9_-] are kept, every other byte
/// becomes `%XX` (upper-case hex; `%` is never kept, so the mapping is one-to-one and an id made
/// of [A-Za-z0-9_-] maps to itself). Never empty ("" → "%"), never "." or "..".
std::string safe_file_stem(std::string_view id);

}  // namespace jury
