// Runs through the API: queued, progress by server-sent events, results the
// same as `flowsim run`'s, cancel, downloads, the report, and stopping the
// server with runs in progress.
#include <catch2/catch.hpp>

#include <atomic>

#include "tests/server/run_helpers.hpp"

using namespace server_test;

namespace {

const std::string kSmall = "shipped/validation/c1_erlang_c_small.yaml";
const std::string kSmallFile =
    std::string(FLOWSIM_SOURCE_DIR) + "/scenarios/validation/c1_erlang_c_small.yaml";

}  // namespace

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

TEST_CASE("DELETE cancels a running run and a queued one, and nothing is written", "[server]") {
  const TestServer server("cancel", 1);
  auto client = server.client();
  // The validation run: 100 replications of 100 years, long enough to cancel.
  const auto running = start_run(client, {{"scenario", kSmall}, {"replications", 1000}});
  const auto queued = start_run(client, {{"scenario", kSmall}, {"replications", 2}});
  while (body_of(client.Get("/api/runs/" + running))["state"] == "queued")
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(body_of(client.Delete("/api/runs/" + queued))["state"] == "cancelled");
  REQUIRE(client.Delete("/api/runs/" + running)->status == 200);
  const auto status = wait_for_run(client, running);
  CHECK(status["state"] == "cancelled");
  CHECK_FALSE(std::filesystem::exists(server.workspace() / "runs" / running));
  CHECK_FALSE(std::filesystem::exists(server.workspace() / "runs" / queued));
  CHECK(client.Get("/api/runs/" + running + "/report")->status == 404);
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
