#pragma once
// Structural checks on the pathway network (Boost.Graph): every unit must be
// reachable from an arrival source or a census, and every unit must be able
// to reach an exit; otherwise patients could never arrive, or never leave.
#include <vector>

#include "models/model_definition.hpp"

namespace flowsim::scenario {

struct GraphFindings {
  std::vector<std::uint32_t> unreachable_units;  // no arrival or census leads there
  std::vector<std::uint32_t> trapped_units;      // no route from there leads to an exit
};

[[nodiscard]] GraphFindings check_pathway_graph(const models::ModelDefinition& model);

}  // namespace flowsim::scenario
