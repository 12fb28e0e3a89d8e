#pragma once
// Reads a scenario's calibration targets (the top-level 'calibration:' list:
// metric, target, tolerance, source) and checks each metric name against the
// metrics the built model reports, with a "did you mean" for a near miss.
#include <yaml-cpp/yaml.h>

#include "models/model_definition.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace flowsim::scenario {

// The entries' shape and numbers, into model.calibration.
void read_calibration(const YamlReader& reader, const YAML::Node& node, models::ModelDefinition& model);

// The metric names, once the model is complete and sound (they depend on its
// units, groups and exits).
void check_calibration_metrics(const YamlReader& reader, const YAML::Node& node,
                               const models::ModelDefinition& model);

}  // namespace flowsim::scenario
