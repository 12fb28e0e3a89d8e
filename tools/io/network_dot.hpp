#pragma once
// The pathway network as a Graphviz DOT graph (written by Boost.Graph's
// write_graphviz): arrival sources, units with their kind and capacity, and
// exits, with every route labelled by its long-run patients a day from the
// traffic equations. `dot -Tsvg` draws it at the head of the HTML report.
#include <string>

#include "models/model_definition.hpp"

namespace flowsim::tools {

[[nodiscard]] std::string pathway_network_dot(const models::ModelDefinition& model);

}  // namespace flowsim::tools
