#pragma once
// run.json for the commands whose own results are not a run's (frontier,
// sweep): enough for the report's STRESS-DES record (seed, replications,
// random numbers, run time, machine) and the provenance of every result set.
#include <string>

#include <nlohmann/json.hpp>

#include "models/model_definition.hpp"
#include "tools/provenance/provenance.hpp"

namespace flowsim::tools {

struct RunRecord {
  std::string command;  // "frontier", "sweep"
  std::string title;    // tools/provenance/provenance.hpp: scenario_title
  Provenance provenance;
  models::RunSettings run;  // horizon and warm-up of the scenario simulated
  unsigned threads = 1;
  double wall_seconds = 0.0;
};

[[nodiscard]] nlohmann::ordered_json run_record_json(const RunRecord& record);

}  // namespace flowsim::tools
