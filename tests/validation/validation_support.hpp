#pragma once
// Shared helpers of the analytic validation suite (tests/validation): load a
// shipped scenario from scenarios/validation, run its replications on two
// threads, and compare a replication metric with its exact queueing-theory
// value through the 99.9% confidence interval of the replication means.
//
// The analytic values and their sources are in each scenario's header and in
// README section "Reference cases" of the validation brief (cases C1 to C5).
// Seeds are fixed, so each check is deterministic: a pass is a pass for good,
// and a failure is a real discrepancy (or a bug), never a bad draw.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"
#include "models/scenario/loader.hpp"
#include "sim/statistics.hpp"
#include "tools/runner/replication_runner.hpp"

namespace flowsim::validation {

inline constexpr double kConfidence = 0.999;
// The CI budget of the suite is about 2 cores.
inline constexpr unsigned kThreads = 2;

using Results = std::vector<models::ReplicationResult>;

inline std::string scenario_path(const std::string& file) {
  return std::string(FLOWSIM_SOURCE_DIR) + "/scenarios/validation/" + file;
}

// A mutable copy of a shipped scenario, so a test may adjust run settings.
inline std::shared_ptr<models::ModelDefinition> load(const std::string& file) {
  const auto loaded = scenario::load_scenario_file(scenario_path(file));
  if (!loaded.ok()) throw std::runtime_error("cannot load " + scenario_path(file));
  return std::make_shared<models::ModelDefinition>(*loaded.model);
}

struct Run {
  Results results;
  double seconds = 0.0;
};

// FLOWSIM_VALIDATION_SCALE (a number in (0, 1], default 1) scales every
// case's replications down, for the sanitizer build (tools/ci_checks.sh):
// there the point is memory and undefined-behaviour errors, and the checks
// still run, with the wider intervals of fewer replications.
inline std::uint32_t scaled_replications(std::uint32_t replications) {
  const char* text = std::getenv("FLOWSIM_VALIDATION_SCALE");
  if (text == nullptr) return replications;
  const double scale = std::strtod(text, nullptr);
  if (!(scale > 0.0 && scale <= 1.0)) return replications;
  const auto scaled = static_cast<std::uint32_t>(std::ceil(scale * replications));
  return std::max<std::uint32_t>(std::min<std::uint32_t>(replications, 5), scaled);
}

// Runs the scenario's own number of replications on kThreads threads.
inline Run run(const std::string& label, const std::shared_ptr<models::ModelDefinition>& model) {
  model->run.replications = scaled_replications(model->run.replications);
  const auto start = std::chrono::steady_clock::now();
  Run out;
  out.results = tools::run_replications(
      model, tools::RunnerOptions{.replications = model->run.replications, .threads = kThreads});
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << fmt::format("[{}] {} replications x {} days ({} warm-up) in {:.2f} s\n", label,
                           model->run.replications, model->run.horizon_days, model->run.warmup_days,
                           out.seconds);
  // Flow balance (case C5) holds exactly in every run of every case.
  for (const auto& r : out.results) CHECK(r.flow_balanced);
  return out;
}

inline double metric(const models::ReplicationResult& result, const std::string& name) {
  for (const auto& m : result.metrics)
    if (m.name == name) return m.value;
  throw std::runtime_error("no metric named " + name);
}

inline std::vector<double> per_replication(
    const Results& results, const std::function<double(const models::ReplicationResult&)>& f) {
  std::vector<double> values;
  values.reserve(results.size());
  for (const auto& r : results) values.push_back(f(r));
  return values;
}

inline std::vector<double> per_replication(const Results& results, const std::string& name) {
  return per_replication(results, [&](const models::ReplicationResult& r) { return metric(r, name); });
}

// Checks that 'analytic' lies inside the 99.9% confidence interval of the
// replication means, and that the interval is narrow enough for the check to
// have power: its half-width must not exceed max_relative_half_width ×
// |analytic| (or, for an analytic value of zero, max_relative_half_width
// itself, as an absolute bound).
inline void check_within_ci(const std::string& label, const std::string& what,
                            const std::vector<double>& values, double analytic,
                            double max_relative_half_width) {
  const sim::Summary s = sim::summarize(values, kConfidence);
  const double scale = analytic != 0.0 ? std::abs(analytic) : 1.0;
  const std::string line = fmt::format(
      "[{}] {}: analytic {:.6f}, simulated {:.6f}, 99.9% CI [{:.6f}, {:.6f}], half-width {:.2f}%{}",
      label, what, analytic, s.mean, s.low(), s.high(), 100.0 * s.half_width / scale,
      analytic != 0.0 ? " of analytic" : " (absolute x100)");
  std::cout << line << '\n';
  INFO(line);
  CHECK(s.n >= 2);
  CHECK(s.low() <= analytic);
  CHECK(analytic <= s.high());
  // Fewer replications (FLOWSIM_VALIDATION_SCALE) widen the interval by
  // about 1 / sqrt(scale), and more with the larger t quantile of few
  // replications: the power check allows for both.
  const double kept = static_cast<double>(scaled_replications(1000)) / 1000.0;
  const double widening = kept < 1.0 ? 1.5 / std::sqrt(kept) : 1.0;
  CHECK(s.half_width <= widening * max_relative_half_width * scale);
}

inline void check_metric(const std::string& label, const Results& results, const std::string& name,
                         double analytic, double max_relative_half_width) {
  check_within_ci(label, name, per_replication(results, name), analytic, max_relative_half_width);
}

}  // namespace flowsim::validation
