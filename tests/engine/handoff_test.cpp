#include "engine/handoff.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
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
