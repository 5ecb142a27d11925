#include <catch2/catch.hpp>

#include "importers/encoding.hpp"
#include "model/i18n.hpp"
#include "model/text.hpp"
#include "test_support.hpp"

using namespace jury;

namespace {
const std::string kAllowed =
    "input files must be UTF-8, GB18030 or UTF-16 (with a byte order mark); name the encoding "
    "with --encoding utf-8|gb18030|utf-16";
}

TEST_CASE("SPEC §10: --encoding utf-8|gb18030|utf-16 names, case-insensitive") {
  CHECK(parse_encoding("utf-8") == Encoding::Utf8);
  CHECK(parse_encoding("UTF8") == Encoding::Utf8);
  CHECK(parse_encoding("GB18030") == Encoding::Gb18030);
  CHECK(parse_encoding("gbk") == Encoding::Gb18030);
  CHECK(parse_encoding("Utf-16") == Encoding::Utf16);
  CHECK(parse_encoding("auto") == Encoding::Auto);
  CHECK(parse_encoding("latin1") == std::nullopt);
  CHECK(to_string(Encoding::Gb18030) == "gb18030");
  CHECK(to_string(Encoding::Utf16) == "utf-16");
}

TEST_CASE("SPEC §10: encodings detected — valid UTF-8 is UTF-8 (BOM stripped)") {
  Diagnostics report;
  const auto plain = decode_text("作品编号,类别\n", Encoding::Auto, "a.csv", report);
  REQUIRE(plain);
  CHECK(plain->encoding == Encoding::Utf8);
  CHECK(plain->utf8 == "作品编号,类别\n");
  const auto bom = decode_text(
      "\xEF\xBB\xBF"
      "entry_id\n",
      Encoding::Auto, "a.csv", report);
  REQUIRE(bom);
  CHECK(bom->utf8 == "entry_id\n");
  CHECK(report.items().empty());
}

TEST_CASE("SPEC §10: encodings detected — else GB18030 (the Excel sample decodes)") {
  Diagnostics report;
  const std::string bytes = test::fixture("jingzhou-2021-excel/entries.csv");
  REQUIRE_FALSE(is_valid_utf8(bytes));
  const auto decoded = decode_text(bytes, Encoding::Auto, "entries.csv", report);
  REQUIRE(decoded);
  CHECK(decoded->encoding == Encoding::Gb18030);
  CHECK(decoded->utf8.starts_with("作品编号,类别,组别,学科,作品名称,学校,县市区,学生,指导教师"));
  CHECK(decoded->utf8.find("荆州外国语学校　,") != std::string::npos);  // the stray U+3000
  CHECK(report.items().empty());
}

TEST_CASE("SPEC §10: encodings detected — UTF-16 LE and BE by their BOM") {
  Diagnostics report;
  const std::string le(
      "\xFF\xFE"
      "a\0,\0\x2D\x4E\n\0",
      10);  // "a,中\n"
  const std::string be(
      "\xFE\xFF"
      "\0a\0,\x4E\x2D\0\n",
      10);
  const auto from_le = decode_text(le, Encoding::Auto, "le.csv", report);
  const auto from_be = decode_text(be, Encoding::Auto, "be.csv", report);
  REQUIRE(from_le);
  REQUIRE(from_be);
  CHECK(from_le->utf8 == "a,中\n");
  CHECK(from_be->utf8 == "a,中\n");
  CHECK(from_le->encoding == Encoding::Utf16);
  CHECK(report.items().empty());
}

TEST_CASE("SPEC §10: forced encoding — utf-16 without BOM is little endian, gb18030 as told") {
  Diagnostics report;
  const auto utf16 =
      decode_text(std::string("a\0,\0\x2D\x4E", 6), Encoding::Utf16, "x.csv", report);
  REQUIRE(utf16);
  CHECK(utf16->utf8 == "a,中");
  const auto gb =
      decode_text(encode_text("学校,学生", Encoding::Gb18030), Encoding::Gb18030, "x.csv", report);
  REQUIRE(gb);
  CHECK(gb->utf8 == "学校,学生");
  // Forcing utf-8 keeps even text that would also be valid GB18030 as UTF-8.
  const auto utf8 = decode_text("\xEF\xBB\xBFok", Encoding::Utf8, "x.csv", report);
  REQUIRE(utf8);
  CHECK(utf8->utf8 == "ok");
  CHECK(report.items().empty());
}

