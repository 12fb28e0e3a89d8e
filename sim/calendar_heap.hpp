#pragma once
// One time scale of the event set (sim::EventQueue): a binary min-heap that,
// once it holds more than 'calendar_from' events, spreads them over a
// two-level calendar, so that the heap only ever holds the events of the
// bucket now due.
//
// Why: a heap of 100,000 events (a national model) falls out of cache and
// every push and pop climbs 17 levels of it. Appending an event to a bucket
// costs no comparison, and the heap it later enters holds only the events of
// one bucket: a few hundred, in the first level of cache. Below
// 'calendar_from' events the plain heap is faster (R1, with some hundreds a
// tier), and the calendar never starts.
//
// Why two levels: with one bucket for every few minutes of the next two
// months (4,096 of them), each event scheduled landed on the end of a
// bucket last touched long before, a cache miss on the bucket's header and
// another on its end: at national scale that append was an eighth of the
// run's time, with patient records competing for the cache. Now a bucket
// belongs to a *span* of 'buckets_per_span' consecutive buckets (a day, for
// the long tier), and an event due in a later span is appended to that
// span's list: a few dozen spans, whose ends stay in cache. When a span's
// turn comes, its list is read once, in order, and dealt out to the buckets
// of the span, which again are few and in cache. Each event is copied once
// more, always to a place in cache.
//
// Invariant: every event in the heap comes before every event in the
// buckets, the spans and the far heap (its bucket number is below
// next_bucket_, theirs are not), and the heap holds an event whenever they
// do, so the heap's top is the earliest of them all. The buckets hold the
// rest of the current span; the spans after it (buckets / buckets_per_span
// of them) wait in a ring of lists; later events wait in the far heap until
// their span starts. Until the calendar starts, next_bucket_ is above every
// bucket number. Each heap keeps the sentinel 'none', which sorts after every
// event and never leaves; 'Later(a, b)' says that a runs after b. Entries
// need a non-negative 'time' in days.
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/event_heap.hpp"

namespace flowsim::sim {

struct CalendarShape {
  double bucket_days;                 // a power of two, so that bucket numbers are exact
  std::size_t buckets;                // the calendar's reach: buckets x bucket_days; a power of two
  std::size_t calendar_from;          // heap events at which the calendar takes over
  std::size_t buckets_per_span = 64;  // a power of two (EventQueue checks both); more is 'buckets'
};

template <class Entry, class Later>
class CalendarHeap {
 public:
  CalendarHeap(const Entry& none, const CalendarShape& shape)
      : none_(none),
        heap_{none},
        far_{none},
        buckets_per_span_(std::min(shape.buckets_per_span, shape.buckets)),
        span_count_(shape.buckets / buckets_per_span_),
        span_shift_(std::countr_zero(buckets_per_span_)),
        buckets_per_day_(1.0 / shape.bucket_days),
        calendar_from_(shape.calendar_from) {}

  // The earliest event, or the sentinel when there is none.
  [[nodiscard]] const Entry& top() const { return heap_.front(); }
  [[nodiscard]] bool empty() const { return heap_.size() == 1; }
  [[nodiscard]] std::size_t size() const {
    return heap_.size() - 1 + far_.size() - 1 + in_buckets_ + in_spans_;
  }

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

  // A span's list is a chain of chunks of about 4 KiB from a pool that every
  // span shares: appending never copies, and a span read gives its chunks
  // back, so memory follows the events pending, not the busiest day of each
  // span slot.
  static constexpr std::size_t kChunkEntries = 4096 / sizeof(Entry);
  struct Chunk {
    std::array<Entry, kChunkEntries> entries;
  };
  struct Span {
    std::vector<std::uint32_t> chunks;  // into chunks_, in order of appending
    Entry* next = nullptr;              // the free end of the last chunk
    Entry* end = nullptr;
  };

  // +infinity and times past 2^62 buckets share the last number, beyond the
  // calendar.
  [[nodiscard]] std::uint64_t bucket_of(double time) const {
    const double bucket = time * buckets_per_day_;
    return bucket < 0x1p62 ? static_cast<std::uint64_t>(bucket) : std::uint64_t{1} << 62;
  }
  [[nodiscard]] std::uint64_t span_of_bucket(std::uint64_t bucket) const {
    return bucket >> span_shift_;
  }
  [[nodiscard]] std::vector<Entry>& bucket_at(std::uint64_t bucket) {
    return buckets_[bucket & (buckets_per_span_ - 1)];
  }
  [[nodiscard]] Span& span_at(std::uint64_t span) { return spans_[span & (span_count_ - 1)]; }

