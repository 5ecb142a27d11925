#pragma once
/// Score sheets as Excel workbooks (`jury export sheets DIR --format xlsx`, SPEC §15): the
/// content of the CSV sheets (sheets.hpp), with Excel doing the checks a judge's mistakes need.

#include <string>
#include <vector>

#include "exporters/sheets.hpp"
#include "model/model.hpp"

namespace jury {

/// One workbook per (judge, kind), the same sheets in the same order as score_sheets, named
/// `<judge_id>-<kind>.xlsx`; SheetFile::text holds the workbook's bytes. One worksheet, named by
/// the kind's label:
/// - row 1, merged over the table: the competition, the judge (id and name) and the kind;
/// - row 2, the header: 评委编号, 作品编号, 作品名称, one column per criterion headed by its label
///   and maximum (`创新性（满分 40）`; the id when labels repeat), 评语, 回避 — what
///   `import scores` reads (labels, without_maximum_note);
/// - one row per entry in entry_id order; stored values filled in as numbers, the comment as text.
/// Every criterion cell carries data validation: a number in 0..max that is a multiple of the
/// rubric's step by the importer's own rule (parse_score), with an input message and an error
/// message in Chinese; the recuse cells a list (是/否). The sheet is protected (no password): the
/// ids and titles are locked, the score, comment and recuse cells are not. Title and comment text
/// is neutralise_formula()'d and written as strings. The document date is fixed (1 January of the
/// competition year), so equal inputs give byte-identical workbooks. Throws std::runtime_error
/// when a workbook cannot be made, std::out_of_range as score_sheets.
std::vector<SheetFile> score_sheets_xlsx(const Config& config, const std::vector<Entry>& entries,
                                         const std::vector<Judge>& judges,
                                         const std::vector<Assignment>& assignments,
                                         const std::vector<ScoreRow>* filled = nullptr,
                                         const SheetRound& round = {});

/// The custom validation formula of a criterion cell (e.g. D3): ISNUMBER, 0..max, and the step
/// rule of parse_score, |v/step − ROUND(v/step)| ≤ 1e-12·max(1, v/step):
/// `AND(ISNUMBER(D3),D3>=0,D3<=40,ABS(D3/0.5-ROUND(D3/0.5,0))<=1E-12*MAX(1,D3/0.5))`.
std::string score_validation_formula(const std::string& cell, double max, double step);

}  // namespace jury
