#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <utility>

#include "judging/assign_problem.hpp"
#include "judging/assignment.hpp"
#include "judging/conflicts.hpp"

using namespace jury;

namespace {

Config base_config(int k = 2) {
  Config c;
  c.subjects = {{"PS", "物质科学"}, {"LS", "生命科学"}, {"CS", "计算机科学"}};
  c.kinds = {{"student", "学生", "student", 3, 3}, {"advisor", "辅导员", "advisor", 0, 2}};
  c.judging.default_judges_per_entry = k;
  c.judging.judges_per_entry = {{"student", k}, {"advisor", k}};
  return c;
}

struct Instance {
  Config config;
  std::vector<Entry> entries;
  std::vector<Judge> judges;
  std::vector<Assignment> kept, recusals;

  AssignmentInput input(std::uint64_t seed = 0) const {
    AssignmentInput in;
    in.config = &config;
    in.entries = &entries;
    in.judges = &judges;
    in.kept = kept;
    in.recusals = recusals;
    in.seed = seed;
    return in;
  }
};

/// A tiny random competition: few schools so that school conflicts are common, random
/// expertise, kinds, capacities, withdrawals, kept pairs and recusals.
Instance random_instance(std::uint32_t seed) {
  std::mt19937 rng(seed);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  Instance in;
  in.config = base_config(1 + pick(2));
  in.config.judging.mismatch_cost = pick(12);
  in.config.judging.balance_cost = pick(3);
  if (pick(3) == 0) in.config.judging.max_load = 1 + pick(3);
  in.config.judging.conflicts = {ConflictRule::School, ConflictRule::Advisor,
                                 ConflictRule::Declared};
  if (pick(2) == 0) in.config.judging.conflicts.push_back(ConflictRule::District);
  const std::vector<std::string> schools{"一中", "二中", "三中"}, districts{"沙市区", "荆州区", ""};
  const int entry_count = 1 + pick(4), judge_count = 1 + pick(5);
  for (int i = 0; i < entry_count; ++i) {
    Entry e;
    e.id = "E" + std::to_string(i);
    e.kind = pick(4) == 0 ? "advisor" : "student";
    e.subject = in.config.subjects[static_cast<std::size_t>(pick(3))].id;
    e.school = schools[static_cast<std::size_t>(pick(3))];
    e.district = districts[static_cast<std::size_t>(pick(3))];
    if (pick(3) == 0) e.advisors = {"评委" + std::to_string(pick(judge_count))};
    if (pick(8) == 0) e.status = EntryStatus::Withdrawn;
    in.entries.push_back(e);
  }
  for (int i = 0; i < judge_count; ++i) {
    Judge j;
    j.id = "J" + std::to_string(i);
    j.name = "评委" + std::to_string(i);
    j.affiliation = pick(2) == 0 ? schools[static_cast<std::size_t>(pick(3))] : "大学";
    j.district = districts[static_cast<std::size_t>(pick(3))];
    for (const auto& s : in.config.subjects)
      if (pick(3) == 0) j.expertise.push_back(s.id);
    if (pick(4) == 0) j.kinds = {"student"};
    if (pick(4) == 0) j.max_load = pick(4);
    if (pick(5) == 0) j.conflicts = {"E" + std::to_string(pick(entry_count))};
    if (pick(8) == 0) j.active = false;
    in.judges.push_back(j);
  }
  for (int n = pick(3); n > 0; --n)
    in.kept.push_back(
        {"J" + std::to_string(pick(judge_count)), "E" + std::to_string(pick(entry_count))});
  std::sort(in.kept.begin(), in.kept.end());
  in.kept.erase(std::unique(in.kept.begin(), in.kept.end()), in.kept.end());
  for (int n = pick(3); n > 0; --n)
    in.recusals.push_back(
        {"J" + std::to_string(pick(judge_count)), "E" + std::to_string(pick(entry_count))});
  return in;
}

// ---- an independent statement of §5, straight from the SPEC text, for brute force

int capacity_by_spec(const Instance& in, const Judge& j) {
  if (j.max_load) return *j.max_load;
  if (in.config.judging.max_load) return *in.config.judging.max_load;
  double places = 0, active = 0;
  for (const Entry& e : in.entries)
    if (e.active()) places += in.config.judges_per_entry(e.kind);
  for (const Judge& x : in.judges)
    if (x.active) active += 1;
  return active == 0 ? 0 : static_cast<int>(std::ceil(1.2 * places / active - 1e-9));
}

std::int64_t objective_by_spec(const Instance& in, const std::vector<Assignment>& pairs) {
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> load;
  for (const Assignment& a : pairs) {
    ++load[a.judge_id];
    const Judge& j = *std::find_if(in.judges.begin(), in.judges.end(),
                                   [&](const Judge& x) { return x.id == a.judge_id; });
    const Entry& e = *std::find_if(in.entries.begin(), in.entries.end(),
                                   [&](const Entry& x) { return x.id == a.entry_id; });
    const bool expert =
        j.expertise.empty() || std::count(j.expertise.begin(), j.expertise.end(), e.subject) > 0;
    if (!expert) total += in.config.judging.mismatch_cost;
  }
  for (const auto& [id, l] : load) total += in.config.judging.balance_cost * l * (l - 1) / 2;
  return total;
}

bool may_add(const Instance& in, const Judge& j, const Entry& e) {
  if (!j.active || !e.active()) return false;
  if (!j.kinds.empty() && std::count(j.kinds.begin(), j.kinds.end(), e.kind) == 0) return false;
  if (find_conflict(j, e, in.config.judging.conflicts)) return false;
  const Assignment pair{j.id, e.id};
  return std::count(in.recusals.begin(), in.recusals.end(), pair) == 0 &&
         std::count(in.kept.begin(), in.kept.end(), pair) == 0;
}

/// Every hard constraint of §5 on kept + added; returns a description of the first violation.
std::string violation(const Instance& in, const std::vector<Assignment>& added) {
  std::map<std::string, int> load, per_entry;
  for (const Assignment& a : in.kept) ++load[a.judge_id], ++per_entry[a.entry_id];
  std::set<Assignment> seen(in.kept.begin(), in.kept.end());
  for (const Assignment& a : added) {
    if (!seen.insert(a).second) return "duplicate pair " + a.judge_id + "/" + a.entry_id;
    ++load[a.judge_id], ++per_entry[a.entry_id];
    const Judge& j = *std::find_if(in.judges.begin(), in.judges.end(),
                                   [&](const Judge& x) { return x.id == a.judge_id; });
    const Entry& e = *std::find_if(in.entries.begin(), in.entries.end(),
                                   [&](const Entry& x) { return x.id == a.entry_id; });
    if (!may_add(in, j, e)) return "ineligible pair " + a.judge_id + "/" + a.entry_id;
  }
  for (const Judge& j : in.judges) {
    int added_load = 0;
    for (const Assignment& a : added) added_load += a.judge_id == j.id;
    if (added_load > 0 && load[j.id] > capacity_by_spec(in, j)) return "over capacity " + j.id;
  }
  for (const Entry& e : in.entries)
    if (e.active() && per_entry[e.id] < in.config.judges_per_entry(e.kind))
      return "entry short " + e.id;
  return "";
}

/// The optimum over every assignment meeting the hard constraints, or nullopt if none does.
std::optional<std::int64_t> brute_force_optimum(const Instance& in) {
  std::vector<std::pair<const Entry*, int>> open;
  for (const Entry& e : in.entries) {
    if (!e.active()) continue;
    const int kept = static_cast<int>(std::count_if(
        in.kept.begin(), in.kept.end(), [&](const Assignment& a) { return a.entry_id == e.id; }));
    if (kept < in.config.judges_per_entry(e.kind))
      open.emplace_back(&e, in.config.judges_per_entry(e.kind) - kept);
  }
  std::optional<std::int64_t> best;
  std::vector<Assignment> pairs = in.kept;
  std::function<void(std::size_t, std::size_t, int)> place = [&](std::size_t i, std::size_t from,
                                                                 int left) {
    if (i == open.size()) {
      std::vector<Assignment> added(pairs.begin() + static_cast<std::ptrdiff_t>(in.kept.size()),
                                    pairs.end());
      if (!violation(in, added).empty()) return;
      const std::int64_t value = objective_by_spec(in, pairs);
      if (!best || value < *best) best = value;
      return;
    }
    if (left == 0) return place(i + 1, 0, i + 1 < open.size() ? open[i + 1].second : 0);
    for (std::size_t j = from; j < in.judges.size(); ++j) {
      if (!may_add(in, in.judges[j], *open[i].first)) continue;
      pairs.push_back({in.judges[j].id, open[i].first->id});
      place(i, j + 1, left - 1);
      pairs.pop_back();
    }
  };
  place(0, 0, open.empty() ? 0 : open[0].second);
  return best;
}

}  // namespace

