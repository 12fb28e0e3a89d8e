#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/event_heap.hpp"

namespace {

constexpr int kSentinel = std::numeric_limits<int>::max();
struct IntLater {
  bool operator()(int a, int b) const { return a > b; }
};

}  // namespace

TEST_CASE("heap_push and heap_pop give back the smallest first, the sentinel never", "[sim]") {
  std::vector<int> heap{kSentinel};
  std::vector<int> pushed;
  std::uint64_t x = 2024;
  for (int i = 0; i < 1000; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto value = static_cast<int>(x >> 54);  // many equal values
    flowsim::sim::heap_push(heap, value, IntLater{});
    pushed.push_back(value);
  }
  CHECK(heap.size() == 1001);
  std::vector<int> popped;
  while (heap.front() != kSentinel) popped.push_back(flowsim::sim::heap_pop(heap, IntLater{}));
  std::sort(pushed.begin(), pushed.end());
  CHECK(popped == pushed);
  CHECK(heap == std::vector<int>{kSentinel});
}

TEST_CASE("heap_sift_up puts an entry at or above its hole", "[sim]") {
  // A valid heap with a hole at the last leaf: 1 is its place's new value.
  std::vector<int> heap{2, 5, 3, 9, 7, kSentinel};
  flowsim::sim::heap_sift_up(heap, 4, 1, IntLater{});  // overwrites the 7
  CHECK(heap == std::vector<int>{1, 2, 3, 9, 5, kSentinel});
  // An entry later than its parent stays where it is put.
  flowsim::sim::heap_sift_up(heap, 3, 8, IntLater{});
  CHECK(heap == std::vector<int>{1, 2, 3, 8, 5, kSentinel});
}
