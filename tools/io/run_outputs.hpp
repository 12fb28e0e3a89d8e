#pragma once
// Writes a run's result files into an output directory. Every file is first
// written under a temporary name and renamed only when all of them are
// complete, so an interrupted run never leaves a file that looks finished.
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"
#include "sim/statistics.hpp"

namespace flowsim::tools {

struct RunInfo {
  std::string scenario_path;
  std::string scenario_hash;  // FNV-1a 64 of the scenario file's bytes, hex
  unsigned threads = 1;
  double wall_seconds = 0.0;
  std::string scenario_text;  // copied into scenario.yaml for the report's sources (if not empty)
};

struct MetricSummary {
  std::string name;
  sim::Summary summary;
};

[[nodiscard]] std::vector<MetricSummary> summarize_metrics(
    const std::vector<models::ReplicationResult>& results);

// Throws std::runtime_error with the path when a file cannot be written.
void write_run_outputs(const std::string& directory, const models::ModelDefinition& model,
                       const std::vector<models::ReplicationResult>& results, const RunInfo& info);

[[nodiscard]] std::string flowsim_version();

}  // namespace flowsim::tools
