#pragma once
// A unit's waiting list: one FIFO ring queue per priority level, served
// lowest level first and first come, first served within a level. Memory
// follows the patients waiting (each ring grows to its own largest size and
// never per event). Level 0 is held inline, so the default single-level list
// is a plain FIFO with one extra branch, and no slower than a RingQueue.
#include <cstdint>
#include <vector>

#include "models/ring_queue.hpp"

namespace flowsim::models {

class WaitingList {
 public:
  WaitingList() = default;
  explicit WaitingList(std::uint32_t levels) : higher_(levels > 1 ? levels - 1 : 0) {}

  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] std::uint32_t front() const {
    return first_.empty() ? higher_[first_level()].front() : first_.front();
  }

  void push_back(std::uint32_t slot, std::uint32_t level = 0) {
    if (level == 0) first_.push_back(slot);
    else higher_[level - 1].push_back(slot);
    ++size_;
  }
  void pop_front() {
    if (first_.empty()) higher_[first_level()].pop_front();
    else first_.pop_front();
    --size_;
  }
  // Each slot waiting, in no particular order.
  template <class Visit>
  void for_each(Visit&& visit) const {
    first_.for_each(visit);
    for (const auto& level : higher_) level.for_each(visit);
  }

 private:
  // Index into higher_ of the first non-empty level; only when level 0 is
  // empty and the list is not.
  [[nodiscard]] std::size_t first_level() const {
    std::size_t level = 0;
    while (higher_[level].empty()) ++level;
    return level;
  }

  RingQueue first_;                // level 0
  std::vector<RingQueue> higher_;  // levels 1, 2, ...
  std::size_t size_ = 0;
};

}  // namespace flowsim::models
