#pragma once
// What POST /api/runs and POST /api/compares are both asked with, read from
// the request's JSON the same way: the scenario (a name, or YAML text), its
// overlays (names), and the replications and seed that override the
// scenario's; and how either is queued.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "models/model_definition.hpp"
#include "tools/server/run_queue.hpp"
#include "tools/server/scenario_input.hpp"
#include "tools/server/workspace.hpp"

namespace flowsim::server {

inline constexpr std::uint32_t kMostReplications = 1000;

// One diagnostic about the request itself (not its scenario).
[[nodiscard]] nlohmann::json request_problem(const std::string& path, const std::string& message);

struct RunBasics {
  ScenarioTexts texts;
  std::optional<std::uint64_t> replications;
  std::optional<std::uint64_t> seed;
};

// The request's basics, or nullopt after replying 400 with what is wrong.
[[nodiscard]] std::optional<RunBasics> read_basics(const Workspace& workspace,
                                                   const nlohmann::json& body,
                                                   httplib::Response& response);

// The loaded scenario with the request's replications and seed, or null
// after replying 400.
[[nodiscard]] std::shared_ptr<models::ModelDefinition> with_basics(const models::ModelDefinition& loaded,
                                                                   const RunBasics& basics,
                                                                   httplib::Response& response);

// Queues the run, with its record (what was asked for, from 'run' and the
// request's JSON 'body') kept in the workspace, and replies 202 {"id"}, or
// 503 when the queue is full.
void submit_run(RunQueue& runs, RunRequest run, const nlohmann::json& body, httplib::Response& response);

}  // namespace flowsim::server
