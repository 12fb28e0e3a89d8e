#pragma once
// Runs replications on a pool of threads. Each replication depends only on
// (scenario, seed, replication index), and results are stored by index, so
// the output is the same whatever the number of threads or the scheduling.
// Threads share only the const definitions and an atomic job counter; each
// writes its own result slot.
#include <functional>
#include <memory>
#include <stdexcept>
#include <stop_token>
#include <vector>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"

namespace flowsim::tools {

// A stop requested before anything worth keeping finished (for example
// during a warm-up pilot): the command writes nothing.
struct RunInterrupted : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct RunnerOptions {
  std::uint32_t replications = 1;
  unsigned threads = 1;
  bool log_first_replication = false;  // event log of replication 0, if it is run
  // When a stop is requested, no further replication starts and those in
  // progress are abandoned.
  std::stop_token stop;
  // Runs replications first_replication .. first_replication + replications - 1,
  // so that a run can be extended in batches with the same results.
  std::uint32_t first_replication = 0;
  // Called after each replication of any scenario finishes (calls never
  // overlap), for a progress count such as flowsim serve's.
  std::function<void()> on_replication;
};

// One replication of one model: the unit of work of run, compare and sweep.
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
// When 'stop' is requested no further item starts and those in progress are
// abandoned (models::ReplicationInterrupted): their slots, and those of items
// never started, hold default results; on_finished tells which finished.
[[nodiscard]] std::vector<models::ReplicationResult> run_work_items(const std::vector<WorkItem>& items,
                                                                    unsigned threads,
                                                                    const OnFinished& on_finished = {},
                                                                    const std::stop_token& stop = {});

// The finished replications in index order: all of them, unless a stop was
// requested (then those that finished before it, possibly with gaps).
// Throws the first replication's exception, if any replication failed.
[[nodiscard]] std::vector<models::ReplicationResult> run_replications(
    const std::shared_ptr<const models::ModelDefinition>& model, const RunnerOptions& options);

// The same replications of several scenarios (a baseline and its variants)
// as one pool of jobs, so that no core idles between scenarios. Result
// [m][r] is scenario m's replication first_replication + r. After a stop,
// each scenario keeps only the replications finished by every scenario, so
// that the remaining ones still pair.
[[nodiscard]] std::vector<std::vector<models::ReplicationResult>> run_replications_of_each(
    const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
    const RunnerOptions& options);

}  // namespace flowsim::tools
