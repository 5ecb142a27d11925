#include "exporters/csv_writer.hpp"
#include "exporters/roster.hpp"
#include "exporters/roster_rows.hpp"
#include "exporters/table.hpp"
#include "model/i18n.hpp"

namespace jury {

namespace {

using roster_detail::RosterRow;

std::vector<std::string> csv_header(bool is_public, bool staged) {
  std::vector<std::string> header{"entry_id", "kind",     "group",    "subject", "title",
                                  "school",   "district", "students", "advisors"};
  if (!is_public) header.insert(header.end(), {"scores", "score"});
  header.insert(header.end(), {"rank", "tier", "tier_label"});
  if (!is_public) header.push_back("flags");
  if (staged) header.insert(header.end(), {"round", "recommended"});  // SPEC §12
  return header;
}

std::vector<std::string> csv_row(const Config& config, const RosterRow& row, bool is_public,
                                 bool staged) {
  const Entry& entry = *row.entry;
  const EntryResult& result = *row.result;
  const auto text = [](std::string_view value) { return neutralise_formula(value); };
  const auto list = [](const std::vector<std::string>& items) {
    return neutralise_formula(roster_detail::join(items, "、"));
  };
  std::vector<std::string> cells{text(entry.id),       text(entry.kind),     text(entry.group),
                                 text(entry.subject),  text(entry.title),    text(entry.school),
                                 text(entry.district), list(entry.students), list(entry.advisors)};
  if (!is_public) {
    cells.push_back(std::to_string(result.scores));
    cells.push_back(result.score
                        ? roster_detail::format_fixed(*result.score, config.aggregation.precision)
                        : "");
  }
  cells.push_back(result.rank ? std::to_string(*result.rank) : "");
  cells.push_back(result.tier ? text(*result.tier) : "");
  cells.push_back(
      result.tier ? text(roster_detail::tier_label(config, row.pool->kind, *result.tier)) : "");
  if (!is_public) cells.push_back(list(result.flags));
  if (staged) {
    cells.push_back(text(result.round));
    cells.push_back(result.recommended ? "true" : "false");
  }
  return cells;
}

}  // namespace

std::string roster_csv(const Config& config, const std::vector<Entry>& entries,
                       const Results& results, Audience audience) {
  const bool is_public = audience == Audience::Public;
  // SPEC §10: in Chinese the columns and cells of the Chinese workbook (headers, labels for ids).
  if (i18n::chinese())
    return table_csv(roster_detail::roster_table(
                         config, roster_detail::roster_rows(config, entries, results, is_public),
                         is_public, results.staged),
                     config.aggregation.precision);
  CsvWriter csv(Bom::Utf8);
  csv.row(csv_header(is_public, results.staged));
  for (const RosterRow& row : roster_detail::roster_rows(config, entries, results, is_public))
    csv.row(csv_row(config, row, is_public, results.staged));
  return csv.text();
}

}  // namespace jury
