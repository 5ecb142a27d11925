/// The office tables of SPEC §16 (certificates, statistics, comments): load, render in
/// exporters/, write atomically.

#include <fmt/format.h>

#include <algorithm>

#include "engine/competition.hpp"
#include "engine/errors.hpp"
#include "engine/output_file.hpp"
#include "exporters/atomic_file.hpp"
#include "exporters/certificates.hpp"
#include "exporters/comments.hpp"
#include "exporters/stats.hpp"
#include "exporters/table.hpp"

namespace jury {

namespace {

/// UsageError naming the formats the export has, when `format` is not one of them.
void require_format(const char* what, std::string_view format,
                    std::initializer_list<std::string_view> allowed, const char* names) {
  if (std::find(allowed.begin(), allowed.end(), format) == allowed.end())
    throw UsageError(fmt::format("{} are written as {}", what, names));
}

void write_book(const std::string& path, const TableBook& book) {
  guard_output([&] {
    write_file_atomically_with(
        path, [&](const std::string& temporary) { write_table_xlsx(temporary, book); });
  });
}

}  // namespace

void Competition::export_certificates(const std::string& path, std::string_view format) const {
  require_format("certificates", format, {"csv", "xlsx"}, "csv or xlsx");
  const TableBook book = certificates_book(config_, store_.load_entries(), decision());
  if (format == "xlsx")
    write_book(path, book);
  else
    write_file(path, table_csv(book.sheets.front(), book.score_decimals));
}

void Competition::export_stats(const std::string& path, std::string_view format) const {
  require_format("statistics", format, {"csv", "xlsx", "html"}, "csv, xlsx or html");
  const TableBook book = stats_book(config_, store_.load_entries(), decision());
  if (format == "xlsx")
    write_book(path, book);
  else
    write_file(path, format == "html" ? stats_html(config_, book) : stats_csv(book));
}

void Competition::export_comments(const std::string& path, std::string_view format) const {
  require_format("comments", format, {"csv", "html"}, "csv or html");
  std::vector<RoundScores> scores;
  for (const Round& round : config_.rounds)
    scores.push_back({round.id, store_.load_scores(round.id)});
  const std::vector<Entry> entries = store_.load_entries();
  const std::vector<EntryComments> comments = entry_comments(config_, entries, scores);
  write_file(path,
             format == "html" ? comments_html(config_, comments) : comments_csv(config_, comments));
}

}  // namespace jury
