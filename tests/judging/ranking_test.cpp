#include <catch2/catch.hpp>

#include "judging/ranking.hpp"

using namespace jury;

namespace {

std::vector<std::pair<std::string, int>> listing(const std::vector<RankKey>& keys) {
  std::vector<std::pair<std::string, int>> out;
  for (const RankedPosition& p : rank_entries(keys))
    out.emplace_back(keys[p.index].entry_id, p.rank);
  return out;
}

}  // namespace

TEST_CASE("SPEC §7: scores are rounded exactly as std::round(x · 10^p) / 10^p") {
  CHECK(round_to_precision(80.125, 2) == 80.13);  // 8012.5 is exact: half away from zero
  CHECK(round_to_precision(80.124, 2) == 80.12);
  CHECK(round_to_precision(1.005, 2) == 1.0);  // 1.005 · 100 = 100.49999999999999 as a double
  CHECK(round_to_precision(-0.125, 2) == -0.13);
  CHECK(round_to_precision(79.5, 0) == 80);
  CHECK(round_to_precision(88.16666666666667, 2) == 88.17);
  CHECK(round_to_precision(88.16666666666667, 1) == 88.2);
}

TEST_CASE("SPEC §7: higher score first — equal entries share a rank (1, 2, 2, 4), by entry_id") {
  const std::vector<RankKey> keys = {{"E4", {70}}, {"E3", {85}}, {"E1", {85}}, {"E2", {90}}};
  CHECK(listing(keys) ==
        std::vector<std::pair<std::string, int>>{{"E2", 1}, {"E1", 2}, {"E3", 2}, {"E4", 4}});
}

TEST_CASE("SPEC §7: ties on the score are broken by each tiebreak criterion in order") {
  // keys: rounded score, then tiebreak criteria (e.g. innovation, rigor)
  const std::vector<RankKey> keys = {
      {"A", {85, 30, 20}},                       // loses to B on innovation
      {"B", {85, 31, 10}}, {"C", {85, 30, 25}},  // beats A on rigor
      {"D", {85, 30, 20}},                       // equal to A on all keys: tied with A
      {"E", {86, 0, 0}},
  };
  CHECK(listing(keys) ==
        std::vector<std::pair<std::string, int>>{{"E", 1}, {"B", 2}, {"C", 3}, {"A", 4}, {"D", 4}});
}

TEST_CASE("SPEC §7: listing order within a tie is entry_id in plain byte order") {
  const std::vector<RankKey> keys = {
      {"b", {1}}, {"B", {1}}, {"a10", {1}}, {"a9", {1}}, {"中", {1}}};
  CHECK(listing(keys) == std::vector<std::pair<std::string, int>>{
                             {"B", 1}, {"a10", 1}, {"a9", 1}, {"b", 1}, {"中", 1}});
  CHECK(listing({}).empty());
}
