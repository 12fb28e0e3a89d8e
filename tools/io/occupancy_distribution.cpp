#include "tools/io/occupancy_distribution.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "tools/io/run_outputs.hpp"

namespace flowsim::tools {

std::vector<double> occupancy_probabilities(const std::vector<double>& time_at_occupancy) {
  const double total = std::accumulate(time_at_occupancy.begin(), time_at_occupancy.end(), 0.0);
  if (!(total > 0.0)) return {};
  std::vector<double> shares;
  shares.reserve(time_at_occupancy.size());
  for (const double t : time_at_occupancy) shares.push_back(t / total);
  return shares;
}

std::vector<OccupancyLevel> occupancy_distribution(const std::vector<models::ReplicationResult>& results,
                                                   std::size_t unit) {
  std::vector<std::vector<double>> shares;
  std::size_t levels = 0;
  for (const auto& r : results) {
    if (unit >= r.time_at_occupancy.size()) continue;
    auto p = occupancy_probabilities(r.time_at_occupancy[unit]);
    if (p.empty()) continue;
    // Trailing levels never occupied (kept from the warm-up) are not levels reached.
    while (!p.empty() && p.back() == 0.0) p.pop_back();
    levels = std::max(levels, p.size());
    shares.push_back(std::move(p));
  }
  std::vector<OccupancyLevel> out;
  std::vector<double> values(shares.size());
  double cumulative = 0.0;
  for (std::size_t n = 0; n < levels; ++n) {
    for (std::size_t r = 0; r < shares.size(); ++r)
      values[r] = n < shares[r].size() ? shares[r][n] : 0.0;
    OccupancyLevel level;
    level.occupied = n;
    level.probability = sim::summarize(values);
    cumulative += level.probability.mean;
    level.cumulative = cumulative;
    level.full_if_beds = cumulative > 0.0 ? level.probability.mean / cumulative : 0.0;
    out.push_back(level);
  }
  return out;
}

std::string occupancy_distribution_csv(const models::ModelDefinition& model,
                                       const std::vector<models::ReplicationResult>& results) {
  std::string csv = "unit,occupied,mean,sd,ci95_low,ci95_high,replications,cumulative,full_if_beds\n";
  for (std::size_t u = 0; u < model.units.size(); ++u)
    for (const auto& level : occupancy_distribution(results, u))
      csv += fmt::format("{},{},{},{},{}\n", model.units[u].name, level.occupied,
                         summary_csv_fields(level.probability), level.cumulative, level.full_if_beds);
  return csv;
}

}  // namespace flowsim::tools
