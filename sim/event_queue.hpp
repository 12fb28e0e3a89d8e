#pragma once
// The future-event set: a binary min-heap of small typed records.
//
// Tie rule, documented because results depend on it: events are ordered by
// time, then by Phase (see below), then by insertion sequence. Two events at
// the same instant and phase therefore run in the order they were scheduled,
// never in an order that depends on memory addresses or container iteration.
#include <bit>
#include <cstdint>
#include <vector>

namespace flowsim::sim {

// Order of phases at one instant. Releases come before admissions so that a
// bed freed at time t is visible to a patient arriving at t (simmer's
// "releases before seizes"); the daily census comes last so that it counts
// the state after every movement at midnight. Capacity changes (unit
// calendars) come first: a bed opened at t is free for a patient released or
// arriving at t, and a bed closed at t is not refilled by a release at t.
enum class Phase : std::uint8_t {
  CapacityChange = 0,
  Release = 1,
  Arrival = 2,
  Sample = 3,
};

struct Event {
  double time = 0.0;       // days since the start of the replication
  std::uint64_t order = 0; // phase in the top 8 bits, insertion sequence below
  std::uint32_t kind = 0;  // model-defined event type
  std::uint32_t subject = 0;  // patient slot, source index or unit index
  std::uint32_t tag = 0;      // generation stamp for lazy cancellation

  [[nodiscard]] Phase phase() const { return static_cast<Phase>(order >> 56); }
};

class EventQueue {
 public:
  void schedule(double time, Phase phase, std::uint32_t kind, std::uint32_t subject,
                std::uint32_t tag = 0);
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  [[nodiscard]] const Event& top() const { return heap_.front(); }
  Event pop();
  void clear();

 private:
  // 'a' must run after 'b'. Times are never negative, and the bit patterns
  // of non-negative doubles sort like the numbers, so (time, order) compares
  // as one 128-bit integer: one branch-free comparison per heap level.
  static bool later(const Event& a, const Event& b) {
    return key_of(a) > key_of(b);
  }
  __extension__ using Key = unsigned __int128;  // a GCC/Clang extension, hence the marker
  static Key key_of(const Event& e) {
    return (static_cast<Key>(std::bit_cast<std::uint64_t>(e.time)) << 64) | e.order;
  }
  void sift_up(std::size_t i);

  std::vector<Event> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace flowsim::sim
