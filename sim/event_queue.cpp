#include "sim/event_queue.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace flowsim::sim {

EventQueue::EventQueue(std::size_t lanes, std::size_t heaps)
    : heaps_(std::max<std::size_t>(heaps, 1), std::vector<Entry>{kNone}),
      lanes_(std::max<std::size_t>(lanes, 1), kNone),
      lane_count_(lanes) {}

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

void EventQueue::schedule_in_heap(std::size_t heap, double time, Phase phase, std::uint32_t kind,
                                  std::uint32_t subject, std::uint32_t tag) {
  if (heap >= heaps_.size()) throw std::logic_error("event heap missing");
  std::vector<Entry>& entries = heaps_[heap];
  const Entry entry = make_entry(time, phase, kind, subject, tag);
  entries.push_back(entry);
  sift_up(entries, entries.size() - 1, entry);
  // Only the pushed heap's top can have changed.
  if (later(heaps_[earliest_heap_].front(), entries.front())) earliest_heap_ = heap;
}

void EventQueue::schedule_in_lane(std::size_t lane, double time, Phase phase, std::uint32_t kind,
                                  std::uint32_t subject, std::uint32_t tag) {
  if (lane >= lane_count_ || !is_none(lanes_[lane]))
    throw std::logic_error("event lane missing or already holding an event");
  lanes_[lane] = make_entry(time, phase, kind, subject, tag);
  if (later(lanes_[earliest_lane_], lanes_[lane])) earliest_lane_ = lane;
}

std::size_t EventQueue::size() const {
  std::size_t in_heaps = 0;
  for (const auto& heap : heaps_) in_heaps += heap.size() - 1;  // less the sentinel
  return in_heaps + static_cast<std::size_t>(std::count_if(
                            lanes_.begin(), lanes_.end(), [](const Entry& e) { return !is_none(e); }));
}

Event EventQueue::take_lane() {
  Entry& lane = lanes_[earliest_lane_];
  if (is_none(lane)) throw std::logic_error("pop from an empty event queue");
  const Event taken = unpack(lane);
  lane = kNone;
  // Few lanes (one per arrival source): a scan is cheaper than a second heap.
  if (lanes_.size() > 1)
    for (std::size_t i = 0; i < lanes_.size(); ++i)
      if (later(lanes_[earliest_lane_], lanes_[i])) earliest_lane_ = i;
  return taken;
}

EventQueue::Entry EventQueue::take_heap() {
  std::vector<Entry>& heap = heaps_[earliest_heap_];
  // Only the sentinel left everywhere (a lane event would have been taken).
  if (is_none(heap.front())) throw std::logic_error("pop from an empty event queue");
  const Entry taken = pop_heap(heap);
  // Few heaps (two or three): a scan is cheaper than ordering them.
  for (std::size_t i = 0; i < heaps_.size(); ++i)
    if (later(heaps_[earliest_heap_].front(), heaps_[i].front())) earliest_heap_ = i;
  return taken;
}

EventQueue::Entry EventQueue::pop_heap(std::vector<Entry>& heap) {
  // Bottom-up deletion (Wegener): walk the hole left at the root down to a
  // leaf along the earlier child, one comparison per level, then put the last
  // element there and sift it up. The last element usually belongs near the
  // bottom, so this costs about half the comparisons of a plain sift-down.
  // The sentinel never leaves, so a real top leaves at least one entry.
  const Entry top_entry = heap.front();
  const Entry last = heap.back();
  heap.pop_back();
  const std::size_t n = heap.size();
  std::size_t hole = 0;
  while (true) {
    std::size_t child = 2 * hole + 1;
    if (child >= n) break;
    if (child + 1 < n && later(heap[child], heap[child + 1])) ++child;
    heap[hole] = heap[child];
    hole = child;
  }
  sift_up(heap, hole, last);
  return top_entry;
}

void EventQueue::sift_up(std::vector<Entry>& heap, std::size_t hole, const Entry moving) {
  while (hole > 0) {
    const std::size_t parent = (hole - 1) / 2;
    if (!later(heap[parent], moving)) break;
    heap[hole] = heap[parent];
    hole = parent;
  }
  heap[hole] = moving;
}

}  // namespace flowsim::sim
