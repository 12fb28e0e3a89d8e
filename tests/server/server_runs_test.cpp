// Runs through the API: queued, progress by server-sent events, results the
// same as `flowsim run`'s, cancel, downloads, the report, and stopping the
// server with runs in progress.
#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>

#include "tests/server/run_helpers.hpp"

using namespace server_test;

TEST_CASE("a run's results are byte-identical to flowsim run's with the same scenario and seed",
          "[server]") {
  const TestServer server("run_identical");
  auto client = server.client();
  const auto id = start_run(client, {{"scenario", kSmall}, {"replications", 4}, {"seed", 7}});
  const auto status = wait_for_run(client, id);
  REQUIRE(status["state"] == "done");
  CHECK(status["replications_done"] == 4);
  CHECK(status["summary"].is_object());
  // Replication 0 of this seed gridlocks: flagged in the status as summary.json has it.
  CHECK(status["gridlocked"].size() == status["summary"]["gridlock"]["count"].get<std::size_t>());
  CHECK(status["gridlocked"].size() == 1);
  CHECK(status["files"].size() >= 9);
  const auto reference = fresh_directory("run_identical_cli");
  run_cli(kSmallFile, 4, 7, reference);
  require_same_results(reference, server.workspace() / "runs" / id);
  // The same scenario sent as YAML text gives the same results too.
  const auto by_text =
      start_run(client, {{"scenario", test_files::slurp(kSmallFile)}, {"replications", 4}, {"seed", 7}});
  REQUIRE(wait_for_run(client, by_text)["state"] == "done");
  require_same_results(reference, server.workspace() / "runs" / by_text);
  // Downloads, the report and the page's result sections.
  const auto csv = client.Get("/api/runs/" + id + "/files/summary.csv");
  REQUIRE(csv->status == 200);
  CHECK(csv->body == test_files::slurp(reference / "summary.csv"));
  CHECK(client.Get("/api/runs/" + id + "/files/..%2frun.json")->status == 400);
  CHECK(client.Get("/api/runs/" + id + "/files/.staging")->status == 404);
  const auto report = client.Get("/api/runs/" + id + "/report");
  REQUIRE(report->status == 200);
  CHECK(report->body.find("<!DOCTYPE html>") == 0);
  const auto results = client.Get("/api/runs/" + id + "/results");
  REQUIRE(results->status == 200);
  CHECK(results->body.find("class=\"chart\"") != std::string::npos);
}

TEST_CASE("a run with an overlay matches flowsim run --with", "[server]") {
  const TestServer server("run_overlay");
  auto client = server.client();
  const std::string overlay = "widen.yaml";
  std::ofstream(server.workspace() / overlay)
      << "overlay: Four beds\nchanges:\n  - set: units.ward.capacity\n    to: 4\n";
  const auto id = start_run(
      client,
      {{"scenario", kSmall}, {"overlays", {"workspace/" + overlay}}, {"replications", 3}, {"seed", 2}});
  REQUIRE(wait_for_run(client, id)["state"] == "done");
  const auto reference = fresh_directory("run_overlay_cli");
  run_cli(kSmallFile, 3, 2, reference, "--with \"" + (server.workspace() / overlay).string() + "\"");
  require_same_results(reference, server.workspace() / "runs" / id);
}

TEST_CASE("progress arrives as server-sent events, ending with done", "[server]") {
  const TestServer server("events");
  auto client = server.client();
  const auto id = start_run(client, {{"scenario", kSmall}, {"replications", 20}, {"seed", 3}});
  std::string stream;
  const auto answer =
      client.Get("/api/runs/" + id + "/events", [&](const char* data, std::size_t length) {
        stream.append(data, length);
        return true;
      });
  REQUIRE(answer);
  CHECK(answer->get_header_value("Content-Type") == "text/event-stream");
  CHECK(stream.find("event: done\ndata: {") != std::string::npos);
  CHECK(stream.find("\"state\":\"done\"") != std::string::npos);
  CHECK(stream.rfind("event: done") > stream.rfind("event: progress"));
}

TEST_CASE("a client that goes away mid-stream leaves the run and the server going", "[server]") {
  const TestServer server("disconnect", 1);
  auto client = server.client();
  const auto id = start_run(client, {{"scenario", kSmall}, {"replications", 40}, {"seed", 4}});
  {
    auto watcher = server.client();
    std::size_t received = 0;
    const auto answer = watcher.Get("/api/runs/" + id + "/events", [&](const char*, std::size_t length) {
      received += length;
      return false;  // hang up after the first event
    });
    CHECK(received > 0);
  }
  const auto status = wait_for_run(client, id);
  CHECK(status["state"] == "done");
  CHECK(status["replications_done"] == 40);
}