  // Moves buckets into the heap, in order, until it holds an event or
  // nothing is left outside it; the heap must be empty. Never inlined: it
  // runs once a bucket, and inlined into pop it cost R1, which never calls
  // it, five instructions a pop in saved registers.
  [[gnu::noinline]] void refill() {
    while (empty() && (in_buckets_ > 0 || in_spans_ > 0 || far_.size() > 1)) {
      if (in_buckets_ == 0) {
        // The current span is done: deal out the next one that may hold
        // events (the earliest far event's, when no span holds any).
        start_span(in_spans_ > 0 ? current_span_ + 1 : span_of_bucket(bucket_of(far_.front().time)));
        continue;
      }
      // Some bucket of the current span holds events, so next_bucket_ is
      // still within it.
      std::vector<Entry>& bucket = bucket_at(next_bucket_);
      for (const Entry& entry : bucket) heap_push(heap_, entry, Later{});
      in_buckets_ -= bucket.size();
      // Kept: the same bucket fills again, by about as much, next span.
      bucket.clear();
      ++next_bucket_;
    }
  }

  // Makes 'span' (after the current one) current: its list and the far
  // events that reached it are dealt out to the buckets, which are empty.
  void start_span(std::uint64_t span) {
    current_span_ = span;
    next_bucket_ = span << span_shift_;
    Span& list = span_at(span);
    for (std::size_t i = 0; i < list.chunks.size(); ++i) {
      const std::uint32_t id = list.chunks[i];
      const Entry* first = chunks_[id]->entries.data();
      const Entry* last = i + 1 < list.chunks.size() ? first + kChunkEntries : list.next;
      for (const Entry* e = first; e != last; ++e) bucket_at(bucket_of(e->time)).push_back(*e);
      const auto dealt = static_cast<std::size_t>(last - first);
      in_spans_ -= dealt;
      in_buckets_ += dealt;
      free_chunks_.push_back(id);
    }
    list.chunks.clear();
    list.next = list.end = nullptr;
    while (far_.size() > 1 && span_of_bucket(bucket_of(far_.front().time)) <= span) {
      bucket_at(bucket_of(far_.front().time)).push_back(heap_pop(far_, Later{}));
      ++in_buckets_;
    }
  }

  // Spreads the heap over the calendar, keeping in it only the events of
  // its top's bucket.
  void start_calendar() {
    std::vector<Entry> waiting;
    waiting.swap(heap_);
    heap_ = {none_};
    // Allocated only now: a small model (R1) never needs them.
    buckets_.resize(buckets_per_span_);
    spans_.resize(span_count_);
    const std::uint64_t first = bucket_of(waiting.front().time);
    current_span_ = span_of_bucket(first);
    next_bucket_ = first + 1;
    for (const Entry& entry : waiting) {
      if (!Later{}(none_, entry)) continue;  // the sentinel itself
      const std::uint64_t bucket = bucket_of(entry.time);
      if (bucket < next_bucket_) heap_push(heap_, entry, Later{});
      else put_in_calendar(entry, bucket);
    }
  }

  // Into its bucket (the current span), its span's list (the next
  // span_count_ spans), or the far heap beyond; 'bucket' must be
  // next_bucket_ or later.
  void put_in_calendar(const Entry& entry, std::uint64_t bucket) {
    const std::uint64_t span = span_of_bucket(bucket);
    if (span == current_span_) {
      bucket_at(bucket).push_back(entry);
      ++in_buckets_;
    } else if (span - current_span_ <= span_count_) {
      append(span_at(span), entry);
      ++in_spans_;
    } else {
      heap_push(far_, entry, Later{});
    }
  }

  void append(Span& list, const Entry& entry) {
    if (list.next == list.end) {
      std::uint32_t id = 0;
      if (free_chunks_.empty()) {
        id = static_cast<std::uint32_t>(chunks_.size());
        chunks_.push_back(std::make_unique<Chunk>());
      } else {
        id = free_chunks_.back();
        free_chunks_.pop_back();
      }
      list.chunks.push_back(id);
      list.next = chunks_[id]->entries.data();
      list.end = list.next + kChunkEntries;
    }
    *list.next++ = entry;
  }

  Entry none_;
  std::vector<Entry> heap_;
  std::vector<Entry> far_;                   // spans beyond the ring's reach when scheduled
  std::vector<std::vector<Entry>> buckets_;  // the current span's: bucket b in buckets_[b % size]
  std::vector<Span> spans_;                  // the later spans': span s in spans_[s % size]
  std::vector<std::unique_ptr<Chunk>> chunks_;
  std::vector<std::uint32_t> free_chunks_;
  std::size_t buckets_per_span_;
  std::size_t span_count_;
  int span_shift_;
  std::uint64_t next_bucket_ = kNoCalendar;
  std::uint64_t current_span_ = 0;
  std::size_t in_buckets_ = 0;
  std::size_t in_spans_ = 0;
  double buckets_per_day_;
  std::size_t calendar_from_;
};

}  // namespace flowsim::sim
