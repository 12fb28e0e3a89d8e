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

// Options that every simulating command shares: --reps, --seed, --threads,
// --out, --overwrite, --report.
void add_simulation_options(boost::program_options::options_description& options);
// Copies the model with --reps and --seed applied.
[[nodiscard]] std::shared_ptr<models::ModelDefinition> with_run_overrides(
    const models::ModelDefinition& model, const boost::program_options::variables_map& vm);
[[nodiscard]] unsigned thread_count(const boost::program_options::variables_map& vm);
// --out, or flowsim-out/<scenario file name><suffix>.
[[nodiscard]] std::string output_directory(const boost::program_options::variables_map& vm,
                                           const std::string& scenario_path, const std::string& suffix);
// False (after a message) when 'marker' already exists there and --overwrite is absent.
[[nodiscard]] bool may_write(const boost::program_options::variables_map& vm, const std::string& directory,
                             const std::string& marker);
// Writes report.html when --report was given; the exit code to return.
[[nodiscard]] int report_if_asked(const boost::program_options::variables_map& vm, const std::string& directory);

// Parses 'args' against 'options' with one positional 'scenario' argument.
[[nodiscard]] boost::program_options::variables_map parse_command_line(
    const std::vector<std::string>& args, const boost::program_options::options_description& options);

}  // namespace flowsim::cli