TEST_CASE("SPEC §5: the assignment is optimal (brute force over all assignments, tiny instances)") {
  int feasible = 0, aggregated_paths = 0;
  for (std::uint32_t seed = 1; seed <= 400; ++seed) {
    const Instance in = random_instance(seed);
    INFO("instance seed " << seed);
    const auto best = brute_force_optimum(in);
    const AssignmentOutcome out = assign_judges(in.input(seed));
    REQUIRE(out.feasible == best.has_value());
    if (!best) {
      CHECK_FALSE(out.problems.empty());
      continue;
    }
    ++feasible;
    CHECK(violation(in, out.added) == "");
    CHECK(out.certified);
    std::vector<Assignment> all = in.kept;
    all.insert(all.end(), out.added.begin(), out.added.end());
    CHECK(objective_by_spec(in, all) == *best);
    CHECK(out.objective == *best);
    CHECK(std::is_sorted(out.added.begin(), out.added.end()));

    // Both solver paths on their own.
    const detail::AssignProblem problem(in.input(seed));
    const auto flow = detail::solve_flow(problem, 2);  // tiny candidate lists: exercises the
                                                       // reduced-cost certification loop
    REQUIRE(flow.status == detail::SolverResult::Status::Optimal);
    CHECK(problem.kept_objective() + problem.added_objective(flow.pairs) == *best);
    const auto aggregated = detail::solve_aggregated(problem);
    if (aggregated.status == detail::SolverResult::Status::Optimal) {
      ++aggregated_paths;
      CHECK(problem.kept_objective() + problem.added_objective(aggregated.pairs) == *best);
    }
  }
  CHECK(feasible > 100);
  CHECK(aggregated_paths > 50);
}

