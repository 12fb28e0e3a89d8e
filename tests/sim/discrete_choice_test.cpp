#include <catch2/catch.hpp>

#include <vector>

#include "sim/discrete_choice.hpp"

using flowsim::sim::choose_index;

TEST_CASE("choose_index inverts a cumulative table, half-open on the right", "[sim]") {
  const std::vector<double> cumulative{0.0, 0.2, 0.2, 0.7, 1.0};  // outcome 1 has probability 0
  CHECK(choose_index(cumulative, 0.0) == 0);
  CHECK(choose_index(cumulative, 0.19) == 0);
  CHECK(choose_index(cumulative, 0.2) == 2);  // never the empty outcome 1
  CHECK(choose_index(cumulative, 0.5) == 2);
  CHECK(choose_index(cumulative, 0.7) == 3);
  CHECK(choose_index(cumulative, 0.999999) == 3);
  // A single outcome takes every u.
  CHECK(choose_index({0.0, 1.0}, 0.5) == 0);
}
