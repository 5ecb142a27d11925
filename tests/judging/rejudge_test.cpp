/// SPEC §14 `jury rejudge`: the order of the candidates, the budget arithmetic and the §5 rules
/// on the new pairs (checked against brute force on tiny competitions).

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numbers>
#include <random>
#include <set>
#include <tuple>

#include "judging/assignment.hpp"
#include "judging/conflicts.hpp"
#include "judging/rejudge.hpp"

using namespace jury;

namespace {

RejudgePlace place(const std::string& id, double score, double se,
                   std::optional<std::string> outcome, int judgings = 5) {
  return {id, {score, se, std::move(outcome)}, judgings};
}

std::vector<std::string> ids(const std::vector<RejudgeCandidate>& candidates) {
  std::vector<std::string> out;
  for (const auto& c : candidates) out.push_back(c.entry_id);
  return out;
}

/// One pool, rank order: A 90 first, B 85 first, X 80 second, D 70 second, C 60 none; SE 2.
/// Boundaries: 82.5 (first | second) and 65 (second | none).
std::vector<std::vector<RejudgePlace>> two_boundary_pool() {
  return {{place("A", 90, 2, "first"), place("B", 85, 2, "first"), place("X", 80, 2, "second"),
           place("D", 70, 2, "second"), place("C", 60, 2, std::nullopt)}};
}

}  // namespace

TEST_CASE("SPEC §14 rejudge: the minimum order is smallest |score − b| / SE first") {
  const auto candidates = rejudge_candidates(two_boundary_pool(), 2, RejudgeOrder::Distance);
  // Distances / SE: B 2.5/2, X 2.5/2, C 5/2, D 5/2, A 7.5/2; ties by entry_id.
  CHECK(ids(candidates) == std::vector<std::string>{"B", "X", "C", "D", "A"});
  CHECK(candidates[0].distance == 1.25);
  CHECK(candidates[2].distance == 2.5);
  CHECK(candidates[4].distance == 3.75);
}

TEST_CASE("SPEC §14 rejudge: an entry between two boundaries counts both chances of a change") {
  // D (70) lies 5 above 65 and 12.5 below 82.5; C (60) only 5 below 65. The distance ties
  // them; the expected changes put D first. Likewise X (80: 2.5 below 82.5, 15 above 65)
  // comes before B (85: only 2.5 above 82.5), if only by the tiny chance of falling below 65.
  const auto candidates = rejudge_candidates(two_boundary_pool(), 2, RejudgeOrder::ExpectedChanges);
  CHECK(ids(candidates) == std::vector<std::string>{"X", "B", "D", "C", "A"});
}

TEST_CASE("SPEC §14 rejudge: at equal distance, an entry with fewer judges gains more") {
  // Both 1 SE from the boundary 50; A7 already has 7 judges, B5 has 5: two more judges cut
  // B5's SE by more (√(5/7) against √(7/9)).
  const std::vector<std::vector<RejudgePlace>> pools{
      {place("A7", 51, 1, "first", 7), place("B5", 49, 1, std::nullopt, 5)}};
  CHECK(ids(rejudge_candidates(pools, 2, RejudgeOrder::Distance)) ==
        std::vector<std::string>{"A7", "B5"});  // tie: entry_id
  CHECK(ids(rejudge_candidates(pools, 2, RejudgeOrder::ExpectedChanges)) ==
        std::vector<std::string>{"B5", "A7"});
  CHECK(expected_outcome_changes(49, 1, 5, 2, {50}) > expected_outcome_changes(51, 1, 7, 2, {50}));
}

TEST_CASE("SPEC §14 rejudge: expected change at a boundary is arctan(√(M/n)) / π") {
  // s = b: now 1/2 on the wrong side; after M more, s' − b ~ N(0, SE² − SE'²) and
  // E[Φ(−|s' − b| / SE')] = 1/2 − arctan(τ / SE') / π with τ / SE' = √(M / n).
  CHECK(expected_outcome_changes(50, 3, 5, 2, {50}) ==
        Approx(std::atan(std::sqrt(2.0 / 5)) / std::numbers::pi).epsilon(1e-6));
  CHECK(expected_outcome_changes(50, 1, 10, 5, {50}) ==
        Approx(std::atan(std::sqrt(5.0 / 10)) / std::numbers::pi).epsilon(1e-6));
  // Far away, nothing to gain; no SE, no change.
  CHECK(expected_outcome_changes(80, 1, 5, 2, {50}) < 1e-12);
  CHECK(expected_outcome_changes(50, 0, 5, 2, {50}) == 0);
}

