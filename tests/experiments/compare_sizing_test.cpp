// Beds that can close from two sizing searches (compare --size-unit): the
// answer, the band from the same rule at both edges, and the widest range.
#include <catch2/catch.hpp>

#include "tools/experiments/compare_sizing.hpp"

using flowsim::tools::beds_that_can_close;
using flowsim::tools::SizeResult;

namespace {

SizeResult sized(std::optional<std::int64_t> met, std::optional<std::int64_t> fails) {
  SizeResult result;
  result.capacity = met;
  result.fails_with_confidence = fails;
  return result;
}

}  // namespace

TEST_CASE("beds that can close: the difference of the answers, with a band from both edges",
          "[experiments][compare_sizing]") {
  // Baseline: met 1097, fails 1070 (undecided 1071-1096). Variant: met
  // 1001, fails 990 (undecided 991-1000).
  const auto beds = beds_that_can_close(sized(1097, 1070), sized(1001, 990));
  REQUIRE(beds.beds);
  CHECK(*beds.beds == 96);
  REQUIRE(beds.band);
  CHECK(beds.band->low == 80);  // 1070 - 990: both sized by "does not fail with confidence"
  CHECK(beds.band->high == 96);
  REQUIRE(beds.widest);
  CHECK(beds.widest->low == 1071 - 1001);
  CHECK(beds.widest->high == 1097 - 991);
}

TEST_CASE("beds that can close: identical searches give 0 with band 0",
          "[experiments][compare_sizing]") {
  const auto beds = beds_that_can_close(sized(58, 54), sized(58, 54));
  REQUIRE(beds.beds);
  CHECK(*beds.beds == 0);
  REQUIRE(beds.band);
  CHECK(beds.band->low == 0);
  CHECK(beds.band->high == 0);
  CHECK(beds.widest->low == -3);  // 55 - 58: the bands taken as unrelated
  CHECK(beds.widest->high == 3);
}

TEST_CASE("beds that can close: unknown without an answer, no band without a failing edge",
          "[experiments][compare_sizing]") {
  CHECK(!beds_that_can_close(sized(std::nullopt, std::nullopt), sized(10, 8)).beds);
  CHECK(!beds_that_can_close(sized(10, 8), sized(std::nullopt, std::nullopt)).beds);
  auto at_range_low_end = sized(5, std::nullopt);
  at_range_low_end.lower_end_met = true;  // a bound from --size-range, not an answer
  CHECK(!beds_that_can_close(sized(10, 8), at_range_low_end).beds);
  CHECK(!beds_that_can_close(at_range_low_end, sized(4, 3)).beds);
  const auto no_edge = beds_that_can_close(sized(10, std::nullopt), sized(8, 6));
  REQUIRE(no_edge.beds);
  CHECK(*no_edge.beds == 2);
  CHECK(!no_edge.band);
  CHECK(!no_edge.widest);
  // A variant that needs more: negative beds, band ordered low to high.
  const auto more = beds_that_can_close(sized(8, 7), sized(12, 9));
  CHECK(*more.beds == -4);
  CHECK(more.band->low == -4);
  CHECK(more.band->high == -2);
}
