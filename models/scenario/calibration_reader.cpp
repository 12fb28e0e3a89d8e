#include "models/scenario/calibration_reader.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/metrics_report.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/unit_statistics.hpp"

namespace flowsim::scenario {

namespace {

// The nearest name (a typing slip), else the names that measure the same
// thing elsewhere (the same last part: unit.ward.utilisation for
// unit.acute.utilisation), else where the list is.
std::string suggest(const std::string& wanted, const std::vector<std::string>& names) {
  if (const std::string near = closest_match(wanted, names); !near.empty())
    return fmt::format("did you mean '{}'?", near);
  const std::string last = wanted.substr(wanted.find_last_of('.') + 1);
  std::vector<std::string> same;
  for (const auto& name : names)
    if (name.size() > last.size() && name.compare(name.size() - last.size(), last.size(), last) == 0 &&
        name[name.size() - last.size() - 1] == '.' && same.size() < 5)
      same.push_back("'" + name + "'");
  if (!same.empty()) return fmt::format("metrics of that name: {}", fmt::join(same, ", "));
  return "every metric is listed in summary.csv of a run";
}

}  // namespace

void read_calibration(const YamlReader& reader, const YAML::Node& node, models::ModelDefinition& model) {
  if (!node.IsSequence()) {
    reader.error(node, "calibration",
                 fmt::format("expected a list of {{metric, target, tolerance, source}}, got {}",
                             describe_node(node)));
    return;
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string path = fmt::format("calibration[{}]", i);
    const YAML::Node item = node[i];
    if (!check_keys(reader, item, path, "calibration[]")) continue;
    models::CalibrationTarget target;
    const auto metric =
        item["metric"] ? reader.text(item["metric"], join_path(path, "metric")) : std::nullopt;
    const auto value =
        item["target"] ? reader.number(item["target"], join_path(path, "target")) : std::nullopt;
    const auto tolerance = item["tolerance"]
                               ? reader.number(item["tolerance"], join_path(path, "tolerance"),
                                               number_rule("calibration[].tolerance"))
                               : std::nullopt;
    const auto source =
        item["source"] ? reader.text(item["source"], join_path(path, "source")) : std::nullopt;
    if (source && source->empty())
      reader.error(item["source"], join_path(path, "source"),
                   "give where the target comes from (document, line)");
    if (!metric || !value || !tolerance || !source || source->empty()) continue;
    model.calibration.push_back({*metric, *value, *tolerance, *source});
  }
}

void check_calibration_metrics(const YamlReader& reader, const YAML::Node& node,
                               const models::ModelDefinition& model) {
  // The metrics of empty statistics: the names, not the values, matter.
  const std::vector<models::UnitStatistics> empty(model.units.size());
  std::vector<std::string> names;
  for (auto& metric : models::report_metrics(model, empty, 1.0, {}))
    names.push_back(std::move(metric.name));
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node metric = node[i]["metric"];
    const std::string& name = metric.Scalar();
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    reader.error(metric, fmt::format("calibration[{}].metric", i),
                 fmt::format("unknown metric '{}'; {}", name, suggest(name, names)));
  }
}

}  // namespace flowsim::scenario