TEST_CASE("SPEC §5: the flow solver out of certification rounds still returns the optimum") {
  // Regression: after its round limit solve_flow used to return an empty "gave up" result, which
  // assign_judges then reported as a feasible assignment adding no pair at all.
  int solved = 0;
  for (std::uint32_t seed = 1; seed <= 200; ++seed) {
    const Instance in = random_instance(seed);
    INFO("instance seed " << seed);
    const auto best = brute_force_optimum(in);
    const detail::AssignProblem problem(in.input(seed));
    for (int rounds : {0, 1}) {
      // No initial candidates at all: only the final run over every eligible pair can succeed.
      const auto flow = detail::solve_flow(problem, 0, rounds);
      if (!best) {
        CHECK(flow.status == detail::SolverResult::Status::Infeasible);
        continue;
      }
      REQUIRE(flow.status == detail::SolverResult::Status::Optimal);
      CHECK(problem.kept_objective() + problem.added_objective(flow.pairs) == *best);
      ++solved;
    }
  }
  CHECK(solved > 100);
}

namespace {

/// A medium instance: 600 entries, 60 judges, k = 3, many schools.
Instance medium_instance(std::uint32_t seed, bool district_rule) {
  std::mt19937 rng(seed);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  Instance in;
  in.config = base_config(3);
  if (district_rule) in.config.judging.conflicts.push_back(ConflictRule::District);
  for (int i = 0; i < 600; ++i) {
    Entry e;
    e.id = "E" + std::to_string(i);
    e.kind = pick(6) == 0 ? "advisor" : "student";
    e.subject = in.config.subjects[static_cast<std::size_t>(pick(3))].id;
    e.school = "学校" + std::to_string(pick(40));
    e.district = "区" + std::to_string(pick(5));
    in.entries.push_back(e);
  }
  for (int i = 0; i < 60; ++i) {
    Judge j;
    j.id = "J" + std::to_string(100 + i);
    j.name = "评委" + std::to_string(i);
    j.affiliation = "学校" + std::to_string(pick(80));
    j.district = "区" + std::to_string(pick(5));
    j.expertise = {in.config.subjects[static_cast<std::size_t>(pick(3) == 0 ? 0 : 1)].id};
    in.judges.push_back(j);
  }
  return in;
}

}  // namespace

