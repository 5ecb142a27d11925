#pragma once
/// Internal: the seeded random numbers of the assignment. SplitMix64 with our own reduction, so
/// that the same seed gives the same assignment on every platform and standard library.

#include <cstdint>
#include <utility>
#include <vector>

namespace jury::detail {

class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n) for n > 0 (bias below 2^-32 for the sizes used here).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
  }

 private:
  std::uint64_t state_;
};

/// A seed derived from a base seed and a stream number (independent streams per entry or class).
inline std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t stream) {
  SeededRandom r(seed ^ (stream * 0xD1B54A32D192ED03ULL));
  return r.next();
}

}  // namespace jury::detail
