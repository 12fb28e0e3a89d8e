// POST /api/runs, GET /api/runs/{id} (status, progress, summary when done;
// a comparison's too: tools/server/compare_routes.cpp),
// GET /api/runs/{id}/events (server-sent events), DELETE /api/runs/{id}
// (cancel), GET /api/runs/{id}/report (report.html, written on first ask),
// GET /api/runs/{id}/results (the report's run sections, for the page) and
// GET /api/runs/{id}/files/{file} (downloads: a cancelled run's partial
// result where it kept one), and GET /api/runs (every run kept in the workspace).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include <fmt/format.h>

#include "tools/report/metric_labels.hpp"
#include "tools/report/report_sections.hpp"
#include "tools/report/report_writer.hpp"
#include "tools/server/event_stream.hpp"
#include "tools/server/http_reply.hpp"
#include "tools/server/routes.hpp"
#include "tools/server/run_request.hpp"
#include "tools/server/scenario_input.hpp"
#include "tools/sizing/targets.hpp"

namespace flowsim::server {

namespace {

namespace fs = std::filesystem;

constexpr const char* kRunId = "([0-9a-f]{12})";

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void post_run(const Workspace& workspace, RunQueue& runs, const httplib::Request& request,
              httplib::Response& response) {
  const auto body = parse_json_body(request.body);
  if (!body.ok()) return reply_error(response, 400, "malformed JSON", body.diagnostics);
  const auto basics = read_basics(workspace, body.value, response);
  if (!basics) return;
  auto loaded = load_input(basics->texts);
  if (!loaded.model)
    return reply_error(response, 400, "the scenario has errors; nothing was run", loaded.diagnostics);
  const auto model = with_basics(*loaded.model, *basics, response);
  if (!model) return;
  RunRequest run{basics->texts, model, std::move(loaded.effective), std::nullopt, std::nullopt};
  if (body.value.contains("size")) {
    // {"size": {"unit": NAME, "targets": ["midnight_occupancy_p95 <= 92%", ...]}}: a sizing question.
    const auto& size = body.value["size"];
    if (!size.is_object())
      return reply_error(response, 400, "size must be {\"unit\": NAME, \"targets\": [TEXT, ...]}");
    const std::string unit = size.value("unit", "");
    if (!model->find_unit(unit))
      return reply_error(response, 400, "size: no unit '" + unit + "' in the scenario");
    tools::SizingRequest question{unit, {}};
    try {
      for (const auto& text : size.value("targets", nlohmann::json::array()))
        question.targets.push_back(tools::parse_target(text.get<std::string>(), *model, unit));
    } catch (const std::exception& e) {
      return reply_error(response, 400, std::string("size: ") + e.what());
    }
    if (question.targets.empty()) return reply_error(response, 400, "size: give at least one target");
    run.size = std::move(question);
  }
  submit_run(runs, std::move(run), body.value, response);
}

// The measures a planner reads first (GET /api/runs/{id}'s "measures", for scripts).
bool is_headline(const std::string& metric) {
  for (const auto* ending : {"occupancy_mean", "delayed_mean", "p_wait", "within_4h", "cost_total_gbp"})
    if (metric.ends_with(ending)) return true;
  return false;
}

// summary.json's whole-run metrics in words: [{"metric", "words", "mean",
// "low", "high", "text": "91.2% (90.5% to 92.0%)", "headline"}].
nlohmann::json measures_in_words(const nlohmann::json& summary) {
  auto measures = nlohmann::json::array();
  if (!summary.is_object() || !summary.contains("metrics")) return measures;
  for (const auto& [metric, value] : summary["metrics"].items()) {
    if (!value.contains("mean") || !value["mean"].is_number()) continue;
    const double mean = value["mean"];
    // Cut at the measure's range as the report's tables and charts are (no share above 100%).
    const auto style = report::metric_style(metric);
    double low = value.value("ci95_low", mean);
    double high = value.value("ci95_high", mean);
    if (style.floor) low = std::max(low, *style.floor / style.scale);
    if (style.ceiling) high = std::min(high, *style.ceiling / style.scale);
    measures.push_back(
        {{"metric", metric},
         {"words", report::metric_in_words(metric)},
         {"mean", mean},
         {"low", low},
         {"high", high},
         {"text", fmt::format("{} ({} to {})", report::metric_value(metric, mean),
                              report::metric_value(metric, low), report::metric_value(metric, high))},
         {"headline", is_headline(metric)}});
  }
  return measures;
}

// The request and status files kept beside a run's results (run_record.hpp).
bool is_record_file(const std::string& name) { return name == "request.json" || name == "status.json"; }

// The result files in 'directory', sorted; the run's own records left out.
nlohmann::json result_files(const fs::path& directory) {
  auto files = nlohmann::json::array();
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    const auto name = entry.path().filename().string();
    if (entry.is_regular_file() && name.front() != '.' && !is_record_file(name)) files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Where a run's downloadable files are: its results when done, its
// partial result when cancelled with replications kept; none otherwise.
std::optional<fs::path> files_directory(const Workspace& workspace, const nlohmann::json& status) {
  const std::string id = status["id"];
  if (status["state"] == "done") return workspace.run_directory(id);
  if (status["state"] == "cancelled" && status["partial_replications"] > 0)
    return workspace.run_directory(id) / "partial";
  return std::nullopt;
}

void get_run(const Workspace& workspace, const RunQueue& runs, const std::string& id,
             httplib::Response& response) {
  auto status = runs.status(id);
  if (!status) return reply_error(response, 404, "no such run: " + id);
  if ((*status)["state"] == "done") {
    const auto directory = workspace.run_directory(id);
    if ((*status)["kind"] == "compare") {
      // compare.json but its table (the page draws the report's instead): the money and sizing answers.
      auto compared = nlohmann::json::parse(read_whole(directory / "compare.json"), nullptr, false);
      if (compared.is_object()) compared.erase("metrics");
      (*status)["compare"] = compared;
    } else {
      (*status)["summary"] =
          nlohmann::json::parse(read_whole(directory / "summary.json"), nullptr, false);
      (*status)["measures"] = measures_in_words((*status)["summary"]);
    }
  }
  if (const auto directory = files_directory(workspace, *status))
    (*status)["files"] = result_files(*directory);
  reply_json(response, *status);
}

// The run's sections of report.html (charts as Vega-Lite specifications
// with their div.chart placeholders), for the page to draw in place.
void get_results(const Workspace& workspace, const RunQueue& runs, const std::string& id,
                 httplib::Response& response) {
  const auto status = runs.status(id);
  if (!status || (*status)["state"] != "done")
    return reply_error(response, 404, "no finished run " + id);
  const auto files = report::read_result_files(workspace.run_directory(id));
  report::HtmlPage page(report::report_title(files));
  report::add_compare_sections(page, files);
  report::add_sizing_sections(page, files);
  report::add_run_sections(page, files);
  report::add_escalation_sections(page, files);
  response.set_content(page.body(), "text/html; charset=utf-8");
}

void get_report(const Workspace& workspace, const RunQueue& runs, const std::string& id,
                httplib::Response& response) {
  const auto status = runs.status(id);
  if (!status || (*status)["state"] != "done")
    return reply_error(response, 404, "no finished run " + id);
  const auto directory = workspace.run_directory(id);
  if (!fs::exists(directory / "report.html") &&
      tools::write_html_report(directory.string()).exit_code != 0)
    return reply_error(response, 500, "the report could not be written");
  response.set_content(read_whole(directory / "report.html"), "text/html; charset=utf-8");
  response.set_header("Content-Disposition", "inline; filename=\"report.html\"");
}

void get_file(const Workspace& workspace, const RunQueue& runs, const std::string& id,
              const std::string& file, httplib::Response& response) {
  const auto status = runs.status(id);
  const bool plain =
      !file.empty() && file.front() != '.' && !is_record_file(file) &&
      file.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.-") == std::string::npos;
  const auto directory = status ? files_directory(workspace, *status) : std::nullopt;
  const auto path = directory ? *directory / file : fs::path();
  if (!directory || !plain || fs::is_symlink(path) || !fs::is_regular_file(path))
    return reply_error(response, 404, "no such result file");
  const std::string type = file.ends_with(".json")   ? "application/json"
                           : file.ends_with(".csv")  ? "text/csv"
                           : file.ends_with(".html") ? "text/html"
                                                     : "text/plain";
  response.set_content(read_whole(path), type + "; charset=utf-8");
  response.set_header("Content-Disposition", "attachment; filename=\"" + file + "\"");
}

}  // namespace

void add_run_routes(httplib::Server& http, const Workspace& workspace, RunQueue& runs) {
  // Every run, this server's and those kept in the workspace by earlier ones, newest first, each
  // with its downloadable files (no summary: the Runs page lists many).
  http.Get("/api/runs", [&](const httplib::Request&, httplib::Response& response) {
    auto listed = runs.list();
    for (auto& status : listed)
      if (const auto directory = files_directory(workspace, status))
        status["files"] = result_files(*directory);
    reply_json(response, listed);
  });
  http.Post("/api/runs", [&](const httplib::Request& request, httplib::Response& response) {
    post_run(workspace, runs, request, response);
  });
  http.Get(fmt::format("/api/runs/{}", kRunId),
           [&](const httplib::Request& request, httplib::Response& response) {
             get_run(workspace, runs, request.matches[1], response);
           });
  http.Delete(fmt::format("/api/runs/{}", kRunId),
              [&](const httplib::Request& request, httplib::Response& response) {
                if (!runs.cancel(request.matches[1])) return reply_error(response, 404, "no such run");
                reply_json(response, *runs.status(request.matches[1]));
              });
  http.Get(fmt::format("/api/runs/{}/events", kRunId),
           [&](const httplib::Request& request, httplib::Response& response) {
             if (!runs.status(request.matches[1])) return reply_error(response, 404, "no such run");
             stream_run_events(runs, request.matches[1], response);
           });
  http.Get(fmt::format("/api/runs/{}/results", kRunId),
           [&](const httplib::Request& request, httplib::Response& response) {
             get_results(workspace, runs, request.matches[1], response);
           });
  http.Get(fmt::format("/api/runs/{}/report", kRunId),
           [&](const httplib::Request& request, httplib::Response& response) {
             get_report(workspace, runs, request.matches[1], response);
           });
  http.Get(fmt::format("/api/runs/{}/files/([^/]+)", kRunId),
           [&](const httplib::Request& request, httplib::Response& response) {
             get_file(workspace, runs, request.matches[1], request.matches[2], response);
           });
}

}  // namespace flowsim::server
