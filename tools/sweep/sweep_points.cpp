#include "tools/sweep/sweep_points.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "models/random_streams.hpp"
#include "sim/random_stream.hpp"

namespace flowsim::sweep {

std::vector<std::vector<double>> latin_hypercube(std::uint32_t samples, std::size_t dimensions,
                                                 std::uint64_t seed) {
  const sim::StreamKey key(seed, models::streams::kSweepPoints);
  std::vector<std::vector<double>> points(samples, std::vector<double>(dimensions));
  std::vector<std::uint32_t> strata(samples);
  for (std::size_t d = 0; d < dimensions; ++d) {
    const auto dimension = static_cast<std::uint32_t>(d);
    // Fisher-Yates shuffle of the strata, one draw per swap: purpose 2d.
    std::iota(strata.begin(), strata.end(), 0U);
    for (std::uint32_t i = samples; i > 1; --i) {
      const double u = sim::uniform_at(key, 2 * dimension, i, 0, 0);
      const auto j = std::min(i - 1, static_cast<std::uint32_t>(u * i));
      std::swap(strata[i - 1], strata[j]);
    }
    // A uniform position inside each stratum: purpose 2d + 1.
    for (std::uint32_t s = 0; s < samples; ++s) {
      const double jitter = sim::uniform_at(key, 2 * dimension + 1, s, 0, 0);
      points[s][d] = (strata[s] + jitter) / samples;
    }
  }
  return points;
}

namespace {

ParameterValue sampled_value(const SweepParameter& p, double unit) {
  if (p.integer) {
    const double value = std::min(p.high, std::floor(p.low + unit * (p.high - p.low + 1.0)));
    return {fmt::format("{}", static_cast<long long>(value)), true};
  }
  return {fmt::format("{}", p.low + unit * (p.high - p.low)), true};
}

}  // namespace

std::vector<SweepPoint> sweep_points(const SweepDefinition& sweep, std::uint64_t seed) {
  std::vector<std::size_t> grid;     // indices of grid parameters
  std::vector<std::size_t> sampled;  // indices of sampled parameters
  for (std::size_t i = 0; i < sweep.parameters.size(); ++i)
    (sweep.parameters[i].sampled() ? sampled : grid).push_back(i);

  std::size_t grid_size = 1;
  for (const auto i : grid) grid_size *= sweep.parameters[i].values.size();
  const std::size_t sample_count = sampled.empty() ? 1 : sweep.samples;
  const auto cube = latin_hypercube(sampled.empty() ? 0 : sweep.samples, sampled.size(), seed);

  std::vector<SweepPoint> points;
  points.reserve(grid_size * sample_count);
  for (std::size_t g = 0; g < grid_size; ++g) {
    for (std::size_t s = 0; s < sample_count; ++s) {
      SweepPoint point;
      point.values.resize(sweep.parameters.size());
      // Mixed-radix digits of g, the last grid parameter varying fastest.
      std::size_t rest = g;
      for (auto it = grid.rbegin(); it != grid.rend(); ++it) {
        const auto& values = sweep.parameters[*it].values;
        point.values[*it] = values[rest % values.size()];
        rest /= values.size();
      }
      for (std::size_t k = 0; k < sampled.size(); ++k)
        point.values[sampled[k]] = sampled_value(sweep.parameters[sampled[k]], cube[s][k]);
      points.push_back(std::move(point));
    }
  }
  return points;
}

}  // namespace flowsim::sweep
