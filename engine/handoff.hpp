#pragma once
/// A bounded first-in first-out handoff from one producer thread to one consumer thread, and a
/// producer thread that is always stopped and joined: what lets `import scores` read and check
/// the next sheets while the sheets already planned are written (SPEC §10 is unaffected: both
/// happen inside one transaction, and nothing commits unless every file was checked).

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace jury {

template <class Item>
class Handoff {
 public:
  /// Holds items of total weight up to `capacity` (each item weighs 1 unless `weight` says
  /// more, e.g. its bytes; never less than 1); an item heavier than that alone still passes.
  explicit Handoff(std::size_t capacity, std::function<std::size_t(const Item&)> weight = {})
      : capacity_(capacity), weight_(std::move(weight)) {}

  /// Waits while the handoff is full. False when the consumer has given up: stop producing.
  bool push(Item item) {
    const std::size_t weight = weight_ ? std::max<std::size_t>(1, weight_(item)) : 1;
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return cancelled_ || items_.empty() || load_ + weight <= capacity_; });
    if (cancelled_) return false;
    items_.emplace_back(std::move(item), weight);
    load_ += weight;
    ready_.notify_one();
    return true;
  }
  /// The producer is done: pop() returns what is left, then nothing.
  void close() {
    const std::lock_guard lock(mutex_);
    closed_ = true;
    ready_.notify_one();
  }
  /// Whether the consumer gave up (a producer can stop before its next push).
  bool cancelled() {
    const std::lock_guard lock(mutex_);
    return cancelled_;
  }
  /// The consumer gives up: push() returns false from now on.
  void cancel() {
    const std::lock_guard lock(mutex_);
    cancelled_ = true;
    room_.notify_one();
  }
  /// Waits for the next item; nothing once the producer closed and every item was taken.
  std::optional<Item> pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    std::optional<Item> item(std::move(items_.front().first));
    load_ -= items_.front().second;
    items_.pop_front();
    room_.notify_one();
    return item;
  }

 private:
  std::size_t capacity_;
  std::function<std::size_t(const Item&)> weight_;
  std::size_t load_ = 0;  ///< total weight of the items held
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable room_;
  std::deque<std::pair<Item, std::size_t>> items_;  ///< with their weights
  bool closed_ = false;
  bool cancelled_ = false;
};

/// Runs `produce(handoff)` on its own thread; the handoff is closed when it returns or throws.
/// Whatever happens to the consumer, the destructor cancels the handoff and joins the thread,
/// so the producer never outlives what it reads. rethrow() passes on the producer's exception.
template <class Item>
class Producer {
 public:
  Producer(Handoff<Item>& handoff, std::function<void(Handoff<Item>&)> produce)
      : handoff_(handoff), thread_([this, produce = std::move(produce)] {
          try {
            produce(handoff_);
          } catch (...) {
            failure_ = std::current_exception();
          }
          handoff_.close();
        }) {}
  ~Producer() {
    handoff_.cancel();
    if (thread_.joinable()) thread_.join();
  }
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  /// Joins the producer (the consumer has taken every item) and rethrows what it threw.
  void finish() {
    thread_.join();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  Handoff<Item>& handoff_;
  std::exception_ptr failure_;
  std::thread thread_;  ///< last: it starts once the members it uses exist
};

}  // namespace jury
