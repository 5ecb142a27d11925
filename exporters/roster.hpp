#pragma once
/// Award rosters (`jury export roster FILE`, SPEC §9) as CSV, HTML and XLSX. All formats show
/// the rows of results_document, in the same order.

#include <ctime>
#include <string>
#include <vector>

#include "exporters/audience.hpp"
#include "model/model.hpp"

namespace jury {

/// UTF-8 with BOM, CRLF. Columns are the §9 JSON field names (English ids), values as in the
/// JSON (ids, not labels; tier_label carries the prize name); lists joined with 、; score with
/// `aggregation.precision` decimals; null = empty cell. Every text cell is neutralise_formula()'d.
/// The public audience leaves out the scores, score and flags columns and lists only the entries
/// that hold a tier (SPEC §9).
std::string roster_csv(const Config& config, const std::vector<Entry>& entries,
                       const Results& results, Audience audience);

/// A self-contained printable public notice (公示) page: inline CSS for A4 print, no scripts,
/// no external resources, every text HTML-escaped. Grouped by kind and pool, tiers in order,
/// shared ranks marked 并列. Non-public adds score and flags columns and lists the entries
/// without a prize (未获奖) after the winners; public lists only the winners plus a notice
/// paragraph whose period, contact, phone, address and date come from `config.publication`
/// (SPEC §16), with visible blanks (＿＿＿＿) for what it leaves unset. Under each pool's tables,
/// notes in plain Chinese say where a tie-break criterion separated equal scores and where a shared
/// tie moved places into the next tier (tie_notes).
std::string roster_html(const Config& config, const std::vector<Entry>& entries,
                        const Results& results, Audience audience);

/// One worksheet per kind (named by the kind label), Chinese headers, labels instead of ids,
/// strings written as strings (never formulas) and neutralised, numbers as numbers. The
/// document date is fixed (1 January of the competition year) so that equal inputs give
/// byte-identical files. Public: no score columns, only the entries that hold a tier.
/// Throws OutputFileError (exporters/atomic_file.hpp) when the file cannot be written.
void write_roster_xlsx(const std::string& path, const Config& config,
                       const std::vector<Entry>& entries, const Results& results,
                       Audience audience);

/// `&` `<` `>` `"` `'` as character references: safe in element text and quoted attributes.
std::string html_escape(std::string_view text);

/// A valid, unique Excel sheet name for `label`: []:*?/\ replaced by `_`, no leading or trailing
/// apostrophe, at most 31 characters, never empty (`fallback` is used then), and different
/// (ignoring ASCII case) from every name in `taken`, by a ` (2)`, ` (3)` … suffix.
std::string excel_sheet_name(std::string_view label, std::string_view fallback,
                             const std::vector<std::string>& taken);

/// 1 January of the competition year, 00:00 UTC, as an XLSX document date: a fixed date makes
/// equal inputs give byte-identical files. 0 would mean "now" to libxlsxwriter, so years it
/// cannot date give 1.
std::time_t xlsx_document_time(int year);

}  // namespace jury
