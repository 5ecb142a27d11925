#include "judging/conflicts.hpp"

#include <algorithm>

#include "model/text.hpp"

namespace jury {

namespace {

bool contains_folded(const std::vector<std::string>& names, const std::string& folded) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return fold_key(n) == folded; });
}

bool sorted_contains(const std::vector<int>& keys, int key) {
  return key >= 0 && std::binary_search(keys.begin(), keys.end(), key);
}

}  // namespace

bool school_conflict(const Judge& judge, const Entry& entry) {
  const std::string school = fold_key(entry.school);
  return !school.empty() && fold_key(judge.affiliation) == school;
}

bool advisor_conflict(const Judge& judge, const Entry& entry) {
  const std::string name = fold_key(judge.name);
  if (name.empty()) return false;
  return contains_folded(entry.advisors, name) || contains_folded(entry.students, name);
}

bool district_conflict(const Judge& judge, const Entry& entry) {
  const std::string district = fold_key(entry.district);
  return !district.empty() && fold_key(judge.district) == district;
}

bool declared_conflict(const Judge& judge, const Entry& entry) {
  const std::string id = fold_key(entry.id);
  const std::string school = fold_key(entry.school);
  return (!id.empty() && contains_folded(judge.conflicts, id)) ||
         (!school.empty() && contains_folded(judge.conflicts, school));
}

bool conflict_fires(ConflictRule rule, const Judge& judge, const Entry& entry) {
  switch (rule) {
    case ConflictRule::School:
      return school_conflict(judge, entry);
    case ConflictRule::Advisor:
      return advisor_conflict(judge, entry);
    case ConflictRule::District:
      return district_conflict(judge, entry);
    case ConflictRule::Declared:
      return declared_conflict(judge, entry);
  }
  return false;
}

std::optional<ConflictRule> find_conflict(const Judge& judge, const Entry& entry,
                                          const std::vector<ConflictRule>& active_rules) {
  for (ConflictRule rule : active_rules)
    if (conflict_fires(rule, judge, entry)) return rule;
  return std::nullopt;
}

// ---------------------------------------------------------------- ConflictIndex

int ConflictIndex::intern(const std::string& raw) {
  std::string key = fold_key(raw);
  if (key.empty()) return kNone;
  const auto [it, inserted] = ids_.emplace(std::move(key), static_cast<int>(ids_.size()));
  return it->second;
}

void ConflictIndex::add_to(std::vector<std::vector<std::size_t>>& by_key, int key,
                           std::size_t entry) {
  if (key == kNone) return;
  const auto k = static_cast<std::size_t>(key);
  if (by_key.size() <= k) by_key.resize(k + 1);
  by_key[k].push_back(entry);
}

ConflictIndex::ConflictIndex(const std::vector<Judge>& judges, const std::vector<Entry>& entries,
                             std::vector<ConflictRule> active_rules)
    : rules_(std::move(active_rules)) {
  entries_.reserve(entries.size());
  for (std::size_t e = 0; e < entries.size(); ++e) {
    const Entry& entry = entries[e];
    EntryKeys keys;
    keys.id = intern(entry.id);
    keys.school = intern(entry.school);
    keys.district = intern(entry.district);
    for (const auto* list : {&entry.advisors, &entry.students})
      for (const std::string& name : *list)
        if (const int key = intern(name); key != kNone) keys.people.push_back(key);
    std::sort(keys.people.begin(), keys.people.end());
    keys.people.erase(std::unique(keys.people.begin(), keys.people.end()), keys.people.end());
    add_to(entries_by_id_, keys.id, e);
    add_to(entries_by_school_, keys.school, e);
    add_to(entries_by_district_, keys.district, e);
    for (int person : keys.people) add_to(entries_by_person_, person, e);
    entries_.push_back(std::move(keys));
  }
  judges_.reserve(judges.size());
  for (const Judge& judge : judges) {
    JudgeKeys keys;
    keys.name = intern(judge.name);
    keys.affiliation = intern(judge.affiliation);
    keys.district = intern(judge.district);
    for (const std::string& c : judge.conflicts)
      if (const int key = intern(c); key != kNone) keys.declared.push_back(key);
    std::sort(keys.declared.begin(), keys.declared.end());
    judges_.push_back(std::move(keys));
  }
}

bool ConflictIndex::fires(ConflictRule rule, std::size_t judge, std::size_t entry) const {
  const JudgeKeys& j = judges_[judge];
  const EntryKeys& e = entries_[entry];
  switch (rule) {
    case ConflictRule::School:
      return e.school != kNone && j.affiliation == e.school;
    case ConflictRule::Advisor:
      return sorted_contains(e.people, j.name);
    case ConflictRule::District:
      return e.district != kNone && j.district == e.district;
    case ConflictRule::Declared:
      return sorted_contains(j.declared, e.id) || sorted_contains(j.declared, e.school);
  }
  return false;
}

std::optional<ConflictRule> ConflictIndex::conflict(std::size_t judge, std::size_t entry) const {
  for (ConflictRule rule : rules_)
    if (fires(rule, judge, entry)) return rule;
  return std::nullopt;
}

std::vector<std::size_t> ConflictIndex::conflicting_entries(std::size_t judge) const {
  const JudgeKeys& j = judges_[judge];
  std::vector<std::size_t> out;
  const auto take = [&out](const std::vector<std::vector<std::size_t>>& by_key, int key) {
    if (key == kNone || static_cast<std::size_t>(key) >= by_key.size()) return;
    const auto& list = by_key[static_cast<std::size_t>(key)];
    out.insert(out.end(), list.begin(), list.end());
  };
  for (ConflictRule rule : rules_) {
    switch (rule) {
      case ConflictRule::School:
        take(entries_by_school_, j.affiliation);
        break;
      case ConflictRule::Advisor:
        take(entries_by_person_, j.name);
        break;
      case ConflictRule::District:
        take(entries_by_district_, j.district);
        break;
      case ConflictRule::Declared:
        for (int key : j.declared) {
          take(entries_by_id_, key);
          take(entries_by_school_, key);
        }
        break;
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace jury