TEST_CASE("SPEC §10: forced utf-8 on GB18030 bytes names the line/column of the first bad byte") {
  Diagnostics report;
  const std::string bytes = encode_text("entry_id,kind\nJZ-1,学生\n", Encoding::Gb18030);
  CHECK_FALSE(decode_text(bytes, Encoding::Utf8, "entries.csv", report));
  // 学 is D1 A7 in GB18030, which happens to be valid UTF-8 (U+0467, the 6th character of line
  // 2); 生 is C9 FA, and FA cannot continue a UTF-8 sequence: the 7th character is bad.
  CHECK(report.to_text() ==
        "entries.csv:2:7: error: byte 0xC9 is not valid UTF-8 text; " + kAllowed + "\n");
  CHECK(report.items()[0].code == "encoding.invalid");
}

TEST_CASE("SPEC §10: a UTF-8 file with one damaged byte is refused, not read as GB18030") {
  std::string text = "title\n";
  for (int i = 0; i < 20; ++i) text += "荆州市青少年科技创新大赛\n";
  text[6 + 3 * 5 + 1] = '\x41';  // breaks the 6th character of line 2
  Diagnostics report;
  CHECK_FALSE(decode_text(text, Encoding::Auto, "e.csv", report));
  CHECK(report.to_text() ==
        "e.csv:2:6: error: byte 0xE5 is not valid UTF-8 text (the rest of the file is UTF-8); " +
            kAllowed + "\n");
}

TEST_CASE("SPEC §10: bytes that are not text (a PNG header) are an error, never a crash") {
  const std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10", 20);
  Diagnostics report;
  CHECK_FALSE(decode_text(png, Encoding::Auto, "photo.png", report));
  CHECK(report.to_text() ==
        "photo.png:2:1: error: control character U+001A is not text (a binary file?); " + kAllowed +
            "\n");
  CHECK(report.items()[0].code == "encoding.binary");
}

TEST_CASE("SPEC §10: random binary with NUL bytes is an error in every encoding") {
  std::string bytes;
  std::uint32_t x = 12345;
  for (int i = 0; i < 4096; ++i) {
    x = x * 1103515245u + 12345u;
    bytes.push_back(static_cast<char>((x >> 16) & 0xFF));
  }
  bytes[100] = bytes[101] = '\0';
  for (Encoding e : {Encoding::Auto, Encoding::Utf8, Encoding::Gb18030, Encoding::Utf16}) {
    Diagnostics report;
    CHECK_FALSE(decode_text(bytes, e, "noise.bin", report));
    CHECK(report.has_errors());
  }
}

TEST_CASE("SPEC §10: UTF-16 without a BOM is not guessed: error with a hint") {
  Diagnostics report;
  CHECK_FALSE(decode_text(std::string("a\0b\0c\0\n\0", 8), Encoding::Auto, "u.csv", report));
  CHECK(report.to_text() ==
        "u.csv:1:1: error: the file looks like UTF-16 without a byte order mark; name the "
        "encoding with --encoding utf-16\n");
}

TEST_CASE("encode_text for exports: utf-8 unchanged, gb18030 and utf-16le via iconv, no BOM") {
  CHECK(encode_text("学校", Encoding::Utf8) == "学校");
  CHECK(encode_text("学校", Encoding::Gb18030) == "\xD1\xA7\xD0\xA3");
  CHECK(encode_text("a中", Encoding::Utf16) == std::string("a\0\x2D\x4E", 4));
  CHECK(encode_text("\xEF\xBB\xBF"
                    "a",
                    Encoding::Utf16) == std::string("\xFF\xFE"
                                                    "a\0",
                                                    4));
  CHECK_THROWS_AS(encode_text("bad \xFF", Encoding::Gb18030), std::runtime_error);
}

TEST_CASE("SPEC §10 language: an encoding error in Chinese keeps FILE:LINE:COLUMN and its code") {
  const i18n::ScopedLanguage chinese(i18n::Language::Chinese);
  Diagnostics report;
  const std::string bytes = encode_text("entry_id,kind\nJZ-1,学生\n", Encoding::Gb18030);
  CHECK_FALSE(decode_text(bytes, Encoding::Utf8, "entries.csv", report));
  CHECK(report.to_text() ==
        "entries.csv:2:7: error: 字节 0xC9 不是有效的UTF-8 文本；输入文件须为 UTF-8、GB18030 或 "
        "UTF-16（带字节顺序标记）编码；可用 --encoding utf-8|gb18030|utf-16 指定编码\n");
  CHECK(report.items()[0].code == "encoding.invalid");
}
