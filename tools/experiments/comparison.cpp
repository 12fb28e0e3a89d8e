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
      ComparisonRow row;
      row.metric = name;
      row.scenario = s;
      row.value = sim::summarize(it->second);
      row.spread = sim::spread_of(it->second);
      if (s > 0 && base != columns[0].end()) {
        row.difference = sim::paired_difference(base->second, it->second);
        row.median_difference = sim::paired_median_difference(base->second, it->second);
        std::vector<double> differences(it->second.size());
        for (std::size_t r = 0; r < differences.size(); ++r)
          differences[r] = it->second[r] - base->second[r];
        row.difference_skewed = sim::spread_of(differences).skewed;
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::vector<std::vector<models::ReplicationResult>> without_replications(
    const std::vector<std::vector<models::ReplicationResult>>& results,
    const std::set<std::uint32_t>& excluded) {
  std::vector<std::vector<models::ReplicationResult>> kept(results.size());
  for (std::size_t s = 0; s < results.size(); ++s)
    for (const auto& r : results[s])
      if (!excluded.count(r.replication)) kept[s].push_back(r);
  return kept;
}

}  // namespace flowsim::tools