TEST_CASE("SPEC §5: both solver paths reach the same optimum on medium instances") {
  for (bool district : {false, true}) {
    const Instance in = medium_instance(7, district);
    const detail::AssignProblem problem(in.input(3));
    const auto all_pairs = detail::solve_flow(problem, 1000);  // every eligible pair, no pruning
    const auto pruned = detail::solve_flow(problem, 5);
    REQUIRE(all_pairs.status == detail::SolverResult::Status::Optimal);
    REQUIRE(pruned.status == detail::SolverResult::Status::Optimal);
    const std::int64_t optimum = problem.added_objective(all_pairs.pairs);
    CHECK(problem.added_objective(pruned.pairs) == optimum);
    const AssignmentOutcome out = assign_judges(in.input(3));
    REQUIRE(out.feasible);
    CHECK(violation(in, out.added) == "");
    CHECK(out.objective == optimum);
    CHECK(objective_by_spec(in, out.added) == optimum);
  }
}

TEST_CASE("SPEC §2 judging.max_load default: ⌈6·K / (5·J)⌉ over active entries and judges") {
  Instance in;
  in.config = base_config(3);
  for (int i = 0; i < 8; ++i) {
    Entry e;
    e.id = "E" + std::to_string(i);
    e.kind = "student";
    e.status = i < 7 ? EntryStatus::Active : EntryStatus::Withdrawn;
    in.entries.push_back(e);
  }
  for (int i = 0; i < 5; ++i) {
    Judge j;
    j.id = "J" + std::to_string(i);
    j.active = i < 4;
    in.judges.push_back(j);
  }
  // K = 7·3 = 21, J = 4: ⌈126 / 20⌉ = 7.
  CHECK(default_max_load(in.config, in.entries, in.judges) == 7);
  in.config.judging.judges_per_entry["advisor"] = 5;
  in.entries[0].kind = "advisor";  // K = 6·3 + 5 = 23: ⌈138 / 20⌉ = 7
  CHECK(default_max_load(in.config, in.entries, in.judges) == 7);
  in.entries[1].kind = "advisor";  // K = 25: ⌈150 / 20⌉ = 8
  CHECK(default_max_load(in.config, in.entries, in.judges) == 8);
  in.config.judging.max_load = 3;
  CHECK(default_max_load(in.config, in.entries, in.judges) == 3);
  CHECK(judge_capacity(in.judges[0], 3) == 3);
  in.judges[0].max_load = 9;
  CHECK(judge_capacity(in.judges[0], 3) == 9);
  for (Judge& j : in.judges) j.active = false;
  in.config.judging.max_load.reset();
  CHECK(default_max_load(in.config, in.entries, in.judges) == 0);
}

