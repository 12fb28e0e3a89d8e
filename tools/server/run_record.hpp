#pragma once
// A run's record, kept in the workspace beside its result files so that a
// restarted server lists yesterday's runs again: <workspace>/runs/<id>/
// request.json (what was asked for, with the scenario's and overlays' texts
// as they were then) is written when the run is submitted, status.json at
// each change of state. Each is written to a hidden file and renamed into
// place, so a reader, or a server killed mid-write, sees the old file or
// the new one, never half of one.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/server/scenario_input.hpp"

namespace flowsim::server {

struct RunRecord {
  std::string id;
  std::string created;                // UTC, "2026-11-30T23:50:01.123456Z": sorts as time does
  std::string source;                 // the scenario asked for ("shipped/x.yaml"), or "request.yaml"
  std::string scenario;               // its name:
  std::vector<std::string> overlays;  // as asked for
  std::uint32_t replications = 0;
  std::uint64_t seed = 0;
  nlohmann::json size;  // a sizing's {"unit", "targets"}; null for a run
  nlohmann::json
      compare;  // a comparison's {"size_unit", "size_target"} (null when not sized); else null
};

// The final state a run's status.json may hold, and what it says.
struct RunStatusRecord {
  std::string state;  // "queued", "running", "done", "cancelled", "failed"
  std::uint32_t replications_done = 0;
  std::string message;
  nlohmann::json gridlocked = nlohmann::json::array();
  nlohmann::json answer;
  double wall_seconds = 0.0;
  std::uint32_t partial_replications = 0;  // a cancelled run's finished replications, kept in partial/
};

[[nodiscard]] std::string utc_now_text();

// The record's fields as request.json holds them ("id", "created",
// "scenario_file", "scenario", "overlays", "replications", "seed", "size", "compare").
[[nodiscard]] nlohmann::json record_json(const RunRecord& record);
[[nodiscard]] nlohmann::json status_json(const RunStatusRecord& status);

// Writes request.json (the record and the texts) into 'directory'.
void write_run_request(const std::filesystem::path& directory, const RunRecord& record,
                       const ScenarioTexts& texts);
// Replaces status.json in 'directory'.
void write_run_status(const std::filesystem::path& directory, const RunStatusRecord& status);

struct KeptRun {
  RunRecord record;
  RunStatusRecord status;
};

// Every run kept under 'runs_root' (one directory per id with a readable
// request.json). A run that a stopped server left queued or running is
// reported cancelled: its results were never written.
[[nodiscard]] std::vector<KeptRun> read_kept_runs(const std::filesystem::path& runs_root);

}  // namespace flowsim::server
