#pragma once
// What the names and counts of a scenario's parts must respect, beyond each
// key's own type: names that overlay paths and metric names can address,
// and no more groups or patient sources than a patient can tell apart
// (models/ids.hpp).
#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "models/model_definition.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace flowsim::scenario {

// Reports every name of a unit, exit, patient group, arrival source or
// elective stream that contains '.': overlay paths (units.NAME.capacity) and
// metric names (unit.NAME.occupancy_mean) use '.' between their parts, so
// such a part could be addressed by neither.
void check_names(const YamlReader& reader, const YAML::Node& root);

// Why the model has more groups, or more patient sources (arrival sources,
// then one per unit for its census, then one per elective stream), than
// models/ids.hpp allows; nothing when it fits.
[[nodiscard]] std::optional<std::string> too_many_groups(std::size_t groups);
[[nodiscard]] std::optional<std::string> too_many_patient_sources(const models::ModelDefinition& model);

}  // namespace flowsim::scenario
