#include "engine/assign_report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/i18n.hpp"

namespace jury {

using i18n::trf;

bool connects_pools(const Config& round_config) {
  return round_config.judging.connect && round_config.aggregation.method == Method::Severity;
}

std::string objective_text(const AssignmentOutcome& outcome) {
  if (outcome.pools.empty()) return std::to_string(outcome.objective);
  return trf("{} (§5 optimum {} + {} for connecting the pools)", outcome.objective, outcome.optimum,
             outcome.connect_cost);
}

std::vector<std::string> connecting_lines(const AssignmentOutcome& outcome) {
  std::vector<std::string> lines;
  for (const PoolComponents& pool : outcome.pools) {
    const auto made = std::count_if(outcome.exchanges.begin(), outcome.exchanges.end(),
                                    [&](const JudgeExchange& x) { return x.pool == pool.pool; });
    lines.push_back(trf("  pool {}: {} connected components, {} after {} exchange(s) of judges",
                        pool.pool, pool.before, pool.after, made));
  }
  for (const PoolComponents& pool : outcome.pools)
    if (pool.after > 1)
      lines.push_back(
          trf("warning: pool {} stays in {} connected components: no exchange of judges that "
              "keeps every hard rule joins them, so severities are not comparable across them",
              pool.pool, pool.after));
  return lines;
}

std::string exchanges_audit(const AssignmentOutcome& outcome) {
  std::string text;
  for (const JudgeExchange& x : outcome.exchanges)
    text += fmt::format("\nexchange in {}: {} {} -> {}, {} {} -> {} (cost {:+})", x.pool,
                        x.first.judge_id, x.first.entry_id, x.second.entry_id, x.second.judge_id,
                        x.second.entry_id, x.first.entry_id, x.cost);
  return text;
}

}  // namespace jury
