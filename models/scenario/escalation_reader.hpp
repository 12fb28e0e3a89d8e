#pragma once
// Reads a unit's optional `escalation:` block (OPEL-style levels, their
// triggers, review times and actions) into models/escalation.hpp, reporting
// every problem with its position.
#include <yaml-cpp/yaml.h>

#include <string>

#include "models/model_definition.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace flowsim::scenario {

// 'node' is the unit's map, 'path' its key path; call after its capacity is read.
void read_unit_escalation(const YamlReader& reader, const YAML::Node& node, const std::string& path,
                          models::UnitDefinition& unit);

// After every unit is read: an A&E-waits trigger needs an emergency department.
void check_escalation_watches(const YamlReader& reader, const YAML::Node& units,
                              const models::ModelDefinition& model);

}  // namespace flowsim::scenario
