#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <utility>

#include "sim/calendar_heap.hpp"

namespace {

struct Item {
  double time;
  std::uint32_t id;
};
// Ties in time broken by id, so that every order is exact.
struct ItemLater {
  bool operator()(const Item& a, const Item& b) const {
    return a.time > b.time || (a.time == b.time && a.id > b.id);
  }
};
constexpr Item kNone{std::numeric_limits<double>::infinity(), 0xffffffffU};
using Heap = flowsim::sim::CalendarHeap<Item, ItemLater>;

}  // namespace

TEST_CASE("A calendar heap gives back its items in order, as a heap or as a calendar", "[sim]") {
  // Taking over after 50 items, buckets of 1/8 day reaching 4 days, so that
  // some items start beyond the calendar; and a heap that never becomes one.
  // Spans of one bucket (every later event waits in a span's list), of four
  // (half a day: a ring of eight spans), and one span of the whole reach.
  for (const std::size_t calendar_from : {std::size_t{50}, std::numeric_limits<std::size_t>::max()})
    for (const std::size_t buckets_per_span : {std::size_t{1}, std::size_t{4}, std::size_t{32}}) {
      CAPTURE(calendar_from, buckets_per_span);
      Heap heap(kNone, {.bucket_days = 1.0 / 8,
                        .buckets = 32,
                        .calendar_from = calendar_from,
                        .buckets_per_span = buckets_per_span});
      CHECK(heap.empty());
      CHECK(heap.size() == 0);
      CHECK(heap.top().id == kNone.id);
      // The reference: every item waiting, in order.
      std::set<std::pair<double, std::uint32_t>> waiting;
      const auto pop_and_check = [&] {
        const Item item = heap.pop();
        REQUIRE(!waiting.empty());
        CHECK(std::pair(item.time, item.id) == *waiting.begin());
        waiting.erase(waiting.begin());
        CHECK(heap.size() == waiting.size());
        return item.time;
      };
      std::uint64_t x = 42;
      double now = 0.0;
      for (std::uint32_t id = 0; id < 2000; ++id) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        // Delays of 0 to 8 days in steps of 1/32 (many ties in time).
        const double time = now + static_cast<double>((x >> 40) % 256) / 32.0;
        heap.push({time, id});
        waiting.emplace(time, id);
        CHECK(heap.size() == waiting.size());
        if (id % 3 == 2) now = pop_and_check();
      }
      while (!heap.empty()) pop_and_check();
      CHECK(waiting.empty());
      CHECK(heap.top().id == kNone.id);
    }
}

TEST_CASE("A span's list longer than one chunk, and spans reused, keep their order", "[sim]") {
  // A calendar from the first item: spans of one day (eight buckets of 1/8
  // day), four of them. Each round puts 1,000 items into the day after next
  // (several chunks of its list: a chunk holds 256 of these 16-byte items),
  // 100 beyond the ring's reach and 100 into the current day, then takes out
  // a day's worth, so that lists, chunks and ring slots are used again.
  Heap heap(kNone, {.bucket_days = 1.0 / 8, .buckets = 32, .calendar_from = 0, .buckets_per_span = 8});
  std::set<std::pair<double, std::uint32_t>> waiting;
  std::uint64_t x = 7;
  std::uint32_t id = 0;
  const auto put = [&](double time) {
    heap.push({time, id});
    waiting.emplace(time, id++);
  };
  double now = 0.0;
  for (int round = 0; round < 6; ++round) {
    for (int i = 0; i < 1200; ++i) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      const double within = static_cast<double>((x >> 40) % 1024) / 1024.0;
      put(i < 1000   ? std::floor(now) + 2.0 + within
          : i < 1100 ? now + 10.0 * within + 6.0
                     : now + within / 8);
    }
    REQUIRE(heap.size() == waiting.size());
    while (!waiting.empty() && waiting.begin()->first < std::floor(now) + 1.0) {
      const Item item = heap.pop();
      REQUIRE(std::pair(item.time, item.id) == *waiting.begin());
      waiting.erase(waiting.begin());
      now = item.time;
    }
    now = std::floor(now) + 1.0;
  }
  while (!waiting.empty()) {
    const Item item = heap.pop();
    REQUIRE(std::pair(item.time, item.id) == *waiting.begin());
    waiting.erase(waiting.begin());
  }
  CHECK(heap.empty());
  CHECK(heap.size() == 0);
}
