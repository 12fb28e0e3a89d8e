#pragma once
// What every flowsim subcommand shares: exit codes, reading the scenario
// and reporting its errors the same way.
#include <memory>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "models/model_definition.hpp"
#include "models/run_estimate.hpp"

namespace flowsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitBadInput = 2;
// Stopped by a signal: 128 + its number (130 Ctrl-C, 143 SIGTERM), as shells report it.
inline constexpr int kExitInterruptedBase = 128;

[[nodiscard]] std::string read_file(const std::string& path);

// Loads and validates; prints every error (and any overload warning) to
// stderr and returns null when the scenario is invalid.
[[nodiscard]] std::shared_ptr<const models::ModelDefinition> load_or_report(const std::string& path);

// Estimates the run's work, memory and output and prints why it is refused
// when it exceeds the limits (models/run_estimate.hpp); 'force' overrides
// every limit except those that would make the results wrong.
[[nodiscard]] bool within_limits(const models::ModelDefinition& model,
                                 const models::RunEstimateOptions& options, bool force);

// Parses 'args' against 'options' with one positional 'scenario' argument.
[[nodiscard]] boost::program_options::variables_map parse_command_line(
    const std::vector<std::string>& args, const boost::program_options::options_description& options);

}  // namespace flowsim::cli
