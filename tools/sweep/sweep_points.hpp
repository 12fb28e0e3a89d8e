#pragma once
// The points of a sweep: the full factorial grid of the 'values'
// parameters (the first parameter varies slowest), crossed with a Latin
// hypercube sample of the 'range' parameters.
#include <cstdint>
#include <vector>

#include "tools/sweep/sweep_definition.hpp"

namespace flowsim::sweep {

// One value per parameter, in the sweep's parameter order.
struct SweepPoint {
  std::vector<ParameterValue> values;
};

// 'samples' points in the unit cube [0,1)^dimensions such that, in every
// dimension, each of the 'samples' equal strata holds exactly one point.
// Deterministic in 'seed' (counter-based draws, sim/random_stream.hpp).
[[nodiscard]] std::vector<std::vector<double>> latin_hypercube(std::uint32_t samples,
                                                               std::size_t dimensions,
                                                               std::uint64_t seed);

[[nodiscard]] std::vector<SweepPoint> sweep_points(const SweepDefinition& sweep, std::uint64_t seed);

}  // namespace flowsim::sweep
