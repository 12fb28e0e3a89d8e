#pragma once
// The future-event set: two binary min-heaps (events due soon, and later
// ones), a calendar of buckets that takes over from the second when it grows
// large, and a few "lanes" that each hold at most one pending event.
//
// Tie rule, documented because results depend on it: events are ordered by
// time, then by Phase (sim/event_phase.hpp), then by insertion sequence. Two
// events at the same instant and phase therefore run in the order they were
// scheduled, never in an order that depends on memory addresses or container
// iteration. Lane events take their sequence number from the same counter as
// the others, so the rule holds across the two; where an event waits (lane,
// heap, bucket) never changes the order events come out in.
//
// Why lanes: an arrival process always has exactly one pending arrival, and
// arrivals are a third or more of all events. Keeping each source's next
// arrival in a lane saves a heap insertion and deletion per arrival, with
// one extra comparison per pop.
//
// Where the other events wait, the queue decides from their time, and the
// shape of the set changes with its size. An event due within a day of the
// last pop (an A&E stay of hours, a departure step) goes into a short heap;
// a later one (a ward stay of days, a clock event) into a long heap. While
// the long heap is small (R1, R1x10: up to some 10,000 events) two binary
// heaps are the fastest set measured: each stays shallow and of one time
// scale, and a short stay never climbs a deep heap of long ones. A national
// model keeps far more pending (a stay for every occupied bed, 150,000 at
// R1x100) and a heap that size falls out of cache, so once the long heap
// passes 'calendar_from' events the queue spreads it over a calendar of
// quarter-day buckets: an event is appended to its bucket, which costs no
// comparison, and enters the long heap (now the events of one bucket) only
// when its bucket comes due; one beyond the calendar's reach (256 days)
// waits in a far heap until it comes within reach.
// benchmarks/event_set_bench compares these shapes, one heap of 24- or
// 16-byte entries and two heaps on traces of real runs (README, "Speed").
#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/event_heap.hpp"
#include "sim/event_phase.hpp"
#include "sim/event_trace.hpp"

namespace flowsim::sim {

// How the queue spreads its events (sim::EventQueue); the defaults are the
// fastest measured on R1, R1x10 and R1x100 (benchmarks/event_set_bench).
struct EventQueueShape {
  double short_days = 1.0;            // due within this of the last pop: the short heap
  std::size_t calendar_from = 16384;  // long-heap events at which the calendar takes over
  double bucket_days = 0.25;          // a power of two, so that bucket numbers are exact
  std::size_t buckets = 1024;         // the calendar's reach: buckets x bucket_days
};

struct Event {
  double time = 0.0;          // days since the start of the replication
  std::uint64_t order = 0;    // phase in the top 8 bits, insertion sequence below
  std::uint32_t kind = 0;     // model-defined event type, below kMaxKinds
  std::uint32_t subject = 0;  // patient slot, source index or unit index
  std::uint32_t tag = 0;      // generation stamp for lazy cancellation

  [[nodiscard]] Phase phase() const { return static_cast<Phase>(order >> 56); }
};

class EventQueue {
  static constexpr int kKindBits = 8;
  static constexpr int kSeqBits = 48;
  static constexpr std::uint64_t kSeqLimit = std::uint64_t{1} << kSeqBits;
  static constexpr std::uint64_t kKindMask = (std::uint64_t{1} << kKindBits) - 1;

 public:
  static constexpr std::uint32_t kMaxKinds = 1U << kKindBits;

  // 'lanes' is the number of single-event lanes (for example one per
  // arrival source); 'shape' changes speed only, never the order of events.
  explicit EventQueue(std::size_t lanes = 0, EventQueueShape shape = {});

  // The queue decides where the event waits, from its time.
  void schedule(double time, Phase phase, std::uint32_t kind, std::uint32_t subject,
                std::uint32_t tag = 0);
  // Puts the lane's one event in place; the lane must be empty.
  void schedule_in_lane(std::size_t lane, double time, Phase phase, std::uint32_t kind,
                        std::uint32_t subject, std::uint32_t tag = 0);

