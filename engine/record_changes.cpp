#include "engine/record_changes.hpp"

#include <fmt/format.h>

#include "model/text.hpp"

namespace jury {

namespace {

/// Collects the fields whose values differ, each shown as text.
class Changes {
 public:
  void compare(const char* field, const std::string& before, const std::string& after) {
    if (before != after) changes_.push_back({field, before, after});
  }
  void compare(const char* field, const std::vector<std::string>& before,
               const std::vector<std::string>& after) {
    if (before != after) changes_.push_back({field, join(before, "、"), join(after, "、")});
  }
  std::vector<FieldChange> take() { return std::move(changes_); }

 private:
  std::vector<FieldChange> changes_;
};

std::string load_text(const std::optional<int>& load) {
  return load ? std::to_string(*load) : std::string();
}

/// Plain ids and numbers as they are; other text quoted, so that spaces and empty values show.
std::string shown(const std::string& value) {
  bool plain = !value.empty();
  for (const char c : value)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
          c == '-' || c == '.'))
      plain = false;
  return plain ? value : "\"" + value + "\"";
}

}  // namespace

std::vector<FieldChange> changed_fields(const Entry& before, const Entry& after) {
  Changes changes;
  changes.compare("kind", before.kind, after.kind);
  changes.compare("group", before.group, after.group);
  changes.compare("subject", before.subject, after.subject);
  changes.compare("title", before.title, after.title);
  changes.compare("school", before.school, after.school);
  changes.compare("district", before.district, after.district);
  changes.compare("students", before.students, after.students);
  changes.compare("advisors", before.advisors, after.advisors);
  changes.compare("status", to_string(before.status), to_string(after.status));
  return changes.take();
}

std::vector<FieldChange> changed_fields(const Judge& before, const Judge& after) {
  Changes changes;
  changes.compare("name", before.name, after.name);
  changes.compare("affiliation", before.affiliation, after.affiliation);
  changes.compare("district", before.district, after.district);
  changes.compare("expertise", before.expertise, after.expertise);
  changes.compare("kinds", before.kinds, after.kinds);
  changes.compare("max_load", load_text(before.max_load), load_text(after.max_load));
  changes.compare("conflicts", before.conflicts, after.conflicts);
  changes.compare("active", before.active ? "yes" : "no", after.active ? "yes" : "no");
  changes.compare("rounds", before.rounds, after.rounds);
  return changes.take();
}

std::string describe(const std::vector<FieldChange>& changes) {
  std::vector<std::string> parts;
  for (const auto& c : changes)
    parts.push_back(fmt::format("{} {} -> {}", c.field, shown(c.before), shown(c.after)));
  return join(parts, ", ");
}

}  // namespace jury
