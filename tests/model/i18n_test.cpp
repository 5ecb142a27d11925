/// The interface language (SPEC §10 "Language"): how it is chosen, and the embedded zh_CN
/// catalogue read back through tr / trn / trf. Expected texts are the ones written in
/// po/zh_CN.po.

#include <catch2/catch.hpp>

#include <string>

#include "model/i18n.hpp"

using namespace jury::i18n;

TEST_CASE("SPEC §10 language: zh names and zh_* locales are Chinese, others English", "[i18n]") {
  CHECK(parse_language("zh") == Language::Chinese);
  CHECK(parse_language("zh_CN.UTF-8") == Language::Chinese);
  CHECK(parse_language("zh_TW") == Language::Chinese);
  CHECK(parse_language("zh-CN") == Language::Chinese);
  CHECK(parse_language("en") == Language::English);
  CHECK(parse_language("en_US.UTF-8") == Language::English);
  CHECK(parse_language("C.UTF-8") == Language::English);
  CHECK(parse_language("POSIX") == Language::English);
  CHECK_FALSE(parse_language("zhx").has_value());
  CHECK_FALSE(parse_language("fr_FR").has_value());
}

TEST_CASE("SPEC §10 language: --lang over JURY_LANG over LC_ALL over LANG", "[i18n]") {
  CHECK(choose_language("", nullptr, nullptr, nullptr) == Language::English);
  CHECK(choose_language("", nullptr, nullptr, "zh_CN.UTF-8") == Language::Chinese);
  CHECK(choose_language("", nullptr, "C.UTF-8", "zh_CN.UTF-8") == Language::English);
  CHECK(choose_language("", nullptr, "zh_CN.UTF-8", "en_US.UTF-8") == Language::Chinese);
  CHECK(choose_language("", nullptr, "", "zh_CN.UTF-8") == Language::Chinese);  // empty = unset
  CHECK(choose_language("", "zh", "C", "C") == Language::Chinese);
  CHECK(choose_language("", "en", "zh_CN.UTF-8", "zh_CN.UTF-8") == Language::English);
  CHECK(choose_language("en", "zh", "zh_CN.UTF-8", nullptr) == Language::English);
  CHECK(choose_language("zh", "en", "C", "C") == Language::Chinese);
  CHECK(choose_language("", nullptr, "fr_FR.UTF-8", "zh_CN.UTF-8") == Language::English);
}

TEST_CASE("SPEC §10 language: English is the msgid itself, Chinese comes from the catalogue",
          "[i18n]") {
  const char* msgid = "prize tiers decided and frozen";
  {
    const ScopedLanguage english(Language::English);
    CHECK(tr(msgid) == msgid);  // the very same text, so English output cannot change
    CHECK(trf("{} score sheets written to {}", 3, "out") == "3 score sheets written to out");
    CHECK(std::string(trn("a", "b", 1)) == "a");
    CHECK(std::string(trn("a", "b", 2)) == "b");
  }
  const ScopedLanguage chinese(Language::Chinese);
  CHECK(std::string(tr(msgid)) == "获奖等级已评定并锁定");
  // The translation reorders the arguments: {1} … {0}.
  CHECK(trf("{} score sheets written to {}", 3, "out") == "已向 out 写出 3 张评分表");
  // Chinese has one plural form (Plural-Forms: nplurals=1), for 1 and for 2 alike.
  const char* one = "decided with --allow-incomplete: {} incomplete entry without a tier";
  const char* many = "decided with --allow-incomplete: {} incomplete entries without a tier";
  CHECK(trnf(one, many, 1, 1) == "已按 --allow-incomplete 评定：1 件评分不全的作品未评等级");
  CHECK(trnf(one, many, 2, 2) == "已按 --allow-incomplete 评定：2 件评分不全的作品未评等级");
  CHECK(std::string(tr("a text no catalogue has")) == "a text no catalogue has");
  CHECK(std::string(tr("")).empty());  // never the catalogue's header
}
