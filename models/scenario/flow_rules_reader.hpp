#pragma once
// Reads the per-unit flow-rule keys of a scenario (capacity calendars,
// discharge windows, transfer delays, waiting-list priorities) and
// run.start_date into models/flow_rules.hpp, reporting every problem.
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "models/model_definition.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace flowsim::scenario {

// run.start_date: sets the date and weekday of day 0.
void read_start_date(const YamlReader& reader, const YAML::Node& node, models::RunSettings& run);

// capacity_changes, capacity_pattern, discharge_window and transfer_delay of
// one unit; call after its capacity and routes are read and after run.
void read_unit_flow_rules(const YamlReader& reader, const YAML::Node& node, const std::string& path,
                          const models::ModelDefinition& model, models::UnitDefinition& unit);

// queue_priority of every unit; call after the arrival sources are read.
void read_queue_priorities(const YamlReader& reader, const YAML::Node& units,
                           models::ModelDefinition& model);

}  // namespace flowsim::scenario
