#include "tools/io/network_dot.hpp"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>

#include "models/traffic.hpp"
#include "models/unit_kinds.hpp"

namespace flowsim::tools {

namespace {

struct NodeLook {
  std::string label;
  std::string shape;
  std::string fill;
};

struct EdgeLook {
  std::string label;
  double per_day = 0.0;
  bool dashed = false;  // a readmission: out by an exit, back some time later
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, NodeLook, EdgeLook>;

// DOT strings are quoted; a quote or backslash in a name must be escaped.
std::string dot_quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

// GCC 12 reports a false "may be used uninitialized" inside Boost.Graph's
// edge iterator (an empty boost::optional) when write_graphviz is inlined.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
std::string pathway_network_dot(const models::ModelDefinition& model) {
  // Vertices: arrival sources and elective streams, then units, then exits.
  const std::size_t n_sources = model.sources.size() + model.electives.size();
  const std::size_t n_units = model.units.size();
  Graph graph;
  for (const auto& source : model.sources)
    boost::add_vertex(
        NodeLook{fmt::format("{}\n{:.1f} a day", source.name, source.rate_per_day), "box", "#ffffff"},
        graph);
  for (const auto& elective : model.electives)
    boost::add_vertex(NodeLook{fmt::format("{} (elective)\n{} booked a week", elective.name,
                                           elective.booked_per_week()),
                               "box", "#ffffff"},
                      graph);
  for (const auto& unit : model.units)
    boost::add_vertex(NodeLook{fmt::format("{}\n{}, {}", unit.name, models::traits(unit.kind).label,
                                           unit.unlimited() ? std::string("unlimited")
                                                            : fmt::format("capacity {}", unit.capacity)),
                               "ellipse", std::string(models::traits(unit.kind).fill)},
                      graph);
  for (const auto& exit : model.exits) boost::add_vertex(NodeLook{exit, "plaintext", "#ffffff"}, graph);

  for (std::size_t s = 0; s < model.sources.size(); ++s)
    boost::add_edge(
        s, n_sources + model.sources[s].unit,
        EdgeLook{fmt::format("{:.1f}", model.sources[s].rate_per_day), model.sources[s].rate_per_day},
        graph);
  // Booked operations a day (some are cancelled and rebooked when no bed is free).
  for (std::size_t e = 0; e < model.electives.size(); ++e) {
    const double per_day = static_cast<double>(model.electives[e].booked_per_week()) / 7.0;
    boost::add_edge(model.sources.size() + e, n_sources + model.electives[e].unit,
                    EdgeLook{fmt::format("{:.1f}", per_day), per_day}, graph);
  }
  for (const auto& flow : models::solve_route_flows(model)) {
    const std::size_t target =
        flow.to.is_exit ? n_sources + n_units + flow.to.index : n_sources + flow.to.index;
    const std::string label = flow.readmission ? fmt::format("{:.1f} readmitted", flow.per_day)
                                               : fmt::format("{:.1f}", flow.per_day);
    boost::add_edge(n_sources + flow.from, target, EdgeLook{label, flow.per_day, flow.readmission},
                    graph);
  }

  std::ostringstream out;
  const auto write_vertex = [&graph](std::ostream& os, Graph::vertex_descriptor v) {
    const NodeLook& look = graph[v];
    os << fmt::format("[label={}, shape={}, style=filled, fillcolor={}]", dot_quoted(look.label),
                      look.shape, dot_quoted(look.fill));
  };
  const auto write_edge = [&graph](std::ostream& os, Graph::edge_descriptor e) {
    // Thicker lines for busier routes, so the main flow stands out.
    const double width = 0.6 + std::min(4.0, graph[e].per_day / 50.0);
    os << fmt::format("[label={}, penwidth={:.2f}{}]", dot_quoted(graph[e].label), width,
                      graph[e].dashed ? ", style=dashed" : "");
  };
  const auto write_graph = [&model](std::ostream& os) {
    os << "label=" << dot_quoted(model.name + " (patients a day along each route)") << ";\n"
       << "rankdir=LR;\nnode [fontname=\"Helvetica\", fontsize=10];\n"
       << "edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n";
  };
  boost::write_graphviz(out, graph, write_vertex, write_edge, write_graph);
  return out.str();
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

}  // namespace flowsim::tools
