#pragma once
// Runs replications on a pool of threads. Each replication depends only on
// (scenario, seed, replication index), and results are stored by index, so
// the output is the same whatever the number of threads or the scheduling.
#include <functional>
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

// One replication of one model: the unit of work of run and sweep.
struct WorkItem {
  std::shared_ptr<const models::ModelDefinition> model;
  std::uint32_t replication = 0;
  bool log_events = false;
};

// Called by the worker that finished items[index]; calls never overlap, so
// the callback needs no locking of its own (it may write a file or draw a
// progress bar). An exception it throws fails the run like a replication's.
using OnFinished = std::function<void(std::size_t index, const models::ReplicationResult&)>;

// Results in the order of 'items'. Throws the first failed item's exception.
[[nodiscard]] std::vector<models::ReplicationResult> run_work_items(
    const std::vector<WorkItem>& items, unsigned threads, const OnFinished& on_finished = {});

// Replications 0 .. options.replications-1 of one model.
[[nodiscard]] std::vector<models::ReplicationResult> run_replications(
    const std::shared_ptr<const models::ModelDefinition>& model, const RunnerOptions& options);

}  // namespace flowsim::tools
