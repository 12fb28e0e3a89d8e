#pragma once
// A paired comparison asked for over HTTP (POST /api/compares), run and
// written as `flowsim compare BASE --with OVERLAY[,OVERLAY...]` runs it
// (tools/experiments: the same replications of both scenarios on common
// random numbers, the paired differences, the money answer and, with a
// sizing target, the beds that can close), so its result files match the
// command line's for the same arguments (run.json aside, which records how
// the comparison was asked for, and compare.json's provenance).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "tools/experiments/paired_compare.hpp"
#include "tools/server/scenario_input.hpp"

namespace flowsim::server {

struct CompareRequest {
  ScenarioTexts variant;  // the baseline's text and the variant's overlays
  // The baseline with the overlays, run with the baseline's run settings
  // (those make the comparison paired), and what the overlays change.
  std::shared_ptr<const models::ModelDefinition> variant_model;
  std::vector<std::string> changes;
  std::optional<tools::CompareSizingRequest> sizing;  // size_unit and size_target
};

// The labels flowsim compare gives the two scenarios: the baseline file's
// stem, and the overlays' stems joined by '+' ("#2" added if they clash).
[[nodiscard]] std::vector<std::string> compare_labels(const CompareRequest& request);

struct RunRequest;
struct RunJobOutcome;
// Called by run_job for a request with 'compare'; progress counts each
// replication of either scenario, then each capacity a sizing tries.
[[nodiscard]] RunJobOutcome compare_job(const RunRequest& request,
                                        const std::filesystem::path& directory, unsigned threads,
                                        const std::stop_token& stop,
                                        const std::function<void(std::uint32_t)>& on_done);

}  // namespace flowsim::server
