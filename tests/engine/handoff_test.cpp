#include "engine/handoff.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

using namespace jury;

TEST_CASE("Handoff: the consumer takes every item in the order produced, then nothing") {
  Handoff<int> handoff(2);
  Producer<int> producer(handoff, [](Handoff<int>& out) {
    for (int i = 0; i < 1000; ++i) REQUIRE(out.push(i));
  });
  std::vector<int> taken;
  while (const auto item = handoff.pop()) taken.push_back(*item);
  producer.finish();
  REQUIRE(taken.size() == 1000);
  for (int i = 0; i < 1000; ++i) CHECK(taken[static_cast<std::size_t>(i)] == i);
}

TEST_CASE("Handoff: what the producer throws reaches the consumer after the items before it") {
  Handoff<int> handoff(1);
  Producer<int> producer(handoff, [](Handoff<int>& out) {
    out.push(1);
    out.push(2);
    throw std::runtime_error("sheet 3 cannot be read");
  });
  std::vector<int> taken;
  while (const auto item = handoff.pop()) taken.push_back(*item);
  CHECK(taken == std::vector<int>{1, 2});
  CHECK_THROWS_WITH(producer.finish(), "sheet 3 cannot be read");
}

TEST_CASE("Handoff: a consumer that fails stops a producer waiting for room (no hang)") {
  Handoff<int> handoff(1);
  bool stopped = false;
  try {
    Producer<int> producer(handoff, [&](Handoff<int>& out) {
      for (int i = 0;; ++i)
        if (!out.push(i)) break;
      stopped = true;
    });
    REQUIRE(handoff.pop() == 0);
    throw std::runtime_error("the disk is full");  // the producer is joined on the way out
  } catch (const std::runtime_error&) {
  }
  CHECK(stopped);
}

TEST_CASE("Handoff: weighed items fill the capacity, and one heavier than it still passes") {
  // Capacity 10 bytes, items of 6: one is held at a time, so the producer is never more than
  // one item ahead of the consumer. The first item (15 bytes) passes alone.
  Handoff<std::string> handoff(10, [](const std::string& item) { return item.size(); });
  std::atomic<int> pushed = 0;
  Producer<std::string> producer(handoff, [&](Handoff<std::string>& out) {
    out.push(std::string(15, 'x'));
    ++pushed;
    for (char c = 'a'; c <= 'e'; ++c) {
      out.push(std::string(6, c));
      ++pushed;
    }
  });
  std::string taken;
  int popped = 0;
  while (const auto item = handoff.pop()) {
    ++popped;
    CHECK(pushed.load() <= popped + 1);
    taken += item->front();
  }
  producer.finish();
  CHECK(taken == "xabcde");
}