namespace {

Entry make_entry(std::string id, std::string school, std::string subject = "CS") {
  Entry e;
  e.id = std::move(id);
  e.kind = "student";
  e.subject = std::move(subject);
  e.school = std::move(school);
  e.title = "作品" + e.id;
  return e;
}

Judge make_judge(std::string id, std::string affiliation, std::optional<int> max_load = {}) {
  Judge j;
  j.id = std::move(id);
  j.name = "评委" + j.id;
  j.affiliation = std::move(affiliation);
  j.max_load = max_load;
  return j;
}

}  // namespace

TEST_CASE("SPEC §5 infeasible: names the entry, its eligible judges and why the others are out") {
  Instance in;
  in.config = base_config(5);
  in.entries.push_back(make_entry("JZ21-S0194", "监利高级中学"));
  for (int i = 0; i < 45; ++i) {
    const std::string id = fmt::format("J{:02}", i);
    if (i < 3)
      in.judges.push_back(make_judge(id, "监利 高级中学"));
    else if (i < 43)
      in.judges.push_back(make_judge(id, "大学", 0));
    else
      in.judges.push_back(make_judge(id, "大学"));
  }
  AssignmentOutcome out = assign_judges(in.input());
  CHECK_FALSE(out.feasible);
  CHECK(out.added.empty());
  CHECK(out.problems == std::vector<std::string>{
                            "JZ21-S0194: only 2 eligible judges (3 conflicted by school, 40 at "
                            "capacity), 5 needed"});

  // Recusals and kept pairs are counted as such; a withdrawn judge is not in the pool.
  in.recusals = {{"J43", "JZ21-S0194"}};
  in.kept = {{"J44", "JZ21-S0194"}};
  in.judges[0].active = false;
  out = assign_judges(in.input());
  CHECK(out.problems ==
        std::vector<std::string>{"JZ21-S0194: only 0 eligible judges (2 conflicted by school, 1 "
                                 "recused, 1 already judging it, 40 at capacity), 4 needed"});
}

TEST_CASE("SPEC §5 infeasible: the capacity shortfall per kind") {
  Instance in;
  in.config = base_config(2);
  for (int i = 0; i < 10; ++i) in.entries.push_back(make_entry("E" + std::to_string(i), "中学"));
  for (int i = 0; i < 3; ++i) in.judges.push_back(make_judge("J" + std::to_string(i), "大学", 5));
  const AssignmentOutcome out = assign_judges(in.input());
  CHECK_FALSE(out.feasible);
  CHECK(out.problems == std::vector<std::string>{
                            "kind student: 20 judge places to fill, but the judges who may score "
                            "it have only 15 free (capacity short by 5)"});
}

TEST_CASE("SPEC §5 infeasible: entries competing for the same few judges are named") {
  Instance in;
  in.config = base_config(1);
  in.entries = {make_entry("E0", "一中"), make_entry("E1", "一中")};
  in.judges = {make_judge("J0", "大学", 1), make_judge("J1", "一中", 5)};
  const AssignmentOutcome out = assign_judges(in.input());
  CHECK_FALSE(out.feasible);
  REQUIRE(out.problems.size() == 1);
  CHECK(out.problems[0].find("can get only 0 of 1 judges") != std::string::npos);
}

