#include "tools/experiments/metric_selection.hpp"

#include <algorithm>
#include <sstream>

#include "models/metrics_report.hpp"
#include "models/scenario/diagnostics.hpp"
#include "models/unit_statistics.hpp"

namespace flowsim::tools {

std::vector<std::string> metric_names(const models::ModelDefinition& model) {
  // Report the metrics of empty statistics: the names, not the values, matter.
  const std::vector<models::UnitStatistics> empty(model.units.size());
  std::vector<std::string> names;
  for (auto& metric : models::report_metrics(model, empty, 1.0, {}))
    names.push_back(std::move(metric.name));
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

namespace {

std::vector<std::string> dotted_parts(const std::string& text) {
  std::vector<std::string> parts;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, '.');) parts.push_back(part);
  return parts;
}

// 'name' with each part that is a lone '*' in the pattern replaced by '*',
// so that a pattern is compared with the pattern it was meant to be.
std::string as_pattern_shape(const std::vector<std::string>& pattern_parts, const std::string& name) {
  auto parts = dotted_parts(name);
  if (parts.size() != pattern_parts.size()) return name;
  std::string shaped;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) shaped += '.';
    shaped += pattern_parts[i] == "*" ? "*" : parts[i];
  }
  return shaped;
}

}  // namespace

std::vector<std::string> closest_metric_names(const std::vector<std::string>& names,
                                              const std::string& pattern, std::size_t most) {
  const auto pattern_parts = dotted_parts(pattern);
  std::vector<std::string> candidates;
  for (const auto& name : names) {
    std::string candidate = as_pattern_shape(pattern_parts, name);
    if (std::find(candidates.begin(), candidates.end(), candidate) == candidates.end())
      candidates.push_back(std::move(candidate));
  }
  // Close: within a third of the pattern's length (at least 2 edits).
  const std::size_t close = std::max<std::size_t>(2, pattern.size() / 3);
  std::size_t best = close + 1;
  std::vector<std::string> nearest;
  for (const auto& candidate : candidates) {
    const std::size_t distance = scenario::edit_distance(pattern, candidate);
    if (distance < best) {
      best = distance;
      nearest.clear();
    }
    if (distance == best && nearest.size() < most) nearest.push_back(candidate);
  }
  return nearest;
}

}  // namespace flowsim::tools
