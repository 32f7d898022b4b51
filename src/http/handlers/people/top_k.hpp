#pragma once
// The first `k` items of a stream under an order, without holding the whole stream: a sorted
// page of a population scan costs memory for offset + page_size rows, not for every person.
#include <algorithm>
#include <cstddef>
#include <vector>

namespace jixu::http {

template <typename T, typename Less>
class TopK {
 public:
  TopK(size_t k, Less less) : k_(k), less_(less) {}
  void Add(T item) {
    if (k_ == 0) return;
    items_.push_back(std::move(item));
    if (items_.size() >= 2 * k_ + 64) Trim();
  }
  /// The first k in order.
  std::vector<T> Take() {
    Trim();
    std::sort(items_.begin(), items_.end(), less_);
    return std::move(items_);
  }

 private:
  void Trim() {
    if (items_.size() <= k_) return;
    std::nth_element(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(k_),
                     items_.end(), less_);
    items_.resize(k_);
  }
  size_t k_;
  Less less_;
  std::vector<T> items_;
};

}  // namespace jixu::http
