#pragma once
// Scenario YAML → ModelDefinition, with every error found in one pass.
#include <memory>
#include <string>

#include "models/model_definition.hpp"
#include "models/scenario/diagnostics.hpp"

namespace flowsim::scenario {

struct LoadResult {
  std::shared_ptr<const models::ModelDefinition> model;  // null when there are errors
  Diagnostics diagnostics;
  [[nodiscard]] bool ok() const { return model != nullptr; }
};

[[nodiscard]] LoadResult load_scenario_file(const std::string& path);
// 'file_name' is only used in messages.
[[nodiscard]] LoadResult load_scenario_text(const std::string& yaml_text, const std::string& file_name);

}  // namespace flowsim::scenario
