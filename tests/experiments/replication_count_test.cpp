// The sequential procedure of Hoad, Robinson and Davies on sequences whose
// answer can be worked out by hand.
#include <catch2/catch.hpp>

#include <vector>

#include "sim/output_analysis.hpp"
#include "sim/replication_count.hpp"
#include "sim/statistics.hpp"

using flowsim::sim::decide_replications;
using flowsim::sim::look_ahead;
using flowsim::sim::ReplicationCountSettings;

TEST_CASE("look-ahead: k_limit up to 100 replications, then in proportion", "[sim][replications]") {
  CHECK(look_ahead(3, 5) == 5);
  CHECK(look_ahead(100, 5) == 5);
  CHECK(look_ahead(101, 5) == 6);  // ceil(5.05)
  CHECK(look_ahead(200, 5) == 10);
}

TEST_CASE("a constant output is accepted at the first check, once the look-ahead has run",
          "[sim][replications]") {
  const ReplicationCountSettings settings{0.05, 5, 3};
  const auto early = decide_replications({std::vector<double>(7, 10.0)}, settings);
  CHECK_FALSE(early.replications);
  CHECK(early.need_at_least == 8);  // candidate 3 + look-ahead 5
  const auto done = decide_replications({std::vector<double>(8, 10.0)}, settings);
  REQUIRE(done.replications);
  CHECK(*done.replications == 3);
}

TEST_CASE("a lucky early precision is not accepted when the look-ahead breaks it",
          "[sim][replications]") {
  // 10, 10, 10, 10, 30, then 10s: d_3 = 0 is a candidate, the 30 at n = 5
  // breaks it, and the answer is the first n after it with d_n <= 5%.
  std::vector<double> values(300, 10.0);
  values[4] = 30.0;
  const ReplicationCountSettings settings{0.05, 5, 3};
  const auto decision = decide_replications({values}, settings);
  REQUIRE(decision.replications);
  const std::size_t n = *decision.replications;
  const auto d = [&values](std::size_t k) {
    return flowsim::sim::relative_half_width(
        flowsim::sim::summarize(std::span<const double>(values).first(k)));
  };
  CHECK(n > 5);
  CHECK(d(n) <= 0.05);
  CHECK(d(n - 1) > 0.05);
  // Several outputs: the largest answer wins.
  const auto both = decide_replications({std::vector<double>(300, 1.0), values}, settings);
  REQUIRE(both.replications);
  CHECK(*both.replications == n);
}

TEST_CASE("an output that never settles asks for more replications", "[sim][replications]") {
  // Alternating +1, -1: the mean is about 0, so the relative precision never converges.
  std::vector<double> values(40);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = i % 2 == 0 ? 1.0 : -1.0;
  const auto decision = decide_replications({values}, ReplicationCountSettings{0.05, 5, 3});
  CHECK_FALSE(decision.replications);
  CHECK(decision.need_at_least == 46);  // the next replication and its look-ahead
  CHECK(decision.worst_precision > 1.0);
}
