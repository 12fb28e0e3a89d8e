#include <catch2/catch.hpp>

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
