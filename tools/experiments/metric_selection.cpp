#include "tools/experiments/metric_selection.hpp"

#include "models/metrics_report.hpp"
#include "models/unit_statistics.hpp"

namespace flowsim::tools {

std::vector<std::string> metric_names(const models::ModelDefinition& model) {
  // Report the metrics of empty statistics: the names, not the values, matter.
  const std::vector<models::UnitStatistics> empty(model.units.size());
  std::vector<std::string> names;
  for (auto& metric : models::report_metrics(model, empty, 1.0, {})) names.push_back(std::move(metric.name));
  return names;
}

bool matches_pattern(const std::string& pattern, const std::string& name) {
  // Iterative wildcard match: remember the last '*' and retry from there.
  std::size_t p = 0;
  std::size_t n = 0;
  std::size_t star = std::string::npos;
  std::size_t resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (p < pattern.size() && pattern[p] == name[n]) {
      ++p;
      ++n;
    } else if (star != std::string::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<std::size_t> select_metrics(const std::vector<std::string>& names,
                                        const std::vector<std::string>& patterns,
                                        std::optional<std::string>& unmatched) {
  std::vector<bool> chosen(names.size(), false);
  for (const auto& pattern : patterns) {
    bool any = false;
    for (std::size_t k = 0; k < names.size(); ++k)
      if (matches_pattern(pattern, names[k])) chosen[k] = any = true;
    if (!any && !unmatched) unmatched = pattern;
  }
  std::vector<std::size_t> indices;
  for (std::size_t k = 0; k < names.size(); ++k)
    if (chosen[k]) indices.push_back(k);
  return indices;
}

}  // namespace flowsim::tools
