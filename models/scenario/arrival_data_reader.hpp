#pragma once
// Reads an arrival source's 'data' block (arrivals.<source>.data) and the CSV
// file it names, relative to the scenario file: counts per day or per hour,
// or one arrival time a line; see docs/scenario_reference.md. A mistake in
// the file is reported at its own file:line:column.
#include <string>

#include <yaml-cpp/yaml.h>

#include "models/model_definition.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace flowsim::scenario {

// Fills the source's rate (rate_per_day with rate_by_day or rate_by_hour, for
// a Poisson process) or its replayed times. Needs run (horizon, start date)
// and the source's hour-of-day profile, read before. False after reporting.
[[nodiscard]] bool read_arrival_data(const YamlReader& reader, const YAML::Node& node,
                                     const std::string& path, const models::RunSettings& run,
                                     models::ArrivalSource& source);

}  // namespace flowsim::scenario
