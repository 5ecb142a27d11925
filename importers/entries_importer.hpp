#pragma once
/// The entries file (SPEC §3): CSV bytes → validated entries + every problem of the file.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "importers/encoding.hpp"
#include "model/diagnostics.hpp"
#include "model/model.hpp"

namespace jury {

struct ImportedEntry {
  Entry entry;
  int line = 0;  ///< physical line of the row
};

/// Validates a whole entries file (SPEC §3). `existing` = entries already in the competition
/// (re-import updates by entry_id: a row whose id exists replaces that entry, except that every
/// field whose column the file lacks keeps its stored value, e.g. the status);
/// `scored_entry_ids` = entries that already have scores (they cannot change kind, group or
/// subject: error). Collects EVERY problem of the file into report; the caller writes nothing
/// when report has errors. Returns the rows without errors, in file order. An Excel workbook is
/// read from its first worksheet or `sheet` (SPEC §15).
std::vector<ImportedEntry> import_entries(std::string_view bytes, const std::string& file,
                                          Encoding encoding, const Config& config,
                                          const std::vector<Entry>& existing,
                                          const std::set<std::string>& scored_entry_ids,
                                          Diagnostics& report, const std::string& sheet = {});

/// The status words accepted in the status (状态) column; nullopt when unknown.
/// active: empty, active, 正常, 有效; withdrawn: withdrawn, 退赛, 撤回, 撤销, 弃权;
/// disqualified: disqualified, 取消资格.
std::optional<EntryStatus> parse_entry_status(std::string_view cell);

}  // namespace jury