TEST_CASE("SPEC §5 incremental: existing pairs are kept, only missing places are filled") {
  Instance in = medium_instance(11, false);
  in.entries.resize(40);
  in.judges.resize(10);
  in.config.judging.max_load = 20;
  const AssignmentOutcome first = assign_judges(in.input(5));
  REQUIRE(first.feasible);
  CHECK(first.added.size() == 120);

  // New entries arrive, judge J103 withdraws, J105 recuses from one of its entries.
  for (int i = 40; i < 46; ++i) in.entries.push_back(make_entry("N" + std::to_string(i), "新校"));
  in.judges[3].active = false;
  Assignment recused;
  for (const Assignment& a : first.added) {
    if (a.judge_id == "J103") continue;
    if (a.judge_id == "J105" && recused.judge_id.empty()) {
      recused = a;
      continue;
    }
    in.kept.push_back(a);
  }
  in.recusals = {recused};
  const AssignmentOutcome second = assign_judges(in.input(5));
  REQUIRE(second.feasible);
  CHECK(violation(in, second.added) == "");  // includes: no kept pair again, no recused pair
  for (const Assignment& a : second.added) {
    CHECK(a.judge_id != "J103");
    CHECK(std::count(in.kept.begin(), in.kept.end(), a) == 0);
  }
  std::map<std::string, int> per_entry;
  for (const std::vector<Assignment>* list : {&std::as_const(in.kept), &second.added})
    for (const Assignment& a : *list) ++per_entry[a.entry_id];
  for (const Entry& e : in.entries) CHECK(per_entry[e.id] == 3);
  const std::size_t missing = 46 * 3 - in.kept.size();
  CHECK(second.added.size() == missing);
  // Optimal given the kept pairs: the general solver over every eligible pair agrees.
  const detail::AssignProblem problem(in.input(5));
  const auto reference = detail::solve_flow(problem, 1000);
  REQUIRE(reference.status == detail::SolverResult::Status::Optimal);
  CHECK(second.objective == problem.kept_objective() + problem.added_objective(reference.pairs));
  std::vector<Assignment> all = in.kept;
  all.insert(all.end(), second.added.begin(), second.added.end());
  CHECK(second.objective == objective_by_spec(in, all));

  // Nothing missing: a third run adds nothing.
  in.kept = all;
  const AssignmentOutcome third = assign_judges(in.input(5));
  CHECK(third.feasible);
  CHECK(third.added.empty());
  CHECK(third.objective == second.objective);
}

TEST_CASE(
    "SPEC §5: same inputs + seed give the identical assignment — the seed picks among optima") {
  Instance in;
  in.config = base_config(2);
  for (int i = 0; i < 12; ++i) in.entries.push_back(make_entry("E" + std::to_string(i), "中学"));
  for (int i = 0; i < 6; ++i) in.judges.push_back(make_judge("J" + std::to_string(i), "大学"));
  const AssignmentOutcome a = assign_judges(in.input(42));
  const AssignmentOutcome b = assign_judges(in.input(42));
  REQUIRE(a.feasible);
  CHECK(a.added == b.added);
  std::set<std::vector<Assignment>> distinct;
  for (std::uint64_t seed = 0; seed < 5; ++seed) {
    const AssignmentOutcome o = assign_judges(in.input(seed));
    CHECK(o.objective == a.objective);
    distinct.insert(o.added);
  }
  CHECK(distinct.size() > 1);
}

