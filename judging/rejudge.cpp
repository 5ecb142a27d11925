#include "judging/rejudge.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>

#include "judging/aggregation.hpp"
#include "judging/assign_problem.hpp"
#include "judging/assignment.hpp"
#include "judging/standard_errors.hpp"
#include "judging/totals.hpp"

namespace jury {

namespace {

/// The pool's boundaries (SPEC §14): means of consecutive places with different outcomes,
/// ascending.
std::vector<double> pool_boundaries(const std::vector<RejudgePlace>& pool) {
  std::vector<double> found;
  for (std::size_t i = 1; i < pool.size(); ++i)
    if (pool[i].place.outcome != pool[i - 1].place.outcome)
      found.push_back((pool[i - 1].place.score + pool[i].place.score) / 2);
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

double normal_tail(double z) {  // P(Z > z)
  return 0.5 * std::erfc(z / std::numbers::sqrt2);
}

/// ∫ φ(z) Φ(−|d + τz| / se) dz over [from, to] by Simpson's rule (the integrand is smooth there:
/// the kink at d + τz = 0 is an end point of the pieces).
double wrong_side_piece(double d, double tau, double se_after, double from, double to) {
  constexpr int kIntervals = 256;  // even; Simpson error ~1e-9 here
  const double h = (to - from) / kIntervals;
  double sum = 0;
  for (int i = 0; i <= kIntervals; ++i) {
    const double z = from + i * h;
    const double weight = (i == 0 || i == kIntervals) ? 1 : (i % 2 == 1 ? 4 : 2);
    const double density = std::exp(-z * z / 2) / std::sqrt(2 * std::numbers::pi);
    sum += weight * density * normal_tail(std::abs(d + tau * z) / se_after);
  }
  return sum * h / 3;
}

/// E[Φ(−|d + τ·Z| / se)] over Z ~ N(0, 1) on ±8: the chance of being on the wrong side of a
/// boundary at distance d after the new judgings.
double expected_wrong_side(double d, double tau, double se_after) {
  if (tau <= 0) return normal_tail(std::abs(d) / se_after);
  constexpr double kSpan = 8.0;
  const double kink = std::clamp(-d / tau, -kSpan, kSpan);
  return wrong_side_piece(d, tau, se_after, -kSpan, kink) +
         wrong_side_piece(d, tau, se_after, kink, kSpan);
}

/// The boundaries next to `score`: the nearest below and the nearest above (at most two).
std::vector<double> neighbouring(const std::vector<double>& sorted, double score) {
  std::vector<double> near;
  const auto above = std::lower_bound(sorted.begin(), sorted.end(), score);
  if (above != sorted.begin()) near.push_back(*std::prev(above));
  if (above != sorted.end()) near.push_back(*above);
  return near;
}

double nearest_distance(const std::vector<double>& sorted, double score, double se) {
  double nearest = INFINITY;
  for (double b : neighbouring(sorted, score)) nearest = std::min(nearest, std::abs(score - b));
  return nearest / se;
}

}  // namespace

double expected_outcome_changes(double score, double standard_error, int judgings, int extra,
                                const std::vector<double>& boundaries) {
  if (!(standard_error > 0) || judgings <= 0 || extra <= 0) return 0;
  const double n = judgings, m = extra;
  const double se_after = standard_error * std::sqrt(n / (n + m));
  const double tau =
      std::sqrt(std::max(0.0, standard_error * standard_error - se_after * se_after));
  double change = 0;
  for (double b : neighbouring(boundaries, score)) {
    const double now = normal_tail(std::abs(score - b) / standard_error);
    change += now - expected_wrong_side(score - b, tau, se_after);
  }
  return change;
}

std::vector<RejudgeCandidate> rejudge_candidates(
    const std::vector<std::vector<RejudgePlace>>& pools, int extra, RejudgeOrder order) {
  std::vector<RejudgeCandidate> candidates;
  for (const auto& pool : pools) {
    const std::vector<double> boundaries = pool_boundaries(pool);
    if (boundaries.empty()) continue;
    for (const RejudgePlace& p : pool) {
      const auto& se = p.place.standard_error;
      if (!se || !(*se > 0)) continue;
      RejudgeCandidate c{p.entry_id, nearest_distance(boundaries, p.place.score, *se), 0};
      c.priority =
          order == RejudgeOrder::Distance
              ? -c.distance
              : expected_outcome_changes(p.place.score, *se, p.judgings, extra, boundaries);
      candidates.push_back(std::move(c));
    }
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const RejudgeCandidate& a, const RejudgeCandidate& b) {
              if (a.priority != b.priority) return a.priority > b.priority;
              if (a.distance != b.distance) return a.distance < b.distance;
              return a.entry_id < b.entry_id;
            });
  return candidates;
}

std::int64_t rejudge_allowance(std::int64_t planned_judgings, const Decimal& budget) {
  if (budget.numerator <= 0 || planned_judgings <= 0) return 0;
  // ⌊p·n / d⌋ in integers; 128 bits keep p·n exact.
  __extension__ using Wide = __int128;
  const Wide product = static_cast<Wide>(budget.numerator) * planned_judgings;
  return static_cast<std::int64_t>(product / budget.denominator);
}

std::vector<std::vector<RejudgePlace>> rejudge_places(const Config& config, const Results& results,
                                                      std::size_t round) {
  const std::string& round_id = config.rounds.at(round).id;
  std::vector<std::vector<RejudgePlace>> pools;
  for (const PoolResult& pool : results.pools) {
    const AwardPolicy* policy = nullptr;
    if (const auto it = config.awards.find(pool.kind); it != config.awards.end())
      policy = &it->second;
    std::vector<RejudgePlace> places;
    for (const EntryResult& row : pool.rows) {
      if (!row.rank || !row.score || (results.staged && row.round != round_id)) continue;
      RejudgePlace place{row.entry_id, {*row.score, row.standard_error, std::nullopt}, row.scores};
      if (std::find(row.flags.begin(), row.flags.end(), "advance") != row.flags.end()) {
        place.place.outcome = kOutcomeOn;
      } else if (row.tier && policy) {
        const auto tier = std::find_if(policy->tiers.begin(), policy->tiers.end(),
                                       [&](const Tier& t) { return t.id == *row.tier; });
        if (tier != policy->tiers.end() &&
            config.tier_round(pool.kind, *tier) == static_cast<int>(round))
          place.place.outcome = *row.tier;
      }
      places.push_back(std::move(place));
    }
    pools.push_back(std::move(places));
  }
  return pools;
}

std::map<std::string, double> judge_noise_ratios(const Config& config,
                                                 const std::vector<Entry>& entries,
                                                 const std::vector<ScoreRow>& scores,
                                                 double pseudo_totals) {
  struct Sum {
    double ratio_weighted = 0;  // Σ over kinds of ratio · totals
    double totals = 0;
  };
  std::map<std::string, Sum> sums;
  const auto method = make_aggregation_method(config.aggregation.method, config.aggregation);
  for (const KindTotals& totals : collect_totals(config, entries, scores)) {
    const Aggregate aggregate = method->aggregate(totals);
    const std::vector<double>& b = aggregate.judge_effects;
    const double sigma2 = std::pow(standard_errors(totals, b).sigma(), 2);
    if (!(sigma2 > 0)) continue;
    std::vector<double> rss(totals.judge_ids.size(), 0), weight(totals.judge_ids.size(), 0);
    std::vector<int> count(totals.judge_ids.size(), 0);
    for (const auto& entry : totals.by_entry) {
      if (entry.size() < 2) continue;  // a single total fits exactly: no scatter to see
      const auto effect = [&](const JudgeTotal& t) {
        return b.empty() ? 0.0 : b[static_cast<std::size_t>(t.judge)];
      };
      double theta = 0;
      for (const JudgeTotal& t : entry) theta += t.value - effect(t);
      theta /= static_cast<double>(entry.size());
      for (const JudgeTotal& t : entry) {
        const auto j = static_cast<std::size_t>(t.judge);
        const double r = t.value - theta - effect(t);
        rss[j] += r * r;
        weight[j] += 1 - 1 / static_cast<double>(entry.size());
        ++count[j];
      }
    }
    for (std::size_t j = 0; j < totals.judge_ids.size(); ++j) {
      if (count[j] == 0) continue;
      const double variance = (rss[j] + pseudo_totals * sigma2) / (weight[j] + pseudo_totals);
      Sum& sum = sums[totals.judge_ids[j]];
      sum.ratio_weighted += variance / sigma2 * count[j];
      sum.totals += count[j];
    }
  }
  std::map<std::string, double> ratios;
  for (const auto& [judge, sum] : sums) ratios.emplace(judge, sum.ratio_weighted / sum.totals);
  return ratios;
}

namespace {

/// Σ k and the places beyond k over the counted (active) entries.
void count_judgings(const RejudgeInput& input, RejudgePlan& plan) {
  std::map<std::string, int> assigned;
  for (const Assignment& a : input.current) ++assigned[a.entry_id];
  for (const Entry& entry : *input.entries) {
    if (!entry.active()) continue;
    const int k = input.config->judges_per_entry(entry.kind);
    plan.planned += k;
    const auto it = assigned.find(entry.id);
    if (it != assigned.end()) plan.already += std::max(0, it->second - k);
  }
}

/// Judges who may still take the entry by the rules that do not depend on the other new pairs
/// (active, kind, conflicts, recusals, not already on it).
int eligible_judges(const detail::AssignProblem& problem, std::size_t entry) {
  int count = 0;
  for (std::size_t j = 0; j < problem.judges().size(); ++j)
    if (problem.allowed(j, entry)) ++count;
  return count;
}

/// The steadiest judges first (RejudgeInput::judge_noise): the others keep their load (an
/// explicit max_load of their current load) while the steadiest half, then 3/4, then all may
/// take the new pairs; the first feasible one wins.
AssignmentOutcome assign_preferring_steady_judges(const RejudgeInput& input,
                                                  AssignmentInput& assign, RejudgePlan& plan) {
  const auto active = static_cast<std::size_t>(std::count_if(
      input.judges->begin(), input.judges->end(), [](const Judge& j) { return j.active; }));
  plan.preferred_judges = active;
  if (input.judge_noise.empty()) return assign_judges(assign);
  std::map<std::string, int> load;
  for (const Assignment& a : input.current) ++load[a.judge_id];
  // Active judges, steadiest first; a judge without totals counts as typical (ratio 1).
  std::vector<std::pair<double, std::string>> order;
  for (const Judge& judge : *input.judges) {
    if (!judge.active) continue;
    const auto it = input.judge_noise.find(judge.id);
    order.emplace_back(it == input.judge_noise.end() ? 1.0 : it->second, judge.id);
  }
  std::sort(order.begin(), order.end());
  for (const std::size_t share : {2, 3, 4}) {  // quarters of the judges: 1/2, 3/4, all
    const std::size_t preferred = share == 4 ? order.size() : (order.size() * share + 3) / 4;
    if (share < 4 && preferred == order.size()) continue;
    std::set<std::string> others;
    for (std::size_t i = preferred; i < order.size(); ++i) others.insert(order[i].second);
    std::vector<Judge> judges = *input.judges;
    for (Judge& judge : judges)
      if (others.contains(judge.id)) {
        const auto it = load.find(judge.id);
        const int now = it == load.end() ? 0 : it->second;
        judge.max_load = judge.max_load ? std::min(*judge.max_load, now) : now;
      }
    assign.judges = &judges;
    AssignmentOutcome outcome = assign_judges(assign);
    assign.judges = input.judges;
    if (outcome.feasible || share == 4) {
      plan.preferred_judges = std::min(preferred, active);
      return outcome;
    }
  }
  return assign_judges(assign);  // not reached: the last share is every judge
}

}  // namespace

RejudgePlan plan_rejudge(const RejudgeInput& input) {
  RejudgePlan plan;
  count_judgings(input, plan);
  plan.allowance = rejudge_allowance(plan.planned, input.budget);
  if (input.extra <= 0) return plan;
  const std::int64_t places = std::max<std::int64_t>(0, plan.allowance - plan.already);
  const auto wanted = static_cast<std::size_t>(places / input.extra);
  if (wanted == 0) return plan;

  AssignmentInput assign;
  assign.config = input.config;
  assign.entries = input.entries;
  assign.judges = input.judges;
  assign.kept = input.current;
  assign.recusals = input.recusals;
  assign.seed = input.seed;
  const detail::AssignProblem rules(assign);
  for (RejudgeCandidate& candidate : rejudge_candidates(input.pools, input.extra, input.order)) {
    if (plan.chosen.size() == wanted) break;
    const std::size_t e = rules.entry_index(candidate.entry_id);
    if (e == detail::AssignProblem::npos || !(*input.entries)[e].active() ||
        eligible_judges(rules, e) < input.extra)
      continue;
    assign.extra_places.emplace(candidate.entry_id, input.extra);
    plan.chosen.push_back(std::move(candidate));
  }
  if (plan.chosen.empty()) return plan;
  const AssignmentOutcome outcome = assign_preferring_steady_judges(input, assign, plan);
  plan.feasible = outcome.feasible;
  plan.problems = outcome.problems;
  plan.added = outcome.added;
  plan.objective = outcome.objective;
  return plan;
}

}  // namespace jury
