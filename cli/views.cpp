#include "cli/views.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "model/i18n.hpp"
#include "model/text.hpp"

namespace jury::cli {

using i18n::tr;
using i18n::trf;

namespace {

std::string pool_name(const Config& config, const PoolResult& pool) {
  std::string name = kind_label(config, pool.kind);
  if (pool.group) name += " / " + label_of(config.groups, *pool.group);
  if (pool.subject) name += " / " + label_of(config.subjects, *pool.subject);
  return name;
}

std::string tier_label(const Config& config, const std::string& kind, const std::string& tier) {
  const auto policy = config.awards.find(kind);
  if (policy != config.awards.end())
    for (const auto& t : policy->second.tiers)
      if (t.id == tier) return t.label;
  return tier;
}

/// SPEC §12: per round of the pool, its entrants, ranked entries and the advance's quota.
std::string pool_rounds_line(const PoolResult& pool) {
  std::vector<std::string> parts;
  for (const PoolRound& round : pool.rounds)
    parts.push_back(trf("{} {} entrants, {} ranked", round.round, round.entrants, round.ranked) +
                    (round.advance_quota ? trf(" (advance quota {})", *round.advance_quota) : ""));
  if (pool.recommend_quota) parts.push_back(trf("推荐 quota {}", *pool.recommend_quota));
  return tr("  rounds: ") + join(parts, tr("; ")) + "\n";
}

}  // namespace

std::string diagnostics_json(const Report& report) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& d : report.items()) {
    nlohmann::ordered_json item{{"file", d.file}, {"line", d.line}, {"column", d.column}};
    if (!d.sheet.empty()) {  // a workbook (SPEC §15): line is the row, column the column
      item["sheet"] = d.sheet;
      if (d.line > 0 && d.column > 0)
        item["cell"] = column_letters(d.column) + std::to_string(d.line);
    }
    item["severity"] = d.severity == Severity::Error ? "error" : "warning";
    item["code"] = d.code;
    item["message"] = d.message;
    items.push_back(std::move(item));
  }
  return items.dump(2) + "\n";
}

std::string results_text(const Config& config, const Results& results) {
  std::string out = trf("method: {}", to_string(results.method)) + "\n";
  for (const auto& warning : results.warnings) out += tr("warning: ") + warning + "\n";
  for (const auto& pool : results.pools) {
    std::vector<std::string> quotas;
    for (const auto& [tier, q] : pool.quotas)
      quotas.push_back(fmt::format("{} {}", tier_label(config, pool.kind, tier), q));
    out += "\n" +
           trf("{} — {} ranked; quotas: {}", pool_name(config, pool), pool.entries,
               join(quotas, tr(", "))) +
           "\n";
    if (results.staged) out += pool_rounds_line(pool);
    for (const auto& row : pool.rows) {
      const std::string rank = row.rank ? std::to_string(*row.rank) : "-";
      const std::string score =
          row.score ? fmt::format("{:.{}f}", *row.score, config.aggregation.precision) : "-";
      std::string tier = row.tier ? tier_label(config, pool.kind, *row.tier) : "";
      if (row.recommended) tier += tier.empty() ? "推荐" : " 推荐";  // the same in both languages
      // SPEC §12: the rank and score of a staged row are of its last round.
      const std::string round = results.staged ? fmt::format("{:<10} ", row.round) : "";
      out += fmt::format("  {}{:>4}  {:<14} {:>8}  {}{}\n", round, rank, row.entry_id, score, tier,
                         row.flags.empty() ? "" : "  [" + join(row.flags, ", ") + "]");
    }
  }
  return out;
}

