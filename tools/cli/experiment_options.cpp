#include "tools/cli/experiment_options.hpp"

#include <algorithm>
#include <iostream>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "models/metrics_report.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

void add_replication_options(po::options_description& options) {
  options.add_options()("reps", po::value<std::uint32_t>(), "replications (overrides run.replications)")(
      "seed", po::value<std::uint64_t>(), "master random seed (overrides run.seed)")(
      "threads", po::value<unsigned>(), "worker threads (default: all cores)")(
      "occupancy-thresholds", po::value<std::string>(),
      "A,B,...: occupancy levels, as fractions of capacity, of the time_at_or_above_NNpct and "
      "midnight_days_at_or_above_NNpct metrics (overrides run.occupancy_thresholds; default "
      "0.85,0.92,0.95,1)");
}

namespace {

// "0.85,0.92,1" -> {0.85, 0.92, 1.0}, checked as run.occupancy_thresholds is.
std::vector<double> occupancy_thresholds_option(const std::string& text) {
  std::vector<double> levels;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    std::size_t used = 0;
    double level = 0.0;
    try {
      level = std::stod(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (item.empty() || used != item.size())
      throw po::error(fmt::format("--occupancy-thresholds '{}': '{}' is not a number", text, item));
    levels.push_back(level);
    start = comma + 1;
  }
  if (const auto problem = models::check_occupancy_thresholds(levels))
    throw po::error(fmt::format("--occupancy-thresholds '{}': {}", text, problem->message));
  return levels;
}

}  // namespace

unsigned thread_count(const po::variables_map& vm) {
  if (!vm.count("threads")) return std::max(1U, std::thread::hardware_concurrency());
  const unsigned threads = vm["threads"].as<unsigned>();
  if (threads == 0) throw po::error("--threads must be at least 1 (leave it out to use every core)");
  return threads;
}

void add_experiment_options(po::options_description& options) {
  add_replication_options(options);
  options.add_options()(
      "precision", po::value<double>(),
      "add replications until every chosen metric's 95% CI half-width is within this fraction "
      "of its mean (0.05 = 5%); Hoad, Robinson and Davies' sequential procedure")(
      "metric", po::value<std::vector<std::string>>()->composing(),
      "a metric for --precision (repeatable; '*' matches any characters; default "
      "'unit.*.occupancy_mean')")("max-reps", po::value<std::uint32_t>(),
                                  "at most this many replications with --precision (default 500)")(
      "warmup", po::value<std::string>(),
      "'auto': choose the warm-up by MSER-5 on a pilot run; or a number of days "
      "(overrides run.warmup_days)")("pilot-reps", po::value<std::uint32_t>(),
                                     "replications of the --warmup auto pilot run (default 10)");
}

tools::ExperimentSettings experiment_settings(const po::variables_map& vm) {
  tools::ExperimentSettings settings;
  settings.threads = thread_count(vm);
  if (vm.count("precision")) {
    tools::PrecisionSettings precision;
    precision.precision = vm["precision"].as<double>();
    if (vm.count("metric"))
      for (const auto& item : vm["metric"].as<std::vector<std::string>>()) {
        // "--metric a,b" is two metrics.
        std::size_t start = 0;
        while (start <= item.size()) {
          const std::size_t comma = std::min(item.find(',', start), item.size());
          if (comma > start) precision.metric_patterns.push_back(item.substr(start, comma - start));
          start = comma + 1;
        }
      }
    if (vm.count("max-reps")) precision.max_replications = vm["max-reps"].as<std::uint32_t>();
    settings.precision = precision;
  } else if (vm.count("metric") || vm.count("max-reps")) {
    throw po::error("--metric and --max-reps only make sense with --precision");
  } else if (vm.count("reps") && vm["reps"].as<std::uint32_t>() == 0) {
    throw po::error("--reps must be at least 1");
  }
  if (settings.precision && vm.count("reps"))
    throw po::error("--reps and --precision both set the number of replications; give one");
  if (vm.count("warmup") && vm["warmup"].as<std::string>() == "auto") {
    settings.auto_warmup = true;
    if (vm.count("pilot-reps")) settings.pilot_replications = vm["pilot-reps"].as<std::uint32_t>();
  } else if (vm.count("pilot-reps")) {
    throw po::error("--pilot-reps only makes sense with --warmup auto");
  }
  return settings;
}

std::shared_ptr<const models::ModelDefinition> with_run_overrides(const models::ModelDefinition& model,
                                                                  const po::variables_map& vm) {
  auto copy = std::make_shared<models::ModelDefinition>(model);
  if (vm.count("reps") && vm["reps"].as<std::uint32_t>() == 0)
    throw po::error("--reps must be at least 1");
  if (vm.count("reps")) copy->run.replications = vm["reps"].as<std::uint32_t>();
  if (vm.count("seed")) copy->run.seed = vm["seed"].as<std::uint64_t>();
  if (vm.count("warmup") && vm["warmup"].as<std::string>() != "auto") {
    const std::string& text = vm["warmup"].as<std::string>();
    std::size_t used = 0;
    double days = -1.0;
    try {
      days = std::stod(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != text.size() || !(days >= 0.0) || days >= copy->run.horizon_days)
      throw po::error(
          fmt::format("--warmup must be 'auto' or a number of days from 0 to below the "
                      "horizon ({} days), got '{}'",
                      copy->run.horizon_days, text));
    copy->run.warmup_days = days;
  }
  if (vm.count("occupancy-thresholds"))
    copy->run.occupancy_thresholds =
        occupancy_thresholds_option(vm["occupancy-thresholds"].as<std::string>());
  return copy;
}

bool report_experiment_problems(
    const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
    const tools::ExperimentSettings& settings) {
  const auto problems = tools::experiment_problems(models, settings);
  for (const auto& problem : problems) std::cerr << "flowsim: error: " << problem << "\n";
  return problems.empty();
}

}  // namespace flowsim::cli
