#pragma once
// One run asked for over HTTP, simulated and written the way `flowsim run`
// does it (the work-item runner, then tools/io/run_outputs), so the result
// files match the command line's for the same scenario, overlays, seed and
// replications (run.json aside, which records how the run was asked for).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/model_definition.hpp"
#include "tools/io/sizing_outputs.hpp"
#include "tools/server/compare_job.hpp"
#include "tools/server/scenario_input.hpp"

namespace flowsim::server {

struct RunRequest {
  ScenarioTexts texts;
  std::shared_ptr<const models::ModelDefinition>
      model;  // loaded from texts, seed and replications applied
  scenario::EffectiveScenario effective;
  // A sizing question instead of one run: the smallest capacity of the unit
  // meeting every target, searched as `flowsim size` does.
  std::optional<tools::SizingRequest> size;
  // A paired comparison instead: 'model' and 'texts' are the baseline's
  // (without overlays), the variant is the baseline with compare's overlays.
  std::optional<CompareRequest> compare;
};

struct RunJobOutcome {
  bool cancelled = false;
  std::uint32_t replications = 0;
  // A cancelled run's finished replications, written apart in
  // <directory>/partial/ (run.json: "interrupted": true), never as the run's result.
  std::uint32_t partial_replications = 0;
  nlohmann::json gridlocked = nlohmann::json::array();  // [{"replication", "unit", "day"}]
  double wall_seconds = 0.0;
  // A sizing's answer: {"unit", "now", "capacity", "fails_at_or_below",
  // "undecided": [low, high], "replications_to_narrow", "tried": [{"capacity", "verdict"}], "words"}.
  nlohmann::json answer;
};

// Called after each replication (a sizing: each capacity tried) with the
// number finished; never concurrently.
using ReplicationsDone = std::function<void(std::uint32_t)>;

// Simulates on 'threads' threads and writes the result files into
// 'directory'. A stop requested before the end returns cancelled: a run's
// finished replications go into <directory>/partial/ (a sizing keeps
// nothing). Throws on a failed replication or an unwritable directory.
[[nodiscard]] RunJobOutcome run_job(const RunRequest& request, const std::filesystem::path& directory,
                                    unsigned threads, const std::stop_token& stop,
                                    const ReplicationsDone& on_done);

}  // namespace flowsim::server
