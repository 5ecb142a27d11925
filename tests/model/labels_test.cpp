/// Machine codes as people read them (SPEC §10 "Language"): the aggregation method and the flags
/// of a result are the codes themselves in English (as SPEC §2, §6, §12 and §14 spell them) and
/// Chinese words in Chinese, from the catalogue's msgctxt entries (po/zh_CN.po).

#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "model/i18n.hpp"
#include "model/labels.hpp"
#include "model/model.hpp"

using namespace jury;
using i18n::Language;
using i18n::ScopedLanguage;

TEST_CASE(
    "SPEC §10 language: a method is its config spelling in English, a Chinese label in "
    "Chinese",
    "[i18n]") {
  {
    const ScopedLanguage english(Language::English);
    CHECK(method_name(Method::TrimmedMean) == "trimmed-mean");
    CHECK(method_name(Method::Severity) == "severity");
    CHECK(method_label_zh(Method::Severity) == "评委宽严校正");  // whatever the language
  }
  const ScopedLanguage chinese(Language::Chinese);
  CHECK(method_name(Method::Mean) == "算术平均");
  CHECK(method_name(Method::TrimmedMean) == "去掉最高分和最低分后平均");
  CHECK(method_name(Method::Median) == "中位数");
  CHECK(method_name(Method::ZScore) == "标准分平均");
  CHECK(method_name(Method::Severity) == "评委宽严校正");
  // The context keeps the code apart from the English word of another message.
  CHECK(std::string(i18n::tr("severity")) != "评委宽严校正");
}

TEST_CASE(
    "SPEC §10 language: every flag the engine sets has its own Chinese word, English and "
    "unknown flags stay codes",
    "[i18n]") {
  {
    const ScopedLanguage english(Language::English);
    CHECK(flag_names({"disagreement", "close"}) == "disagreement, close");
    CHECK(flag_label_zh("close") == "接近分界");
  }
  const ScopedLanguage chinese(Language::Chinese);
  CHECK(flag_name("incomplete") == "评分未完成");
  CHECK(flag_name("disagreement") == "评委分歧较大");
  CHECK(flag_name("absent") == "缺席");
  CHECK(flag_name("advance") == "晋级");
  CHECK(flag_name("recommend-tie") == "推荐并列待定");
  CHECK(flag_name("close") == "接近分界");
  CHECK(flag_names({"disagreement", "close"}) == "评委分歧较大、接近分界");
  CHECK(flag_name("no-such-flag") == "no-such-flag");
  std::set<std::string> words;
  for (const char* flag : known_flags()) {
    INFO(flag);
    CHECK(flag_name(flag) != flag);
    CHECK(words.insert(flag_name(flag)).second);
  }
  CHECK(words.size() == 6);
}

TEST_CASE(
    "SPEC §10 language: a pool is named by its ids in English and by its configured labels in "
    "Chinese (the `advance` lines per pool, SPEC §12)",
    "[i18n]") {
  Config config;
  config.kinds = {{"student", "学生科技创新成果", "r"}};
  config.groups = {{"primary", "小学"}};
  config.subjects = {{"PS", "物质科学"}};
  PoolResult whole;
  whole.kind = "student";
  PoolResult split = whole;
  split.group = "primary";
  split.subject = "PS";
  {
    const ScopedLanguage english(Language::English);
    CHECK(pool_shown(config, whole) == "student");
    CHECK(pool_shown(config, split) == "student/primary/PS");
  }
  const ScopedLanguage chinese(Language::Chinese);
  CHECK(pool_shown(config, whole) == "学生科技创新成果");
  CHECK(pool_shown(config, split) == "学生科技创新成果 / 小学 / 物质科学");
}
