#pragma once
// One `flowsim run` made from Python: the scenario's replications through
// the command line's runner, kept in memory so that Python can read the
// result files, written by the command line's own writers (series.csv
// included when asked, as --series).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"
#include "python/src/scenario_input.hpp"
#include "tools/io/run_outputs.hpp"

namespace flowsim::python {

struct RunRequest {
  std::optional<std::uint32_t> replications;  // overrides run.replications (--reps)
  std::optional<std::uint64_t> seed;          // overrides run.seed (--seed)
  unsigned threads = 1;
  bool force = false;  // run even beyond the soft limits (--force)
  // Turn Ctrl-C into a clean stop; only from the main thread, which is the
  // one Python delivers signals to.
  bool catch_interrupts = false;
  bool series = false;  // also write series.csv (--series)
};

// Stopped by Ctrl-C or SIGTERM: nothing is kept.
struct RunStopped : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class RunSession {
 public:
  // Throws std::invalid_argument when the run is refused (as `flowsim run`
  // refuses it, exit code 2), RunStopped when interrupted, and the failing
  // replication's exception when one fails.
  RunSession(const ScenarioInput& input, const RunRequest& request);

  // The command line's result files, by its writers. Throws when 'directory'
  // already holds results and 'overwrite' is false.
  void write(const std::string& directory, bool overwrite) const;
  [[nodiscard]] const models::ModelDefinition& model() const { return *model_; }
  [[nodiscard]] std::size_t replications() const { return results_.size(); }
  [[nodiscard]] double wall_seconds() const { return info_.wall_seconds; }

 private:
  std::shared_ptr<const models::ModelDefinition> model_;
  std::vector<models::ReplicationResult> results_;
  tools::RunInfo info_;
};

}  // namespace flowsim::python
