#include <catch2/catch.hpp>

#include "importers/csv_reader.hpp"

using namespace jury;

namespace {
using Fields = std::vector<std::string>;
}

TEST_CASE("SPEC §10 (RFC 4180): quoted fields may contain separators, quotes and newlines") {
  Diagnostics report;
  const auto rows = read_csv(
      "id,title,school\n1,\"a, b\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",x\n3,,z", "t.csv", report);
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].fields == Fields{"1", "a, b", "say \"hi\""});
  CHECK(rows[2].fields == Fields{"2", "two\nlines", "x"});
  CHECK(rows[2].line == 3);
  CHECK(rows[2].field_lines == std::vector<int>{3, 3, 4});
  CHECK(rows[3].fields == Fields{"3", "", "z"});  // final line without newline
  CHECK(rows[3].line == 5);
  CHECK(report.items().empty());
}

TEST_CASE("SPEC §10: CRLF, LF and CR line ends all work") {
  Diagnostics report;
  const auto rows = read_csv("a,b\r\n1,2\n3,4\r5,\"x\r\ny\"\r\n", "t.csv", report);
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].fields == Fields{"1", "2"});
  CHECK(rows[2].fields == Fields{"3", "4"});
  CHECK(rows[3].fields == Fields{"5", "x\ny"});
  CHECK(rows[3].line == 4);
  CHECK(report.items().empty());
}

TEST_CASE("SPEC §3: blank rows anywhere are ignored (also Excel's ,,,, rows) but count lines") {
  Diagnostics report;
  const auto rows = read_csv("a,b\n\n,,\n \t,　\n1,2\n", "t.csv", report);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].fields == Fields{"1", "2"});
  CHECK(rows[1].line == 5);
}

TEST_CASE("CSV: spaces around a quoted field are dropped, not an error") {
  Diagnostics report;
  const auto rows = read_csv("a, \"b,c\" ,d\n", "t.csv", report);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].fields == Fields{"a", "b,c", "d"});
  CHECK(report.items().empty());
}

TEST_CASE(
    "CSV: an unterminated quote is an error at its line and field — the next lines are read") {
  Diagnostics report;
  const auto rows = read_csv("id,title\n1,\"open, here\n2,fine\n3,also\n", "t.csv", report);
  CHECK(report.to_text() ==
        "t.csv:2:2: error: unterminated quoted field: the quote opened here is never closed\n");
  CHECK(report.items()[0].code == "csv.unterminated-quote");
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].fields == Fields{"1", "open, here"});
  CHECK(rows[2].fields == Fields{"2", "fine"});
  CHECK(rows[2].line == 3);
  CHECK(rows[3].line == 4);
}

TEST_CASE("CSV: a stray quote inside an unquoted field is an error at file:line:column") {
  Diagnostics report;
  const auto rows = read_csv("id,title\n1,the \"best\" idea\n", "t.csv", report);
  CHECK(report.to_text() ==
        "t.csv:2:2: error: stray quote \" inside an unquoted field; quote the whole field and "
        "double the quotes inside it (\"\")\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].fields == Fields{"1", "the \"best\" idea"});  // kept literally
}

TEST_CASE("CSV: text after a closing quote is an error at file:line:column") {
  Diagnostics report;
  const auto rows = read_csv("id,title\n\n1,\"a\"b,c\n", "t.csv", report);
  CHECK(report.to_text() ==
        "t.csv:3:2: error: text after the closing quote of a quoted field; a quoted field must "
        "end with its closing quote (double quotes inside it as \"\")\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].fields == Fields{"1", "ab", "c"});
}

TEST_CASE("SPEC §6: lines starting with # are comments in score sheets") {
  Diagnostics report;
  const auto rows = read_csv(
      "# innovation: 创新性 \"max 40\n#x,y\njudge_id,entry_id\n\"# quoted, by Excel\",z\nJ1,E1\n",
      "s.csv", report, CommentLines::Skipped);
  CHECK(report.items().empty());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].fields == Fields{"judge_id", "entry_id"});
  CHECK(rows[0].line == 3);
  CHECK(rows[1].line == 5);
  // Without comment_lines a # row is data.
  Diagnostics plain;
  CHECK(read_csv("#a,b\n", "s.csv", plain).size() == 1);
}

TEST_CASE("CSV: every problem of a file is reported, not only the first") {
  Diagnostics report;
  read_csv("a,b\n1,x\"y\n2,\"p\"q\n3,\"never", "t.csv", report);
  REQUIRE(report.items().size() == 3);
  CHECK(report.items()[0].code == "csv.stray-quote");
  CHECK(report.items()[1].code == "csv.text-after-quote");
  CHECK(report.items()[2].code == "csv.unterminated-quote");
  CHECK(report.items()[2].line == 4);
}
