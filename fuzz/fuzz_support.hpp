#pragma once
/// Shared by the fuzz targets: the input as text, and the small competition of
/// tests/importers/data/heldout-like (its config, entries and judges) that the importers check
/// the fuzzed files against. Loaded once per process; a fixture that fails to load aborts, since
/// fuzzing against an empty competition would test nothing.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config.hpp"
#include "importers/entries_importer.hpp"
#include "importers/judges_importer.hpp"
#include "model/diagnostics.hpp"
#include "model/model.hpp"

namespace jury::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void fixture_failed(const std::string& what) {
  std::fprintf(stderr, "fuzz: cannot load %s\n", what.c_str());
  std::abort();
}

inline std::string data_file(const std::string& relative) {
  const std::string path = std::string(JURY_FUZZ_DATA_DIR) + "/" + relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) fixture_failed(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// The config, entries and judges the score sheets of heldout-like/scores are written for.
struct Competition {
  Config config;
  std::vector<Entry> entries;
  std::vector<Judge> judges;
};

inline const Competition& competition() {
  static const Competition loaded = [] {
    Competition c;
    Diagnostics report;
    auto config = parse_config(data_file("competition.json"), "competition.json", report);
    if (!config) fixture_failed("competition.json");
    c.config = *config;
    for (auto& e : import_entries(data_file("scores/entries.csv"), "entries.csv", Encoding::Auto,
                                  c.config, {}, {}, report))
      c.entries.push_back(e.entry);
    for (auto& j : import_judges(data_file("scores/judges.csv"), "judges.csv", Encoding::Auto,
                                 c.config, report))
      c.judges.push_back(j.judge);
    if (report.has_errors() || c.entries.empty() || c.judges.empty())
      fixture_failed("scores/entries.csv or scores/judges.csv");
    return c;
  }();
  return loaded;
}

/// The encoding an input asks for: its first byte picks one, so that forced decodings are
/// fuzzed as well as detection; the rest is the file.
inline Encoding take_encoding(std::string_view& text) {
  if (text.empty()) return Encoding::Auto;
  const auto pick = static_cast<unsigned char>(text.front()) % 8;
  text.remove_prefix(1);
  switch (pick) {
    case 1:
      return Encoding::Utf8;
    case 2:
      return Encoding::Gb18030;
    case 3:
      return Encoding::Utf16;
    default:
      return Encoding::Auto;  // most inputs: what `jury import` does without --encoding
  }
}

}  // namespace jury::fuzz
