#include <catch2/catch.hpp>

#include <limits>
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
  queue.schedule(1.0, Phase::PeriodStart, 0, 7);
  std::vector<std::uint32_t> order;
  while (!queue.empty()) order.push_back(queue.pop().subject);
  // The start of a measured period, then capacity changes, then releases
  // (beds freed at t are usable at t), then arrivals, then samples; each in
  // the order scheduled.
  CHECK(order == std::vector<std::uint32_t>{7, 6, 3, 5, 2, 4, 1});
}

TEST_CASE("A large random schedule pops in non-decreasing keys", "[sim]") {
  EventQueue queue;
  std::uint64_t x = 12345;
  for (int i = 0; i < 10000; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    queue.schedule(static_cast<double>(x >> 54), static_cast<Phase>((x >> 20) % 5), 0,
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

TEST_CASE("Events in several heaps and lanes come out under one tie rule", "[sim]") {
  // The same random schedule spread over three heaps and two lanes pops in
  // exactly the order it pops from one heap: which heap an event sits in
  // never changes the order.
  EventQueue spread(2, 3);
  EventQueue single(2, 1);
  std::uint64_t x = 987654321;
  const auto next_random = [&x] {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return x;
  };
  std::vector<std::uint32_t> spread_order;
  std::vector<std::uint32_t> single_order;
  std::uint32_t subject = 0;
  double now = 0.0;
  const auto schedule_some = [&](int count) {
    for (int i = 0; i < count; ++i, ++subject) {
      const std::uint64_t r = next_random();
      // Coarse times so that ties in time (and in phase) are common.
      const double time = now + static_cast<double>((r >> 40) % 16);
      const auto phase = static_cast<Phase>((r >> 20) % 4);
      spread.schedule_in_heap((r >> 10) % 3, time, phase, 0, subject);
      single.schedule(time, phase, 0, subject);
    }
  };
  schedule_some(500);
  for (std::uint32_t lane = 0; lane < 2; ++lane) {
    spread.schedule_in_lane(lane, 3.0, Phase::Arrival, 1, 100000 + lane);
    single.schedule_in_lane(lane, 3.0, Phase::Arrival, 1, 100000 + lane);
  }
  CHECK(spread.size() == single.size());
  while (!single.empty()) {
    REQUIRE(spread.next_time() == single.next_time());
    const auto a = spread.pop();
    const auto b = single.pop();
    now = b.time;
    spread_order.push_back(a.subject);
    single_order.push_back(b.subject);
    // Keep scheduling while popping, as a model does.
    if (subject < 3000 && (b.subject % 3) == 0) schedule_some(2);
  }
  CHECK(spread.empty());
  CHECK(spread_order == single_order);
  CHECK(single_order.size() == subject + 2);
  CHECK_THROWS_AS(spread.schedule_in_heap(3, 1.0, Phase::Arrival, 0, 0), std::logic_error);
}

TEST_CASE("pop_before takes the next event only when it comes before the limit", "[sim]") {
  EventQueue queue(1, 2);
  queue.schedule_in_heap(1, 2.0, Phase::Release, 0, 1);
  queue.schedule_in_lane(0, 1.0, Phase::Arrival, 0, 2);
  queue.schedule_in_heap(0, 3.0, Phase::Arrival, 0, 3);
  flowsim::sim::Event event;
  // The limit is strict: an event at the limit stays for the next period.
  CHECK_FALSE(queue.pop_before(1.0, event));
  CHECK(queue.size() == 3);
  CHECK(queue.next_time() == 1.0);
  REQUIRE(queue.pop_before(1.5, event));
  CHECK(event.subject == 2);  // from the lane
  CHECK_FALSE(queue.pop_before(1.5, event));
  REQUIRE(queue.pop_before(10.0, event));
  CHECK(event.subject == 1);  // from heap 1
  REQUIRE(queue.pop_before(10.0, event));
  CHECK(event.subject == 3);  // from heap 0
  CHECK(queue.empty());
  // An empty queue never yields, whatever the limit.
  CHECK_FALSE(queue.pop_before(std::numeric_limits<double>::infinity(), event));
}
