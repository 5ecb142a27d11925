/// `jury` with Excel workbooks (SPEC §15): `import entries|judges|scores` read .xlsx and .xls
/// (`--sheet`), a bad cell is named `FILE[SHEET]!CELL` (also in `--json`) with exit 2 and nothing
/// changed, and `export sheets --format xlsx` writes workbooks that `import scores` reads back.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "../importers/xlsx_builder.hpp"
#include "cli_runner.hpp"
#include "import_state.hpp"

using namespace jury::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string xls(const std::string& name) {
  return std::string(JURY_FIXTURES_DIR) + "/../tests/importers/data/xls/" + name;
}

/// The sample's config, with its entries and judges from the office's workbooks.
void init_from_workbooks(const Scratch& s) {
  run_ok(s, "init '" + fixture("jingzhou-2021/competition.json") + "'");
  jury::test::write_binary(s.path("报名汇总表.xlsx"), jury::test::jingzhou_workbook("entries"));
  run_ok(s, "import entries 报名汇总表.xlsx");
  run_ok(s, "import judges '" + xls("jingzhou-judges.xls") + "'");
}

}  // namespace

TEST_CASE("SPEC §15: jury imports the office's workbooks, .xlsx and .xls, with --sheet") {
  Scratch s("workbook-import");
  init_from_workbooks(s);
  const auto status = json::parse(s.jury("status --json").out);
  CHECK(status["entries"] == 332);
  CHECK(status["judges_active"] == 50);

  const auto first = s.jury("import entries '" + xls("entries.xls") + "'");
  CHECK(first.exit_code == 2);  // the first worksheet is the notes sheet
  CHECK(first.err.find(xls("entries.xls") + "[说明]!1:1: error: no header row") !=
        std::string::npos);
  const auto named = s.jury("import entries '" + xls("entries.xls") + "' --sheet 报名表");
  INFO(named.err);
  CHECK(named.exit_code == 0);
  CHECK(named.err.find(xls("entries.xls") + "[报名表]!A4: warning: id 7 is stored as a number") !=
        std::string::npos);
  CHECK(named.err.find("3 entries: 3 added") != std::string::npos);
}

TEST_CASE("SPEC §15: a bad cell is FILE[SHEET]!CELL, in text and --json, exit 2, nothing changed") {
  Scratch s("workbook-bad-cell");
  init_from_workbooks(s);
  const std::string before = state_of(s);
  jury::test::XlsxBuilder book;
  lxw_worksheet* sheet = book.sheet("评委");
  jury::test::XlsxBuilder::row(sheet, 0, {"评委编号", "姓名", "工作单位", "最大评审量"});
  jury::test::XlsxBuilder::row(sheet, 1, {"J901", "新评委", "荆州中学", "很多"});
  jury::test::write_binary(s.path("judges.xlsx"), book.bytes());

  const auto text = s.jury("import judges judges.xlsx");
  CHECK(text.exit_code == 2);
  CHECK(text.err.starts_with("judges.xlsx[评委]!D2: error: "));
  const auto as_json = s.jury("import judges judges.xlsx --json");
  CHECK(as_json.exit_code == 2);
  const auto items = json::parse(as_json.out);
  REQUIRE(items.size() == 1);
  CHECK(items[0]["file"] == "judges.xlsx");
  CHECK(items[0]["sheet"] == "评委");
  CHECK(items[0]["cell"] == "D2");
  CHECK(items[0]["line"] == 2);
  CHECK(items[0]["column"] == 4);
  CHECK(state_of(s) == before);

  for (const std::string broken : {"encrypted.xlsx", "encrypted.xls"}) {
    const auto r = s.jury("import entries '" + xls(broken) + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("encrypted") != std::string::npos);
  }
  jury::test::write_binary(s.path("cut.xlsx"),
                           jury::test::jingzhou_workbook("entries").substr(0, 999));
  const auto cut = s.jury("import entries cut.xlsx");
  CHECK(cut.exit_code == 2);
  CHECK(cut.err.starts_with("cut.xlsx: error: the workbook is damaged"));
  // A broken .xlsx saved under a .csv name is told by its content (PK\3\4) too.
  const std::string renamed =
      std::string(JURY_FIXTURES_DIR) +
      "/../tests/importers/data/heldout-like/entries/broken/workbook.xlsx.csv";
  const auto as_csv = s.jury("import entries '" + renamed + "'");
  CHECK(as_csv.exit_code == 2);
  CHECK(as_csv.err.starts_with(renamed + ": error: the workbook is damaged: it is not a readable "
                                         "ZIP package"));
  CHECK(state_of(s) == before);
}

TEST_CASE("SPEC §15: export sheets --format xlsx — import scores DIR reads them, names others") {
  Scratch s("workbook-sheets");
  init_from_workbooks(s);
  run_ok(s, "assign --seed 1");
  const auto bad = s.jury("export sheets out --format pdf");
  CHECK(bad.exit_code == 1);
  run_ok(s, "export sheets out --format xlsx");
  std::size_t workbooks = 0;
  for (const auto& item : fs::directory_iterator(s.path("out"))) {
    CHECK(item.path().extension() == ".xlsx");
    ++workbooks;
  }
  CHECK(workbooks > 0);
  write_text(s.path("out/说明.txt"), "请在截止日期前交回");
  write_text(s.path("out/~$J001-student.xlsx"), "owner");  // Excel's lock file of an open sheet
  const auto r = s.jury("import scores out");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("out/说明.txt: warning: skipped: not a score sheet (.csv, .xlsx or .xls)") !=
        std::string::npos);
  CHECK(r.err.find("out/~$J001-student.xlsx: warning: skipped") != std::string::npos);
  CHECK(r.err.find(std::to_string(workbooks) + " file(s): 0 score rows added") !=
        std::string::npos);
}