TEST_CASE("DELETE cancels a running run and a queued one; finished replications are kept apart",
          "[server]") {
  const TestServer server("cancel", 1);
  auto client = server.client();
  // The validation run: 100 replications of 100 years, long enough to cancel.
  const auto running = start_run(client, {{"scenario", kSmall}, {"replications", 1000}, {"seed", 6}});
  const auto queued = start_run(client, {{"scenario", kSmall}, {"replications", 2}});
  while (body_of(client.Get("/api/runs/" + running))["replications_done"] < 2)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto never_ran = body_of(client.Delete("/api/runs/" + queued));
  CHECK(never_ran["state"] == "cancelled");
  CHECK(never_ran["message"] == "cancelled before it started");
  REQUIRE(client.Delete("/api/runs/" + running)->status == 200);
  const auto status = wait_for_run(client, running);
  CHECK(status["state"] == "cancelled");
  const std::uint32_t kept = status["partial_replications"];
  CHECK(kept >= 2);
  CHECK(kept == status["replications_done"]);
  CHECK(status["message"] ==
        fmt::format("cancelled after {} of 1000 replications; the {} finished are kept apart as a "
                    "partial result (partial/), not as the run's result",
                    kept, kept));
  // Never mixed with complete results: no result files where a finished run has them, no report.
  const auto directory = server.workspace() / "runs" / running;
  CHECK_FALSE(std::filesystem::exists(directory / "run.json"));
  CHECK_FALSE(std::filesystem::exists(directory / "summary.csv"));
  CHECK(client.Get("/api/runs/" + running + "/report")->status == 404);
  CHECK(client.Get("/api/runs/" + running + "/results")->status == 404);
  // The partial result, labelled in its run.json, is the first 'kept' replications of the seed:
  // exactly what `flowsim run --reps kept` gives.
  const auto partial_run = nlohmann::json::parse(test_files::slurp(directory / "partial" / "run.json"));
  CHECK(partial_run["interrupted"] == true);
  CHECK(partial_run["replications"] == kept);
  CHECK(partial_run["replications_requested"] == 1000);
  const auto reference = fresh_directory("cancel_cli");
  run_cli(kSmallFile, kept, 6, reference);
  // model.json describes the model as asked for: 1000 replications, as an interrupted `flowsim run`
  // writes it.
  require_same_results(reference, directory / "partial", 5, {"model.json"});
  auto model = nlohmann::json::parse(test_files::slurp(directory / "partial" / "model.json"));
  auto reference_model = nlohmann::json::parse(test_files::slurp(reference / "model.json"));
  CHECK(model["run"]["replications"] == 1000);
  model["run"]["replications"] = kept;
  CHECK(model == reference_model);
  REQUIRE(status["files"].is_array());
  const auto csv = client.Get("/api/runs/" + running + "/files/summary.csv");
  REQUIRE(csv->status == 200);
  CHECK(csv->body == test_files::slurp(reference / "summary.csv"));
  CHECK(client.Get("/api/runs/" + running + "/files/request.json")->status == 404);
  // The queued run never ran: its request and status are kept, nothing else.
  CHECK_FALSE(std::filesystem::exists(server.workspace() / "runs" / queued / "run.json"));
  CHECK_FALSE(std::filesystem::exists(server.workspace() / "runs" / queued / "partial"));
}

TEST_CASE("runs are kept in the workspace and listed again after a restart, with identical results",
          "[server]") {
  std::string done_id;
  std::string cancelled_id;
  nlohmann::json before;
  std::string summary_before;
  {
    const TestServer server("restart", 1);
    auto client = server.client();
    done_id = start_run(client, {{"scenario", kSmall}, {"replications", 3}, {"seed", 9}});
    before = wait_for_run(client, done_id);
    REQUIRE(before["state"] == "done");
    summary_before = client.Get("/api/runs/" + done_id + "/files/summary.csv")->body;
    cancelled_id = start_run(client, {{"scenario", kSmall}, {"replications", 1000}, {"seed", 2}});
    (void)client.Delete("/api/runs/" + cancelled_id);
    REQUIRE(wait_for_run(client, cancelled_id)["state"] == "cancelled");
  }  // the server stops
  const TestServer again("restart", 1, "", Workspace::again);
  auto client = again.client();
  const auto listed = body_of(client.Get("/api/runs"));
  REQUIRE(listed.size() == 2);
  // Newest first, with what was asked for.
  CHECK(listed[0]["id"] == cancelled_id);
  CHECK(listed[0]["state"] == "cancelled");
  CHECK(listed[1]["id"] == done_id);
  CHECK(listed[1]["state"] == "done");
  CHECK(listed[1]["scenario"] == "C1 Erlang C, 3 beds");
  CHECK(listed[1]["scenario_file"] == kSmall);
  CHECK(listed[1]["overlays"] == nlohmann::json::array());
  CHECK(listed[1]["replications"] == 3);
  CHECK(listed[1]["seed"] == 9);
  CHECK(listed[1]["created"] == before["created"]);
  CHECK(listed[0]["created"].get<std::string>() > listed[1]["created"].get<std::string>());
  // The finished run reads as it did before the restart.
  auto after = body_of(client.Get("/api/runs/" + done_id));
  for (const char* key : {"summary", "measures", "files", "gridlocked", "message", "replications_done",
                          "wall_seconds", "kind"}) {
    INFO(key);
    CHECK(after[key] == before[key]);
  }
  CHECK(client.Get("/api/runs/" + done_id + "/files/summary.csv")->body == summary_before);
  CHECK(client.Get("/api/runs/" + done_id + "/report")->status == 200);
  // A new run gets an id of its own and comes first.
  const auto next = start_run(client, {{"scenario", kSmall}, {"replications", 2}, {"seed", 9}});
  CHECK(next != done_id);
  CHECK(next != cancelled_id);
  REQUIRE(wait_for_run(client, next)["state"] == "done");
  const auto relisted = body_of(client.Get("/api/runs"));
  REQUIRE(relisted.size() == 3);
  CHECK(relisted[0]["id"] == next);
  // request.json keeps the scenario's text as it was run.
  const auto request =
      nlohmann::json::parse(test_files::slurp(again.workspace() / "runs" / done_id / "request.json"));
  CHECK(request["texts"]["scenario"]["text"] == test_files::slurp(kSmallFile));
}

