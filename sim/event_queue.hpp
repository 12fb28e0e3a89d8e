#pragma once
// The future-event set: two tiers (events due soon, and later ones), each a
// binary min-heap that a calendar of buckets takes over from when it grows
// large, and a few "lanes" that each hold at most one pending event.
//
// Tie rule, documented because results depend on it: events are ordered by
// time, then by Phase (sim/event_phase.hpp), then by insertion sequence. Two
// events at the same instant and phase therefore run in the order they were
// scheduled, never in an order that depends on memory addresses or container
// iteration. Lane events take their sequence number from the same counter as
// the others, so the rule holds across the two; where an event waits (lane,
// tier, heap, bucket) never changes the order events come out in.
//
// Why lanes: an arrival process always has exactly one pending arrival, and
// arrivals are a third or more of all events. Keeping each source's next
// arrival in a lane saves a heap insertion and deletion per arrival, with
// one extra comparison per pop.
//
// Where the other events wait, the queue decides from their time, and the
// shape of the set changes with its size. An event due within a day of the
// last pop (an A&E stay of hours, a departure step) goes into the short tier;
// a later one (a ward stay of days, a clock event) into the long tier. Each
// tier is a binary heap while it is small (R1: some hundreds of events
// each), and two heaps are the fastest set measured there: each stays
// shallow and of one time scale, and a short stay never climbs a heap of
// long ones. A larger model keeps more pending (a stay for every occupied
// bed: 10,000 at R1x10, 100,000 at R1x100) and a heap of thousands no longer
// fits the first level of cache, so once a tier's heap passes its
// 'calendar_from' events the tier spreads its events over a calendar of
// buckets (sim/calendar_heap.hpp) and its heap holds only those of the
// bucket now due: buckets of 1/64 day reaching 64 days for the long tier,
// of 1/256 day (under 6 minutes) reaching 2 days for the short one. Buckets
// are grouped in spans of 64 (a day; six hours in the short tier): an event
// due in a later span waits in that span's list, one of a few dozen whose
// ends stay in cache, and is dealt to its bucket when the span starts. On a
// 60-day R1x100 run the calendars cut the first-level cache misses by a
// third and the instructions by 2%, and the spans cut them by another 28%
// (README, "Speed"); R1 never starts a calendar.
// benchmarks/event_set_bench compares these shapes, one heap of 24- or
// 16-byte entries and two heaps on traces of real runs.
#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/calendar_heap.hpp"
#include "sim/event_phase.hpp"
#include "sim/event_trace.hpp"

namespace flowsim::sim {

// How the queue spreads its events (sim::EventQueue); the defaults are the
// fastest measured on R1, R1x10 and R1x100 (benchmarks/event_set_bench).
struct EventQueueShape {
  double short_days = 1.0;  // due within this of the last pop: the short tier
  // The long tier: events at which its calendar takes over, the width of a
  // bucket (a power of two, so that bucket numbers are exact), and how many
  // (a power of two; the calendar's reach is buckets x bucket_days).
  std::size_t calendar_from = 2048;
  double bucket_days = 1.0 / 64;
  std::size_t buckets = 4096;
  std::size_t buckets_per_span = 64;  // a span of a day (sim/calendar_heap.hpp)
  // The short tier, likewise.
  std::size_t short_calendar_from = 1024;
  double short_bucket_days = 1.0 / 256;
  std::size_t short_buckets = 512;
  std::size_t short_buckets_per_span = 64;
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
    return tiers_[earliest_tier_].empty() && is_none(lanes_[earliest_lane_]);
  }
  [[nodiscard]] std::size_t size() const;
  // The time of the next event (+infinity when the queue is empty).
  [[nodiscard]] double next_time() const {
    const Entry& lane = lanes_[earliest_lane_];
    const Entry& tier_top = tiers_[earliest_tier_].top();
    return later(tier_top, lane) ? lane.time : tier_top.time;
  }
  // Removes the next event into 'event' if it comes before 'limit'; false
  // (and the queue unchanged) when it does not or the queue is empty. One
  // comparison picks the next event and one tests the limit, where
  // next_time() then pop() would compare twice.
  bool pop_before(double limit, Event& event) {
    const Entry& lane = lanes_[earliest_lane_];
    const Entry& tier_top = tiers_[earliest_tier_].top();
    if (later(tier_top, lane)) {
      if (!(lane.time < limit)) return false;
      event = take_lane();
    } else {
      if (!(tier_top.time < limit)) return false;
      event = unpack(take_tier());
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
  [[nodiscard]] Upcoming upcoming_soon() const { return upcoming(tiers_[kShort].top()); }
  [[nodiscard]] Upcoming upcoming_later() const { return upcoming(tiers_[kLong].top()); }
  // Removes and returns the next event; the queue must not be empty.
  Event pop() {
    // "No event" sorts after every real event, so one comparison decides.
    if (later(tiers_[earliest_tier_].top(), lanes_[earliest_lane_])) return take_lane();
    return unpack(take_tier());
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
  // Inlined into both schedule functions (GCC stopped doing so on its own
  // once the tiers' push was inlined beside it: +2.2% instructions on R1).
  [[gnu::always_inline]] inline Entry make_entry(double time, Phase phase, std::uint32_t kind,
                                                 std::uint32_t subject, std::uint32_t tag,
                                                 std::uint32_t lane);
  static Upcoming upcoming(const Entry& e) {
    return Upcoming{static_cast<std::uint32_t>(e.packed & kKindMask), e.subject};
  }
  static Event unpack(const Entry& e) {
    const std::uint64_t phase_bits = e.packed & (std::uint64_t{0xff} << 56);
    const std::uint64_t seq = (e.packed >> kKindBits) & (kSeqLimit - 1);
    return Event{e.time, phase_bits | seq, static_cast<std::uint32_t>(e.packed & kKindMask), e.subject,
                 e.tag};
  }
  Event take_lane();
  Entry take_tier();
  void find_earliest_tier() {
    earliest_tier_ = later(tiers_[kLong].top(), tiers_[kShort].top()) ? kShort : kLong;
  }
  void record(double time, Phase phase, std::uint32_t lane) {
    if (trace_ != nullptr) [[unlikely]]
      append_to_trace(time, phase, lane);
  }
  // Out of line, so that recording costs the hot path one test.
  [[gnu::noinline, gnu::cold]] void append_to_trace(double time, Phase phase, std::uint32_t lane);

  // The short tier holds events due within short_days_ of the last pop when
  // they were scheduled, the long tier the others.
  using Tier = CalendarHeap<Entry, Later>;
  static constexpr std::size_t kLong = 0;
  static constexpr std::size_t kShort = 1;
  std::array<Tier, 2> tiers_;
  std::size_t earliest_tier_ = kLong;
  double short_days_;
  double now_ = 0.0;            // the time of the last event popped
  std::vector<Entry> lanes_;    // kNone when empty; at least one, so earliest_lane_ is always valid
  std::size_t lane_count_ = 0;  // lanes the owner asked for
  std::size_t earliest_lane_ = 0;
  std::uint64_t next_seq_ = 0;
  EventTrace* trace_ = nullptr;
};

}  // namespace flowsim::sim
