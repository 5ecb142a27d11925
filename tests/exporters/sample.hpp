#pragma once
/// A small hand-built competition for the exporter tests: two kinds, two groups, three pools,
/// hostile text in titles and schools, a shared place, an incomplete entry.

#include <string>
#include <vector>

#include "model/model.hpp"

namespace jury::test {

inline Config sample_config() {
  Config config;
  config.competition_id = "jz-2021";
  config.competition_name = "第36届荆州市青少年科技创新大赛";
  config.year = 2021;
  config.groups = {{"primary", "小学"}, {"junior", "初中"}};
  config.subjects = {{"PS", "物质科学"}, {"EES", "地球环境与宇宙科学"}};
  config.kinds = {{"student", "学生科技创新成果", "student", 3, 3},
                  {"advisor", "科技辅导员科技教育创新成果", "advisor", 0, 2}};
  config.rubrics["student"] = {"student",
                               0.5,
                               {{"innovation", "创新性", 40, 40},
                                {"rigor", "科学性", 30, 30},
                                {"practicality", "实用性", 20, 20},
                                {"presentation", "表述", 10, 10}}};
  config.rubrics["advisor"] = {"advisor",
                               1,
                               {{"innovation", "创新性", 35, 35},
                                {"rigor", "科学性", 25, 25},
                                {"practicality", "实用性", 25, 25},
                                {"reach", "推广价值", 15, 15}}};
  config.aggregation.method = Method::TrimmedMean;
  config.aggregation.precision = 2;
  AwardPolicy student;
  student.pool_by = {"group"};
  student.tiers = {{"first", "一等奖", 2, {}, {}},
                   {"second", "二等奖", 2, {}, {}},
                   {"third", "三等奖", 4, {}, 60.0}};
  AwardPolicy advisor;
  advisor.pool_by = {};
  advisor.tiers = {{"first", "一等奖", 1, {}, {}}, {"second", "二等奖", 1, {}, {}}};
  config.awards["student"] = student;
  config.awards["advisor"] = advisor;
  return config;
}

inline Entry entry(std::string id, std::string kind, std::string group, std::string subject,
                   std::string title, std::string school, std::string district,
                   std::vector<std::string> students, std::vector<std::string> advisors) {
  Entry e;
  e.id = std::move(id);
  e.kind = std::move(kind);
  e.group = std::move(group);
  e.subject = std::move(subject);
  e.title = std::move(title);
  e.school = std::move(school);
  e.district = std::move(district);
  e.students = std::move(students);
  e.advisors = std::move(advisors);
  return e;
}

inline std::vector<Entry> sample_entries() {
  return {
      entry("A001", "advisor", "", "EES", "校园气象站课程", "荆州中学", "荆州区", {}, {"刘老师"}),
      entry("A002", "advisor", "", "PS", "趣味物理实验", "沙市中学", "沙市区", {},
            {"陈老师", "古丽米热·艾比布力"}),
      entry("S001", "student", "primary", "PS", "水质检测仪", "荆州市实验小学", "沙市区",
            {"张三", "李四"}, {"王老师"}),
      entry("S002", "student", "primary", "EES", "<script>alert(1)</script>", "O'Brien & Sons 小学",
            "", {"赵六"}, {}),
      entry("S003", "student", "primary", "PS", "=HYPERLINK(\"http://x\",\"y\")", "-学校", "@区",
            {"+孙七"}, {}),
      entry("S004", "student", "primary", "EES", "He said \"hi\", then\nleft", "荆州市实验小学",
            "沙市区", {"周八"}, {"王老师"}),
      entry("S005", "student", "primary", "PS", "未完成的作品", "江陵县小学", "江陵县", {"吴九"},
            {}),
      entry("S010", "student", "junior", "EES", "月相观测", "荆州市第一中学", "荆州区", {"郑十"},
            {"钱老师"}),
  };
}

inline EntryResult result(std::string id, int scores, std::optional<double> score,
                          std::optional<int> rank, std::optional<std::string> tier,
                          std::vector<std::string> flags = {}) {
  EntryResult r;
  r.entry_id = std::move(id);
  r.scores = scores;
  r.raw_score = score;
  r.score = score;
  r.rank = rank;
  r.tier = std::move(tier);
  r.flags = std::move(flags);
  return r;
}

/// Pools deliberately out of SPEC order (advisor before student, junior before primary): the
/// exporters order them by kind order, then group order of the config.
inline Results sample_results() {
  Results results;
  results.method = Method::TrimmedMean;
  PoolResult advisor{"advisor", std::nullopt, std::nullopt, 2, {{"first", 1}, {"second", 1}}, {}};
  advisor.rows = {result("A001", 5, 75.25, 1, "first"), result("A002", 5, 60.0, 2, "second")};
  PoolResult junior{
      "student", "junior", std::nullopt, 1, {{"first", 1}, {"second", 0}, {"third", 1}}, {}};
  junior.rows = {result("S010", 5, 91.0, 1, "first")};
  PoolResult primary{
      "student", "primary", std::nullopt, 4, {{"first", 1}, {"second", 1}, {"third", 3}}, {}};
  primary.rows = {result("S003", 5, 88.17, 1, "first"), result("S001", 5, 80.5, 2, "second"),
                  result("S004", 5, 80.5, 2, "second"),
                  result("S002", 5, 59.5, 4, std::nullopt, {"disagreement"}),
                  result("S005", 2, std::nullopt, std::nullopt, std::nullopt, {"incomplete"})};
  results.pools = {advisor, junior, primary};
  return results;
}

}  // namespace jury::test
