#pragma once
// Reads one duration distribution from YAML, e.g.
//   {dist: lognormal, mean: 7, sd: 7, unit: days}
// Every distribution names its time unit; values are converted to days.
#include <optional>

#include "models/scenario/yaml_reader.hpp"
#include "sim/distribution.hpp"

namespace flowsim::scenario {

// True when 'node' looks like a distribution (a map with a 'dist' key), as
// opposed to a map of distributions by patient group.
[[nodiscard]] bool is_distribution_node(const YAML::Node& node);

[[nodiscard]] std::optional<sim::Distribution> read_distribution(const YamlReader& reader,
                                                                 const YAML::Node& node,
                                                                 const std::string& path);

}  // namespace flowsim::scenario
