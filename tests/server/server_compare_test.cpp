// Paired comparisons through the API (POST /api/compares): the result files
// of `flowsim compare` with the same arguments, byte for byte, with the
// money answer and the beds that can close; bad requests refused.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "tests/server/run_helpers.hpp"

using namespace server_test;

namespace {

// An overlay in the server's workspace: fewer arrivals (0.15 a day, not 0.2).
std::string write_fewer_arrivals(const TestServer& server) {
  std::ofstream(server.workspace() / "fewer_arrivals.yaml")
      << "overlay: Fewer arrivals\nchanges:\n  - set: arrivals.admissions.rate_per_day\n    to: 0.15\n";
  return "workspace/fewer_arrivals.yaml";
}

std::string start_compare(httplib::Client& client, const nlohmann::json& request) {
  const auto answer = client.Post("/api/compares", request.dump(), "application/json");
  REQUIRE(answer);
  INFO(answer->body);
  REQUIRE(answer->status == 202);
  return nlohmann::json::parse(answer->body)["id"];
}

int refused(httplib::Client& client, const nlohmann::json& request, std::string& error) {
  const auto answer = client.Post("/api/compares", request.dump(), "application/json");
  REQUIRE(answer);
  error = body_of(answer)["error"].get<std::string>() + " " + body_of(answer)["diagnostics"].dump();
  return answer->status;
}

}  // namespace

TEST_CASE("a comparison's results are byte-identical to flowsim compare's with the same arguments",
          "[server]") {
  const TestServer server("compare_identical");
  auto client = server.client();
  const auto overlay = write_fewer_arrivals(server);
  const auto id = start_compare(client, {{"scenario", kSmall},
                                         {"overlays", {overlay}},
                                         {"replications", 5},
                                         {"seed", 3},
                                         {"size_unit", "ward"},
                                         {"size_target", "unit.ward.p_wait <= 0.2"}});
  const auto status = wait_for_run(client, id);
  REQUIRE(status["state"] == "done");
  CHECK(status["kind"] == "compare");
  // Progress counted every replication of both scenarios, then each capacity tried.
  CHECK(status["replications_done"].get<int>() > 10);
  const auto& compared = status["compare"];
  CHECK(compared["baseline"] == "c1_erlang_c_small");
  CHECK(compared["variants"] == nlohmann::json::array({"fewer_arrivals"}));
  CHECK(compared["money"]["cash_releasing_gbp_per_year"].contains("ci95_low"));
  const auto& variant = compared["sizing"]["scenarios"]["fewer_arrivals"];
  REQUIRE(variant["beds_can_close"]["beds"].is_number_integer());
  const std::string console = status["answer"]["console"];
  CHECK(console.find("Beds that can close: ward sized on each scenario") != std::string::npos);
  CHECK(console.find("Money, fewer_arrivals vs c1_erlang_c_small") != std::string::npos);

  const auto reference = fresh_directory("compare_identical_cli");
  const std::string command = fmt::format(
      "\"{}\" compare \"{}\" --with \"{}\" --reps 5 --seed 3 --threads 1 --size-unit ward "
      "--size-target 'unit.ward.p_wait <= 0.2' --quiet --overwrite --out \"{}\" >/dev/null",
      FLOWSIM_BINARY, kSmallFile, (server.workspace() / "fewer_arrivals.yaml").string(),
      reference.string());
  REQUIRE(std::system(command.c_str()) == 0);
  // compare.csv, compare.json, compare_sizing.csv, compare_occupancy.csv, replications.csv.
  require_same_results(reference, server.workspace() / "runs" / id, 5);

  // The page's sections: the report's answer in words and its charts.
  const auto results = client.Get("/api/runs/" + id + "/results");
  REQUIRE(results->status == 200);
  CHECK(results->body.find("The answer") != std::string::npos);
  CHECK(results->body.find("class=\"chart\"") != std::string::npos);
  CHECK(client.Get("/api/runs/" + id + "/report")->status == 200);
}

TEST_CASE("a comparison without a sizing target matches flowsim compare too", "[server]") {
  const TestServer server("compare_plain");
  auto client = server.client();
  const auto overlay = write_fewer_arrivals(server);
  const auto id = start_compare(
      client, {{"scenario", kSmall}, {"overlays", {overlay}}, {"replications", 4}, {"seed", 9}});
  const auto status = wait_for_run(client, id);
  REQUIRE(status["state"] == "done");
  CHECK(status["replications_done"] == 8);
  CHECK_FALSE(status["compare"].contains("sizing"));
  const auto reference = fresh_directory("compare_plain_cli");
  const std::string command = fmt::format(
      "\"{}\" compare \"{}\" --with \"{}\" --reps 4 --seed 9 --quiet --overwrite --out \"{}\" "
      ">/dev/null",
      FLOWSIM_BINARY, kSmallFile, (server.workspace() / "fewer_arrivals.yaml").string(),
      reference.string());
  REQUIRE(std::system(command.c_str()) == 0);
  require_same_results(reference, server.workspace() / "runs" / id, 4);
}