  [[nodiscard]] bool empty() const {
    return is_none(heaps_[earliest_heap_].front()) && is_none(lanes_[earliest_lane_]);
  }
  [[nodiscard]] std::size_t size() const;
  // The time of the next event (+infinity when the queue is empty).
  [[nodiscard]] double next_time() const {
    const Entry& lane = lanes_[earliest_lane_];
    const Entry& heap_top = heaps_[earliest_heap_].front();
    return later(heap_top, lane) ? lane.time : heap_top.time;
  }
  // Removes the next event into 'event' if it comes before 'limit'; false
  // (and the queue unchanged) when it does not or the queue is empty. One
  // comparison picks the next event and one tests the limit, where
  // next_time() then pop() would compare twice.
  bool pop_before(double limit, Event& event) {
    const Entry& lane = lanes_[earliest_lane_];
    const Entry& heap_top = heaps_[earliest_heap_].front();
    if (later(heap_top, lane)) {
      if (!(lane.time < limit)) return false;
      event = take_lane();
    } else {
      if (!(heap_top.time < limit)) return false;
      event = unpack(take_heap());
    }
    return true;
  }
  // The kind and subject of the next event due soon (within a day of the
  // last pop) and of the next due later, lanes aside: hints, so that the
  // owner can start loading what those events will touch while it handles
  // this one. None waiting gives kind kMaxKinds - 1 and subject 0.
  struct Upcoming {
    std::uint32_t kind;
    std::uint32_t subject;
  };
  [[nodiscard]] Upcoming upcoming_soon() const { return upcoming(heaps_[kShort].front()); }
  [[nodiscard]] Upcoming upcoming_later() const { return upcoming(heaps_[kLong].front()); }
  // Removes and returns the next event; the queue must not be empty.
  Event pop() {
    // "No event" sorts after every real event, so one comparison decides.
    if (later(heaps_[earliest_heap_].front(), lanes_[earliest_lane_])) return take_lane();
    return unpack(take_heap());
  }

  // Appends every scheduling and pop to 'trace' from now on (nullptr stops);
  // for benchmarks/event_set_bench. The trace must outlive the recording.
  void record_trace(EventTrace* trace) { trace_ = trace; }

 private:
  // Packed record, 24 bytes: the kind rides in the low 8 bits of the order
  // word, below the sequence number, so it never decides an order (the
  // sequence number is unique) and the heap moves a third less memory than
  // with a separate field.
  struct Entry {
    double time;
    std::uint64_t packed;  // phase (8 bits) | sequence (48 bits) | kind (8 bits)
    std::uint32_t subject;
    std::uint32_t tag;
  };
  // "No event": +infinity with the largest order word, which no scheduled
  // event can have (phases use only the low bits of the top byte). An empty
  // lane holds it, and each heap keeps it as a sentinel that never leaves.
  static constexpr std::uint64_t kNonePacked = ~std::uint64_t{0};
  static constexpr Entry kNone{std::numeric_limits<double>::infinity(), kNonePacked, 0, 0};
  static bool is_none(const Entry& e) { return e.packed == kNonePacked; }

