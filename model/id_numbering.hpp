#pragma once
/// Distinct ids → 0, 1, 2, … in the order they are first added: an open-addressing hash table
/// over views of the ids (the caller keeps the ids alive and unchanged). Ids up to 23 bytes are
/// held in their slot, so a lookup reads one cache line and no node: for the 10^5–10^6 lookups
/// of an import or a ranking, where node-based maps of strings spend their time in cache misses.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace jury {

class IdNumbering {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;

  /// Room for `ids` ids without growing.
  void reserve(std::size_t ids) {
    std::size_t capacity = 16;
    while (capacity < 2 * ids) capacity *= 2;
    if (capacity <= slots_.size()) return;
    std::vector<std::string_view> known = std::move(ids_);
    ids_.clear();
    ids_.reserve(ids);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (const std::string_view id : known) add(id);
  }

  /// The id's number, adding it when new.
  std::uint32_t add(std::string_view id) {
    if (2 * (ids_.size() + 1) > slots_.size()) reserve(2 * ids_.size() + 8);
    const std::uint64_t hash = hash_of(id);
    Slot& slot = slots_[slot_of(id, hash)];
    if (slot.number != 0) return slot.number - 1;
    ids_.push_back(id);
    slot.number = static_cast<std::uint32_t>(ids_.size());
    slot.tag = static_cast<std::uint32_t>(hash >> 32);
    if (id.size() > kInline) {
      slot.size = kLong;
    } else {
      slot.size = static_cast<std::uint8_t>(id.size());
      std::copy(id.begin(), id.end(), slot.text.begin());
    }
    return slot.number - 1;
  }

  /// The id's number, or kNone.
  std::uint32_t find(std::string_view id) const {
    if (slots_.empty()) return kNone;
    const Slot& slot = slots_[slot_of(id, hash_of(id))];
    return slot.number == 0 ? kNone : slot.number - 1;
  }

  std::size_t size() const { return ids_.size(); }
  /// The id of a number.
  std::string_view id(std::uint32_t number) const { return ids_[number]; }

 private:
  static constexpr std::size_t kInline = 23;
  static constexpr std::uint8_t kLong = 0xFF;  ///< size of a slot whose id is longer (see ids_)
  struct Slot {
    std::uint32_t number = 0;  ///< number + 1; 0 = empty
    std::uint32_t tag = 0;     ///< the hash's high half
    std::uint8_t size = 0;     ///< the id's size, or kLong
    std::array<char, kInline> text{};
  };

  /// FNV-1a over the bytes, then MurmurHash3's finaliser, so that every bit of the result depends
  /// on every byte (ids differ in their last digits).
  static std::uint64_t hash_of(std::string_view id) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : id) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    hash ^= hash >> 33;
    hash *= 0xff51afd7ed558ccdULL;
    hash ^= hash >> 33;
    hash *= 0xc4ceb9fe1a85ec53ULL;
    return hash ^ (hash >> 33);
  }

  bool holds(const Slot& slot, std::string_view id, std::uint32_t tag) const {
    if (slot.tag != tag) return false;
    if (id.size() > kInline) return slot.size == kLong && ids_[slot.number - 1] == id;
    return slot.size == id.size() && std::memcmp(slot.text.data(), id.data(), id.size()) == 0;
  }

  std::size_t slot_of(std::string_view id, std::uint64_t hash) const {
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t slot = hash & mask_;; slot = (slot + 1) & mask_)
      if (slots_[slot].number == 0 || holds(slots_[slot], id, tag)) return slot;
  }

  std::vector<std::string_view> ids_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

}  // namespace jury
