// Times the whole-system benchmark model R1 and its scaled copies R1x10 and
// R1x100 (scenarios/validation/): wall time per replication, events per
// second and peak memory, and, when several run in one process, each one's
// time against each earlier one's (the scaling targets compare runs on the
// same load).
// Usage:
//   r1_bench [--reps N=5] [--threads N=1] [--scenario NAME|FILE]...
//   r1_bench [replications=5] [threads=1] [scenario.yaml...]   (the older form)
// NAME is a file of scenarios/validation/ without ".yaml" (r1, r1_x10,
// r1_x100); without --scenario, R1 and R1x10 run (R1x100 takes some 20 s a
// replication, so it runs only when asked for).
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "benchmarks/scenario_path.hpp"
#include "models/scenario/loader.hpp"
#include "tools/runner/replication_runner.hpp"

namespace {

using flowsim::bench::scenario_path;

long peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;  // ru_maxrss is in KiB on Linux
}

// The process's CPU time, user and system: on a shared machine wall time
// also counts the time other people's processes held the cores.
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Options {
  std::uint32_t replications = 5;
  unsigned threads = 1;
  std::vector<std::string> scenarios;
};

struct Timing {
  std::string name;
  double per_replication = 0.0;
  double cpu_per_replication = 0.0;
};

std::optional<unsigned> positive(std::string_view text) {
  const long value = std::strtol(std::string(text).c_str(), nullptr, 10);
  if (value < 1) return std::nullopt;
  return static_cast<unsigned>(value);
}

std::optional<Options> parse(int argc, char** argv) {
  Options options;
  std::vector<std::string_view> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--reps" && has_value) {
      const auto n = positive(argv[++i]);
      if (!n) return std::nullopt;
      options.replications = *n;
    } else if (arg == "--threads" && has_value) {
      const auto n = positive(argv[++i]);
      if (!n) return std::nullopt;
      options.threads = *n;
    } else if (arg == "--scenario" && has_value) {
      options.scenarios.push_back(scenario_path(argv[++i]));
    } else if (arg.starts_with("--")) {
      return std::nullopt;
    } else {
      positional.push_back(arg);
    }
  }
  // The older form: [replications] [threads] [scenario.yaml...].
  for (std::size_t i = 0; i < positional.size(); ++i) {
    if (i < 2) {
      const auto n = positive(positional[i]);
      if (!n) return std::nullopt;
      (i == 0 ? options.replications : options.threads) = *n;
    } else {
      options.scenarios.push_back(scenario_path(std::string(positional[i])));
    }
  }
  if (options.scenarios.empty()) options.scenarios = {scenario_path("r1"), scenario_path("r1_x10")};
  return options;
}

std::optional<Timing> bench(const std::string& path, const Options& options) {
  const auto loaded = flowsim::scenario::load_scenario_file(path);
  if (!loaded.ok()) {
    std::cerr << loaded.diagnostics.format();
    return std::nullopt;
  }
  auto model = std::make_shared<flowsim::models::ModelDefinition>(*loaded.model);
  model->run.replications = options.replications;
  const auto started = std::chrono::steady_clock::now();
  const double cpu_started = cpu_seconds();
  const auto results = flowsim::tools::run_replications(
      model, {.replications = options.replications, .threads = options.threads});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::uint64_t events = 0;
  for (const auto& r : results) events += r.events;
  const double per_replication = seconds / options.replications * options.threads;
  const double cpu_per_replication = (cpu_seconds() - cpu_started) / options.replications;
  std::cout << fmt::format(
      "{:<44} reps {:>4}  threads {}  wall {:>8.3f} s  per replication {:>7.3f} s  "
      "CPU per replication {:>7.3f} s  events/replication {:>10}  events/s {:>6.2f} M  peak RSS {} "
      "MiB\n",
      model->name, options.replications, options.threads, seconds, per_replication, cpu_per_replication,
      events / options.replications, static_cast<double>(events) / seconds / 1e6, peak_rss_mib());
  return Timing{model->name, per_replication, cpu_per_replication};
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = parse(argc, argv);
  if (!options) {
    std::cerr << "usage: r1_bench [--reps N] [--threads N] [--scenario NAME|FILE]...\n"
                 "       r1_bench [replications] [threads] [scenario.yaml...]\n";
    return 2;
  }
  std::vector<Timing> timings;
  int status = 0;
  for (const auto& s : options->scenarios) {
    if (auto timing = bench(s, *options)) timings.push_back(*timing);
    else status = 2;
  }
  // Peak RSS above is the process's high-water mark so far; time one
  // scenario per process (/usr/bin/time -v) for each one's own peak.
  for (std::size_t i = 1; i < timings.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      std::cout << fmt::format(
          "{} takes {:.1f}x the time ({:.1f}x the CPU time) of {} per replication\n", timings[i].name,
          timings[i].per_replication / timings[j].per_replication,
          timings[i].cpu_per_replication / timings[j].cpu_per_replication, timings[j].name);
  return status;
}
