#pragma once
// Picking one of a few outcomes (a route, a patient group, a mixture
// component, a histogram bin) by inversion of a table of cumulative
// probabilities.
#include <algorithm>
#include <cstddef>
#include <vector>

namespace flowsim::sim {

// The index i with cumulative[i] <= u < cumulative[i + 1], for a table that
// starts at 0, ends at 1 and never decreases. (A branch-free linear count was
// tried for short tables; R1 ran no faster.)
[[nodiscard]] inline std::size_t choose_index(const std::vector<double>& cumulative, double u) {
  const auto it = std::upper_bound(cumulative.begin() + 1, cumulative.end() - 1, u);
  return static_cast<std::size_t>(it - cumulative.begin()) - 1;
}

}  // namespace flowsim::sim
