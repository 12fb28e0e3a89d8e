#pragma once
// Structural checks on the pathway network (Boost.Graph): every unit must be
// reachable from an arrival source or a census, and every unit must be able
// to reach an exit; otherwise patients could never arrive, or never leave.
#include <vector>

#include "models/model_definition.hpp"

namespace flowsim::scenario {

struct TrappedGroup {
  std::uint32_t unit = 0;
  std::uint32_t group = 0;
};

struct GraphFindings {
  std::vector<std::uint32_t> unreachable_units;  // no arrival or census leads there
  std::vector<std::uint32_t> trapped_units;      // no route of any group from there leads to an exit
  // Routing differs by group: a unit every group can leave except one would
  // trap that group's patients for ever (and, with stays of zero, loop
  // without the clock advancing). Units already in trapped_units are not
  // repeated here.
  std::vector<TrappedGroup> trapped_groups;
};

[[nodiscard]] GraphFindings check_pathway_graph(const models::ModelDefinition& model);

}  // namespace flowsim::scenario