TEST_CASE("assign --explain: the entry's judges, then the other judges grouped by plain reason") {
  Instance in;
  in.config = base_config(1);
  in.config.judging.max_load = 2;
  in.config.judging.conflicts.push_back(ConflictRule::District);
  in.entries = {make_entry("E0", "一中", "CS"), make_entry("E1", "二中", "CS"),
                make_entry("E2", "三中", "CS")};
  in.entries[0].district = "沙市区";
  in.entries[0].advisors = {"评委J9"};
  for (const char* id : {"J0", "J1", "J2", "J3", "J4", "J5", "J6", "J7", "J8", "J9", "J10", "J11"})
    in.judges.push_back(make_judge(id, "大学"));
  for (Judge& j : in.judges) j.expertise = {"CS"};
  in.judges[1].affiliation = "一中";        // school
  in.judges[2].active = false;              // withdrawn
  in.judges[3].kinds = {"advisor"};         // kind
  in.judges[4].expertise = {"LS"};          // not expert: 10 + 0 > 0
  in.judges[7].district = "沙市区";         // district
  in.judges[8].conflicts = {"E0"};          // declared
  in.judges[11].max_load = 1;               // at its limit with E2
  in.kept = {{"J5", "E1"}, {"J11", "E2"}};  // J5 would then judge 2: 0 + 1 > 0
  in.recusals = {{"J6", "E0"}};
  const AssignmentOutcome out = assign_judges(in.input());
  REQUIRE(out.feasible);
  REQUIRE(out.added.size() == 1);
  // J0 and J10 both cost 0 (expert, no load): the seed picks one, the other is "just as
  // suitable".
  const std::string chosen = out.added[0].judge_id;
  REQUIRE((chosen == "J0" || chosen == "J10"));
  const std::string other = chosen == "J0" ? "J10" : "J0";
  std::vector<Assignment> current = in.kept;
  current.insert(current.end(), out.added.begin(), out.added.end());
  CHECK(
      explain_assignment(in.input(), current, "E0") ==
      std::vector<std::string>{
          "E0 «作品E0» (学生, 计算机科学, 一中, 沙市区)", "1 judge needed, 1 assigned:",
          "  " + chosen + " 评委" + chosen + ": expert in 计算机科学; judges 1 entry (limit 2)",
          "Not chosen:", "  1 — conflict of interest, works at the entry's school 一中: J1 评委J1",
          "  1 — conflict of interest, is an advisor or student of this entry: J9 评委J9",
          "  1 — conflict of interest, from the entry's district 沙市区: J7 评委J7",
          "  1 — conflict of interest, declared (回避) this entry or its school: J8 评委J8",
          "  1 — recused from this entry on a score sheet: J6 评委J6", "  1 — withdrawn: J2 评委J2",
          "  1 — may not judge 学生: J3 评委J3",
          "  1 — already at their limit of entries: J11 评委J11 (1 of 1)",
          "  1 — not expert in 计算机科学, so a chosen judge suits it better: J4 评委J4",
          "  1 — would then judge more entries than the chosen judges (work is spread evenly): "
          "J5 评委J5 (would judge 2)",
          "  1 — just as suitable as a chosen judge; the seed picked among equals: " + other +
              " 评委" + other,
          "How judges are chosen: conflicts of interest and each judge's limit are never "
          "broken; within them every entry gets experts in its subject where possible and the "
          "work is spread evenly, the best total for all entries together."});
  CHECK(explain_assignment(in.input(), current, "NOPE") ==
        std::vector<std::string>{"unknown entry NOPE"});
}

TEST_CASE("assign --explain: a pair kept for its scores, open places and withdrawn entries") {
  Instance in;
  in.config = base_config(3);
  in.entries = {make_entry("E0", "一中", "CS"), make_entry("E1", "一中", "CS")};
  in.entries[1].status = EntryStatus::Withdrawn;
  in.judges = {make_judge("J0", "大学")};
  in.judges[0].active = false;
  // Default limit ⌈6·3 / (5·2)⌉ = 2: one active entry with k = 3, two active judges.
  in.judges.push_back(make_judge("J1", "大学", 1));
  in.judges.push_back(make_judge("J2", "大学", 1));
  const std::vector<Assignment> current{{"J0", "E0"}, {"J2", "E1"}};
  const auto lines = explain_assignment(in.input(), current, "E0");
  REQUIRE(lines.size() == 8);
  CHECK(lines[1] == "3 judges needed, 1 assigned so far:");
  CHECK(lines[2] ==
        "  J0 评委J0: lists no expertise (suits any subject); judges 1 entry (limit 2); withdrawn "
        "since, kept for the scores given");
  CHECK(lines[3] ==
        "Only 1 judge can take its 2 open places: `jury assign` fails until judges are added or "
        "their limits raised.");
  CHECK(lines[4] == "Not chosen:");
  CHECK(lines[5] == "  1 — already at their limit of entries: J2 评委J2 (1 of 1)");
  CHECK(lines[6] ==
        "  1 — free and without conflict: can take an open place at the next `jury assign`: J1 "
        "评委J1");
  CHECK(explain_assignment(in.input(), current, "E1") ==
        std::vector<std::string>{
            "E1 «作品E1» (学生, 计算机科学, 一中)",
            "The entry is withdrawn or disqualified: it gets no judges.",
            "  J2 评委J2: lists no expertise (suits any subject); judges 1 entry (limit 1)"});
}
