#pragma once
// One time scale of the event set (sim::EventQueue): a binary min-heap that,
// once it holds more than 'calendar_from' events, spreads them over a
// calendar of buckets, so that the heap only ever holds the events of the
// bucket now due.
//
// Why: a heap of 100,000 events (a national model) falls out of cache and
// every push and pop climbs 17 levels of it. Appending an event to its bucket
// costs no comparison, and the heap it later enters holds only the events of
// one bucket: a few hundred, in the first level of cache. Below
// 'calendar_from' events the plain heap is faster (R1, with some hundreds a
// tier), and the calendar never starts.
//
// Invariant: every event in the heap comes before every event in the buckets
// and in the far heap (its bucket number is below next_bucket_, theirs are
// not), and the heap holds an event whenever they do, so the heap's top is
// the earliest of them all. Until the calendar starts, next_bucket_ is above
// every bucket number. Each heap keeps the sentinel 'none', which sorts after
// every event and never leaves; 'Later(a, b)' says that a runs after b.
// Entries need a non-negative 'time' in days.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/event_heap.hpp"

namespace flowsim::sim {

struct CalendarShape {
  double bucket_days;         // a power of two, so that bucket numbers are exact
  std::size_t buckets;        // the calendar's reach: buckets x bucket_days
  std::size_t calendar_from;  // heap events at which the calendar takes over
};

template <class Entry, class Later>
class CalendarHeap {
 public:
  CalendarHeap(const Entry& none, const CalendarShape& shape)
      : none_(none),
        heap_{none},
        far_{none},
        bucket_count_(shape.buckets),
        buckets_per_day_(1.0 / shape.bucket_days),
        calendar_from_(shape.calendar_from) {}

  // The earliest event, or the sentinel when there is none.
  [[nodiscard]] const Entry& top() const { return heap_.front(); }
  [[nodiscard]] bool empty() const { return heap_.size() == 1; }
  [[nodiscard]] std::size_t size() const { return heap_.size() - 1 + far_.size() - 1 + in_buckets_; }

  // Inlined: it is most of the cost of scheduling an event.
  [[gnu::always_inline]] void push(const Entry& entry) {
    if (next_bucket_ == kNoCalendar) {
      heap_push(heap_, entry, Later{});
      if (heap_.size() > calendar_from_) start_calendar();
    } else if (const std::uint64_t bucket = bucket_of(entry.time); bucket < next_bucket_) {
      heap_push(heap_, entry, Later{});
    } else {
      put_in_calendar(entry, bucket);
      if (empty()) refill();
    }
  }

  // Removes and returns the earliest event; there must be one.
  Entry pop() {
    const Entry taken = heap_pop(heap_, Later{});
    // A plain heap has nothing to refill from: one test of a member, not
    // the size of the heap, on every pop of a small model.
    if (next_bucket_ != kNoCalendar && empty()) refill();
    return taken;
  }

 private:
  static constexpr std::uint64_t kNoCalendar = ~std::uint64_t{0};

  // +infinity and times past 2^62 buckets share the last number, beyond the
  // calendar.
  [[nodiscard]] std::uint64_t bucket_of(double time) const {
    const double bucket = time * buckets_per_day_;
    return bucket < 0x1p62 ? static_cast<std::uint64_t>(bucket) : std::uint64_t{1} << 62;
  }

  // Moves buckets into the heap, in order, until it holds an event or
  // nothing is left outside it; the heap must be empty.
  void refill() {
    while (empty() && (in_buckets_ > 0 || far_.size() > 1)) {
      // Nothing in the calendar: jump to the earliest far event's bucket.
      if (in_buckets_ == 0) next_bucket_ = bucket_of(far_.front().time);
      std::vector<Entry>& bucket = buckets_[next_bucket_ % buckets_.size()];
      for (const Entry& entry : bucket) heap_push(heap_, entry, Later{});
      in_buckets_ -= bucket.size();
      // Give the memory back: a bucket's next turn comes 'buckets' later, and
      // every bucket keeping the most it ever held cost, at national scale,
      // some thirty times the memory of the events pending (R1x100 peaked at
      // 121 MiB instead of 44). Handing emptied buckets' storage to the next
      // buckets to start instead was tried: more instructions, and 16 MB more
      // at R1x100, as capacities only ever grow.
      std::vector<Entry>().swap(bucket);
      while (far_.size() > 1 && bucket_of(far_.front().time) <= next_bucket_)
        heap_push(heap_, heap_pop(far_, Later{}), Later{});
      ++next_bucket_;
    }
  }

  // Spreads the heap over the calendar, keeping in it only the events of
  // its top's bucket.
  void start_calendar() {
    std::vector<Entry> waiting;
    waiting.swap(heap_);
    heap_ = {none_};
    // Allocated only now: a small model (R1) never needs them.
    buckets_.resize(bucket_count_);
    next_bucket_ = bucket_of(waiting.front().time) + 1;
    for (const Entry& entry : waiting) {
      if (!Later{}(none_, entry)) continue;  // the sentinel itself
      const std::uint64_t bucket = bucket_of(entry.time);
      if (bucket < next_bucket_) heap_push(heap_, entry, Later{});
      else put_in_calendar(entry, bucket);
    }
  }

  // Into its bucket, or the far heap beyond the calendar's reach; 'bucket'
  // must be next_bucket_ or later.
  void put_in_calendar(const Entry& entry, std::uint64_t bucket) {
    if (bucket - next_bucket_ < buckets_.size()) {
      buckets_[bucket % buckets_.size()].push_back(entry);
      ++in_buckets_;
    } else {
      heap_push(far_, entry, Later{});
    }
  }

  Entry none_;
  std::vector<Entry> heap_;
  std::vector<Entry> far_;                   // bucket numbers of next_bucket_ + size and more
  std::vector<std::vector<Entry>> buckets_;  // bucket b in buckets_[b % size], once started
  std::size_t bucket_count_;
  std::uint64_t next_bucket_ = kNoCalendar;
  std::size_t in_buckets_ = 0;
  double buckets_per_day_;
  std::size_t calendar_from_;
};

}  // namespace flowsim::sim
