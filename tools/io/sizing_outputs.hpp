#pragma once
// Result files of `flowsim size` (size.csv, size.json) and `flowsim
// frontier` (frontier.csv, frontier_evaluations.csv, frontier.json), written
// through temporary names like every other result file.
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "tools/provenance/run_record.hpp"
#include "tools/sizing/capacity_search.hpp"

namespace flowsim::tools {

struct SizingRequest {
  std::string unit;
  std::vector<Target> targets;
};

// size.json carries the title (the model's name) and 'provenance'.
void write_size_outputs(const std::string& directory, const models::ModelDefinition& model,
                        const SizingRequest& request, const SizeResult& result,
                        const Provenance& provenance);

struct FrontierPoint {
  std::int64_t capacity_a = 0;
  SizeResult sized_b;
};

// Also run.json from 'record' (frontier.json carries its title and provenance).
void write_frontier_outputs(const std::string& directory, const models::ModelDefinition& model,
                            const std::string& unit_a, const SizingRequest& request_b,
                            const std::vector<FrontierPoint>& points, const RunRecord& record);

}  // namespace flowsim::tools
