#pragma once
// The resident-ID → person-id index a record import resolves every row against: an open-
// addressing table of packed IDs (see PackIdNumber), 16 bytes a slot, one cache miss a lookup.
// A million persons take 32 MB.
#include <cstdint>
#include <vector>

namespace jixu::app::import {

class PersonIndex {
 public:
  void Reserve(size_t n) {
    while (Capacity() * 2 < n * 3 + 2) Grow();
  }
  void Insert(uint64_t packed_id, int64_t person_id) {
    if ((size_ + 1) * 3 > Capacity() * 2) Grow();
    Slot& s = slots_[Probe(packed_id)];
    if (s.key == 0) ++size_;
    s = {packed_id, person_id};
  }
  /// The person id, or 0 if not registered.
  int64_t Find(uint64_t packed_id) const {
    return size_ == 0 ? 0 : slots_[Probe(packed_id)].value;
  }
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t key = 0;  ///< 0 = empty; a packed ID is never 0 (its region digits are not 000000)
    int64_t value = 0;
  };
  size_t Capacity() const { return slots_.size(); }
  size_t Probe(uint64_t key) const {
    const size_t mask = slots_.size() - 1;
    size_t i = static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> (64 - bits_));
    while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask;
    return i;
  }
  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    bits_ = old.empty() ? 10 : bits_ + 1;
    slots_.resize(size_t{1} << bits_);
    for (const Slot& s : old) {
      if (s.key != 0) slots_[Probe(s.key)] = s;
    }
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
  int bits_ = 0;
};

}  // namespace jixu::app::import
