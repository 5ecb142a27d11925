#pragma once
/// Shared by the importer tests: the sample competition's config (read from the fixture's
/// competition.json with only what importers need) and small helpers.

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

#include "model/diagnostics.hpp"
#include "model/model.hpp"

namespace jury::test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string fixture(const std::string& relative) {
  return read_file(std::string(JURY_FIXTURES_DIR) + "/" + relative);
}

/// A primary-school student entry of subject PS (the sample's "student" kind).
inline Entry student_entry(const std::string& id) {
  Entry e;
  e.id = id;
  e.kind = "student";
  e.group = "primary";
  e.subject = "PS";
  return e;
}

/// Groups, subjects, kinds and rubrics of a competition.json (the engine owns the full loader).
inline Config config_from_json(const std::string& text) {
  const auto json = nlohmann::json::parse(text);
  Config config;
  config.competition_id = json["competition"]["id"];
  for (const auto& g : json["groups"]) config.groups.push_back({g["id"], g["label"]});
  for (const auto& s : json["subjects"]) config.subjects.push_back({s["id"], s["label"]});
  for (const auto& k : json["kinds"])
    config.kinds.push_back(
        {k["id"], k["label"], k["rubric"], k.value("max_students", 3), k.value("max_advisors", 2)});
  for (const auto& [id, r] : json["rubrics"].items()) {
    Rubric rubric;
    rubric.id = id;
    rubric.step = r.value("step", 0.5);
    for (const auto& c : r["criteria"]) {
      const double max = c["max"];
      rubric.criteria.push_back({c["id"], c["label"], max, c.value("weight", max)});
    }
    config.rubrics[id] = rubric;
  }
  return config;
}

/// The Jingzhou 2021 sample: groups primary/junior/senior, 7 subjects, kinds student (rubric
/// student: innovation 40, rigor 30, practicality 20, presentation 10, step 0.5; 3 students,
/// 3 advisors) and advisor (rubric advisor: innovation 35, rigor 25, practicality 25, reach 15,
/// step 1; no students, 2 advisors).
inline const Config& jingzhou() {
  static const Config config = config_from_json(fixture("jingzhou-2021/competition.json"));
  return config;
}

inline std::size_t count_errors(const Diagnostics& report) {
  std::size_t n = 0;
  for (const auto& d : report.items())
    if (d.severity == Severity::Error) ++n;
  return n;
}

}  // namespace jury::test
