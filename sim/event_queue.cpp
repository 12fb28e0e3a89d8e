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
  const std::uint64_t order = (static_cast<std::uint64_t>(phase) << 56) | next_seq_++;
  heap_.push_back(Event{time, order, kind, subject, tag});
  sift_up(heap_.size() - 1);
}

Event EventQueue::pop() {
  Event top_event = heap_.front();
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
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

void EventQueue::sift_down(std::size_t i) {
  const std::size_t n = heap_.size();
  Event moving = heap_[i];
  while (true) {
    std::size_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && later(heap_[child], heap_[child + 1])) ++child;
    if (!later(moving, heap_[child])) break;
    heap_[i] = heap_[child];
    i = child;
  }
  heap_[i] = moving;
}

}  // namespace flowsim::sim
