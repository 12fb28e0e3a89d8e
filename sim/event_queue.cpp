#include "sim/event_queue.hpp"

#include <stdexcept>
#include <utility>

namespace flowsim::sim {

namespace {
constexpr std::uint64_t kSeqMask = (std::uint64_t{1} << 56) - 1;
}

void EventQueue::schedule(double time, Phase phase, std::uint32_t kind, std::uint32_t subject,
                          std::uint32_t tag) {
  if (next_seq_ > kSeqMask) throw std::overflow_error("event sequence number exhausted");
  // Negative time (or NaN) would break the ordering of key_of and causality.
  if (!(time >= 0.0)) throw std::invalid_argument("event scheduled at a negative or NaN time");
  const std::uint64_t order = (static_cast<std::uint64_t>(phase) << 56) | next_seq_++;
  heap_.push_back(Event{time, order, kind, subject, tag});
  sift_up(heap_.size() - 1);
}

Event EventQueue::pop() {
  // Bottom-up deletion (Wegener): walk the hole left at the root down to a
  // leaf along the earlier child, one comparison per level, then put the last
  // element there and sift it up. The last element usually belongs near the
  // bottom, so this costs about half the comparisons of a plain sift-down.
  Event top_event = heap_.front();
  const Event last = heap_.back();
  heap_.pop_back();
  const std::size_t n = heap_.size();
  if (n == 0) return top_event;
  std::size_t hole = 0;
  while (true) {
    std::size_t child = 2 * hole + 1;
    if (child >= n) break;
    if (child + 1 < n && later(heap_[child], heap_[child + 1])) ++child;
    heap_[hole] = heap_[child];
    hole = child;
  }
  heap_[hole] = last;
  sift_up(hole);
  return top_event;
}

void EventQueue::clear() {
  heap_.clear();
  next_seq_ = 0;
}

void EventQueue::sift_up(std::size_t i) {
  Event moving = heap_[i];
  while (i > 0) {
    const std::size_t parent = (i - 1) / 2;
    if (!later(heap_[parent], moving)) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = moving;
}

}  // namespace flowsim::sim
