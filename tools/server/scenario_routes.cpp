// GET /api/scenarios (?baseline=NAME: the overlays that fit it), GET and PUT /api/scenarios/{name}, GET
// /api/schema, POST /api/validate and POST /api/effective (a scenario with overlays applied: what each
// changes, as `flowsim show --diff` prints it) and POST /api/leaves (the scalars of a YAML text with
// their places, for the form).
#include <fstream>
#include <sstream>

#include "models/scenario/overlay.hpp"
#include "tools/server/http_reply.hpp"
#include "tools/server/routes.hpp"
#include "tools/server/scenario_catalog.hpp"
#include "tools/server/scenario_input.hpp"
#include "tools/server/scenario_schema_json.hpp"
#include "tools/server/yaml_leaves.hpp"

namespace flowsim::server {

namespace {

std::optional<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void get_scenario(const Workspace& workspace, const httplib::Request& request,
                  httplib::Response& response) {
  const auto name = parse_scenario_name(request.matches[1]);
  const auto path = name ? workspace.file_to_read(*name) : std::nullopt;
  const auto text = path ? read_text(*path) : std::nullopt;
  if (!text) return reply_error(response, 404, "no such scenario: " + std::string(request.matches[1]));
  auto entry = describe_scenario_file(*name, *text);
  entry["text"] = *text;
  reply_json(response, entry);
}

// Saves a valid scenario into the workspace; never anywhere else.
void put_scenario(const Workspace& workspace, const httplib::Request& request,
                  httplib::Response& response) {
  const auto name = parse_scenario_name(request.matches[1]);
  if (!name || name->source != Source::workspace)
    return reply_error(response, 403,
                       "scenarios are saved into the workspace only, as workspace/NAME.yaml");
  const auto path = workspace.file_to_write(*name);
  if (!path) return reply_error(response, 403, "that name is not allowed in the workspace");
  const auto checked = validation_json(request.body, name->relative);
  if (!checked["valid"].get<bool>())
    return reply_error(response, 400, "the scenario has errors; it was not saved",
                       checked["diagnostics"]);
  std::filesystem::create_directories(path->parent_path());
  const auto staged = path->string() + ".saving";
  {
    std::ofstream out(staged, std::ios::binary | std::ios::trunc);
    out << request.body;
    if (!out) return reply_error(response, 500, "the scenario could not be written");
  }
  std::filesystem::rename(staged, *path);
  reply_json(response, {{"saved", scenario_name_text(*name)}});
}

// {"scenario": name, "overlays": [names]} -> the changes and the effective YAML.
void effective_scenario(const Workspace& workspace, const httplib::Request& request,
                        httplib::Response& response) {
  const auto body = parse_json_body(request.body);
  if (!body.ok()) return reply_error(response, 400, "malformed JSON", body.diagnostics);
  if (!body.value.is_object() || !body.value.contains("scenario") || !body.value["scenario"].is_string())
    return reply_error(response, 400, "expected {\"scenario\": NAME, \"overlays\": [NAME, ...]}");
  const std::string base_name = body.value["scenario"];
  const auto base = read_named_file(workspace, base_name);
  if (!base) return reply_error(response, 404, "no such scenario: " + base_name);
  std::vector<scenario::OverlayText> overlays;
  for (const auto& overlay : body.value.value("overlays", nlohmann::json::array())) {
    const auto text = overlay.is_string() ? read_named_file(workspace, overlay) : std::nullopt;
    if (!text) return reply_error(response, 404, "no such overlay: " + overlay.dump());
    overlays.push_back({overlay.get<std::string>(), *text});
  }
  const auto effective = scenario::apply_overlays(*base, base_name, overlays);
  if (!effective.ok())
    return reply_error(response, 400, "an overlay does not apply",
                       diagnostics_json(effective.diagnostics));
  auto changes = nlohmann::json::array();
  for (const auto& change : effective.changes)
    changes.push_back({{"file", change.location.file},
                       {"line", change.location.line},
                       {"op", change.op},
                       {"path", change.path},
                       {"before", change.before},
                       {"after", change.after}});
  reply_json(response, {{"diff", scenario::describe_changes(effective)},
                        {"changes", changes},
                        {"yaml", scenario::effective_scenario_yaml(effective)}});
}

}  // namespace

std::optional<std::string> read_named_file(const Workspace& workspace, const std::string& name) {
  const auto parsed = parse_scenario_name(name);
  const auto path = parsed ? workspace.file_to_read(*parsed) : std::nullopt;
  return path ? read_text(*path) : std::nullopt;
}

void add_scenario_routes(httplib::Server& http, const Workspace& workspace) {
  // ?baseline=NAME: only the overlays that fit that scenario (their applies_to).
  http.Get("/api/scenarios", [&](const httplib::Request& request, httplib::Response& response) {
    const auto catalog = scenario_catalog(workspace);
    if (!request.has_param("baseline")) return reply_json(response, catalog);
    const auto fitting = catalog_for_baseline(catalog, request.get_param_value("baseline"));
    if (!fitting)
      return reply_error(response, 404, "no such scenario: " + request.get_param_value("baseline"));
    reply_json(response, *fitting);
  });
  http.Get(R"(/api/scenarios/(.+))", [&](const httplib::Request& request, httplib::Response& response) {
    get_scenario(workspace, request, response);
  });
  http.Put(R"(/api/scenarios/(.+))", [&](const httplib::Request& request, httplib::Response& response) {
    put_scenario(workspace, request, response);
  });
  http.Get("/api/schema", [](const httplib::Request&, httplib::Response& response) {
    reply_json(response, scenario_schema_for_forms());
  });
  http.Post("/api/validate", [](const httplib::Request& request, httplib::Response& response) {
    const std::string file =
        request.has_param("file") ? request.get_param_value("file") : "scenario.yaml";
    reply_json(response, validation_json(request.body, file));
  });
  http.Post("/api/leaves", [](const httplib::Request& request, httplib::Response& response) {
    const auto leaves = yaml_leaves(request.body);
    if (leaves.is_object()) return reply_error(response, 400, leaves["error"].get<std::string>());
    reply_json(response, leaves);
  });
  http.Post("/api/effective", [&](const httplib::Request& request, httplib::Response& response) {
    effective_scenario(workspace, request, response);
  });
}

}  // namespace flowsim::server
