#pragma once
// The Edit page's form edits the YAML text in place, so that comments (the
// shipped scenarios keep their sources there) and layout survive: it needs
// every scalar of the scenario with its key path and where its text starts.
#include <string>

#include <nlohmann/json.hpp>

namespace flowsim::server {

// [{"path": "units.acute.capacity", "value": "1300", "line": 120, "column": 15}, ...]
// (1-based line and column), in document order; sequence items are numbered
// ("exits.0"). {"error": ...} when the text is not YAML.
[[nodiscard]] nlohmann::json yaml_leaves(const std::string& text);

}  // namespace flowsim::server
