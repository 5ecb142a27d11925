#include <catch2/catch.hpp>

#include "exporters/roster.hpp"
#include "sample.hpp"

using namespace jury;
using jury::test::sample_config;
using jury::test::sample_entries;
using jury::test::sample_results;

TEST_CASE("roster CSV: the §9 fields as columns, UTF-8 with BOM, lists joined with 、") {
  const std::string csv =
      roster_csv(sample_config(), sample_entries(), sample_results(), Audience::Committee);
  CHECK(csv ==
        "\xEF\xBB\xBF"
        "entry_id,kind,group,subject,title,school,district,students,advisors,scores,score,rank,"
        "tier,tier_label,flags\r\n"
        "S003,student,primary,PS,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'-学校,'@区,'+孙七,,"
        "5,88.17,1,first,一等奖,\r\n"
        "S001,student,primary,PS,水质检测仪,荆州市实验小学,沙市区,张三、李四,王老师,5,80.50,2,"
        "second,二等奖,\r\n"
        "S004,student,primary,EES,\"He said \"\"hi\"\", then\nleft\",荆州市实验小学,沙市区,周八,"
        "王老师,5,80.50,2,second,二等奖,\r\n"
        "S002,student,primary,EES,<script>alert(1)</script>,O'Brien & Sons 小学,,赵六,,5,59.50,4,"
        ",,disagreement\r\n"
        "S005,student,primary,PS,未完成的作品,江陵县小学,江陵县,吴九,,2,,,,,incomplete\r\n"
        "S010,student,junior,EES,月相观测,荆州市第一中学,荆州区,郑十,钱老师,5,91.00,1,first,"
        "一等奖,\r\n"
        "A001,advisor,,EES,校园气象站课程,荆州中学,荆州区,,刘老师,5,75.25,1,first,一等奖,\r\n"
        "A002,advisor,,PS,趣味物理实验,沙市中学,沙市区,,陈老师、古丽米热·艾比布力,5,60.00,2,"
        "second,二等奖,\r\n");
}

TEST_CASE(
    "SPEC §9: roster CSV --public leaves out scores, score and flags, and every entry without a "
    "tier") {
  const std::string csv =
      roster_csv(sample_config(), sample_entries(), sample_results(), Audience::Public);
  CHECK(
      csv.starts_with("\xEF\xBB\xBF"
                      "entry_id,kind,group,subject,title,school,district,students,advisors,"
                      "rank,tier,tier_label\r\n"
                      "S003,student,primary,PS,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","
                      "'-学校,'@区,'+孙七,,1,first,一等奖\r\n"));
  // Amended SPEC §9: only entries that hold a tier (S002 is ranked without a prize, S005 is
  // incomplete).
  CHECK(csv.find("S005") == std::string::npos);
  CHECK(csv.find("S002") == std::string::npos);
  CHECK(csv.find("incomplete") == std::string::npos);
  CHECK(csv.find("88.17") == std::string::npos);
}

TEST_CASE("roster CSV: every text cell is neutralised, also ids, labels and flags") {
  Config config = sample_config();
  config.awards["student"].tiers[0].label = "=一等奖";
  std::vector<Entry> entries = sample_entries();
  entries[2].id = "-S001";  // S001
  Results results = sample_results();
  results.pools[2].rows[1].entry_id = "-S001";
  results.pools[2].rows[1].tier = "first";
  results.pools[2].rows[1].flags = {"@flag"};
  const std::string csv = roster_csv(config, entries, results, Audience::Committee);
  CHECK(
      csv.find("\r\n'-S001,student,primary,PS,水质检测仪,荆州市实验小学,沙市区,张三、李四,王老师,5,"
               "80.50,2,first,'=一等奖,'@flag\r\n") != std::string::npos);
}

TEST_CASE("roster CSV: scores carry aggregation.precision decimals") {
  Config config = sample_config();
  config.aggregation.precision = 0;
  const std::string csv =
      roster_csv(config, sample_entries(), sample_results(), Audience::Committee);
  CHECK(csv.find(",5,88,1,first,") != std::string::npos);
}