namespace {

std::string optional_number(const std::optional<double>& value, int decimals) {
  return value ? fmt::format("{:.{}f}", *value, decimals) : "-";
}

nlohmann::ordered_json optional_json(const std::optional<std::string>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

}  // namespace

std::string report_text(const Config& config, const ReliabilityReport& report) {
  std::string out = trf("method: {}", to_string(report.method)) + "\n";
  for (const auto& warning : report.warnings) out += tr("warning: ") + warning + "\n";
  out += "\n" +
         std::string(tr(
             "pools (scores of ranked entries: min / q1 / median / q3 / max; ICC(1) of totals):")) +
         "\n";
  for (const auto& pool : report.pools) {
    PoolResult named;
    named.kind = pool.kind;
    named.group = pool.group;
    named.subject = pool.subject;
    std::string distribution = "-";
    if (pool.scores)
      distribution =
          fmt::format("{:.2f} / {:.2f} / {:.2f} / {:.2f} / {:.2f}", pool.scores->min,
                      pool.scores->q1, pool.scores->median, pool.scores->q3, pool.scores->max);
    out += trf("  {}: {} ranked; {}; ICC {}; {} connected component(s)", pool_name(config, named),
               pool.entries, distribution, optional_number(pool.icc, 3), pool.components) +
           "\n";
  }
  out += "\n" +
         std::string(tr("judges (load = complete totals; severity b_j, negative = harsh):")) + "\n";
  for (const auto& j : report.judges)
    out += trf("  {:<10} {:<10} load {:>4}  mean total {:>7.2f}  severity {:>+7.2f}", j.judge_id,
               j.kind, j.load, j.mean_total, j.severity) +
           "\n";
  out += "\n" + trf("flagged entries: {}", report.flagged.size()) + "\n";
  for (const auto& f : report.flagged)
    out += fmt::format("  {} ({}): {}\n", f.entry_id, f.kind, join(f.flags, ", "));
  out += "\n" +
         std::string(tr("under another aggregation method these entries would change tier:")) +
         "\n";
  for (const auto& m : report.methods) {
    out += trf("  {}: {} change(s)", to_string(m.method), m.changes.size()) + "\n";
    for (const auto& c : m.changes)
      out += fmt::format("    {} ({}): {} -> {}\n", c.entry_id, c.kind,
                         c.configured_tier ? tier_label(config, c.kind, *c.configured_tier) : "-",
                         c.other_tier ? tier_label(config, c.kind, *c.other_tier) : "-");
  }
  return out;
}

std::string report_json(const ReliabilityReport& report) {
  nlohmann::ordered_json pools = nlohmann::ordered_json::array();
  for (const auto& p : report.pools) {
    nlohmann::ordered_json distribution = nullptr;
    if (p.scores)
      distribution = {{"min", p.scores->min},
                      {"q1", p.scores->q1},
                      {"median", p.scores->median},
                      {"q3", p.scores->q3},
                      {"max", p.scores->max}};
    pools.push_back({{"kind", p.kind},
                     {"group", optional_json(p.group)},
                     {"subject", optional_json(p.subject)},
                     {"entries", p.entries},
                     {"scores", distribution},
                     {"icc", p.icc ? nlohmann::ordered_json(*p.icc) : nlohmann::ordered_json()},
                     {"components", p.components}});
  }
  nlohmann::ordered_json judges = nlohmann::ordered_json::array();
  for (const auto& j : report.judges)
    judges.push_back({{"judge_id", j.judge_id},
                      {"kind", j.kind},
                      {"load", j.load},
                      {"mean_total", j.mean_total},
                      {"severity", j.severity}});
  nlohmann::ordered_json flagged = nlohmann::ordered_json::array();
  for (const auto& f : report.flagged)
    flagged.push_back({{"entry_id", f.entry_id}, {"kind", f.kind}, {"flags", f.flags}});
  nlohmann::ordered_json methods = nlohmann::ordered_json::array();
  for (const auto& m : report.methods) {
    nlohmann::ordered_json changes = nlohmann::ordered_json::array();
    for (const auto& c : m.changes)
      changes.push_back({{"entry_id", c.entry_id},
                         {"kind", c.kind},
                         {"tier", optional_json(c.configured_tier)},
                         {"other_tier", optional_json(c.other_tier)}});
    methods.push_back({{"method", to_string(m.method)}, {"changes", changes}});
  }
  nlohmann::ordered_json doc = {{"method", to_string(report.method)},
                                {"pools", pools},
                                {"judges", judges},
                                {"flagged", flagged},
                                {"methods", methods},
                                {"warnings", report.warnings}};
  return doc.dump(2) + "\n";
}

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

}  // namespace jury::cli
