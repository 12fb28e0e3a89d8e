#include "tools/experiments/comparison.hpp"

#include <map>
#include <stdexcept>

namespace flowsim::tools {

namespace {

// values[metric name] = per-replication values, for one scenario.
using MetricColumns = std::map<std::string, std::vector<double>>;

MetricColumns columns_of(const std::vector<models::ReplicationResult>& results) {
  MetricColumns columns;
  for (const auto& r : results)
    for (const auto& m : r.metrics) columns[m.name].push_back(m.value);
  return columns;
}

}  // namespace

std::vector<ComparisonRow> compare_scenarios(
    const std::vector<std::vector<models::ReplicationResult>>& results) {
  if (results.empty() || results.front().empty())
    throw std::invalid_argument("a comparison needs at least one replication of the baseline");
  std::vector<std::string> order;
  std::vector<MetricColumns> columns;
  std::map<std::string, bool> seen;
  for (const auto& scenario : results) {
    if (scenario.size() != results.front().size())
      throw std::invalid_argument("scenarios compared with different numbers of replications");
    columns.push_back(columns_of(scenario));
    for (const auto& m : scenario.front().metrics)
      if (!seen[m.name]) {
        seen[m.name] = true;
        order.push_back(m.name);
      }
  }
  std::vector<ComparisonRow> rows;
  for (const auto& name : order) {
    const auto base = columns[0].find(name);
    for (std::size_t s = 0; s < columns.size(); ++s) {
      const auto it = columns[s].find(name);
      if (it == columns[s].end()) continue;
      ComparisonRow row{name, s, sim::summarize(it->second), std::nullopt};
      if (s > 0 && base != columns[0].end())
        row.difference = sim::paired_difference(base->second, it->second);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace flowsim::tools