  // 'a' must run after 'b'. Times are never negative, and the bit patterns
  // of non-negative doubles sort like the numbers, so (time, packed) compares
  // as one 128-bit integer: one branch-free comparison per heap level.
  static bool later(const Entry& a, const Entry& b) { return key_of(a) > key_of(b); }
  // The same as a type, so that the heap templates inline it.
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const { return later(a, b); }
  };
  __extension__ using Key = unsigned __int128;  // a GCC/Clang extension, hence the marker
  static Key key_of(const Entry& e) {
    return (static_cast<Key>(std::bit_cast<std::uint64_t>(e.time)) << 64) | e.packed;
  }
  Entry make_entry(double time, Phase phase, std::uint32_t kind, std::uint32_t subject,
                   std::uint32_t tag, std::uint32_t lane);
  static Upcoming upcoming(const Entry& e) {
    return Upcoming{static_cast<std::uint32_t>(e.packed & kKindMask), e.subject};
  }
  static Event unpack(const Entry& e) {
    const std::uint64_t phase_bits = e.packed & (std::uint64_t{0xff} << 56);
    const std::uint64_t seq = (e.packed >> kKindBits) & (kSeqLimit - 1);
    return Event{e.time, phase_bits | seq, static_cast<std::uint32_t>(e.packed & kKindMask), e.subject,
                 e.tag};
  }
  // The calendar bucket of a time; +infinity and times past 2^62 buckets
  // share the last number, beyond the calendar.
  [[nodiscard]] std::uint64_t bucket_of(double time) const {
    const double bucket = time * buckets_per_day_;
    return bucket < 0x1p62 ? static_cast<std::uint64_t>(bucket) : std::uint64_t{1} << 62;
  }
  Event take_lane();
  Entry take_heap();
  void push(std::size_t heap, const Entry& entry) {
    heap_push(heaps_[heap], entry, Later{});
    // Only the pushed heap's top can have changed.
    if (later(heaps_[earliest_heap_].front(), heaps_[heap].front())) earliest_heap_ = heap;
  }
  void find_earliest_heap() {
    earliest_heap_ = later(heaps_[kLong].front(), heaps_[kShort].front()) ? kShort : kLong;
  }
  // Moves buckets into the long heap, in order, until it holds an event or
  // nothing is left outside it; the long heap must be empty.
  void refill_long();
  // Spreads the long heap over the calendar, keeping in it only the events
  // of its top's bucket.
  void start_calendar();
  // Into its bucket, or the far heap beyond the calendar's reach; 'bucket'
  // must be next_bucket_ or later.
  void put_in_calendar(const Entry& entry, std::uint64_t bucket);
  void record(double time, Phase phase, std::uint32_t lane) {
    if (trace_ != nullptr) [[unlikely]]
      append_to_trace(time, phase, lane);
  }
  // Out of line, so that recording costs the hot path one test.
  [[gnu::noinline, gnu::cold]] void append_to_trace(double time, Phase phase, std::uint32_t lane);

  // Invariant: every event in the long heap comes before every event in the
  // buckets and in far_ (its bucket number is below next_bucket_, theirs are
  // not), and the long heap holds an event whenever they do, so its top is
  // the earliest of them. Until the calendar starts, next_bucket_ is above
  // every bucket number, so every later event goes into the long heap. The
  // short heap holds events due within short_days_ of the last pop, whatever
  // their bucket. Each heap keeps kNone.
  static constexpr std::size_t kLong = 0;
  static constexpr std::size_t kShort = 1;
  static constexpr std::uint64_t kNoCalendar = ~std::uint64_t{0};
  std::array<std::vector<Entry>, 2> heaps_{std::vector<Entry>{kNone}, std::vector<Entry>{kNone}};
  std::size_t earliest_heap_ = kLong;
  std::vector<std::vector<Entry>> buckets_;  // bucket b in buckets_[b % size]
  std::vector<Entry> far_{kNone};            // bucket numbers of next_bucket_ + size and more
  std::uint64_t next_bucket_ = kNoCalendar;
  std::size_t in_buckets_ = 0;
  double buckets_per_day_;
  double short_days_;
  std::size_t calendar_from_;
  double now_ = 0.0;            // the time of the last event popped
  std::vector<Entry> lanes_;    // kNone when empty; at least one, so earliest_lane_ is always valid
  std::size_t lane_count_ = 0;  // lanes the owner asked for
  std::size_t earliest_lane_ = 0;
  std::uint64_t next_seq_ = 0;
  EventTrace* trace_ = nullptr;
};

}  // namespace flowsim::sim
