#pragma once
// A sweep: a base scenario and the parameters to vary. Parameters with a list
// of 'values' form a full factorial grid; parameters with a 'range' are
// sampled by a Latin hypercube of 'samples' points; with both kinds, every
// grid point is crossed with every sample. Each parameter addresses a
// scenario key with the overlay path syntax and either sets it or scales it.
//
// A sweep is a file of its own (top-level 'sweep: NAME' and 'scenario: FILE')
// or a 'sweep:' block inside a scenario file, which is then the base.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/diagnostics.hpp"

namespace flowsim::sweep {

// One value of a parameter: a number or a string, kept as written to the
// scenario (numbers in their shortest exact form).
struct ParameterValue {
  std::string text;
  bool is_number = true;
  friend bool operator==(const ParameterValue&, const ParameterValue&) = default;
};

enum class ParameterAction { Set, Scale };

struct SweepParameter {
  std::string name;  // the column in the outputs; by default the path ('scale:' + path to scale)
  ParameterAction action = ParameterAction::Set;
  std::string path;
  std::vector<ParameterValue> values;  // a grid parameter
  double low = 0.0;                    // a sampled parameter: [low, high]
  double high = 0.0;
  bool integer = false;  // sampled values rounded down to integers in [low, high]
  [[nodiscard]] bool sampled() const { return values.empty(); }
};

struct SweepDefinition {
  std::string name;
  std::string file;           // the sweep file, as given
  std::string scenario_file;  // the base scenario, as a path usable from here
  // The base scenario's text; for a 'sweep:' block inside a scenario, the
  // file with that block blanked out (same line numbers in messages).
  std::string scenario_text;
  std::optional<std::uint32_t> replications;
  std::optional<std::uint64_t> seed;
  std::uint32_t samples = 0;  // Latin hypercube samples; 0 when no parameter is sampled
  std::vector<SweepParameter> parameters;
};

struct SweepLoad {
  std::optional<SweepDefinition> sweep;  // empty when there are errors
  scenario::Diagnostics diagnostics;
};

[[nodiscard]] SweepLoad load_sweep_file(const std::string& path);
// 'file' names the text in messages and locates a relative 'scenario:' path.
[[nodiscard]] SweepLoad load_sweep_text(const std::string& text, const std::string& file);

}  // namespace flowsim::sweep
