#pragma once
// FIFO of patient slots on a growable ring buffer. Unlike std::deque it
// allocates only when it outgrows its largest size so far, so a waiting list
// in steady state costs no allocation per event.
#include <cstdint>
#include <vector>

namespace flowsim::models {

class RingQueue {
 public:
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] std::uint32_t front() const { return buffer_[head_]; }

  void push_back(std::uint32_t value) {
    if (size_ == buffer_.size()) grow();
    buffer_[(head_ + size_) & (buffer_.size() - 1)] = value;
    ++size_;
  }
  void pop_front() {
    head_ = (head_ + 1) & (buffer_.size() - 1);
    --size_;
  }
  // Each value, first to last (a review that looks at who waits; not per event).
  template <class Visit>
  void for_each(Visit&& visit) const {
    for (std::size_t i = 0; i < size_; ++i) visit(buffer_[(head_ + i) & (buffer_.size() - 1)]);
  }

 private:
  void grow() {
    std::vector<std::uint32_t> bigger(buffer_.empty() ? 16 : buffer_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = buffer_[(head_ + i) & (buffer_.size() - 1)];
    buffer_.swap(bigger);
    head_ = 0;
  }

  std::vector<std::uint32_t> buffer_;  // size is always a power of two
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace flowsim::models