TEST_CASE("SPEC §14 rejudge: pools without a boundary and entries without SE are never chosen") {
  const std::vector<std::vector<RejudgePlace>> pools{
      {place("P1", 90, 2, "first"), place("P2", 89, 2, "first")},
      {place("Q1", 70, 0, "first"),
       place("Q2", 69, 2, std::nullopt),
       {"Q3", {68, std::nullopt, std::nullopt}, 0}}};
  CHECK(ids(rejudge_candidates(pools, 2, RejudgeOrder::ExpectedChanges)) ==
        std::vector<std::string>{"Q2"});
}

TEST_CASE("SPEC §14 rejudge: the allowance is ⌊F × planned judgings⌋ on the decimal as written") {
  CHECK(rejudge_allowance(1660, *parse_decimal("0.3")) == 498);
  CHECK(rejudge_allowance(7, *parse_decimal("0.3")) == 2);      // 2.1
  CHECK(rejudge_allowance(100, *parse_decimal("0.57")) == 57);  // binary: 56.999…
  CHECK(rejudge_allowance(10, *parse_decimal("0.25")) == 2);    // 2.5 rounds down
  CHECK(rejudge_allowance(10, *parse_decimal("0")) == 0);
  CHECK(rejudge_allowance(10, *parse_decimal("1.5")) == 15);
}

// ---- tiny competitions: budget, choice and every §5 rule on the new pairs, by brute force

namespace {

struct Tiny {
  Config config;
  std::vector<Entry> entries;
  std::vector<Judge> judges;
  std::vector<Assignment> current, recusals;
  std::vector<std::vector<RejudgePlace>> pools;

