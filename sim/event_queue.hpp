#pragma once
// The future-event set: a few binary min-heaps of small typed records, plus a
// few "lanes" that each hold at most one pending event outside the heaps.
//
// Tie rule, documented because results depend on it: events are ordered by
// time, then by Phase (see below), then by insertion sequence. Two events at
// the same instant and phase therefore run in the order they were scheduled,
// never in an order that depends on memory addresses or container iteration.
// Lane events take their sequence number from the same counter as heap
// events, so the rule holds across the two.
//
// Why lanes: an arrival process always has exactly one pending arrival, and
// arrivals are a third or more of all events. Keeping each source's next
// arrival in a lane saves a heap insertion and deletion per arrival, with
// one extra comparison per pop.
//
// Why several heaps: a heap operation costs a step per level, and an event
// due soon that is pushed into a heap of events due much later climbs nearly
// every level on the way in. Giving short-horizon events (A&E treatment ends,
// hours) a heap of their own and long ones (ward stays, days) another keeps
// each heap shallow and its entries of one scale. Which heap an event goes to
// never changes the order events come out in: the tie rule is global.
#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

namespace flowsim::sim {

// Order of phases at one instant. Releases come before admissions so that a
// bed freed at time t is visible to a patient arriving at t (simmer's
// "releases before seizes"); the daily census comes last so that it counts
// the state after every movement at midnight. Capacity changes (unit
// calendars) come first: a bed opened at t is free for a patient released or
// arriving at t, and a bed closed at t is not refilled by a release at t.
// Before all of them, the start of a measured period (the end of a warm-up):
// whatever happens at that very instant then belongs to the measured period
// for every statistic alike, never to one statistic and not another.
enum class Phase : std::uint8_t {
  PeriodStart = 0,
  CapacityChange = 1,
  Release = 2,
  Arrival = 3,
  Sample = 4,
};

struct Event {
  double time = 0.0;       // days since the start of the replication
  std::uint64_t order = 0; // phase in the top 8 bits, insertion sequence below
  std::uint32_t kind = 0;  // model-defined event type, below kMaxKinds
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
  // arrival source); 'heaps' the number of heaps (at least one).
  explicit EventQueue(std::size_t lanes = 0, std::size_t heaps = 1);

  // Into heap 0.
  void schedule(double time, Phase phase, std::uint32_t kind, std::uint32_t subject,
                std::uint32_t tag = 0) {
    schedule_in_heap(0, time, phase, kind, subject, tag);
  }
  void schedule_in_heap(std::size_t heap, double time, Phase phase, std::uint32_t kind,
                        std::uint32_t subject, std::uint32_t tag = 0);
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
  // Removes and returns the next event; the queue must not be empty.
  Event pop() {
    // "No event" sorts after every real event, so one comparison decides.
    if (later(heaps_[earliest_heap_].front(), lanes_[earliest_lane_])) return take_lane();
    return unpack(take_heap());
  }

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
  // lane holds it, and every heap keeps it as a sentinel that never leaves,
  // so a heap always has a top to compare and no comparison tests for empty.
  static constexpr std::uint64_t kNonePacked = ~std::uint64_t{0};
  static constexpr Entry kNone{std::numeric_limits<double>::infinity(), kNonePacked, 0, 0};
  static bool is_none(const Entry& e) { return e.packed == kNonePacked; }

  // 'a' must run after 'b'. Times are never negative, and the bit patterns
  // of non-negative doubles sort like the numbers, so (time, packed) compares
  // as one 128-bit integer: one branch-free comparison per heap level.
  static bool later(const Entry& a, const Entry& b) { return key_of(a) > key_of(b); }
  __extension__ using Key = unsigned __int128;  // a GCC/Clang extension, hence the marker
  static Key key_of(const Entry& e) {
    return (static_cast<Key>(std::bit_cast<std::uint64_t>(e.time)) << 64) | e.packed;
  }
  Entry make_entry(double time, Phase phase, std::uint32_t kind, std::uint32_t subject,
                   std::uint32_t tag);
  static Event unpack(const Entry& e) {
    const std::uint64_t phase_bits = e.packed & (std::uint64_t{0xff} << 56);
    const std::uint64_t seq = (e.packed >> kKindBits) & (kSeqLimit - 1);
    return Event{e.time, phase_bits | seq, static_cast<std::uint32_t>(e.packed & kKindMask),
                 e.subject, e.tag};
  }
  Event take_lane();
  Entry take_heap();
  // Puts 'moving' at 'hole' or above it, moving later parents down. The
  // entry comes by value, not read back from heap[hole]: reading back a
  // record just stored field by field stalls store-to-load forwarding, which
  // cost a third of this function's time.
  static void sift_up(std::vector<Entry>& heap, std::size_t hole, Entry moving);
  static Entry pop_heap(std::vector<Entry>& heap);

  // At least one heap, so earliest_heap_ is always valid; each holds kNone.
  std::vector<std::vector<Entry>> heaps_;
  std::size_t earliest_heap_ = 0;
  std::vector<Entry> lanes_;      // kNone when empty; at least one, so earliest_lane_ is always valid
  std::size_t lane_count_ = 0;    // lanes the owner asked for
  std::size_t earliest_lane_ = 0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace flowsim::sim
