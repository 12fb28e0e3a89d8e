#pragma once
// Runs replications on a pool of threads. Each replication depends only on
// (scenario, seed, replication index), and results are stored by index, so
// the output is the same whatever the number of threads or the scheduling.
#include <memory>
#include <vector>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"

namespace flowsim::tools {

struct RunnerOptions {
  std::uint32_t replications = 1;
  unsigned threads = 1;
  bool log_first_replication = false;
};

// Throws the first replication's exception, if any replication failed.
[[nodiscard]] std::vector<models::ReplicationResult> run_replications(
    const std::shared_ptr<const models::ModelDefinition>& model, const RunnerOptions& options);

}  // namespace flowsim::tools