TEST_CASE("a run left running by a server that was killed is listed as cancelled", "[server]") {
  const auto workspace = fresh_directory("killed") / "workspace";
  const auto directory = workspace / "runs" / "0123456789ab";
  std::filesystem::create_directories(directory);
  std::ofstream(directory / "request.json")
      << R"({"id": "0123456789ab", "created": "2026-01-02T03:04:05.000000Z", "scenario_file": "shipped/x.yaml",)"
      << R"( "scenario": "X", "overlays": [], "replications": 10, "seed": 1, "size": null})";
  std::ofstream(directory / "status.json") << R"({"state": "running", "replications_done": 4})";
  std::filesystem::create_directories(workspace / "runs" / "not-a-run");  // no request.json: ignored
  const TestServer server("killed", 1, "", Workspace::again);
  auto client = server.client();
  const auto listed = body_of(client.Get("/api/runs"));
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["state"] == "cancelled");
  CHECK(listed[0]["message"] == "the server stopped before the run finished; nothing was kept");
  CHECK(client.Get("/api/runs/0123456789ab/files/summary.csv")->status == 404);
}

TEST_CASE("stopping the server with runs in progress returns promptly", "[server]") {
  const auto started = std::chrono::steady_clock::now();
  {
    TestServer server("stop", 2);
    auto client = server.client();
    for (int i = 0; i < 3; ++i) (void)start_run(client, {{"scenario", kSmall}, {"replications", 1000}});
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    server.stop();
  }  // joins the serving thread
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(30));
}

TEST_CASE("a sizing question is answered as flowsim size answers it", "[server]") {
  const TestServer server("size");
  auto client = server.client();
  const auto id =
      start_run(client, {{"scenario", kSmall},
                         {"replications", 5},
                         {"seed", 1},
                         {"size", {{"unit", "ward"}, {"targets", {"unit.ward.p_wait <= 0.2"}}}}});
  const auto status = wait_for_run(client, id);
  REQUIRE(status["state"] == "done");
  CHECK(status["kind"] == "size");
  const auto& answer = status["answer"];
  REQUIRE(answer["capacity"].is_number_integer());
  CHECK(answer["words"].get<std::string>().find(
            "beds of ward meet the target with confidence (now 3)") != std::string::npos);
  const auto reference = fresh_directory("size_cli");
  const std::string command = fmt::format(
      "\"{}\" size \"{}\" --unit ward --target 'unit.ward.p_wait <= 0.2' --reps 5 --seed 1 --threads 1 "
      "--out \"{}\" "
      "--overwrite >/dev/null",
      FLOWSIM_BINARY, kSmallFile, reference.string());
  REQUIRE(std::system(command.c_str()) == 0);
  require_same_results(reference, server.workspace() / "runs" / id);
  const auto bad = client.Post(
      "/api/runs",
      nlohmann::json{{"scenario", kSmall}, {"size", {{"unit", "ward"}, {"targets", {"p_wiat <= 1"}}}}}
          .dump(),
      "application/json");
  REQUIRE(bad->status == 400);
  CHECK(body_of(bad)["error"].get<std::string>().find("p_wait") != std::string::npos);  // did you mean
  CHECK(client
            .Post("/api/runs",
                  nlohmann::json{{"scenario", kSmall},
                                 {"size", {{"unit", "nowhere"}, {"targets", {"p_wait <= 1"}}}}}
                      .dump(),
                  "application/json")
            ->status == 400);
}

TEST_CASE("a stop asked for as the server starts still stops it", "[server]") {
  for (int i = 0; i < 20; ++i) {
    TestServer server("stop_at_once_" + std::to_string(i), 1);
    server.stop();
  }  // each destructor joins the serving thread: a missed stop would hang here
  SUCCEED("every server stopped");
}
