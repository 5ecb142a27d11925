#include <catch2/catch.hpp>

#include <cstdint>

#include "importers/entries_importer.hpp"
#include "importers/judges_importer.hpp"
#include "importers/scores_importer.hpp"
#include "test_support.hpp"

using namespace jury;

namespace {

/// Deterministic damage: overwrite, insert and delete bytes (quotes, separators, newlines, NUL,
/// high bytes) at pseudo-random places.
std::string damage(std::string bytes, std::uint32_t seed) {
  const char alphabet[] = {'"', ',', '\n', '\r', '#', ' ', '\0', '\xE3', '\x80', '\xFF', 'a', '5'};
  std::uint32_t x = seed * 2654435761u + 1;
  auto next = [&] { return x = x * 1664525u + 1013904223u; };
  for (int i = 0; i < 8 && !bytes.empty(); ++i) {
    const std::size_t at = next() % bytes.size();
    const char c = alphabet[next() % sizeof(alphabet)];
    switch (next() % 3) {
      case 0:
        bytes[at] = c;
        break;
      case 1:
        bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at), c);
        break;
      default:
        bytes.erase(at, 1 + next() % 40);
        break;
    }
  }
  return bytes;
}

}  // namespace

TEST_CASE("SPEC §10: damaged files never crash or throw — they are refused or imported") {
  const Config& config = test::jingzhou();
  const std::string entries = test::fixture("jingzhou-2021/entries.csv");
  const std::string excel = test::fixture("jingzhou-2021-excel/entries.csv");
  const std::string judges = test::fixture("jingzhou-2021-excel/judges.csv");
  std::map<std::string, Entry> by_id;
  Diagnostics sample;
  for (const auto& e : import_entries(entries, "e", Encoding::Auto, config, {}, {}, sample))
    by_id.emplace(e.entry.id, e.entry);
  const std::set<std::string> judge_ids{"J001", "J002"};
  std::set<Assignment> assigned;
  std::string sheet =
      "# sheet\njudge_id,entry_id,title,innovation,rigor,practicality,presentation,"
      "comment,recuse\n";
  for (const auto& [id, e] : by_id)
    if (e.kind == "student") {
      assigned.insert({"J001", id});
      sheet += "J001," + id + ",\"" + e.title + "\",30,20.5,15,８,\"好, \"\"很好\"\"\",\n";
    }
  const ScoreIndex index(by_id, judge_ids, assigned);
  const ScoreContext context{config, index};
  {
    Diagnostics clean;
    CHECK(import_scores(sheet, "s", Encoding::Auto, context, clean).size() == 284);
    CHECK(clean.items().empty());
  }
  for (std::uint32_t seed = 0; seed < 150; ++seed) {
    Diagnostics report;
    for (Encoding e : {Encoding::Auto, Encoding::Utf8, Encoding::Gb18030, Encoding::Utf16}) {
      CHECK_NOTHROW(import_entries(damage(entries, seed), "e", e, config, {}, {}, report));
      CHECK_NOTHROW(import_entries(damage(excel, seed), "x", e, config, {}, {}, report));
      CHECK_NOTHROW(import_judges(damage(judges, seed), "j", e, config, report));
      CHECK_NOTHROW(import_scores(damage(sheet, seed), "s", e, context, report));
    }
  }
}