TEST_CASE("a comparison that cannot be run is refused with the reason", "[server]") {
  const TestServer server("compare_refused");
  auto client = server.client();
  const auto overlay = write_fewer_arrivals(server);
  std::ofstream(server.workspace() / "four_beds.yaml")
      << "overlay: Four beds\nchanges:\n  - set: units.ward.capacity\n    to: 4\n";
  std::string error;
  CHECK(refused(client, {{"scenario", kSmall}, {"replications", 3}}, error) == 400);
  CHECK(error.find("switch on at least one intervention") != std::string::npos);
  CHECK(refused(client, {{"scenario", kSmall}, {"overlays", {overlay}}, {"replications", 1}}, error) ==
        400);
  CHECK(error.find("at least 2 replications") != std::string::npos);
  CHECK(refused(client,
                {{"scenario", kSmall},
                 {"overlays", {overlay}},
                 {"size_unit", "ward"},
                 {"size_target", "p_wiat <= 0.2"}},
                error) == 400);
  CHECK(error.find("p_wait") != std::string::npos);  // did you mean
  CHECK(refused(client, {{"scenario", kSmall}, {"overlays", {overlay}}, {"size_unit", "ward"}}, error) ==
        400);
  CHECK(error.find("go together") != std::string::npos);
  // The variant sets the capacity that sizing searches: its own change would be lost.
  CHECK(refused(client,
                {{"scenario", kSmall},
                 {"overlays", {"workspace/four_beds.yaml"}},
                 {"size_unit", "ward"},
                 {"size_target", "p_wait <= 0.2"}},
                error) == 400);
  CHECK(error.find("capacity") != std::string::npos);
  CHECK(client.Post("/api/compares", "{", "application/json")->status == 400);
}

TEST_CASE("a comparison can be cancelled, and no result is written", "[server]") {
  const TestServer server("compare_cancel", 1);
  auto client = server.client();
  const auto overlay = write_fewer_arrivals(server);
  const auto id =
      start_compare(client, {{"scenario", kSmall}, {"overlays", {overlay}}, {"replications", 1000}});
  while (body_of(client.Get("/api/runs/" + id))["state"] == "queued")
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE(client.Delete("/api/runs/" + id)->status == 200);
  CHECK(wait_for_run(client, id)["state"] == "cancelled");
  // Only the run's own record (request.json, status.json: run_record.hpp) is kept, no result file.
  std::vector<std::string> kept;
  for (const auto& entry : std::filesystem::directory_iterator(server.workspace() / "runs" / id))
    kept.push_back(entry.path().filename().string());
  std::sort(kept.begin(), kept.end());
  CHECK(kept == std::vector<std::string>{"request.json", "status.json"});
  CHECK(body_of(client.Get("/api/runs/" + id))["kind"] == "compare");
}

TEST_CASE("the units and measures a sizing question may name are listed for a scenario", "[server]") {
  const TestServer server("compare_metrics");
  auto client = server.client();
  const auto answer = body_of(
      client.Post("/api/metrics", nlohmann::json{{"scenario", kSmall}}.dump(), "application/json"));
  REQUIRE(answer["units"].size() == 1);
  CHECK(answer["units"][0]["name"] == "ward");
  CHECK(answer["units"][0]["capacity"] == 3);
  CHECK(answer["units"][0]["emergency_department"] == false);
  std::size_t found = 0;
  for (const auto& m : answer["metrics"])
    if (m["metric"] == "unit.ward.midnight_occupancy_p95" ||
        m["metric"] == "unit.ward.midnight_days_at_or_above_92pct") {
      CHECK(m["fraction"] == true);
      CHECK_FALSE(m["words"].get<std::string>().empty());
      ++found;
    }
  CHECK(found == 2);
  CHECK(client.Post("/api/metrics", "{\"scenario\": \"shipped/nowhere.yaml\"}", "application/json")
            ->status == 400);
}

TEST_CASE("a sizing question on a share of days, as the Size page writes it, matches flowsim size",
          "[server]") {
  const TestServer server("size_share_of_days");
  auto client = server.client();
  // "How many ward beds keep midnight occupancy below 92% on at least 95% of days?"
  const std::string target = "unit.ward.midnight_days_at_or_above_92pct <= 5%";
  const auto answer = client.Post("/api/runs",
                                  nlohmann::json{{"scenario", kSmall},
                                                 {"replications", 4},
                                                 {"seed", 2},
                                                 {"size", {{"unit", "ward"}, {"targets", {target}}}}}
                                      .dump(),
                                  "application/json");
  REQUIRE(answer->status == 202);
  const std::string id = body_of(answer)["id"];
  const auto status = wait_for_run(client, id);
  REQUIRE(status["state"] == "done");
  CHECK(status["answer"]["capacity"].is_number_integer());
  const auto reference = fresh_directory("size_share_of_days_cli");
  const std::string command = fmt::format(
      "\"{}\" size \"{}\" --unit ward --target '{}' --reps 4 --seed 2 --out \"{}\" --overwrite "
      ">/dev/null",
      FLOWSIM_BINARY, kSmallFile, target, reference.string());
  REQUIRE(std::system(command.c_str()) == 0);
  require_same_results(reference, server.workspace() / "runs" / id);
}
