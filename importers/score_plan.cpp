#include "importers/score_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "model/i18n.hpp"
#include "model/score_values.hpp"

namespace jury {

namespace {

/// Old and new values of a changed score row, for the audit log (SPEC §6: old → new).
std::string describe_replacement(const Assignment& pair, const ScoreRow& old_row,
                                 const ScoreRow& new_row) {
  return fmt::format("{}/{}: [{}] -> [{}]", pair.judge_id, pair.entry_id,
                     encode_score_values(old_row.values), encode_score_values(new_row.values));
}

bool all_blank(const ScoreRow& row) {
  return std::none_of(row.values.begin(), row.values.end(), [](const auto& v) { return bool(v); });
}

const ScoreRow* stored_row(const Assignment& pair, const StoredScores& stored) {
  const auto old = stored.rows.find(&pair);
  return old == stored.rows.end() ? nullptr : &old->second;
}

/// The rules between a sheet's rows and the earlier sheets and the store (SPEC §6): a pair is
/// given in one file only, and a recused pair takes no scores. Errors go to the sheet's report.
void check_pairs(SheetScores& sheet, const std::vector<std::string>& files,
                 const StoredScores& stored,
                 std::unordered_map<const Assignment*, std::pair<std::size_t, int>>& seen) {
  for (const ImportedScore& item : sheet.rows) {
    const Assignment& pair = *item.pair;
    const auto [where, fresh] = seen.emplace(&pair, std::make_pair(files.size(), item.line));
    if (!fresh)
      sheet.diagnostics.error(
          sheet.file, item.line, 1, "scores.duplicate-pair",
          i18n::trf("judge {} and entry {} are also given in {}:{}; give each pair once",
                    pair.judge_id, pair.entry_id, files[where->second.first],
                    where->second.second));
    if (stored.recused.count(pair) && !item.recuse && !item.blank)
      sheet.diagnostics.error(sheet.file, item.line, 1, "scores.recused-pair",
                              i18n::trf("judge {} has recused from entry {}; no scores can be "
                                        "entered for this pair",
                                        pair.judge_id, pair.entry_id));
  }
}

void add_row(std::vector<std::vector<EncodedScoreRow>>& batches, ScoreRow row) {
  if (batches.empty() || batches.back().size() == ScoreWrites::kRowBatch) {
    batches.emplace_back();
    batches.back().reserve(ScoreWrites::kRowBatch);
  }
  batches.back().push_back(encode_score_row(std::move(row)));
}

/// The writes and audit entry of one checked sheet; the counts go to the plan.
FileScorePlan plan_sheet(SheetScores& sheet, const StoredScores& stored,
                         const std::string& round_prefix, ScorePlan& plan) {
  FileScorePlan file{std::move(sheet.file), std::move(sheet.sha256), {}, {}, {}};
  std::vector<std::string> lines;  // old → new of every changed row, every recused pair
  int added = 0;
  int replaced = 0;
  for (ImportedScore& item : sheet.rows) {
    const Assignment& pair = *item.pair;
    const ScoreRow* old = stored_row(pair, stored);
    switch (classify_row(item, pair, stored)) {
      case RowChange::None:
        break;
      case RowChange::Blank:
        ++plan.blank;
        break;
      case RowChange::Unchanged:
        ++plan.unchanged;
        break;
      case RowChange::Recusal:
        lines.push_back(fmt::format("recused {}/{}", pair.judge_id, pair.entry_id));
        if (old) lines.push_back(describe_replacement(pair, *old, {}));
        file.recusals.push_back(pair);
        break;
      case RowChange::Cleared:
        ++replaced;
        lines.push_back(describe_replacement(pair, *old, item.row));
        file.cleared.push_back(pair);
        break;
      case RowChange::Added:
        ++added;
        add_row(plan.inserts, std::move(item.row));
        break;
      case RowChange::Replaced:
        ++replaced;
        lines.push_back(describe_replacement(pair, *old, item.row));
        add_row(plan.replacements, std::move(item.row));
        break;
    }
  }
  plan.added += added;
  plan.updated += replaced;
  plan.recused += static_cast<int>(file.recusals.size());
  file.audit = fmt::format("{}{} score rows: {} new, {} replaced, {} recusals", round_prefix,
                           sheet.rows.size(), added, replaced, file.recusals.size());
  for (const auto& line : lines) file.audit += "\n" + line;
  std::vector<ImportedScore>().swap(sheet.rows);  // planned: the rows are no longer needed
  return file;
}

}  // namespace

RowChange classify_row(const ImportedScore& item, const Assignment& pair,
                       const StoredScores& stored) {
  // A recused pair: its recusal is already recorded, and a filled row is an error before this.
  if (stored.recused.count(pair)) return RowChange::None;
  if (item.recuse) return RowChange::Recusal;
  const ScoreRow* old = stored_row(pair, stored);
  if (all_blank(item.row)) return old ? RowChange::Cleared : RowChange::Blank;
  if (!old) return RowChange::Added;
  const bool same = old->values == item.row.values && old->comment == item.row.comment;
  return same ? RowChange::Unchanged : RowChange::Replaced;
}

ScorePlanner::ScorePlanner(const StoredScores& stored, Diagnostics report, std::string round_prefix)
    : stored_(stored), round_prefix_(std::move(round_prefix)) {
  seen_.reserve(stored.pairs);  // no rehash of a 500,000-pair table as it fills
  plan_.diagnostics = std::move(report);
}

void ScorePlanner::add(SheetScores sheet) {
  check_pairs(sheet, files_, stored_, seen_);
  files_.push_back(sheet.file);
  plan_.diagnostics.append(sheet.diagnostics);
  // After the first error nothing more is planned; the rest is still checked.
  if (!plan_.diagnostics.has_errors())
    plan_.files.push_back(plan_sheet(sheet, stored_, round_prefix_, plan_));
}

ScoreWrites ScorePlanner::take_writes() {
  ScoreWrites writes;
  std::swap(writes.files, plan_.files);
  std::swap(writes.inserts, plan_.inserts);
  std::swap(writes.replacements, plan_.replacements);
  if (plan_.diagnostics.has_errors()) return {};  // never to be written: dropped
  return writes;
}

ScorePlan ScorePlanner::finish() && {
  if (plan_.diagnostics.has_errors()) {
    ScorePlan refused;
    refused.diagnostics = std::move(plan_.diagnostics);
    return refused;
  }
  return std::move(plan_);
}

ScorePlan plan_score_import(std::vector<SheetScores> sheets, const StoredScores& stored,
                            Diagnostics report, const std::string& round_prefix) {
  ScorePlanner planner(stored, std::move(report), round_prefix);
  for (SheetScores& sheet : sheets) planner.add(std::move(sheet));
  return std::move(planner).finish();
}

}  // namespace jury
