#include "model/model.hpp"

#include <stdexcept>

namespace jury {

namespace {
template <typename T>
int index_of(const std::vector<T>& items, const std::string& id) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<int>(i);
  return -1;
}
}  // namespace

const Kind* Config::find_kind(const std::string& id) const {
  const int i = index_of(kinds, id);
  return i < 0 ? nullptr : &kinds[static_cast<std::size_t>(i)];
}

const Rubric& Config::rubric_of(const std::string& kind_id) const {
  const Kind* kind = find_kind(kind_id);
  if (!kind) throw std::out_of_range("unknown kind " + kind_id);
  return rubrics.at(kind->rubric);
}

int Config::judges_per_entry(const std::string& kind_id) const {
  const auto it = judging.judges_per_entry.find(kind_id);
  return it == judging.judges_per_entry.end() ? judging.default_judges_per_entry : it->second;
}

int Config::group_index(const std::string& id) const {
  return index_of(groups, id);
}
int Config::subject_index(const std::string& id) const {
  return index_of(subjects, id);
}
int Config::kind_index(const std::string& id) const {
  return index_of(kinds, id);
}

std::string label_of(const std::vector<Labelled>& items, const std::string& id) {
  const int i = index_of(items, id);
  return i < 0 ? id : items[static_cast<std::size_t>(i)].label;
}

std::string kind_label(const Config& config, const std::string& id) {
  const Kind* kind = config.find_kind(id);
  return kind ? kind->label : id;
}

std::string to_string(Method m) {
  switch (m) {
    case Method::Mean:
      return "mean";
    case Method::TrimmedMean:
      return "trimmed-mean";
    case Method::Median:
      return "median";
    case Method::ZScore:
      return "zscore";
    case Method::Severity:
      return "severity";
  }
  return "?";
}

std::optional<Method> parse_method(const std::string& s) {
  for (Method m :
       {Method::Mean, Method::TrimmedMean, Method::Median, Method::ZScore, Method::Severity})
    if (to_string(m) == s) return m;
  return std::nullopt;
}

std::string to_string(ConflictRule r) {
  switch (r) {
    case ConflictRule::School:
      return "school";
    case ConflictRule::Advisor:
      return "advisor";
    case ConflictRule::District:
      return "district";
    case ConflictRule::Declared:
      return "declared";
  }
  return "?";
}

std::optional<ConflictRule> parse_conflict_rule(const std::string& s) {
  for (ConflictRule r : {ConflictRule::School, ConflictRule::Advisor, ConflictRule::District,
                         ConflictRule::Declared})
    if (to_string(r) == s) return r;
  return std::nullopt;
}

std::string to_string(EntryStatus s) {
  switch (s) {
    case EntryStatus::Active:
      return "active";
    case EntryStatus::Withdrawn:
      return "withdrawn";
    case EntryStatus::Disqualified:
      return "disqualified";
  }
  return "?";
}

std::string to_string(Rounding r) {
  switch (r) {
    case Rounding::Floor:
      return "floor";
    case Rounding::Round:
      return "round";
    case Rounding::Ceil:
      return "ceil";
  }
  return "?";
}

std::string to_string(TiePolicy t) {
  return t == TiePolicy::Share ? "share" : "exclude";
}

}  // namespace jury
