// Times the whole-system benchmark model R1 (and R1×10) of
// scenarios/validation/: wall time per replication, events per second and
// peak memory. Usage: r1_bench [replications=5] [threads=1] [scenario...]
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "models/scenario/loader.hpp"
#include "tools/runner/replication_runner.hpp"

namespace {

long peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;  // ru_maxrss is in KiB on Linux
}

int bench(const std::string& path, std::uint32_t replications, unsigned threads) {
  const auto loaded = flowsim::scenario::load_scenario_file(path);
  if (!loaded.ok()) {
    std::cerr << loaded.diagnostics.format();
    return 2;
  }
  auto model = std::make_shared<flowsim::models::ModelDefinition>(*loaded.model);
  model->run.replications = replications;
  const auto started = std::chrono::steady_clock::now();
  const auto results = flowsim::tools::run_replications(model, {.replications = replications, .threads = threads});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::uint64_t events = 0;
  for (const auto& r : results) events += r.events;
  std::cout << fmt::format(
      "{:<28} reps {:>4}  threads {}  wall {:>8.3f} s  per replication {:>7.3f} s  "
      "events/replication {:>10}  events/s {:>6.2f} M  peak RSS {} MiB\n",
      model->name, replications, threads, seconds, seconds / replications * threads,
      events / replications, static_cast<double>(events) / seconds / 1e6, peak_rss_mib());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint32_t replications = argc > 1 ? static_cast<std::uint32_t>(std::atoi(argv[1])) : 5;
  const unsigned threads = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 1;
  std::vector<std::string> scenarios(argv + std::min(argc, 3), argv + argc);
  if (scenarios.empty())
    scenarios = {FLOWSIM_SOURCE_DIR "/scenarios/validation/r1.yaml",
                 FLOWSIM_SOURCE_DIR "/scenarios/validation/r1_x10.yaml"};
  int status = 0;
  for (const auto& s : scenarios) status |= bench(s, std::max(1U, replications), std::max(1U, threads));
  return status;
}
