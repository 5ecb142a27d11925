#include "exporters/sheets.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "exporters/csv_writer.hpp"
#include "exporters/roster_rows.hpp"
#include "model/i18n.hpp"

namespace jury {

using roster_detail::format_plain;

std::string safe_file_stem(std::string_view id) {
  if (id.empty()) return "%";
  std::string stem;
  for (const char c : id) {
    const auto byte = static_cast<unsigned char>(c);
    const bool kept = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                      (byte >= '0' && byte <= '9') || byte == '_' || byte == '-';
    stem += kept ? std::string(1, c) : fmt::format("%{:02X}", byte);
  }
  return stem;
}

namespace {

using SheetKey = std::pair<std::string, std::string>;  ///< (judge_id, entry_id)

/// `# innovation=创新性 (0–40), rigor=科学性 (0–30); step 0.5`: what a judge needs to know. A
/// Chinese sheet (SPEC §10) names the criteria as its header does and says how to fill in, recuse
/// and correct: `# 评分标准：创新性 0–40，科学性 0–30；步长 0.5。填写：…`.
std::string criteria_comment(const Rubric& rubric) {
  std::vector<std::string> parts;
  if (!i18n::chinese()) {
    for (const Criterion& c : rubric.criteria)
      parts.push_back(fmt::format("{}={} (0–{})", c.id, c.label, format_plain(c.max)));
    return "# " + roster_detail::join(parts, ", ") + "; step " + format_plain(rubric.step);
  }
  const std::vector<std::string> names = criterion_names(rubric);
  for (std::size_t c = 0; c < names.size(); ++c)
    parts.push_back(fmt::format("{} 0–{}", names[c], format_plain(rubric.criteria[c].max)));
  return "# " + i18n::trf(
                    "Criteria: {}; step {}. Fill in: a score for each criterion, or leave "
                    "the row empty while not judged. Recuse: write yes under recuse and "
                    "leave the scores empty. Correct: change the cell and import the sheet "
                    "again.",
                    roster_detail::join(parts, i18n::tr(", ")), format_plain(rubric.step));
}

std::string ascii_lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

/// SPEC §13: a scheduled round's sheet lists the judge's entries in slot order (the order the
/// judge meets them); entry_id breaks ties, an unscheduled pair comes first.
void order_by_slot(SheetContent& sheet, const std::map<Assignment, int>& slots) {
  const auto slot_of = [&](const SheetContent::Line& line) {
    const auto found = slots.find(Assignment{sheet.judge_id, line.entry->id});
    return found == slots.end() ? 0 : found->second;
  };
  std::stable_sort(sheet.lines.begin(), sheet.lines.end(),
                   [&](const auto& a, const auto& b) { return slot_of(a) < slot_of(b); });
}

}  // namespace

std::vector<std::string> criterion_names(const Rubric& rubric) {
  std::map<std::string, int> uses;
  for (const Criterion& c : rubric.criteria) ++uses[c.label];
  std::vector<std::string> names;
  for (const Criterion& c : rubric.criteria)
    names.push_back(c.label.empty() || uses[c.label] > 1 ? c.id : c.label);
  return names;
}

/// SPEC §10: the English header names columns and criteria by id, the Chinese one by label
/// (评委编号, 作品编号, 作品名称, the criterion labels, 评语, 回避); `import scores` reads both.
std::vector<std::string> sheet_header(const Rubric& rubric) {
  using i18n::tr;
  std::vector<std::string> header{tr("judge_id"), tr("entry_id"), tr("title")};
  if (i18n::chinese())
    for (std::string& name : criterion_names(rubric)) header.push_back(std::move(name));
  else
    for (const Criterion& c : rubric.criteria) header.push_back(c.id);
  header.push_back(tr("comment"));
  header.push_back(tr("recuse"));
  return header;
}

/// Title and comment are free text a judge opens in Excel: neutralised. The ids are keys that
/// `import scores` reads back, so they stay exactly as stored.
std::vector<std::string> sheet_cells(const SheetContent& sheet, const SheetContent::Line& line) {
  const ScoreRow* filled = line.filled;
  std::vector<std::string> row{sheet.judge_id, line.entry->id,
                               neutralise_formula(line.entry->title)};
  for (std::size_t c = 0; c < sheet.rubric->criteria.size(); ++c) {
    const bool has_value = filled && c < filled->values.size() && filled->values[c];
    row.push_back(has_value ? format_plain(*filled->values[c]) : "");
  }
  row.push_back(filled ? neutralise_formula(filled->comment) : "");
  row.push_back("");
  return row;
}

/// `<judge>-<kind>` can still repeat: judge `a-b` of kind `c` and judge `a` of kind `b-c`, or
/// judges `A1` and `a1` on a case-insensitive file system. Later sheets then get `~2`, `~3`, …
/// (`~` never occurs in a safe stem).
std::vector<std::string> sheet_file_names(const std::vector<SheetContent>& sheets,
                                          const std::string& extension, const std::string& suffix) {
  std::set<std::string> taken;
  std::vector<std::string> names;
  for (const SheetContent& sheet : sheets) {
    const std::string stem =
        safe_file_stem(sheet.judge_id) + "-" + safe_file_stem(sheet.kind) + suffix;
    std::string name = stem + extension;
    for (int n = 2; taken.count(ascii_lower(name)) > 0; ++n)
      name = fmt::format("{}~{}{}", stem, n, extension);
    taken.insert(ascii_lower(name));
    names.push_back(name);
  }
  return names;
}

std::vector<SheetContent> score_sheet_contents(const Config& config,
                                               const std::vector<Entry>& entries,
                                               const std::vector<Assignment>& assignments,
                                               const std::vector<ScoreRow>* filled,
                                               const SheetRound& round) {
  std::map<std::string_view, const Entry*> entry_by_id;
  for (const Entry& entry : entries) entry_by_id.emplace(entry.id, &entry);

  // (judge_id, kind index) → entries in entry_id order; std::map keeps both orders.
  std::map<std::pair<std::string, int>, std::map<std::string, const Entry*>> sheet_entries;
  for (const Assignment& a : assignments) {
    const auto found = entry_by_id.find(a.entry_id);
    if (found == entry_by_id.end())
      throw std::out_of_range("exporters.unknown-entry: assignment of judge " + a.judge_id +
                              " names unknown entry " + a.entry_id);
    const Entry& entry = *found->second;
    sheet_entries[{a.judge_id, config.kind_index(entry.kind)}].emplace(entry.id, &entry);
  }

  std::map<SheetKey, const ScoreRow*> filled_by_key;
  if (filled)
    for (const ScoreRow& row : *filled) filled_by_key[{row.judge_id, row.entry_id}] = &row;

  std::vector<SheetContent> sheets;
  for (const auto& [key, sheet_rows] : sheet_entries) {
    SheetContent sheet{key.first, sheet_rows.begin()->second->kind, nullptr, {}};
    sheet.rubric = &config.rubric_of(sheet.kind);
    for (const auto& [entry_id, entry] : sheet_rows) {
      const auto score = filled_by_key.find({sheet.judge_id, entry_id});
      sheet.lines.push_back({entry, score == filled_by_key.end() ? nullptr : score->second});
    }
    if (round.slots) order_by_slot(sheet, *round.slots);
    sheets.push_back(std::move(sheet));
  }
  return sheets;
}

std::vector<SheetFile> score_sheets(const Config& config, const std::vector<Entry>& entries,
                                    const std::vector<Judge>& /*judges: sheets name only ids*/,
                                    const std::vector<Assignment>& assignments,
                                    const std::vector<ScoreRow>* filled, const SheetRound& round) {
  const std::vector<SheetContent> contents =
      score_sheet_contents(config, entries, assignments, filled, round);
  const std::vector<std::string> names = sheet_file_names(contents, ".csv", round.suffix);
  std::vector<SheetFile> sheets;
  for (std::size_t s = 0; s < contents.size(); ++s) {
    const SheetContent& sheet = contents[s];
    CsvWriter csv(Bom::None);
    csv.raw_line(criteria_comment(*sheet.rubric));
    csv.row(sheet_header(*sheet.rubric));
    for (const auto& line : sheet.lines) csv.row(sheet_cells(sheet, line));
    sheets.push_back({names[s], sheet.judge_id, sheet.kind, csv.text()});
  }
  return sheets;
}

}  // namespace jury
