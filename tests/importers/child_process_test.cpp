#include "importers/child_process.hpp"

#include <catch2/catch.hpp>
#include <csignal>
#include <stdexcept>

using namespace jury;

// SPEC §10 "never crash": a library that crashes on hostile input (FreeXL on a damaged .xls)
// runs in a child process, whose end must reach the parent as words, not as a crash.

TEST_CASE("run_in_child: the bytes the work returns arrive whole, also past a pipe's buffer") {
  const std::string large(1 << 20, 'x');  // 1 MiB: the child blocks until the parent reads
  const ChildOutcome small = run_in_child([] { return std::string("ab\0c", 4); });
  CHECK(small.finished);
  CHECK(small.bytes == std::string("ab\0c", 4));
  const ChildOutcome big = run_in_child([&] { return large; });
  CHECK(big.finished);
  CHECK(big.bytes == large);
}

TEST_CASE("run_in_child: what the child changes in memory stays in the child") {
  int counter = 1;
  const ChildOutcome outcome = run_in_child([&] {
    counter = 99;
    return std::to_string(counter);
  });
  CHECK(outcome.bytes == "99");
  CHECK(counter == 1);
}

TEST_CASE("run_in_child: a child killed by a signal, or throwing, is a failure in words") {
  const ChildOutcome killed = run_in_child([]() -> std::string {
    std::raise(SIGKILL);
    return "never";
  });
  CHECK_FALSE(killed.finished);
  CHECK(killed.bytes.empty());
  CHECK(killed.failure == "the reading process was stopped by signal 9 (Killed)");

  const ChildOutcome threw = run_in_child([]() -> std::string { throw std::runtime_error("no"); });
  CHECK_FALSE(threw.finished);
  CHECK(threw.failure == "the reading process ended with status 1");
}
