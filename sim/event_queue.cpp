#include "sim/event_queue.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace flowsim::sim {

namespace {

// A power of two makes time * buckets-per-day exact, so an event's bucket
// never depends on rounding.
CalendarShape checked(const CalendarShape& shape, const char* tier) {
  int exponent = 0;
  if (!(shape.bucket_days > 0.0) || std::frexp(shape.bucket_days, &exponent) != 0.5)
    throw std::invalid_argument(std::string("event calendar bucket width must be a power of two (") +
                                tier + " tier)");
  if (!std::has_single_bit(shape.buckets) || !std::has_single_bit(shape.buckets_per_span))
    throw std::invalid_argument(std::string("event calendar bucket counts must be powers of two (") +
                                tier + " tier)");
  return shape;
}

}  // namespace

EventQueue::EventQueue(std::size_t lanes, EventQueueShape shape)
    : tiers_{Tier(kNone, checked({shape.bucket_days, shape.buckets, shape.calendar_from,
                                  shape.buckets_per_span},
                                 "long")),
             Tier(kNone, checked({shape.short_bucket_days, shape.short_buckets,
                                  shape.short_calendar_from, shape.short_buckets_per_span},
                                 "short"))},
      short_days_(shape.short_days),
      lanes_(std::max<std::size_t>(lanes, 1), kNone),
      lane_count_(lanes) {
  if (!(shape.short_days >= 0.0))
    throw std::invalid_argument("event queue short horizon must be 0 or more");
}

inline EventQueue::Entry EventQueue::make_entry(double time, Phase phase, std::uint32_t kind,
                                                std::uint32_t subject, std::uint32_t tag,
                                                std::uint32_t lane) {
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
  // Two calls, each with its tier known at compile time.
  if (time - now_ < short_days_) tiers_[kShort].push(entry);
  else tiers_[kLong].push(entry);
  find_earliest_tier();
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
  return tiers_[kLong].size() + tiers_[kShort].size() + static_cast<std::size_t>(in_lanes);
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

EventQueue::Entry EventQueue::take_tier() {
  Tier& tier = tiers_[earliest_tier_];
  // Nothing in either tier (a lane event would have been taken).
  if (is_none(tier.top())) throw std::logic_error("pop from an empty event queue");
  const Entry taken = tier.pop();
  record(taken.time, static_cast<Phase>(taken.packed >> 56), TraceRecord::kPop);
  now_ = taken.time;
  find_earliest_tier();
  return taken;
}

}  // namespace flowsim::sim
