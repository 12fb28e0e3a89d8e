#include <catch2/catch.hpp>

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
  for (const std::size_t calendar_from : {std::size_t{50}, std::numeric_limits<std::size_t>::max()}) {
    Heap heap(kNone, {.bucket_days = 1.0 / 8, .buckets = 32, .calendar_from = calendar_from});
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
