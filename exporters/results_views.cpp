#include "exporters/results_views.hpp"

#include <algorithm>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "model/i18n.hpp"
#include "model/labels.hpp"
#include "model/text.hpp"

namespace jury {

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

/// A round for people (SPEC §12): its configured label (初评) in Chinese, its id in English.
std::string round_label(const Config& config, const std::string& round_id) {
  if (!i18n::chinese()) return round_id;
  for (const Round& round : config.rounds)
    if (round.id == round_id && !round.label.empty()) return round.label;
  return round_id;
}

/// A kind for people where English shows its id: its configured label in Chinese.
std::string kind_name(const Config& config, const std::string& kind_id) {
  return i18n::chinese() ? kind_label(config, kind_id) : kind_id;
}

/// Columns a terminal gives UTF-8 text: two for East Asian wide characters (初评, （）), else one.
std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    char32_t code = length == 1 ? byte : byte & (0x3F >> (length - 1));
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    const bool wide = (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF) ||
                      (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
                      (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60) ||
                      (code >= 0xFFE0 && code <= 0xFFE6) || code >= 0x20000;
    width += wide ? 2 : 1;
    i += length;
  }
  return width;
}

/// `text` padded with spaces to `width` terminal columns.
std::string pad_right(const std::string& text, std::size_t width) {
  const std::size_t used = display_width(text);
  return used >= width ? text : text + std::string(width - used, ' ');
}

/// SPEC §12 recommend: the recommendation's configured label of the kind ("" when none).
std::string recommend_label(const Config& config, const std::string& kind_id) {
  const auto policy = config.awards.find(kind_id);
  if (policy == config.awards.end() || !policy->second.recommend) return "";
  return policy->second.recommend->label;
}

/// SPEC §12: per round of the pool, its entrants, ranked entries and the advance's quota, then
/// the quota of the recommendation, named by its configured label.
std::string pool_rounds_line(const Config& config, const PoolResult& pool) {
  std::vector<std::string> parts;
  for (const PoolRound& round : pool.rounds)
    parts.push_back(trf("{} {} entrants, {} ranked", round_label(config, round.round),
                        round.entrants, round.ranked) +
                    (round.advance_quota ? trf(" (advance quota {})", *round.advance_quota) : ""));
  if (pool.recommend_quota)
    parts.push_back(
        trf("推荐 quota {} ({})", *pool.recommend_quota, recommend_label(config, pool.kind)));
  return tr("  rounds: ") + join(parts, tr("; ")) + "\n";
}

}  // namespace

std::string results_text(const Config& config, const Results& results) {
  std::string out = trf("method: {}", method_name(results.method)) + "\n";
  // SPEC §12: the rank and score of a staged row are of its last round, named in a first column.
  std::size_t round_width = 10;
  for (const Round& round : config.rounds)
    round_width = std::max(round_width, display_width(round_label(config, round.id)));
  for (const auto& warning : results.warnings) out += tr("warning: ") + warning + "\n";
  for (const auto& pool : results.pools) {
    std::vector<std::string> quotas;
    for (const auto& [tier, q] : pool.quotas)
      quotas.push_back(fmt::format("{} {}", tier_label(config, pool.kind, tier), q));
    out += "\n" +
           trf("{} — {} ranked; quotas: {}", pool_name(config, pool), pool.entries,
               join(quotas, tr(", "))) +
           "\n";
    if (results.staged) out += pool_rounds_line(config, pool);
    for (const auto& row : pool.rows) {
      const std::string rank = row.rank ? std::to_string(*row.rank) : "-";
      const std::string score =
          row.score ? fmt::format("{:.{}f}", *row.score, config.aggregation.precision) : "-";
      std::string tier = row.tier ? tier_label(config, pool.kind, *row.tier) : "";
      if (row.recommended) tier += tier.empty() ? "推荐" : " 推荐";  // the same in both languages
      const std::string round =
          results.staged ? pad_right(round_label(config, row.round), round_width) + " " : "";
      out += fmt::format("  {}{:>4}  {:<14} {:>8}  {}{}\n", round, rank, row.entry_id, score, tier,
                         row.flags.empty() ? "" : "  [" + flag_names(row.flags) + "]");
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
  std::string out = trf("method: {}", method_name(report.method)) + "\n";
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
  std::size_t kind_width = 10;
  for (const Kind& kind : config.kinds)
    kind_width = std::max(kind_width, display_width(kind_name(config, kind.id)));
  for (const auto& j : report.judges)
    out += trf("  {:<10} {} load {:>4}  mean total {:>7.2f}  severity {:>+7.2f}", j.judge_id,
               pad_right(kind_name(config, j.kind), kind_width), j.load, j.mean_total, j.severity) +
           "\n";
  out += "\n" + trf("flagged entries: {}", report.flagged.size()) + "\n";
  for (const auto& f : report.flagged)
    out += trf("  {} ({}): {}", f.entry_id, kind_name(config, f.kind), flag_names(f.flags)) + "\n";
  out += "\n" +
         std::string(tr("under another aggregation method these entries would change tier:")) +
         "\n";
  for (const auto& m : report.methods) {
    out += trf("  {}: {} change(s)", method_name(m.method), m.changes.size()) + "\n";
    for (const auto& c : m.changes)
      out += trf("    {} ({}): {} -> {}", c.entry_id, kind_name(config, c.kind),
                 c.configured_tier ? tier_label(config, c.kind, *c.configured_tier) : "-",
                 c.other_tier ? tier_label(config, c.kind, *c.other_tier) : "-") +
             "\n";
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

}  // namespace jury
