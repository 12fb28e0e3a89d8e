// POST /api/compares: `flowsim compare` over HTTP, in the runs' queue (the
// same ids, progress events, cancel, results and downloads as a run), and
// POST /api/metrics: a scenario's units and the metrics a sizing target may
// name, for the Compare and Size pages' questions in words.
#include <fmt/format.h>

#include "models/unit_kinds.hpp"
#include "tools/experiments/metric_selection.hpp"
#include "tools/report/metric_labels.hpp"
#include "tools/server/compare_job.hpp"
#include "tools/server/http_reply.hpp"
#include "tools/server/routes.hpp"
#include "tools/server/run_request.hpp"
#include "tools/sizing/targets.hpp"

namespace flowsim::server {

namespace {

// compare's "size_unit" and "size_target" (one text or a list), parsed on
// both scenarios as compare --size-unit --size-target parses them; an
// error message, or empty.
std::string read_compare_sizing(
    const nlohmann::json& body, const std::vector<std::string>& labels,
    const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
    std::optional<tools::CompareSizingRequest>& sizing) {
  if (!body.contains("size_unit") && !body.contains("size_target")) return "";
  if (!body.contains("size_unit") || !body["size_unit"].is_string() || !body.contains("size_target"))
    return "size_unit (a unit's name) and size_target go together";
  tools::CompareSizingRequest request;
  request.unit = body["size_unit"].get<std::string>();
  if (!models.front()->find_unit(request.unit))
    return "size_unit: no unit '" + request.unit + "' in the scenario";
  if (const auto refusal = tools::sizing_refusal(*models[0], *models[1], labels[1], request.unit))
    return *refusal;
  const auto& written = body["size_target"];
  const auto texts = written.is_array() ? written : nlohmann::json::array({written});
  try {
    for (const auto& model : models) {
      request.targets.emplace_back();
      for (const auto& text : texts)
        request.targets.back().push_back(
            tools::parse_target(text.get<std::string>(), *model, request.unit));
    }
  } catch (const std::exception& e) {
    return std::string("size_target: ") + e.what();
  }
  if (texts.empty()) return "size_target: give at least one target";
  sizing = std::move(request);
  return "";
}

// {"scenario", "overlays" (the variant: the baseline with these overlays),
// "replications", "seed", "size_unit"?, "size_target"?}: flowsim compare
// SCENARIO --with OVERLAY,... --reps R --seed S [--size-unit U --size-target T].
void post_compare(const Workspace& workspace, RunQueue& runs, const httplib::Request& request,
                  httplib::Response& response) {
  const auto body = parse_json_body(request.body);
  if (!body.ok()) return reply_error(response, 400, "malformed JSON", body.diagnostics);
  const auto basics = read_basics(workspace, body.value, response);
  if (!basics) return;
  if (basics->texts.overlays.empty())
    return reply_error(
        response, 400, "the request has errors",
        nlohmann::json::array({request_problem("overlays",
                                               "switch on at least one intervention: the variant is the "
                                               "baseline with these overlays")}));
  const ScenarioTexts baseline_texts{basics->texts.base, {}};
  auto baseline = load_input(baseline_texts);
  if (!baseline.model)
    return reply_error(response, 400, "the scenario has errors; nothing was run", baseline.diagnostics);
  const auto variant = load_input(basics->texts);
  if (!variant.model)
    return reply_error(response, 400, "the variant has errors; nothing was run", variant.diagnostics);
  const auto model = with_basics(*baseline.model, *basics, response);
  if (!model) return;
  if (model->run.replications < 2)
    return reply_error(response, 400, "a comparison needs at least 2 replications (pairs to compare)");
  // Paired: the variant runs with the baseline's run settings, as in flowsim compare.
  auto variant_model = std::make_shared<models::ModelDefinition>(*variant.model);
  variant_model->run = model->run;
  CompareRequest compare{basics->texts, variant_model, tools::change_lines(variant.effective),
                         std::nullopt};
  const auto problem =
      read_compare_sizing(body.value, compare_labels(compare), {model, variant_model}, compare.sizing);
  if (!problem.empty()) return reply_error(response, 400, problem);
  submit_run(
      runs,
      RunRequest{baseline_texts, model, std::move(baseline.effective), std::nullopt, std::move(compare)},
      body.value, response);
}

// {"scenario", "overlays"?} -> {"units": [{"name", "capacity" (null:
// unlimited), "emergency_department"}], "metrics": [{"metric", "words",
// "fraction"}]}: what a sizing target may name (flowsim size --target takes
// any of these metrics), for the page's questions in words.
void post_metrics(const Workspace& workspace, const httplib::Request& request,
                  httplib::Response& response) {
  const auto body = parse_json_body(request.body);
  if (!body.ok()) return reply_error(response, 400, "malformed JSON", body.diagnostics);
  const auto basics = read_basics(workspace, body.value, response);
  if (!basics) return;
  const auto loaded = load_input(basics->texts);
  if (!loaded.model) return reply_error(response, 400, "the scenario has errors", loaded.diagnostics);
  auto units = nlohmann::json::array();
  for (const auto& unit : loaded.model->units)
    units.push_back({{"name", unit.name},
                     {"capacity", unit.unlimited() ? nlohmann::json() : nlohmann::json(unit.capacity)},
                     {"emergency_department", models::traits(unit.kind).emergency_department}});
  auto metrics = nlohmann::json::array();
  for (const auto& metric : tools::metric_names(*loaded.model))
    metrics.push_back({{"metric", metric},
                       {"words", report::metric_in_words(metric)},
                       {"fraction", tools::is_fraction(metric)}});
  reply_json(response, {{"units", units}, {"metrics", metrics}});
}

}  // namespace

void add_compare_routes(httplib::Server& http, const Workspace& workspace, RunQueue& runs) {
  http.Post("/api/compares", [&](const httplib::Request& request, httplib::Response& response) {
    post_compare(workspace, runs, request, response);
  });
  http.Post("/api/metrics", [&](const httplib::Request& request, httplib::Response& response) {
    post_metrics(workspace, request, response);
  });
}

}  // namespace flowsim::server
