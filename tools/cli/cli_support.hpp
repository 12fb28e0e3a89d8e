#pragma once
// What every flowsim subcommand shares: exit codes, reading the scenario
// and reporting its errors the same way.
#include <memory>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "models/model_definition.hpp"

namespace flowsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitBadInput = 2;

[[nodiscard]] std::string read_file(const std::string& path);

// Loads and validates; prints every error (and any overload warning) to
// stderr and returns null when the scenario is invalid.
[[nodiscard]] std::shared_ptr<const models::ModelDefinition> load_or_report(const std::string& path);

// The base scenario with overlays applied in order (flowsim compare --with);
// reports like load_or_report.
[[nodiscard]] std::shared_ptr<const models::ModelDefinition> load_with_overlays_or_report(
    const std::string& base_path, const std::vector<std::string>& overlay_paths);

// Parses 'args' against 'options' with one positional 'scenario' argument.
[[nodiscard]] boost::program_options::variables_map parse_command_line(
    const std::vector<std::string>& args, const boost::program_options::options_description& options);

}  // namespace flowsim::cli
