#pragma once
// Runs replications on a pool of threads. Each replication depends only on
// (scenario, seed, replication index), and results are stored by index, so
// the output is the same whatever the number of threads or the scheduling.
#include <memory>
#include <stop_token>
#include <vector>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"

namespace flowsim::tools {

struct RunnerOptions {
  std::uint32_t replications = 1;
  unsigned threads = 1;
  bool log_first_replication = false;
  // When a stop is requested, no further replication starts and those in
  // progress are abandoned.
  std::stop_token stop;
};

// The finished replications in index order: all of them, unless a stop was
// requested (then those that finished before it, possibly with gaps).
// Throws the first replication's exception, if any replication failed.
[[nodiscard]] std::vector<models::ReplicationResult> run_replications(
    const std::shared_ptr<const models::ModelDefinition>& model, const RunnerOptions& options);

}  // namespace flowsim::tools
