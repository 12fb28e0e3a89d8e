#include "models/scenario/name_limits.hpp"

#include <fmt/format.h>

#include "models/ids.hpp"

namespace flowsim::scenario {

namespace {

void check_name(const YamlReader& reader, const YAML::Node& name_node, const std::string& path,
                const char* what) {
  if (!name_node.IsScalar()) return;  // the section's own reader reports it
  const std::string& name = name_node.Scalar();
  if (name.find('.') == std::string::npos) return;
  reader.error(name_node, path,
               fmt::format("{} name '{}' contains '.', which separates the parts of overlay paths "
                           "(units.NAME.capacity) and metric names (unit.NAME.occupancy_mean), so "
                           "nothing could address this {}; use '_' instead",
                           what, name, what));
}

}  // namespace

void check_names(const YamlReader& reader, const YAML::Node& root) {
  if (!root.IsMap()) return;
  const struct {
    const char* section;
    const char* what;
  } named_maps[] = {{"groups", "patient group"},
                    {"units", "unit"},
                    {"arrivals", "arrival source"},
                    {"electives", "elective stream"}};
  for (const auto& [section, what] : named_maps) {
    const YAML::Node map = root[section];
    if (!map || !map.IsMap()) continue;
    for (const auto& entry : map)
      check_name(reader, entry.first, join_path(section, entry.first.as<std::string>("")), what);
  }
  const YAML::Node exits = root["exits"];
  if (exits && exits.IsSequence())
    for (std::size_t i = 0; i < exits.size(); ++i)
      check_name(reader, exits[i], fmt::format("exits[{}]", i), "exit");
}

std::optional<std::string> too_many_groups(std::size_t groups) {
  if (groups <= models::kMostGroups) return std::nullopt;
  return fmt::format(
      "{} patient groups, but at most {} are supported (a patient's group is "
      "stored in 8 bits); merge groups that share their stays and routes",
      groups, models::kMostGroups);
}

std::optional<std::string> too_many_patient_sources(const models::ModelDefinition& model) {
  const std::size_t total = model.sources.size() + model.units.size() + model.electives.size();
  if (total <= models::kMostPatientSources) return std::nullopt;
  return fmt::format(
      "{} arrival sources, {} units and {} elective streams make {} sources of "
      "patients (each unit's census is one), but at most {} are supported (a "
      "patient's source is stored in 16 bits)",
      model.sources.size(), model.units.size(), model.electives.size(), total,
      models::kMostPatientSources);
}

}  // namespace flowsim::scenario
