/// The Competition's `jury rejudge` (SPEC §14): checks the state (current round, scores complete,
/// not awarded), loads the round, calls judging/rejudge for the entries and the new pairs, and
/// stores and audits them. The new pairs are ordinary assignments of the round: `export sheets`
/// writes them, `status` counts them as owed, and `award` waits for their scores.

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "engine/assign_report.hpp"
#include "engine/award_readiness.hpp"
#include "engine/competition.hpp"
#include "engine/errors.hpp"
#include "engine/round_view.hpp"
#include "importers/table.hpp"
#include "judging/rejudge.hpp"
#include "model/decimal.hpp"
#include "model/i18n.hpp"
#include "model/text.hpp"

namespace jury {

using i18n::tr;
using i18n::trf;

namespace {

Decimal budget_option(const std::string& text) {
  const std::optional<Decimal> budget = parse_decimal(trim_text(text));
  if (!budget || budget->numerator < 0)
    throw UsageError(
        trf("--budget must be a decimal number ≥ 0 (a share of the round's judgings, e.g. 0.3), "
            "found \"{}\"",
            text));
  return *budget;
}

/// SPEC §14 "scores complete": every counted entrant of the round is ranked and no judge of the
/// round owes a score (also the scores of an earlier `rejudge`).
void refuse_unless_scores_complete(const Config& config, const RoundView& view,
                                   const AwardReadiness& readiness) {
  const std::string prefix = round_prefix(config, view.id);
  if (!readiness.kinds_without_scores.empty())
    throw StateError(prefix + tr("no complete scores yet: `jury rejudge` chooses entries by their "
                                 "scores; import the score sheets first"));
  if (readiness.ready()) return;
  std::vector<std::string> reasons;
  if (!readiness.incomplete_entries.empty())
    reasons.push_back(trf("{} entry(ies) incomplete (fewer than {} complete scores)",
                          readiness.incomplete_entries.size(), config.aggregation.min_scores));
  if (!readiness.owed.empty())
    reasons.push_back(
        trf("{} score(s) still owed: {}", readiness.owed_count(), describe_owed(readiness)));
  throw StateError(prefix + trf("the round's scores are not complete: {}; import the missing "
                                "score sheets first (`jury status` lists them)",
                                join(reasons, tr("; "))));
}

std::string decimal_text(const Decimal& d) {
  std::string digits = std::to_string(d.numerator);
  int decimals = 0;
  for (std::int64_t den = d.denominator; den > 1; den /= 10) ++decimals;
  if (decimals == 0) return digits;
  if (static_cast<int>(digits.size()) <= decimals)
    digits.insert(0, static_cast<std::size_t>(decimals + 1) - digits.size(), '0');
  digits.insert(digits.size() - static_cast<std::size_t>(decimals), ".");
  return digits;
}

std::string pair_list(const std::vector<Assignment>& pairs) {
  std::vector<std::string> items;
  for (const Assignment& pair : pairs) items.push_back(pair.judge_id + "/" + pair.entry_id);
  return join(items, ", ");
}

}  // namespace

RejudgeSummary Competition::rejudge(const std::string& budget_text, int extra, std::uint64_t seed) {
  const Decimal budget = budget_option(budget_text);
  if (extra < 1) throw UsageError(trf("--extra must be at least 1, found {}", extra));
  Store::Transaction transaction(store_);  // the write lock before the checks (SPEC §10)
  refuse_when_awarded("rejudge");
  const std::size_t round = current_round();
  const RoundView view = load_round_view(store_, config_, round);
  const std::vector<Entry> entries = view.counted_entries();
  const std::vector<Assignment> current = store_.load_assignments(view.id);
  const auto scores = store_.load_scores(view.id);
  refuse_unless_scores_complete(config_, view,
                                award_readiness(view.config, entries, current, scores));

  RejudgeInput input;
  input.config = &view.config;
  input.entries = &entries;
  input.judges = &view.judges;
  input.current = current;
  input.recusals = store_.load_recusals(view.id);
  input.pools = rejudge_places(config_, results(std::nullopt, round), round);
  input.budget = budget;
  input.extra = extra;
  input.seed = seed;
  input.judge_noise = judge_noise_ratios(view.config, entries, scores);
  const RejudgePlan plan = plan_rejudge(input);
  if (!plan.feasible)
    throw InfeasibleError(plan.problems,
                          tr("the new judges cannot all be placed under the §5 rules; nothing "
                             "changed"));

  RejudgeSummary summary;
  summary.planned = plan.planned;
  summary.allowance = plan.allowance;
  summary.already = plan.already;
  for (const RejudgeCandidate& candidate : plan.chosen)
    summary.entries.push_back(candidate.entry_id);
  summary.added = plan.added;
  summary.objective = plan.objective;
  const std::string prefix = round_prefix(config_, view.id);
  const auto budget_line = [&] {
    return trf("budget {} × {} judgings = {}; {} added before, {} now, {} left",
               decimal_text(budget), plan.planned, plan.allowance, plan.already, plan.added.size(),
               std::max<std::int64_t>(0, plan.allowance - plan.already -
                                             static_cast<std::int64_t>(plan.added.size())));
  };
  if (plan.added.empty()) {
    // Nothing to add (budget spent, or no entry whose outcome could change): nothing changes.
    summary.message = prefix + trf("rejudge: no entry gets more judges ({})", budget_line());
    return summary;
  }
  const auto slots = place_new_pairs(round, current, plan.added);
  const auto message = [&] {
    std::string text =
        prefix + i18n::trnf(
                     "rejudge (seed {}): {} entry gets {} more judges, {} new judgings; "
                     "objective {}",
                     "rejudge (seed {}): {} entries get {} more judges each, {} new "
                     "judgings; objective {}",
                     plan.chosen.size(), seed, plan.chosen.size(), extra, plan.added.size(),
                     plan.objective);
    text += "\n  " + budget_line();
    text += "\n  " + trf("entries, least certain first: {}", join(summary.entries, ", "));
    if (!slots.empty())
      text += "\n  " + trf("{} new interview(s) placed in the timetable", slots.size());
    text += std::string("\n  ") +
            tr("export the score sheets again (`jury export sheets DIR`) for the new "
               "judges; `jury status` shows the scores they owe");
    return text;
  };
  summary.message = message();
  store_.insert_assignments(view.id, plan.added);
  store_.save_slots(view.id, slots);
  std::string change = i18n::in_english(message);
  for (const RejudgeCandidate& candidate : plan.chosen)
    change += fmt::format("\nchosen {}: distance {:.4f} SE, priority {:.6f}", candidate.entry_id,
                          candidate.distance, candidate.priority);
  change += fmt::format("\nnew judges from the {} steadiest of the round's active judges",
                        plan.preferred_judges);
  change += "\nadded: " + pair_list(plan.added);
  store_.append_audit(
      fmt::format("rejudge --budget {} --extra {} --seed {}", decimal_text(budget), extra, seed),
      "", "", change);
  transaction.commit();
  return summary;
}

}  // namespace jury
