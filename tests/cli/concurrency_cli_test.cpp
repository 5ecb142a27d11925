/// Two jury commands at once on one competition (SPEC §10 "Concurrency"): every command that
/// writes takes the write lock before it reads what it checks (BEGIN IMMEDIATE), so a second
/// writer waits, then gives up with exit 3 and nothing changed; readers never wait.

#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "cli_runner.hpp"
#include "engine/competition.hpp"
#include "fixtures/simulator.hpp"
#include "import_state.hpp"

using namespace jury::testing;
namespace fs = std::filesystem;

namespace {

/// `jury --db <scratch>/jury.db ARGS`, run from the scratch directory in the background of one
/// shell line: its exit code goes to the file `code`, its messages to `code`.err.
std::string background(const Scratch& s, const std::string& args, const std::string& code) {
  return "(cd '" + s.dir().string() + "' && JURY_NOW=2021-11-01T00:00:00Z '" +
         std::string(JURY_BINARY) + "' --db '" + s.path("jury.db") + "' " + args +
         " >/dev/null 2>'" + s.path(code + ".err") + "'; echo $? >'" + s.path(code) + "') &";
}

int exit_code_in(const Scratch& s, const std::string& code) {
  return std::stoi(read_text(s.path(code)));
}

/// The demo's decided competition, reopened, with a second set of filled sheets in `other/`
/// whose scores (another simulation seed) change the tiers of many entries.
void reopened_demo_with_other_sheets(const Scratch& s) {
  REQUIRE(s.jury("demo .").exit_code == 0);
  REQUIRE(s.jury("award --reopen --reason 'race test'").exit_code == 0);
  auto competition = jury::Competition::open(s.path("jury.db"));
  jury::SimulationOptions options;
  options.seed = 77;
  const auto scores = jury::simulate_scores(competition.config(), competition.entries(),
                                            competition.assignments(), options);
  competition.export_sheets(s.path("other"), jury::Encoding::Utf8, &scores);
}

}  // namespace

TEST_CASE("SPEC §10 Concurrency: award racing import scores freezes what the stored scores give") {
  Scratch s("race-award");
  reopened_demo_with_other_sheets(s);
  // Both orders of starting, a few times: whichever takes the lock first, the decision frozen by
  // award must be the one the stored scores give (checked by deciding again after reopening).
  for (int run = 0; run < 4; ++run) {
    INFO("run " << run);
    const std::string sheets = run % 2 == 0 ? "other" : "filled";
    const std::string award = background(s, "award", "award.code");
    const std::string import = background(s, "import scores " + sheets, "import.code");
    const std::string line = (run < 2 ? award + " " + import : import + " " + award) + " wait";
    REQUIRE(std::system(line.c_str()) == 0);
    const int awarded = exit_code_in(s, "award.code"), imported = exit_code_in(s, "import.code");
    INFO("award: " << awarded << " " << read_text(s.path("award.code.err")));
    INFO("import: " << imported << " " << read_text(s.path("import.code.err")));
    CHECK(awarded == 0);
    // After the freeze an import is refused (3); before it, it is stored and award used it.
    CHECK((imported == 0 || imported == 3));
    REQUIRE(s.jury("export roster frozen.csv").exit_code == 0);
    REQUIRE(s.jury("award --reopen --reason again").exit_code == 0);
    REQUIRE(s.jury("award").exit_code == 0);
    REQUIRE(s.jury("export roster decided-again.csv").exit_code == 0);
    CHECK(read_text(s.path("frozen.csv")) == read_text(s.path("decided-again.csv")));
    REQUIRE(s.jury("award --reopen --reason next").exit_code == 0);
  }
  CHECK(s.jury("audit --verify").exit_code == 0);
}

TEST_CASE("SPEC §10 Concurrency: a busy database is exit 3 with a clear message; readers go on") {
  Scratch s("busy");
  reopened_demo_with_other_sheets(s);
  const std::string before = state_of(s);
  {
    // Another writer holds the write lock (what a long import does).
    SQLite::Database holder(s.path("jury.db"), SQLite::OPEN_READWRITE);
    holder.exec("BEGIN IMMEDIATE");
    const std::string command = "cd '" + s.dir().string() + "' && JURY_BUSY_TIMEOUT=0.2 '" +
                                std::string(JURY_BINARY) + "' --db '" + s.path("jury.db") +
                                "' import scores other 2>'" + s.path("busy.err") + "'";
    const int status = std::system(command.c_str());
    CHECK(WEXITSTATUS(status) == 3);
    CHECK(read_text(s.path("busy.err"))
              .find("another jury command is changing this competition; nothing changed") !=
          std::string::npos);
    CHECK(s.jury("status").exit_code == 0);  // a reader does not wait for the writer
    holder.exec("ROLLBACK");
  }
  CHECK(state_of(s) == before);
  CHECK(s.jury("import scores other").exit_code == 0);  // free again
}
