#include <catch2/catch.hpp>

#include "model/text.hpp"

using namespace jury;

TEST_CASE("SPEC §5: names compare after NFKC folding, trimming and removing inner whitespace") {
  CHECK(fold_key("　张　三 ") == "张三");
  CHECK(fold_key("ＡＢＣ中学") == "ABC中学");
  CHECK(fold_key("荆州外国语学校　") == fold_key("荆州外国语学校"));
}

TEST_CASE(
    "SPEC §3: name lists split on 、 , ， ； / whitespace and the ASCII semicolon — the middle dot "
    "stays") {
  CHECK(split_names("贾铭曦，邹嘉") == std::vector<std::string>{"贾铭曦", "邹嘉"});
  CHECK(split_names(" 史一琪;雷佑琪;崔明 ") ==
        std::vector<std::string>{"史一琪", "雷佑琪", "崔明"});
  CHECK(split_names("罗芷哲 孟可、A/B；C") ==
        std::vector<std::string>{"罗芷哲", "孟可", "A", "B", "C"});
  CHECK(split_names("古丽米热·艾比布力") == std::vector<std::string>{"古丽米热·艾比布力"});
  CHECK(split_names("　").empty());
}

TEST_CASE("trim removes ASCII and ideographic spaces at both ends only") {
  CHECK(trim("　 沙市第三中学　") == "沙市第三中学");
  CHECK(trim("a b") == "a b");
  CHECK(trim("") == "");
}

TEST_CASE("same_word ignores ASCII case, full width and surrounding spaces") {
  CHECK(same_word(" Entry_ID ", "entry_id"));
  CHECK(same_word("ＹＥＳ", "yes"));
  CHECK_FALSE(same_word("yes", "no"));
}

TEST_CASE("is_valid_utf8 rejects GB18030 bytes") {
  CHECK(is_valid_utf8("作品编号"));
  CHECK_FALSE(is_valid_utf8("\xd7\xf7\xc6\xb7"));
}
