#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "sim/event_queue.hpp"

using flowsim::sim::EventQueue;
using flowsim::sim::Phase;

TEST_CASE("Events come out in time order", "[sim]") {
  EventQueue queue;
  for (const double t : {5.0, 1.0, 3.0, 2.0, 4.0}) queue.schedule(t, Phase::Arrival, 0, 0);
  std::vector<double> times;
  while (!queue.empty()) times.push_back(queue.pop().time);
  CHECK(times == std::vector<double>{1.0, 2.0, 3.0, 4.0, 5.0});
}

TEST_CASE("Ties are broken by phase, then by insertion order", "[sim]") {
  EventQueue queue;
  queue.schedule(1.0, Phase::Sample, 0, 1);
  queue.schedule(1.0, Phase::Arrival, 0, 2);
  queue.schedule(1.0, Phase::Release, 0, 3);
  queue.schedule(1.0, Phase::Arrival, 0, 4);
  queue.schedule(1.0, Phase::Release, 0, 5);
  queue.schedule(1.0, Phase::CapacityChange, 0, 6);
  std::vector<std::uint32_t> order;
  while (!queue.empty()) order.push_back(queue.pop().subject);
  // Capacity changes, then releases (beds freed at t are usable at t), then
  // arrivals, then samples; each in the order scheduled.
  CHECK(order == std::vector<std::uint32_t>{6, 3, 5, 2, 4, 1});
}

TEST_CASE("A large random schedule pops in non-decreasing keys", "[sim]") {
  EventQueue queue;
  std::uint64_t x = 12345;
  for (int i = 0; i < 10000; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    queue.schedule(static_cast<double>(x >> 54), static_cast<Phase>((x >> 20) % 4), 0,
                   static_cast<std::uint32_t>(i));
  }
  auto previous = queue.pop();
  while (!queue.empty()) {
    const auto next = queue.pop();
    const bool ordered = previous.time < next.time ||
                         (previous.time == next.time && previous.order < next.order);
    REQUIRE(ordered);
    previous = next;
  }
}

TEST_CASE("Lane events interleave with heap events under the same tie rule", "[sim]") {
  EventQueue queue(2);
  queue.schedule(2.0, Phase::Arrival, 0, 1);
  queue.schedule_in_lane(0, 2.0, Phase::Arrival, 0, 2);  // same instant and phase: after subject 1
  queue.schedule_in_lane(1, 1.0, Phase::Arrival, 0, 3);
  queue.schedule(2.0, Phase::Release, 0, 4);              // earlier phase at 2.0: before 1 and 2
  queue.schedule(3.0, Phase::Release, 0, 5);
  CHECK(queue.size() == 5);
  CHECK(queue.next_time() == 1.0);
  std::vector<std::uint32_t> order;
  while (!queue.empty()) {
    const auto event = queue.pop();
    order.push_back(event.subject);
    // A lane refilled while popping takes a fresh sequence number.
    if (event.subject == 2) queue.schedule_in_lane(0, 3.0, Phase::Release, 0, 6);
  }
  CHECK(order == std::vector<std::uint32_t>{3, 4, 1, 2, 5, 6});
}

TEST_CASE("The kind survives packing and a lane takes one event at a time", "[sim]") {
  EventQueue queue(1);
  queue.schedule_in_lane(0, 0.5, Phase::Sample, 255, 9, 77);
  CHECK_THROWS_AS(queue.schedule_in_lane(0, 0.7, Phase::Sample, 1, 1), std::logic_error);
  CHECK_THROWS_AS(queue.schedule_in_lane(1, 0.7, Phase::Sample, 1, 1), std::logic_error);
  CHECK_THROWS_AS(queue.schedule(0.7, Phase::Sample, EventQueue::kMaxKinds, 1), std::invalid_argument);
  const auto event = queue.pop();
  CHECK(event.kind == 255);
  CHECK(event.subject == 9);
  CHECK(event.tag == 77);
  CHECK(event.phase() == Phase::Sample);
  CHECK(queue.empty());
  CHECK_THROWS_AS(queue.pop(), std::logic_error);
}
