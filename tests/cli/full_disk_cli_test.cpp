/// Outputs on a full disk (SPEC §10 "atomic files"): the CLI under a file-size limit (`ulimit -f`,
/// what a full disk looks like to a writer: EFBIG) exits 2 naming the file and the reason, and
/// leaves no empty, partial or replaced file.

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>

#include "cli_runner.hpp"

using namespace jury::testing;
namespace fs = std::filesystem;

namespace {

/// Names in the scratch folder `out/`.
std::set<std::string> names_in(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& item : fs::directory_iterator(folder)) names.insert(item.path().filename());
  return names;
}

}  // namespace

TEST_CASE(
    "SPEC §10: exports on a full disk exit 2; the old file survives and no partial file stays") {
  Scratch s("full-disk");
  REQUIRE(s.jury("demo .").exit_code == 0);
  fs::create_directories(s.dir() / "out");
  write_text(s.dir() / "out" / "roster.html", "old");
  for (const std::string target : {"out/roster.html", "out/roster.csv", "out/roster.xlsx"}) {
    INFO(target);
    // A limit of 8 blocks (4 or 8 KiB as the shell counts): far less than the sample's roster.
    const std::string command = "cd '" + s.dir().string() + "' && ulimit -f 8 && '" +
                                std::string(JURY_BINARY) + "' --db jury.db export roster " +
                                target + " 2>limited.err";
    const int status = std::system(command.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = read_text(s.dir() / "limited.err");
    CHECK(r.exit_code == 2);
    // libxlsxwriter words its error its own way, with the system's reason in parentheses.
    CHECK(r.err.find("jury: cannot write " + target + ": ") != std::string::npos);
    CHECK(r.err.find("File too large") != std::string::npos);
    CHECK(r.err.find("; nothing was written") != std::string::npos);
  }
  CHECK(read_text(s.dir() / "out" / "roster.html") == "old");
  // The database's -shm file cannot grow under the limit either: read-only commands still work
  // (the database read as immutable, its -wal file being empty), changes are refused.
  const std::string limited = "cd '" + s.dir().string() + "' && ulimit -f 8 && '" +
                              std::string(JURY_BINARY) + "' --db jury.db ";
  CHECK(std::system((limited + "status >status.txt").c_str()) == 0);
  CHECK(read_text(s.dir() / "status.txt").find("entries 332") != std::string::npos);
  const int refused = std::system((limited + "import scores filled 2>import.err").c_str());
  CHECK(WEXITSTATUS(refused) == 2);
  CHECK(read_text(s.dir() / "import.err")
            .find("cannot change the competition database jury.db: its -shm file cannot grow "
                  "(File too large): the disk may be full; nothing changed") != std::string::npos);
  CHECK(names_in(s.dir() / "out") == std::set<std::string>{"roster.html"});
}
