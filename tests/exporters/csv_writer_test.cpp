#include <catch2/catch.hpp>

#include "exporters/csv_writer.hpp"

using namespace jury;

TEST_CASE("csv_field: quoted fields may contain separators, quotes and newlines (RFC 4180)") {
  CHECK(csv_field("") == "");
  CHECK(csv_field("plain 文本") == "plain 文本");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("line1\nline2") == "\"line1\nline2\"");
  CHECK(csv_field("cr\rhere") == "\"cr\rhere\"");
  CHECK(csv_field("\"") == "\"\"\"\"");
  CHECK(csv_field("，全角逗号") == "，全角逗号");  // only the ASCII comma separates
}

TEST_CASE("neutralise_formula: text cells starting with = + - @ (or tab, CR) are prefixed with '") {
  CHECK(neutralise_formula("=1+1") == "'=1+1");
  CHECK(neutralise_formula("+86 123") == "'+86 123");
  CHECK(neutralise_formula("-5") == "'-5");
  CHECK(neutralise_formula("@SUM(A1)") == "'@SUM(A1)");
  CHECK(neutralise_formula("\tx") == "'\tx");
  CHECK(neutralise_formula("\rx") == "'\rx");
  CHECK(neutralise_formula("=HYPERLINK(\"http://x\",\"y\")") == "'=HYPERLINK(\"http://x\",\"y\")");
}

TEST_CASE("neutralise_formula leaves other text alone") {
  CHECK(neutralise_formula("") == "");
  CHECK(neutralise_formula("水质检测仪") == "水质检测仪");
  CHECK(neutralise_formula("a=b") == "a=b");
  CHECK(neutralise_formula("'=already") == "'=already");
  CHECK(neutralise_formula(" =space first") == " =space first");
  CHECK(neutralise_formula("＝全角") == "＝全角");
}

TEST_CASE("CsvWriter: UTF-8 with BOM, CRLF line ends, fields quoted as needed") {
  CsvWriter with_bom(Bom::Utf8);
  with_bom.row({"a", "b,c", ""});
  with_bom.row({"多行\n文本", "\"q\""});
  CHECK(with_bom.text() ==
        "\xEF\xBB\xBF"
        "a,\"b,c\",\r\n\"多行\n文本\",\"\"\"q\"\"\"\r\n");

  CsvWriter without_bom(Bom::None);
  without_bom.row({"x"});
  without_bom.raw_line("# comment, with\ra\nbreak");
  CHECK(without_bom.text() == "x\r\n# comment, with a break\r\n");
}

TEST_CASE("CsvWriter: an empty row is an empty line") {
  CsvWriter csv(Bom::None);
  csv.row({});
  CHECK(csv.text() == "\r\n");
}
