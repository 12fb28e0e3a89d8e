#include "tools/sweep/point_scenario.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "models/scenario/overlay.hpp"

namespace flowsim::sweep {

std::string point_overlay_yaml(const SweepDefinition& sweep, const SweepPoint& point,
                               std::size_t index) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "overlay" << YAML::Value << fmt::format("{} point {}", sweep.name, index);
  out << YAML::Key << "changes" << YAML::Value << YAML::BeginSeq;
  for (std::size_t i = 0; i < sweep.parameters.size(); ++i) {
    const auto& parameter = sweep.parameters[i];
    const auto& value = point.values[i];
    const bool sets = parameter.action == ParameterAction::Set;
    out << YAML::BeginMap;
    out << YAML::Key << (sets ? "set" : "scale") << YAML::Value << parameter.path;
    out << YAML::Key << (sets ? "to" : "by") << YAML::Value;
    // Numbers go in plain, so they read back as numbers; strings quoted, so
    // that "100" or "true" stay strings.
    if (value.is_number) out << value.text;
    else out << YAML::DoubleQuoted << value.text;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

scenario::LoadResult load_point_scenario(const SweepDefinition& sweep, const SweepPoint& point,
                                         std::size_t index,
                                         const std::vector<scenario::OverlayText>& variant) {
  auto overlays = variant;
  overlays.push_back(
      {fmt::format("{} (point {})", sweep.file, index), point_overlay_yaml(sweep, point, index)});
  return scenario::load_scenario_text_with_overlays(sweep.scenario_text, sweep.scenario_file, overlays);
}

}  // namespace flowsim::sweep