  RejudgeInput input(const std::string& budget, int extra) const {
    RejudgeInput in;
    in.config = &config;
    in.entries = &entries;
    in.judges = &judges;
    in.current = current;
    in.recusals = recusals;
    in.pools = pools;
    in.budget = *parse_decimal(budget);
    in.extra = extra;
    return in;
  }
};

/// Entries E0…, k = 1 or 2 judges each from an optimal assignment, judges with school
/// conflicts, declared conflicts, kinds, capacities and recusals; one pool ranking the active
/// entries by a random score, the best half `first`.
Tiny random_tiny(std::uint32_t seed) {
  std::mt19937 rng(seed);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  Tiny t;
  const int k = 1 + pick(2);
  t.config.subjects = {{"PS", "物质科学"}, {"LS", "生命科学"}};
  t.config.kinds = {{"student", "学生", "student", 3, 3}};
  t.config.judging.default_judges_per_entry = k;
  t.config.judging.judges_per_entry = {{"student", k}};
  t.config.judging.mismatch_cost = pick(12);
  t.config.judging.balance_cost = pick(3);
  t.config.judging.conflicts = {ConflictRule::School, ConflictRule::Declared};
  const std::vector<std::string> schools{"一中", "二中", "三中"};
  const int entry_count = 2 + pick(3), judge_count = 3 + pick(4);
  for (int i = 0; i < entry_count; ++i) {
    Entry e;
    e.id = "E" + std::to_string(i);
    e.kind = "student";
    e.subject = t.config.subjects[static_cast<std::size_t>(pick(2))].id;
    e.school = schools[static_cast<std::size_t>(pick(3))];
    t.entries.push_back(e);
  }
  for (int i = 0; i < judge_count; ++i) {
    Judge j;
    j.id = "J" + std::to_string(i);
    j.name = "评委" + std::to_string(i);
    j.affiliation = pick(3) == 0 ? schools[static_cast<std::size_t>(pick(3))] : "大学";
    if (pick(2) == 0) j.expertise = {t.config.subjects[static_cast<std::size_t>(pick(2))].id};
    if (pick(4) == 0) j.max_load = 1 + pick(3);
    if (pick(5) == 0) j.conflicts = {"E" + std::to_string(pick(entry_count))};
    if (pick(8) == 0) j.active = false;
    t.judges.push_back(j);
  }
  AssignmentInput assign;
  assign.config = &t.config;
  assign.entries = &t.entries;
  assign.judges = &t.judges;
  t.current = assign_judges(assign).added;  // may leave entries short when infeasible: fine
  for (int n = pick(3); n > 0; --n)
    t.recusals.push_back(
        {"J" + std::to_string(pick(judge_count)), "E" + std::to_string(pick(entry_count))});
  std::vector<RejudgePlace> pool;
  for (const Entry& e : t.entries) pool.push_back(place(e.id, 50 + pick(40), 1 + pick(3), {}));
  std::sort(pool.begin(), pool.end(), [](const RejudgePlace& a, const RejudgePlace& b) {
    return a.place.score != b.place.score ? a.place.score > b.place.score : a.entry_id < b.entry_id;
  });
  for (std::size_t i = 0; i < pool.size() / 2; ++i) pool[i].place.outcome = "first";
  t.pools = {pool};
  return t;
}

// An independent statement of the rules, straight from the SPEC text.

bool may_take(const Tiny& t, const Judge& j, const Entry& e) {
  if (!j.active || !e.active()) return false;
  if (!j.kinds.empty() && std::count(j.kinds.begin(), j.kinds.end(), e.kind) == 0) return false;
  if (find_conflict(j, e, t.config.judging.conflicts)) return false;
  const Assignment pair{j.id, e.id};
  return std::count(t.recusals.begin(), t.recusals.end(), pair) == 0 &&
         std::count(t.current.begin(), t.current.end(), pair) == 0;
}

/// ⌈1.2 · K / J⌉ with K = Σ k + the judgings beyond k, before and now (SPEC §14: capacity
/// recomputed with the added judgings).
int capacity(const Tiny& t, const Judge& j, int added_now) {
  if (j.max_load) return *j.max_load;
  std::map<std::string, int> assigned;
  for (const Assignment& a : t.current) ++assigned[a.entry_id];
  double places = added_now, active = 0;
  for (const Entry& e : t.entries) {
    const int k = t.config.judges_per_entry(e.kind);
    places += k + std::max(0, assigned[e.id] - k);
  }
  for (const Judge& x : t.judges) active += x.active;
  return static_cast<int>(std::ceil(1.2 * places / active - 1e-9));
}

std::int64_t objective(const Tiny& t, const std::vector<Assignment>& pairs) {
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> load;
  for (const Assignment& a : pairs) {
    ++load[a.judge_id];
    const Judge& j = *std::find_if(t.judges.begin(), t.judges.end(),
                                   [&](const Judge& x) { return x.id == a.judge_id; });
    const Entry& e = *std::find_if(t.entries.begin(), t.entries.end(),
                                   [&](const Entry& x) { return x.id == a.entry_id; });
    if (!j.expertise.empty() && std::count(j.expertise.begin(), j.expertise.end(), e.subject) == 0)
      total += t.config.judging.mismatch_cost;
  }
  for (const auto& [id, l] : load) total += t.config.judging.balance_cost * l * (l - 1) / 2;
  return total;
}

bool within_capacity(const Tiny& t, const std::vector<Assignment>& added) {
  std::map<std::string, int> load, new_load;
  for (const Assignment& a : t.current) ++load[a.judge_id];
  for (const Assignment& a : added) ++load[a.judge_id], ++new_load[a.judge_id];
  for (const Judge& j : t.judges)
    if (new_load[j.id] > 0 && load[j.id] > capacity(t, j, static_cast<int>(added.size())))
      return false;
  return true;
}

/// The best objective over every way of giving each of `chosen` M distinct new judges.
std::optional<std::int64_t> brute_force(const Tiny& t, const std::vector<std::string>& chosen,
                                        int extra, const std::set<std::string>* only = nullptr) {
  std::optional<std::int64_t> best;
  std::vector<Assignment> added;
  std::function<void(std::size_t, std::size_t, int)> go = [&](std::size_t i, std::size_t from,
                                                              int left) {
    if (i == chosen.size()) {
      if (!within_capacity(t, added)) return;
      std::vector<Assignment> all = t.current;
      all.insert(all.end(), added.begin(), added.end());
      const std::int64_t value = objective(t, all);
      if (!best || value < *best) best = value;
      return;
    }
    if (left == 0) return go(i + 1, 0, extra);
    const Entry& e = *std::find_if(t.entries.begin(), t.entries.end(),
                                   [&](const Entry& x) { return x.id == chosen[i]; });
    for (std::size_t j = from; j < t.judges.size(); ++j) {
      if (!may_take(t, t.judges[j], e) || (only && only->count(t.judges[j].id) == 0)) continue;
      added.push_back({t.judges[j].id, e.id});
      go(i, j + 1, left - 1);
      added.pop_back();
    }
  };
  go(0, 0, extra);
  return best;
}

/// The first ⌊(⌊F·Σk⌋ − already) / M⌋ candidates with at least M judges who may take them.
std::vector<std::string> expected_choice(const Tiny& t, std::int64_t allowance, int extra) {
  std::map<std::string, int> assigned;
  for (const Assignment& a : t.current) ++assigned[a.entry_id];
  std::int64_t already = 0;
  for (const Entry& e : t.entries)
    already += std::max(0, assigned[e.id] - t.config.judges_per_entry(e.kind));
  const auto wanted =
      static_cast<std::size_t>(std::max<std::int64_t>(0, allowance - already) / extra);
  std::vector<std::string> chosen;
  for (const auto& c : rejudge_candidates(t.pools, extra, RejudgeOrder::ExpectedChanges)) {
    if (chosen.size() == wanted) break;
    const Entry& e = *std::find_if(t.entries.begin(), t.entries.end(),
                                   [&](const Entry& x) { return x.id == c.entry_id; });
    const auto able = std::count_if(t.judges.begin(), t.judges.end(),
                                    [&](const Judge& j) { return may_take(t, j, e); });
    if (able >= extra) chosen.push_back(c.entry_id);
  }
  return chosen;
}

}  // namespace

