#pragma once
// What every flowsim subcommand shares: exit codes, reading the scenario
// and reporting its errors the same way.
#include <memory>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "models/model_definition.hpp"
#include "models/run_estimate.hpp"
#include "models/scenario/overlay.hpp"
#include "tools/io/run_outputs.hpp"
#include "tools/provenance/provenance.hpp"

namespace flowsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitBadInput = 2;
// Stopped by a signal: 128 + its number (130 Ctrl-C, 143 SIGTERM), as shells report it.
inline constexpr int kExitInterruptedBase = 128;

[[nodiscard]] std::string read_file(const std::string& path);

// A scenario file with the overlays given by --with, applied in order.
struct LoadedScenario {
  std::shared_ptr<const models::ModelDefinition> model;  // null when invalid
  scenario::EffectiveScenario effective;                 // what `show` prints
};

// The one loading path of every subcommand: loads the scenario, applies the
// overlays and validates; prints every error (and any overload warning) to
// stderr; the model is null when the input is invalid.
[[nodiscard]] LoadedScenario load_scenario_or_report(const std::string& path,
                                                     const std::vector<std::string>& overlay_paths);
// The model named "BASE + OVERLAY + ..." after the overlays applied (the
// same model when none): a variant is titled so in the console and in every
// result file, never as the base scenario it was made from.
[[nodiscard]] std::shared_ptr<const models::ModelDefinition> titled_model(
    std::shared_ptr<const models::ModelDefinition> model, const scenario::EffectiveScenario& effective);
[[nodiscard]] std::shared_ptr<const models::ModelDefinition> load_or_report(
    const std::string& path, const std::vector<std::string>& overlay_paths = {});

// The repeatable --with option: each use names overlay files, several of
// them separated by commas; all apply in the order given.
void add_overlay_option(boost::program_options::options_description& options);
[[nodiscard]] std::vector<std::string> overlay_paths(const boost::program_options::variables_map& vm);
// The same, one group per use of --with ("--with a.yaml,b.yaml" is one
// group of two): how `compare` reads each --with as one variant.
[[nodiscard]] std::vector<std::vector<std::string>> overlay_groups(
    const boost::program_options::variables_map& vm);
// "SCENARIO" or "SCENARIO with A, B", for messages.
[[nodiscard]] std::string describe_input(const std::string& path,
                                         const std::vector<std::string>& overlay_paths);

// Estimates the run's work, memory and output and prints why it is refused
// when it exceeds the limits (models/run_estimate.hpp); 'force' overrides
// every limit except those that would make the results wrong.
[[nodiscard]] bool within_limits(const models::ModelDefinition& model,
                                 const models::RunEstimateOptions& options, bool force);

// --report: also write report.html into the output directory.
void add_report_option(boost::program_options::options_description& options);
// What `size` and `frontier` share: --reps, --seed, --threads, --out,
// --overwrite, --report and --with.
void add_simulation_options(boost::program_options::options_description& options);
// "<scenario file name>" then "+<overlay file name>" for each overlay, so
// that a variant never lands on the base scenario's results.
[[nodiscard]] std::string default_output_name(const std::string& scenario_path,
                                              const std::vector<std::string>& overlay_paths);
// --out, or flowsim-out/<default_name>.
[[nodiscard]] std::string output_directory(const boost::program_options::variables_map& vm,
                                           const std::string& default_name);
// False (after a message) when the directory already holds results and
// --overwrite is absent.
[[nodiscard]] bool may_write(const boost::program_options::variables_map& vm,
                             const std::string& directory, bool holds_results);
// A file's name as given and the SHA-256 of its bytes.
[[nodiscard]] tools::FileFingerprint fingerprint_of(const std::string& path);
// The provenance of results made from 'path' with 'overlay_paths' applied
// (tools/provenance/provenance.hpp): the seed and replications are the
// model's, to be replaced by those of the results where they differ.
[[nodiscard]] tools::Provenance input_provenance(const std::string& path,
                                                 const std::vector<std::string>& overlay_paths,
                                                 const models::ModelDefinition& model,
                                                 const std::string& command_line);
// What run.json records of the input: the scenario file, its hash, the
// overlays, the scenario text (the effective one when overlays apply) and
// the provenance, with the command line that asked for the run.
[[nodiscard]] tools::RunInfo run_info(const std::string& path, const LoadedScenario& loaded,
                                      unsigned threads, double wall_seconds,
                                      const std::string& command_line);
// Writes report.html when --report was given; the exit code to return.
[[nodiscard]] int report_if_asked(const boost::program_options::variables_map& vm,
                                  const std::string& directory);

// Parses 'args' against 'options' with one positional 'scenario' argument.
[[nodiscard]] boost::program_options::variables_map parse_command_line(
    const std::vector<std::string>& args, const boost::program_options::options_description& options);

}  // namespace flowsim::cli
