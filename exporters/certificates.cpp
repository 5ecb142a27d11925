#include "exporters/certificates.hpp"

#include <map>
#include <utility>

#include <fmt/format.h>

#include "exporters/roster_rows.hpp"

namespace jury {

namespace {

using roster_detail::RosterRow;

/// A person on a certificate: the name and the role the certificate names.
struct Person {
  const std::string* name;
  const char* role;
};

/// SPEC §16: students, then advisors, of a student entry; the authors of an advisor entry.
std::vector<Person> people_of(const Config& config, const Entry& entry) {
  std::vector<Person> people;
  if (roster_detail::authored_by_advisors(config, entry.kind)) {
    for (const std::string& name : entry.advisors) people.push_back({&name, "作者"});
    return people;
  }
  for (const std::string& name : entry.students) people.push_back({&name, "学生"});
  for (const std::string& name : entry.advisors) people.push_back({&name, "指导教师"});
  return people;
}

std::vector<TableColumn> certificate_columns() {
  return {{"证书编号", 30}, {"姓名", 14}, {"身份", 9}, {"学校", 26}, {"作品编号", 13},
          {"作品名称", 40}, {"类别", 16}, {"组别", 8}, {"奖项", 9}};
}

}  // namespace

TableBook certificates_book(const Config& config, const std::vector<Entry>& entries,
                            const Results& decided) {
  TableSheet sheet{"获奖证书", certificate_columns(), {}};
  std::map<std::pair<std::string, std::string>, int> issued;  // (kind, tier) → numbers given
  for (const RosterRow& row : roster_detail::roster_rows(config, entries, decided, false)) {
    if (!row.result->tier) continue;
    const Entry& entry = *row.entry;
    const std::string& tier = *row.result->tier;
    int& number = issued[{row.pool->kind, tier}];
    for (const Person& person : people_of(config, entry)) {
      const std::string id =
          fmt::format("{}-{}-{}-{:03}", config.competition_id, row.pool->kind, tier, ++number);
      sheet.rows.push_back(
          {TableCell::of_text(id), TableCell::of_text(*person.name),
           TableCell::of_text(person.role), TableCell::of_text(entry.school),
           TableCell::of_text(entry.id), TableCell::of_text(entry.title),
           TableCell::of_text(roster_detail::kind_label(config, entry.kind)),
           TableCell::of_text(
               entry.group.empty() ? "" : roster_detail::group_label(config, entry.group)),
           TableCell::of_text(roster_detail::tier_label(config, row.pool->kind, tier))});
    }
  }
  return {config.competition_name + " 获奖证书",
          config.year,
          config.aggregation.precision,
          {std::move(sheet)}};
}

}  // namespace jury