TEST_CASE("SPEC §14 rejudge: new pairs obey §5 and are optimal (brute force, tiny cases)") {
  int feasible = 0, chose = 0;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    const Tiny t = random_tiny(seed);
    INFO("seed " << seed);
    for (const auto& [budget, extra] :
         std::vector<std::pair<std::string, int>>{{"0.3", 1}, {"0.5", 2}, {"1", 1}}) {
      const RejudgePlan plan = plan_rejudge(t.input(budget, extra));
      std::int64_t planned = 0;
      for (const Entry& e : t.entries) planned += t.config.judges_per_entry(e.kind);
      REQUIRE(plan.planned == planned);
      REQUIRE(plan.allowance == rejudge_allowance(planned, *parse_decimal(budget)));
      std::vector<std::string> chosen = ids(plan.chosen);
      REQUIRE(chosen == expected_choice(t, plan.allowance, extra));
      if (chosen.empty()) {
        CHECK(plan.added.empty());
        continue;
      }
      ++chose;
      const auto best = brute_force(t, chosen, extra);
      REQUIRE(plan.feasible == best.has_value());
      if (!best) continue;
      ++feasible;
      CHECK(plan.added.size() == chosen.size() * static_cast<std::size_t>(extra));
      CHECK(plan.already + static_cast<std::int64_t>(plan.added.size()) <= plan.allowance);
      for (const Assignment& a : plan.added) {
        const Judge& j = *std::find_if(t.judges.begin(), t.judges.end(),
                                       [&](const Judge& x) { return x.id == a.judge_id; });
        const Entry& e = *std::find_if(t.entries.begin(), t.entries.end(),
                                       [&](const Entry& x) { return x.id == a.entry_id; });
        CHECK(may_take(t, j, e));
        CHECK(std::count(chosen.begin(), chosen.end(), a.entry_id) == 1);
      }
      CHECK(std::set<Assignment>(plan.added.begin(), plan.added.end()).size() == plan.added.size());
      CHECK(within_capacity(t, plan.added));
      std::vector<Assignment> all = t.current;
      all.insert(all.end(), plan.added.begin(), plan.added.end());
      CHECK(objective(t, all) == *best);
      CHECK(plan.objective == *best);
    }
  }
  CHECK(chose > 200);
  CHECK(feasible > 150);
}

