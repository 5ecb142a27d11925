#pragma once
/// A competition small enough to work out by hand, as the files an office writes (SPEC §2–4):
/// one group, one subject, one kind 学生 whose rubric is 创新 50 / 科学 30 / 表述 20 (step 1),
/// method mean, min_scores 3, one pool; judges J1–J4 of universities, so that the `school`
/// conflict rule never fires and every judge may score every entry.

#include <string>

namespace jury::test {

/// The config with k = `judges_per_entry`, every judge's capacity `max_load` and the student
/// kind's `tiers` (a JSON array).
inline std::string small_config(int judges_per_entry, int max_load, const std::string& tiers) {
  return R"({
  "competition": {"id": "small", "name": "纠错测试赛", "year": 2024},
  "groups": [{"id": "g1", "label": "小学"}],
  "subjects": [{"id": "S", "label": "科学"}],
  "kinds": [{"id": "student", "label": "学生", "rubric": "r", "max_students": 2,
             "max_advisors": 1}],
  "rubrics": {"r": {"step": 1, "criteria": [{"id": "a", "label": "创新", "max": 50},
                                            {"id": "b", "label": "科学", "max": 30},
                                            {"id": "c", "label": "表述", "max": 20}]}},
  "judging": {"judges_per_entry": )" +
         std::to_string(judges_per_entry) + R"(, "max_load": )" + std::to_string(max_load) +
         R"(, "conflicts": ["school"]},
  "aggregation": {"method": "mean", "min_scores": 3},
  "awards": {"student": {"pool_by": [], "tiers": )" +
         tiers + "}}\n}\n";
}

/// Entries E1…E`count` (at most 5): title 题一…, school 甲校…, student 张一…, all active but the
/// last, whose status column says `status_of_last`.
inline std::string small_entries(int count, const std::string& status_of_last = "active") {
  static const char* const numerals[] = {"一", "二", "三", "四", "五"};
  static const char* const schools[] = {"甲", "乙", "丙", "丁", "戊"};
  std::string text = "entry_id,kind,group,subject,title,school,students,status\n";
  for (int n = 1; n <= count; ++n)
    text += "E" + std::to_string(n) + ",student,g1,S,题" + numerals[n - 1] + "," + schools[n - 1] +
            "校,张" + numerals[n - 1] + "," + (n == count ? status_of_last : "active") + "\n";
  return text;
}

inline const char* const kSmallJudges =
    "judge_id,name,affiliation\nJ1,评一,大学一\nJ2,评二,大学二\nJ3,评三,大学三\nJ4,评四,大学四\n";

}  // namespace jury::test
