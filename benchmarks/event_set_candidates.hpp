#pragma once
// Event sets compared with sim::EventQueue by benchmarks/event_set_bench on
// traces of real runs. Each keeps the engine's tie rule exactly: time, then
// phase, then insertion sequence, compared as one 128-bit key, and each keeps
// the arrival lanes beside it as sim::EventQueue does, so only the place
// where the other events wait differs. Interface: schedule(time, phase,
// subject), schedule_in_lane(lane, time, phase, subject), and pop(), which
// returns the subject.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/event_heap.hpp"
#include "sim/event_phase.hpp"

namespace flowsim::bench {

__extension__ using Key = unsigned __int128;

// The sim::EventQueue layout: 24 bytes, the payload carried in the entry.
struct WideEntry {
  double time;
  std::uint64_t order;  // phase (8 bits) | sequence
  std::uint32_t subject;
  std::uint32_t tag;
  static constexpr std::uint64_t kNoneOrder = ~std::uint64_t{0};
  [[nodiscard]] Key key() const {
    return (static_cast<Key>(std::bit_cast<std::uint64_t>(time)) << 64) | order;
  }
  [[nodiscard]] bool none() const { return order == kNoneOrder; }
};

inline constexpr WideEntry kNoWide{std::numeric_limits<double>::infinity(), WideEntry::kNoneOrder, 0, 0};

inline bool later_wide(const WideEntry& a, const WideEntry& b) { return a.key() > b.key(); }
// As a type, so that the heap templates inline it.
struct LaterWide {
  bool operator()(const WideEntry& a, const WideEntry& b) const { return later_wide(a, b); }
};

// One lane per source, scanned for the earliest, as in sim::EventQueue.
class Lanes {
 public:
  explicit Lanes(std::size_t count) : lanes_(std::max<std::size_t>(count, 1), kNoWide) {}
  void put(std::size_t lane, const WideEntry& entry) {
    lanes_[lane] = entry;
    if (later_wide(lanes_[earliest_], entry)) earliest_ = lane;
  }
  [[nodiscard]] const WideEntry& earliest() const { return lanes_[earliest_]; }
  std::uint32_t take() {
    const std::uint32_t subject = lanes_[earliest_].subject;
    lanes_[earliest_] = kNoWide;
    for (std::size_t i = 0; i < lanes_.size(); ++i)
      if (later_wide(lanes_[earliest_], lanes_[i])) earliest_ = i;
    return subject;
  }

 private:
  std::vector<WideEntry> lanes_;
  std::size_t earliest_ = 0;
};

inline std::uint64_t phase_bits(sim::Phase phase) { return static_cast<std::uint64_t>(phase) << 56; }

// Binary heaps of 24-byte entries; an event goes to the short heap when its
// delay is under 'short_days' (with one heap, 'short_days' = 0, never).
// Two heaps split at one day is the engine's layout before the calendar.
class SplitHeaps {
 public:
  SplitHeaps(std::size_t lanes, double short_days) : lanes_(lanes), short_days_(short_days) {}
  void schedule(double time, sim::Phase phase, std::uint32_t subject) {
    const WideEntry entry{time, phase_bits(phase) | seq_++, subject, 0};
    std::vector<WideEntry>& heap = time - now_ < short_days_ ? short_ : long_;
    sim::heap_push(heap, entry, LaterWide{});
  }
  void schedule_in_lane(std::size_t lane, double time, sim::Phase phase, std::uint32_t subject) {
    lanes_.put(lane, WideEntry{time, phase_bits(phase) | seq_++, subject, 0});
  }
  std::uint32_t pop() {
    std::vector<WideEntry>& heap = later_wide(long_.front(), short_.front()) ? short_ : long_;
    if (later_wide(heap.front(), lanes_.earliest())) {
      now_ = lanes_.earliest().time;
      return lanes_.take();
    }
    now_ = heap.front().time;
    return sim::heap_pop(heap, LaterWide{}).subject;
  }

 private:
  std::vector<WideEntry> short_{kNoWide};
  std::vector<WideEntry> long_{kNoWide};
  Lanes lanes_;
  double short_days_;
  double now_ = 0.0;
  std::uint64_t seq_ = 0;
};

// One binary heap of 16-byte entries: the time and one word holding phase
// (3 bits), sequence (37 bits) and the index (24 bits) of the event's
// payload (kind, subject, tag) in a side table with a free list.
class CompactHeap {
  struct Entry {
    double time;
    std::uint64_t word;
    [[nodiscard]] Key key() const {
      return (static_cast<Key>(std::bit_cast<std::uint64_t>(time)) << 64) | word;
    }
  };
  struct Payload {
    std::uint32_t kind;
    std::uint32_t subject;
    std::uint32_t tag;
  };
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const { return a.key() > b.key(); }
  };
  static constexpr int kSlotBits = 24;

 public:
  explicit CompactHeap(std::size_t lanes) : lanes_(lanes) {}
  void schedule(double time, sim::Phase phase, std::uint32_t subject) {
    std::uint32_t slot = 0;
    if (free_.empty()) {
      slot = static_cast<std::uint32_t>(payloads_.size());
      payloads_.push_back(Payload{0, subject, 0});
    } else {
      slot = free_.back();
      free_.pop_back();
      payloads_[slot] = Payload{0, subject, 0};
    }
    const std::uint64_t word = (static_cast<std::uint64_t>(phase) << 61) | (seq_++ << kSlotBits) | slot;
    sim::heap_push(heap_, Entry{time, word}, Later{});
  }
  void schedule_in_lane(std::size_t lane, double time, sim::Phase phase, std::uint32_t subject) {
    // Lanes keep the engine's order word; the heap's is rebuilt to compare.
    lanes_.put(lane, WideEntry{time, phase_bits(phase) | seq_++, subject, 0});
  }
  std::uint32_t pop() {
    const Entry& top = heap_.front();
    const WideEntry& lane = lanes_.earliest();
    // Compare with the lane in the lane's layout: time, phase, sequence.
    const std::uint64_t top_order =
        ((top.word >> 61) << 56) | ((top.word >> kSlotBits) & ((std::uint64_t{1} << 37) - 1));
    const bool top_none = top.word == kNoneWord;
    if (top_none || later_wide(WideEntry{top.time, top_order, 0, 0}, lane)) return lanes_.take();
    const Entry taken = sim::heap_pop(heap_, Later{});
    const auto slot = static_cast<std::uint32_t>(taken.word & ((1U << kSlotBits) - 1));
    free_.push_back(slot);
    return payloads_[slot].subject;
  }

 private:
  static constexpr std::uint64_t kNoneWord = ~std::uint64_t{0};
  std::vector<Entry> heap_{Entry{std::numeric_limits<double>::infinity(), kNoneWord}};
  std::vector<Payload> payloads_;
  std::vector<std::uint32_t> free_;
  Lanes lanes_;
  std::uint64_t seq_ = 0;
};

}  // namespace flowsim::bench
