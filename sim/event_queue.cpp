#include "sim/event_queue.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace flowsim::sim {

EventQueue::EventQueue(std::size_t lanes)
    : lanes_(std::max<std::size_t>(lanes, 1), kEmptyLane), lane_count_(lanes) {}

EventQueue::Entry EventQueue::make_entry(double time, Phase phase, std::uint32_t kind,
                                         std::uint32_t subject, std::uint32_t tag) {
  // 2^48 events is some 80 days of simulation at 40 M events a second.
  if (next_seq_ >= kSeqLimit) throw std::overflow_error("event sequence number exhausted");
  if (kind >= kMaxKinds) throw std::invalid_argument("event kind out of range");
  // Negative time (or NaN) would break the ordering of key_of and causality.
  if (!(time >= 0.0)) throw std::invalid_argument("event scheduled at a negative or NaN time");
  const std::uint64_t packed = (static_cast<std::uint64_t>(phase) << 56) |
                               (next_seq_++ << kKindBits) | kind;
  return Entry{time, packed, subject, tag};
}

void EventQueue::schedule(double time, Phase phase, std::uint32_t kind, std::uint32_t subject,
                          std::uint32_t tag) {
  heap_.push_back(make_entry(time, phase, kind, subject, tag));
  sift_up(heap_.size() - 1);
}

void EventQueue::schedule_in_lane(std::size_t lane, double time, Phase phase, std::uint32_t kind,
                                  std::uint32_t subject, std::uint32_t tag) {
  if (lane >= lane_count_ || !lane_empty(lanes_[lane]))
    throw std::logic_error("event lane missing or already holding an event");
  lanes_[lane] = make_entry(time, phase, kind, subject, tag);
  if (later(lanes_[earliest_lane_], lanes_[lane])) earliest_lane_ = lane;
}

std::size_t EventQueue::size() const {
  return heap_.size() + static_cast<std::size_t>(std::count_if(
                            lanes_.begin(), lanes_.end(), [](const Entry& e) { return !lane_empty(e); }));
}

Event EventQueue::take_lane() {
  Entry& lane = lanes_[earliest_lane_];
  if (lane_empty(lane)) throw std::logic_error("pop from an empty event queue");
  const Event taken = unpack(lane);
  lane = kEmptyLane;
  // Few lanes (one per arrival source): a scan is cheaper than a second heap.
  if (lanes_.size() > 1)
    for (std::size_t i = 0; i < lanes_.size(); ++i)
      if (later(lanes_[earliest_lane_], lanes_[i])) earliest_lane_ = i;
  return taken;
}

EventQueue::Entry EventQueue::pop_heap() {
  // Bottom-up deletion (Wegener): walk the hole left at the root down to a
  // leaf along the earlier child, one comparison per level, then put the last
  // element there and sift it up. The last element usually belongs near the
  // bottom, so this costs about half the comparisons of a plain sift-down.
  const Entry top_entry = heap_.front();
  const Entry last = heap_.back();
  heap_.pop_back();
  const std::size_t n = heap_.size();
  if (n == 0) return top_entry;
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
  return top_entry;
}

void EventQueue::clear() {
  heap_.clear();
  std::fill(lanes_.begin(), lanes_.end(), kEmptyLane);
  earliest_lane_ = 0;
  next_seq_ = 0;
}

void EventQueue::sift_up(std::size_t i) {
  const Entry moving = heap_[i];
  while (i > 0) {
    const std::size_t parent = (i - 1) / 2;
    if (!later(heap_[parent], moving)) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = moving;
}

}  // namespace flowsim::sim
