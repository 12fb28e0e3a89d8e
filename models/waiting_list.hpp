#pragma once
// A unit's waiting list: one FIFO ring queue per priority level, served
// lowest level first and first come, first served within a level. Memory
// follows the patients waiting (each ring grows to its own largest size and
// never per event). With one level (the default) it is a plain FIFO: front
// and pop look at level 0 only, so the common case pays one extra branch.
#include <cstdint>
#include <vector>

#include "models/ring_queue.hpp"

namespace flowsim::models {

class WaitingList {
 public:
  WaitingList() : levels_(1) {}
  explicit WaitingList(std::uint32_t levels) : levels_(levels == 0 ? 1 : levels) {}

  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] std::uint32_t front() const { return levels_[first_level()].front(); }

  void push_back(std::uint32_t slot, std::uint32_t level = 0) {
    levels_[level].push_back(slot);
    ++size_;
  }
  void pop_front() {
    levels_[first_level()].pop_front();
    --size_;
  }

 private:
  // Only called when not empty, so a non-empty level exists.
  [[nodiscard]] std::size_t first_level() const {
    std::size_t level = 0;
    while (levels_[level].empty()) ++level;
    return level;
  }

  std::vector<RingQueue> levels_;
  std::size_t size_ = 0;
};

}  // namespace flowsim::models
