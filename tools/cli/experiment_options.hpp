#pragma once
// Options shared by flowsim run and flowsim compare: threads, and how the
// number of replications (--precision, --metric, --max-reps) and the
// warm-up (--warmup auto|DAYS, --pilot-reps) are chosen.
#include <memory>
#include <optional>
#include <vector>

#include <boost/program_options.hpp>

#include "models/model_definition.hpp"
#include "tools/experiments/experiment.hpp"

namespace flowsim::cli {

// --reps, --seed, --threads and --occupancy-thresholds (what `size` and
// `frontier` take too).
void add_replication_options(boost::program_options::options_description& options);
// --threads, or every core; throws boost::program_options::error for 0.
[[nodiscard]] unsigned thread_count(const boost::program_options::variables_map& vm);

// add_replication_options and the experiment settings below.
void add_experiment_options(boost::program_options::options_description& options);

// Throws boost::program_options::error for values that make no sense on
// their own (a negative precision, an unknown --warmup word).
[[nodiscard]] tools::ExperimentSettings experiment_settings(
    const boost::program_options::variables_map& vm);

// --reps, --seed, --warmup DAYS and --occupancy-thresholds applied to a
// scenario's run settings.
[[nodiscard]] std::shared_ptr<const models::ModelDefinition> with_run_overrides(
    const models::ModelDefinition& model, const boost::program_options::variables_map& vm);

// Prints each problem of these settings with these scenarios to stderr;
// true when there were none.
[[nodiscard]] bool report_experiment_problems(
    const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
    const tools::ExperimentSettings& settings);

}  // namespace flowsim::cli
