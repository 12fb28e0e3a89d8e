#pragma once
// The time-weighted occupancy distribution of each unit, P(N = n): the share
// of the measured period (after warm-up) spent with exactly n beds occupied,
// averaged over replications. From one run with unlimited beds it gives the
// Erlang-style curve of how often n beds would be full, P(N = n) / P(N <= n)
// (for Poisson occupancy, exactly Erlang B with n beds).
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"
#include "sim/statistics.hpp"

namespace flowsim::tools {

// Shares of the total time at each occupancy level (they sum to 1); empty
// when no time was measured.
[[nodiscard]] std::vector<double> occupancy_probabilities(const std::vector<double>& time_at_occupancy);

struct OccupancyLevel {
  std::size_t occupied = 0;
  sim::Summary probability;   // P(N = occupied) across replications
  double cumulative = 0.0;    // sum of the mean probabilities up to this level
  double full_if_beds = 0.0;  // P(N = n) / P(N <= n) from the means: n beds all occupied
};

// One unit's levels from 0 to the highest occupancy any replication reached.
[[nodiscard]] std::vector<OccupancyLevel> occupancy_distribution(
    const std::vector<models::ReplicationResult>& results, std::size_t unit);

// occupancy_distribution.csv: every unit's levels.
[[nodiscard]] std::string occupancy_distribution_csv(
    const models::ModelDefinition& model, const std::vector<models::ReplicationResult>& results);

}  // namespace flowsim::tools