TEST_CASE("SPEC §14 rejudge: the budget is cumulative over the round's calls") {
  // 4 entries, k = 2: 8 planned judgings. Budget 0.5 → 4 places → 2 entries of M = 2.
  Tiny t;
  t.config.subjects = {{"PS", "物质科学"}};
  t.config.kinds = {{"student", "学生", "student", 3, 3}};
  t.config.judging.default_judges_per_entry = 2;
  t.config.judging.judges_per_entry = {{"student", 2}};
  for (int i = 0; i < 4; ++i) {
    Entry e;
    e.id = "E" + std::to_string(i);
    e.kind = "student";
    t.entries.push_back(e);
  }
  for (int i = 0; i < 6; ++i) {
    Judge j;
    j.id = "J" + std::to_string(i);
    j.name = "评委" + std::to_string(i);
    t.judges.push_back(j);
  }
  for (int e = 0; e < 4; ++e)
    for (int j : {e, e + 1})
      t.current.push_back({"J" + std::to_string(j), "E" + std::to_string(e)});
  // One pool: E0 90 first, E1 81 first, E2 79 none, E3 60 none; boundary 80.
  t.pools = {{place("E0", 90, 2, "first", 2), place("E1", 81, 2, "first", 2),
              place("E2", 79, 2, std::nullopt, 2), place("E3", 60, 2, std::nullopt, 2)}};
  const RejudgePlan half = plan_rejudge(t.input("0.5", 2));
  CHECK(half.allowance == 4);
  CHECK(ids(half.chosen) == std::vector<std::string>{"E1", "E2"});
  CHECK(half.added.size() == 4);
  // 0.3 → ⌊2.4⌋ = 2 places: one entry; 0.2 → 1 place, below M: nothing.
  CHECK(ids(plan_rejudge(t.input("0.3", 2)).chosen) == std::vector<std::string>{"E1"});
  CHECK(plan_rejudge(t.input("0.2", 2)).chosen.empty());
  // After the first call's pairs are stored, the same budget has nothing left …
  Tiny after = t;
  after.current.insert(after.current.end(), half.added.begin(), half.added.end());
  const RejudgePlan again = plan_rejudge(after.input("0.5", 2));
  CHECK(again.already == 4);
  CHECK(again.chosen.empty());
  CHECK(again.added.empty());
  // … and a larger one spends only the difference: ⌊0.75 · 8⌋ − 4 = 2 places.
  const RejudgePlan more = plan_rejudge(after.input("0.75", 2));
  CHECK(more.chosen.size() == 1);
  CHECK(more.added.size() == 2);
  for (const Assignment& a : more.added)
    CHECK(std::count(after.current.begin(), after.current.end(), a) == 0);  // never a judge
                                                                            // already on it
}

