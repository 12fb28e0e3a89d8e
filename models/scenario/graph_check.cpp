#include "models/scenario/graph_check.hpp"

#include <optional>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>

namespace flowsim::scenario {

namespace {
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;

template <class G>
std::vector<bool> reachable_from(const G& graph, std::size_t start) {
  std::vector<boost::default_color_type> colours(boost::num_vertices(graph));
  const auto colour_map =
      boost::make_iterator_property_map(colours.begin(), boost::get(boost::vertex_index, graph));
  boost::breadth_first_search(graph, boost::vertex(start, graph), boost::color_map(colour_map));
  std::vector<bool> reached(colours.size());
  for (std::size_t v = 0; v < colours.size(); ++v)
    reached[v] = colours[v] != boost::color_traits<boost::default_color_type>::white();
  return reached;
}

// Vertices: units, then exits, then one 'outside' vertex feeding every
// entry point and one 'gone' vertex every exit leads to. 'group' selects one
// group's routes; without it, the routes of every group.
Graph pathway_graph(const models::ModelDefinition& model, std::optional<std::size_t> group) {
  const std::size_t n_units = model.units.size();
  const std::size_t outside = n_units + model.exits.size();
  const std::size_t gone = outside + 1;
  Graph graph(gone + 1);
  for (std::size_t u = 0; u < n_units; ++u) {
    const auto& unit = model.units[u];
    for (std::size_t g = 0; g < unit.routes_by_group.size(); ++g) {
      if (group && g != *group) continue;
      const auto& table = unit.routes_by_group[g];
      for (std::size_t i = 0; i < table.destinations.size(); ++i) {
        if (table.cumulative[i + 1] - table.cumulative[i] <= 0.0) continue;
        const auto& d = table.destinations[i];
        boost::add_edge(u, d.is_exit ? n_units + d.index : d.index, graph);
      }
    }
    if (unit.census.patients > 0) boost::add_edge(outside, u, graph);
    if (unit.services.readmission) boost::add_edge(u, unit.services.readmission->to, graph);
  }
  for (const auto& source : model.sources) {
    boost::add_edge(outside, source.unit, graph);
    if (source.referral.active()) boost::add_edge(outside, source.referral.unit, graph);
  }
  for (const auto& elective : model.electives) boost::add_edge(outside, elective.unit, graph);
  for (std::size_t e = 0; e < model.exits.size(); ++e) boost::add_edge(n_units + e, gone, graph);
  return graph;
}
}  // namespace

GraphFindings check_pathway_graph(const models::ModelDefinition& model) {
  const std::size_t n_units = model.units.size();
  const std::size_t outside = n_units + model.exits.size();
  const std::size_t gone = outside + 1;
  const Graph graph = pathway_graph(model, std::nullopt);
  const auto from_outside = reachable_from(graph, outside);
  const auto to_gone = reachable_from(boost::make_reverse_graph(graph), gone);
  GraphFindings findings;
  for (std::uint32_t u = 0; u < n_units; ++u) {
    if (!from_outside[u]) findings.unreachable_units.push_back(u);
    if (!to_gone[u]) findings.trapped_units.push_back(u);
  }
  if (model.groups.size() < 2) return findings;
  for (std::uint32_t g = 0; g < model.groups.size(); ++g) {
    const Graph group_graph = pathway_graph(model, g);
    const auto group_to_gone = reachable_from(boost::make_reverse_graph(group_graph), gone);
    for (std::uint32_t u = 0; u < n_units; ++u)
      if (to_gone[u] && !group_to_gone[u]) findings.trapped_groups.push_back({u, g});
  }
  return findings;
}

}  // namespace flowsim::scenario
