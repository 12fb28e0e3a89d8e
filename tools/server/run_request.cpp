#include "tools/server/run_request.hpp"

#include <limits>

#include <fmt/format.h>

#include "tools/server/http_reply.hpp"
#include "tools/server/routes.hpp"

namespace flowsim::server {

namespace {

// A non-negative whole number at 'key', or a diagnostic saying what was expected.
std::optional<std::uint64_t> whole_number(const nlohmann::json& body, const char* key,
                                          std::uint64_t most, nlohmann::json& diagnostics) {
  if (!body.contains(key)) return std::nullopt;
  const auto& value = body[key];
  if (value.is_number_unsigned() && value.get<std::uint64_t>() <= most)
    return value.get<std::uint64_t>();
  diagnostics.push_back(
      request_problem(key, fmt::format("{} must be a whole number from {} to {}, got {}", key,
                                       std::string(key) == "seed" ? 0 : 1, most, value.dump())));
  return std::nullopt;
}

// The request's scenario (a name, or YAML text) and overlays (names), read.
std::optional<ScenarioTexts> request_texts(const Workspace& workspace, const nlohmann::json& body,
                                           nlohmann::json& diagnostics) {
  const auto problem = [&](const std::string& path, const std::string& message) {
    diagnostics.push_back(request_problem(path, message));
    return std::nullopt;
  };
  if (!body.contains("scenario") || !body["scenario"].is_string())
    return problem("scenario",
                   "scenario must be a scenario's name (shipped/... or workspace/...) or its YAML text");
  ScenarioTexts texts;
  const std::string scenario = body["scenario"];
  if (parse_scenario_name(scenario)) {
    const auto text = read_named_file(workspace, scenario);
    if (!text) return problem("scenario", "no such scenario: " + scenario);
    texts.base = {scenario, *text};
  } else {
    texts.base = {"request.yaml", scenario};
  }
  const auto overlays = body.value("overlays", nlohmann::json::array());
  if (!overlays.is_array()) return problem("overlays", "overlays must be a list of overlay names");
  for (const auto& overlay : overlays) {
    const auto text = overlay.is_string() ? read_named_file(workspace, overlay) : std::nullopt;
    if (!text) return problem("overlays", "no such overlay: " + overlay.dump());
    texts.overlays.push_back({overlay.get<std::string>(), *text});
  }
  return texts;
}

}  // namespace

nlohmann::json request_problem(const std::string& path, const std::string& message) {
  return {{"line", 0}, {"column", 0}, {"path", path}, {"file", "request"}, {"message", message}};
}

std::optional<RunBasics> read_basics(const Workspace& workspace, const nlohmann::json& body,
                                     httplib::Response& response) {
  if (!body.is_object()) {
    reply_error(response, 400, "expected a JSON object");
    return std::nullopt;
  }
  auto diagnostics = nlohmann::json::array();
  const auto texts = request_texts(workspace, body, diagnostics);
  RunBasics basics;
  basics.replications = whole_number(body, "replications", kMostReplications, diagnostics);
  basics.seed = whole_number(body, "seed", std::numeric_limits<std::uint64_t>::max(), diagnostics);
  if (basics.replications && *basics.replications == 0)
    diagnostics.push_back(request_problem("replications", "replications must be at least 1"));
  if (!diagnostics.empty()) {
    reply_error(response, 400, "the request has errors", diagnostics);
    return std::nullopt;
  }
  basics.texts = *texts;
  return basics;
}

std::shared_ptr<models::ModelDefinition> with_basics(const models::ModelDefinition& loaded,
                                                     const RunBasics& basics,
                                                     httplib::Response& response) {
  auto model = std::make_shared<models::ModelDefinition>(loaded);
  if (basics.replications) model->run.replications = static_cast<std::uint32_t>(*basics.replications);
  if (basics.seed) model->run.seed = *basics.seed;
  if (model->run.replications > kMostReplications) {
    reply_error(response, 400, fmt::format("at most {} replications a run", kMostReplications));
    return nullptr;
  }
  return model;
}

void submit_run(RunQueue& runs, RunRequest run, const nlohmann::json& body,
                httplib::Response& response) {
  RunRecord record;
  const auto& texts = run.compare ? run.compare->variant : run.texts;
  record.source = texts.base.file_name;
  record.scenario = run.model->name;
  for (const auto& overlay : texts.overlays) record.overlays.push_back(overlay.file_name);
  record.replications = run.model->run.replications;
  record.seed = run.model->run.seed;
  if (run.size) record.size = body["size"];
  if (run.compare)
    record.compare = {{"size_unit", body.value("size_unit", nlohmann::json())},
                      {"size_target", body.value("size_target", nlohmann::json())}};
  const auto id = runs.submit(std::move(run), std::move(record));
  if (!id)
    return reply_error(response, 503, "too many runs are waiting; try again when some have finished");
  reply_json(response, {{"id", *id}}, 202);
}

}  // namespace flowsim::server
