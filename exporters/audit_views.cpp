#include "exporters/audit_views.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "model/i18n.hpp"
#include "model/text.hpp"

namespace jury {

using i18n::tr;
using i18n::trf;

std::string audit_text(const std::vector<AuditRecord>& records) {
  std::string out;
  for (const auto& r : records) {
    // Stored text reaches the terminal escaped (SPEC §10): a file name such as "a\x1b[2Jb".
    out += fmt::format("#{} {} {}", r.id, escape_control(r.time), escape_control(r.command));
    if (!r.file.empty())
      out += fmt::format(" {} (sha256 {})", escape_control(r.file), escape_control(r.sha256));
    std::string change = escape_control(r.change, true);
    for (std::size_t at = change.find('\n'); at != std::string::npos;
         at = change.find('\n', at + 5))
      change.replace(at, 1, "\n    ");
    out += "\n    " + change;
    out += "\n";
  }
  return out;
}

std::string audit_json(const std::vector<AuditRecord>& records) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& r : records)
    items.push_back({{"id", r.id},
                     {"time", r.time},
                     {"command", r.command},
                     {"file", r.file},
                     {"sha256", r.sha256},
                     {"change", r.change},
                     {"prev_sha256", r.prev_sha256},
                     {"state_digest", r.state_digest}});
  // JSON escapes control characters itself; a file name that is not UTF-8 gets U+FFFD.
  return items.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

namespace {

/// What a table holds, for the finding that names it.
std::string table_rows(const std::string& table) {
  if (table == "entries") return tr("entries");
  if (table == "judges") return tr("judges");
  if (table == "assignments") return tr("judge assignments");
  if (table == "recusals") return tr("recusals");
  if (table == "scores") return tr("score rows");
  if (table == "decision") return tr("the frozen award decision (tiers)");
  if (table == "rounds") return tr("rounds");
  if (table == "entrants") return tr("entrants of later rounds");
  if (table == "absences") return tr("absences");
  return tr("the competition config");
}

std::string finding_text(const TamperFinding& f) {
  using Kind = TamperFinding::Kind;
  switch (f.kind) {
    case Kind::RecordChanged:
      return trf("audit record #{} was changed outside jury (its hash is not the one jury chained)",
                 f.record);
    case Kind::RecordsRemoved:
      if (f.record == 0)
        return trf("{} audit record(s) after #{} were removed outside jury", f.rows, f.after);
      if (f.after == 0) return trf("audit records before #{} were removed outside jury", f.record);
      return trf("audit records between #{} and #{} were removed outside jury", f.after, f.record);
    case Kind::RecordAdded:
      return trf("audit record #{} was added outside jury", f.record);
    case Kind::TableChanged:
      if (f.rows == f.expected_rows)
        return trf(
            "table {} ({}) was changed outside jury: rows were edited (the number of "
            "rows, {}, is as jury left it)",
            f.table, table_rows(f.table), f.rows);
      return trf("table {} ({}) was changed outside jury: {} rows, jury left {}", f.table,
                 table_rows(f.table), f.rows, f.expected_rows);
    case Kind::DigestsChanged:
      return trf("table digests was changed outside jury: it no longer matches audit record #{}",
                 f.record);
  }
  return {};
}

const char* finding_code(TamperFinding::Kind kind) {
  using Kind = TamperFinding::Kind;
  switch (kind) {
    case Kind::RecordChanged:
      return "record-changed";
    case Kind::RecordsRemoved:
      return "records-removed";
    case Kind::RecordAdded:
      return "record-added";
    case Kind::TableChanged:
      return "table-changed";
    case Kind::DigestsChanged:
      return "digests-changed";
  }
  return "";
}

}  // namespace

std::string verify_text(const TamperReport& report) {
  std::string out;
  for (const TamperFinding& finding : report.findings) out += finding_text(finding) + "\n";
  if (report.intact())
    out += trf("the audit log ({} records) and the stored state are as jury left them; state "
               "digest {}",
               report.records, report.state_digest) +
           "\n";
  if (report.upgrade_record > 1)
    out += trf("records #1-#{} were written before tamper evidence: they are vouched for as "
               "they stood at the upgrade (record #{})",
               report.upgrade_record - 1, report.upgrade_record) +
           "\n";
  return out;
}

std::string verify_json(const TamperReport& report) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const TamperFinding& f : report.findings) {
    nlohmann::ordered_json item = {{"problem", finding_code(f.kind)}};
    if (f.kind == TamperFinding::Kind::TableChanged) {
      item["table"] = f.table;
      item["rows"] = f.rows;
      item["expected_rows"] = f.expected_rows;
    } else {
      item["record"] = f.record ? nlohmann::ordered_json(f.record) : nlohmann::ordered_json();
      if (f.kind == TamperFinding::Kind::RecordsRemoved) item["after"] = f.after;
    }
    item["message"] = finding_text(f);
    findings.push_back(std::move(item));
  }
  const nlohmann::ordered_json doc = {
      {"intact", report.intact()},
      {"records", report.records},
      {"chained_from", report.upgrade_record ? nlohmann::ordered_json(report.upgrade_record)
                                             : nlohmann::ordered_json(1)},
      {"state_digest", report.state_digest},
      {"findings", findings}};
  return doc.dump(2) + "\n";
}

}  // namespace jury
