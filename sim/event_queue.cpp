#include "sim/event_queue.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace flowsim::sim {

EventQueue::EventQueue(std::size_t lanes, EventQueueShape shape)
    : buckets_(shape.buckets),
      buckets_per_day_(1.0 / shape.bucket_days),
      short_days_(shape.short_days),
      calendar_from_(shape.calendar_from),
      lanes_(std::max<std::size_t>(lanes, 1), kNone),
      lane_count_(lanes) {
  int exponent = 0;
  // A power of two makes time * buckets_per_day_ exact, so an event's bucket
  // never depends on rounding.
  if (!(shape.bucket_days > 0.0) || std::frexp(shape.bucket_days, &exponent) != 0.5)
    throw std::invalid_argument("event calendar bucket width must be a power of two");
  if (shape.buckets == 0) throw std::invalid_argument("event calendar needs at least one bucket");
  if (!(shape.short_days >= 0.0))
    throw std::invalid_argument("event queue short horizon must be 0 or more");
}

EventQueue::Entry EventQueue::make_entry(double time, Phase phase, std::uint32_t kind,
                                         std::uint32_t subject, std::uint32_t tag, std::uint32_t lane) {
  // 2^48 events is some 80 days of simulation at 40 M events a second.
  if (next_seq_ >= kSeqLimit) throw std::overflow_error("event sequence number exhausted");
  if (kind >= kMaxKinds) throw std::invalid_argument("event kind out of range");
  // Negative time (or NaN) would break the ordering of key_of and causality.
  if (!(time >= 0.0)) throw std::invalid_argument("event scheduled at a negative or NaN time");
  record(time, phase, lane);
  const std::uint64_t packed =
      (static_cast<std::uint64_t>(phase) << 56) | (next_seq_++ << kKindBits) | kind;
  return Entry{time, packed, subject, tag};
}

void EventQueue::append_to_trace(double time, Phase phase, std::uint32_t lane) {
  trace_->push_back(TraceRecord{time, lane, phase});
}

void EventQueue::schedule(double time, Phase phase, std::uint32_t kind, std::uint32_t subject,
                          std::uint32_t tag) {
  const Entry entry = make_entry(time, phase, kind, subject, tag, TraceRecord::kNoLane);
  if (time - now_ < short_days_) {
    push(kShort, entry);
  } else if (next_bucket_ == kNoCalendar) {
    push(kLong, entry);
    if (heaps_[kLong].size() > calendar_from_) {
      start_calendar();
      find_earliest_heap();
    }
  } else if (const std::uint64_t bucket = bucket_of(time); bucket < next_bucket_) {
    push(kLong, entry);
  } else {
    put_in_calendar(entry, bucket);
    if (is_none(heaps_[kLong].front())) {
      refill_long();
      find_earliest_heap();
    }
  }
}

void EventQueue::schedule_in_lane(std::size_t lane, double time, Phase phase, std::uint32_t kind,
                                  std::uint32_t subject, std::uint32_t tag) {
  if (lane >= lane_count_ || !is_none(lanes_[lane]))
    throw std::logic_error("event lane missing or already holding an event");
  lanes_[lane] = make_entry(time, phase, kind, subject, tag, static_cast<std::uint32_t>(lane));
  if (later(lanes_[earliest_lane_], lanes_[lane])) earliest_lane_ = lane;
}

std::size_t EventQueue::size() const {
  const auto in_lanes =
      std::count_if(lanes_.begin(), lanes_.end(), [](const Entry& e) { return !is_none(e); });
  // Less the three sentinels.
  return heaps_[kLong].size() - 1 + heaps_[kShort].size() - 1 + far_.size() - 1 + in_buckets_ +
         static_cast<std::size_t>(in_lanes);
}

Event EventQueue::take_lane() {
  Entry& lane = lanes_[earliest_lane_];
  if (is_none(lane)) throw std::logic_error("pop from an empty event queue");
  record(lane.time, static_cast<Phase>(lane.packed >> 56), TraceRecord::kPop);
  const Event taken = unpack(lane);
  now_ = lane.time;
  lane = kNone;
  // Few lanes (one per arrival source): a scan is cheaper than a second heap.
  if (lanes_.size() > 1)
    for (std::size_t i = 0; i < lanes_.size(); ++i)
      if (later(lanes_[earliest_lane_], lanes_[i])) earliest_lane_ = i;
  return taken;
}

EventQueue::Entry EventQueue::take_heap() {
  std::vector<Entry>& heap = heaps_[earliest_heap_];
  // Only the sentinels left (a lane event would have been taken), and by the
  // invariant nothing in the buckets either.
  if (is_none(heap.front())) throw std::logic_error("pop from an empty event queue");
  const Entry taken = heap_pop(heap, Later{});
  record(taken.time, static_cast<Phase>(taken.packed >> 56), TraceRecord::kPop);
  now_ = taken.time;
  if (is_none(heaps_[kLong].front())) refill_long();
  find_earliest_heap();
  return taken;
}

void EventQueue::refill_long() {
  std::vector<Entry>& heap = heaps_[kLong];
  while (is_none(heap.front()) && (in_buckets_ > 0 || !is_none(far_.front()))) {
    // Nothing in the calendar: jump to the earliest far event's bucket.
    if (in_buckets_ == 0) next_bucket_ = bucket_of(far_.front().time);
    std::vector<Entry>& bucket = buckets_[next_bucket_ % buckets_.size()];
    for (const Entry& entry : bucket) heap_push(heap, entry, Later{});
    in_buckets_ -= bucket.size();
    // Give the memory back: a bucket's next turn comes 'buckets' later, and
    // every bucket keeping the most it ever held cost, at national scale,
    // some thirty times the memory of the events pending (R1x100 peaked at
    // 121 MiB instead of 44).
    std::vector<Entry>().swap(bucket);
    while (!is_none(far_.front()) && bucket_of(far_.front().time) <= next_bucket_)
      heap_push(heap, heap_pop(far_, Later{}), Later{});
    ++next_bucket_;
  }
}

void EventQueue::start_calendar() {
  std::vector<Entry> waiting;
  waiting.swap(heaps_[kLong]);
  heaps_[kLong] = {kNone};
  next_bucket_ = bucket_of(waiting.front().time) + 1;
  for (const Entry& entry : waiting) {
    if (is_none(entry)) continue;
    const std::uint64_t bucket = bucket_of(entry.time);
    if (bucket < next_bucket_) heap_push(heaps_[kLong], entry, Later{});
    else put_in_calendar(entry, bucket);
  }
}

void EventQueue::put_in_calendar(const Entry& entry, std::uint64_t bucket) {
  if (bucket - next_bucket_ < buckets_.size()) {
    buckets_[bucket % buckets_.size()].push_back(entry);
    ++in_buckets_;
  } else {
    heap_push(far_, entry, Later{});
  }
}

}  // namespace flowsim::sim