TEST_CASE("SPEC §14 rejudge: judge noise ratios are each judge's shrunk residual variance / σ²") {
  // Method mean, one criterion of max 100. E1: A 80, B 80, C 86 (mean 82: −2, −2, +4); E2: A 70,
  // B 72 (mean 71: −1, +1); E3: C alone (no scatter to see). RSS 26, N 5, E 2 → σ² = 26/3.
  // Σ(1 − 1/n_e): A and B 2/3 + 1/2 = 7/6, C 2/3. Without shrinkage: A 5/(7/6) / σ² = 45/91,
  // C 16/(2/3) / σ² = 36/13; with 10 pseudo-totals of σ²: A (5 + 260/3)/(67/6) / σ² = 825/871,
  // C (16 + 260/3)/(32/3) / σ² = 231/208.
  Config config;
  config.kinds = {{"student", "学生", "r", 3, 3}};
  config.rubrics["r"] = Rubric{"r", 1, {{"a", "A", 100, 100}}};
  config.aggregation.method = Method::Mean;
  config.aggregation.min_scores = 1;
  std::vector<Entry> entries;
  for (const char* id : {"E1", "E2", "E3"}) {
    Entry e;
    e.id = id;
    e.kind = "student";
    entries.push_back(e);
  }
  std::vector<ScoreRow> rows;
  for (const auto& [judge, entry, value] :
       std::vector<std::tuple<std::string, std::string, double>>{{"A", "E1", 80},
                                                                 {"B", "E1", 80},
                                                                 {"C", "E1", 86},
                                                                 {"A", "E2", 70},
                                                                 {"B", "E2", 72},
                                                                 {"C", "E3", 50}})
    rows.push_back(ScoreRow{judge, entry, {value}, ""});
  const auto raw = judge_noise_ratios(config, entries, rows, 0);
  REQUIRE(raw.size() == 3);
  CHECK(raw.at("A") == Approx(45.0 / 91).epsilon(1e-12));
  CHECK(raw.at("B") == Approx(45.0 / 91).epsilon(1e-12));
  CHECK(raw.at("C") == Approx(36.0 / 13).epsilon(1e-12));
  const auto shrunk = judge_noise_ratios(config, entries, rows);
  CHECK(shrunk.at("A") == Approx(825.0 / 871).epsilon(1e-12));
  CHECK(shrunk.at("C") == Approx(231.0 / 208).epsilon(1e-12));
}

TEST_CASE(
    "SPEC §14 rejudge: with judge noise, the steadiest half takes the new pairs, widened to 3/4 "
    "and to all when it cannot (brute force, tiny cases)") {
  int steady_half = 0, widened = 0;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    const Tiny t = random_tiny(seed);
    INFO("seed " << seed);
    std::mt19937 rng(seed + 1000);
    std::map<std::string, double> noise;
    for (const Judge& j : t.judges) noise[j.id] = 0.25 + static_cast<double>(rng() % 1000) / 500;
    std::vector<std::pair<double, std::string>> order;  // active judges, steadiest first
    for (const Judge& j : t.judges)
      if (j.active) order.emplace_back(noise[j.id], j.id);
    std::sort(order.begin(), order.end());
    RejudgeInput input = t.input("0.5", 1);
    input.judge_noise = noise;
    const RejudgePlan plan = plan_rejudge(input);
    const std::vector<std::string> chosen = ids(plan.chosen);
    REQUIRE(chosen == expected_choice(t, plan.allowance, 1));  // the entries do not change
    if (chosen.empty()) continue;
    // The first of 1/2, 3/4, all (rounded up) for which a placement exists; its optimum.
    std::optional<std::int64_t> best;
    std::size_t preferred = 0;
    for (const std::size_t quarters : {2, 3, 4}) {
      preferred = (order.size() * quarters + 3) / 4;
      std::set<std::string> only;
      for (std::size_t i = 0; i < preferred; ++i) only.insert(order[i].second);
      best = brute_force(t, chosen, 1, &only);
      if (best) break;
    }
    REQUIRE(plan.feasible == best.has_value());
    if (!best) continue;
    CHECK(plan.preferred_judges == preferred);
    (preferred < order.size() && preferred == (order.size() + 1) / 2 ? steady_half : widened)++;
    for (const Assignment& a : plan.added) {
      const auto at = std::find_if(order.begin(), order.end(),
                                   [&](const auto& o) { return o.second == a.judge_id; });
      REQUIRE(at != order.end());
      CHECK(static_cast<std::size_t>(at - order.begin()) < preferred);
      const Judge& j = *std::find_if(t.judges.begin(), t.judges.end(),
                                     [&](const Judge& x) { return x.id == a.judge_id; });
      const Entry& e = *std::find_if(t.entries.begin(), t.entries.end(),
                                     [&](const Entry& x) { return x.id == a.entry_id; });
      CHECK(may_take(t, j, e));
    }
    CHECK(within_capacity(t, plan.added));
    std::vector<Assignment> all = t.current;
    all.insert(all.end(), plan.added.begin(), plan.added.end());
    CHECK(objective(t, all) == *best);
  }
  CHECK(steady_half > 50);
  CHECK(widened > 10);
}
