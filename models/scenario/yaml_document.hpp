#pragma once
// Reads the text of a scenario into a YAML node tree, reporting what makes
// it unreadable (not UTF-8 text, invalid YAML, tabs, nesting too deep, an
// empty file) the same way for every reader: the loader and the overlay
// tree both start here, so a file gives the same message either way.
#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "models/scenario/diagnostics.hpp"

namespace flowsim::scenario {

// Null after reporting the problem in 'diagnostics'.
[[nodiscard]] std::optional<YAML::Node> read_yaml_document(const std::string& text,
                                                           const std::string& file_name,
                                                           Diagnostics& diagnostics);

}  // namespace flowsim::scenario
