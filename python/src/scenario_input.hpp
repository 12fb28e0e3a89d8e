#pragma once
// A scenario as Python hands it over (a file, or YAML text) with its
// overlays, loaded exactly as the command line loads it: the same overlay
// application and the same loader. Errors come back as structured
// diagnostics rather than printed, so that Python can raise them.
#include <memory>
#include <string>
#include <vector>

#include "models/scenario/diagnostics.hpp"
#include "tools/cli/cli_support.hpp"
#include "tools/io/run_outputs.hpp"

namespace flowsim::python {

struct ScenarioInput {
  std::string path;         // the scenario file; empty when given as text
  std::string source_name;  // the file name in messages and in run.json
  std::string text;         // the scenario's own bytes, before overlays
  std::vector<std::string> overlay_paths;
  cli::LoadedScenario loaded;         // the model (never null here) and the effective scenario
  std::vector<std::string> warnings;  // overload warnings, as `flowsim run` prints them
};

struct LoadOutcome {
  std::shared_ptr<ScenarioInput> scenario;   // null when there are errors
  std::vector<scenario::Diagnostic> errors;  // sorted by file, line and column
  std::string formatted_errors;              // as the command line prints them
};

// 'path' names the scenario file; when it is empty, 'text' is the scenario
// and 'source_name' what messages call it.
[[nodiscard]] LoadOutcome load_scenario_input(const std::string& path, const std::string& text,
                                              const std::string& source_name,
                                              const std::vector<std::string>& overlay_paths);

// What run.json records of the input, as `flowsim run` records it.
[[nodiscard]] tools::RunInfo input_run_info(const ScenarioInput& input, unsigned threads,
                                            double wall_seconds);

}  // namespace flowsim::python
