// flowsim serve's HTTP API without runs: scenarios, the path guard, saving,
// validation with line and column, bad requests, unknown routes, the body
// limit and the token.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <vector>

#include "tests/fixture_files.hpp"
#include "tests/server/test_server.hpp"
#include "tools/server/workspace.hpp"

using server_test::body_of;
using server_test::kSmall;
using server_test::TestServer;

namespace {

std::string small_scenario_text() {
  return test_files::slurp(std::filesystem::path(FLOWSIM_SOURCE_DIR) /
                           "scenarios/validation/c1_erlang_c_small.yaml");
}

}  // namespace

TEST_CASE("the scenarios list shows shipped scenarios and overlays with their descriptions",
          "[server]") {
  const TestServer server("scenario_list");
  auto client = server.client();
  const auto list = body_of(client.Get("/api/scenarios"));
  REQUIRE(list.is_array());
  const auto find = [&](const std::string& name) {
    for (const auto& entry : list)
      if (entry["name"] == name) return entry;
    return nlohmann::json();
  };
  const auto baseline = find("shipped/llr_2016_baseline.yaml");
  REQUIRE(baseline.is_object());
  CHECK(baseline["kind"] == "scenario");
  CHECK(baseline["title"] == "LLR 2016/17 baseline");
  CHECK_FALSE(baseline["description"].get<std::string>().empty());
  CHECK(baseline["sources"].get<std::string>().find("Sources.") != std::string::npos);
  const auto home_first = find("shipped/interventions/home_first.yaml");
  CHECK(home_first["kind"] == "overlay");
  CHECK(home_first["title"] == "Home First");
  CHECK(home_first["sources"].get<std::string>().find("SF 4.2") != std::string::npos);
  CHECK(find("shipped/sweeps/llr_acute_and_reablement.yaml").is_null());  // a sweep, not a scenario
  const auto one = body_of(client.Get("/api/scenarios/" + kSmall));
  CHECK(one["text"] == small_scenario_text());
}

TEST_CASE("a baseline is offered only the interventions written for it (applies_to)", "[server]") {
  const TestServer server("overlays_fit");
  auto client = server.client();
  const std::string plan = "shipped/interventions/whole_hospital/llr_2020_bed_plan.yaml";
  const auto offered = [&](const std::string& baseline) {
    std::vector<std::string> names;
    for (const auto& entry : body_of(client.Get("/api/scenarios?baseline=" + baseline)))
      if (entry["kind"] == "overlay") names.push_back(entry["name"]);
    return names;
  };
  const auto contains = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  const auto for_baseline = offered("shipped/llr_2016_baseline.yaml");
  CHECK(contains(for_baseline, "shipped/interventions/home_first.yaml"));
  CHECK_FALSE(contains(for_baseline, plan));
  const auto for_whole_hospital = offered("shipped/llr_2016_whole_hospital.yaml");
  CHECK(contains(for_whole_hospital, plan));
  CHECK_FALSE(contains(for_whole_hospital, "shipped/interventions/home_first.yaml"));
  // An overlay without applies_to fits any scenario.
  std::ofstream(server.workspace() / "any.yaml")
      << "overlay: Any\nchanges:\n  - scale: arrivals.*.rate_per_day\n    by: 1.1\n";
  CHECK(contains(offered(kSmall), "workspace/any.yaml"));
  CHECK_FALSE(contains(offered(kSmall), plan));
  CHECK(client.Get("/api/scenarios?baseline=shipped/nothing.yaml")->status == 404);
  // Whatever the page offers, a run with an overlay written for another scenario is refused.
  const auto refused = client.Post(
      "/api/runs",
      nlohmann::json{{"scenario", "shipped/llr_2016_baseline.yaml"}, {"overlays", {plan}}}.dump(),
      "application/json");
  REQUIRE(refused->status == 400);
  const auto diagnostic = body_of(refused)["diagnostics"][0];
  CHECK(diagnostic["path"] == "applies_to");
  CHECK(diagnostic["message"].get<std::string>().find("'LLR 2016/17 whole hospital'") !=
        std::string::npos);
}

TEST_CASE("no name leaves the shipped scenarios or the workspace", "[server]") {
  const TestServer server("path_guard");
  // A secret beside the workspace, and links to it inside the workspace.
  const auto outside = server.workspace().parent_path() / "secret.yaml";
  std::ofstream(outside) << "name: secret\n";
  std::filesystem::create_symlink(outside, server.workspace() / "link.yaml");
  std::filesystem::create_directory_symlink(server.workspace().parent_path(), server.workspace() / "up");
  auto client = server.client();
  CHECK(client.Get("/api/scenarios/workspace/../secret.yaml")->status == 404);
  CHECK(client.Get("/api/scenarios/shipped/../CMakeLists.txt")->status == 404);
  CHECK(client.Get("/api/scenarios/shipped/..%2fCMakeLists.txt")->status == 400);
  CHECK(client.Get("/api/scenarios/shipped%2F..%2F..%2Fsecret.yaml")->status == 400);
  CHECK(client.Get("/api/scenarios/%2e%2e/secret.yaml")->status == 400);
  CHECK(client.Get("/api/scenarios//etc/passwd")->status == 404);
  CHECK(client.Get("/api/scenarios/workspace//etc/hosts.yaml")->status == 404);
  CHECK(client.Get("/api/scenarios/workspace/link.yaml")->status == 404);
  CHECK(client.Get("/api/scenarios/workspace/up/secret.yaml")->status == 404);
  CHECK(client.Get("/api/scenarios/workspace/.hidden.yaml")->status == 404);
  // Writing: never into the shipped scenarios, never through a link, never outside.
  const std::string text = small_scenario_text();
  CHECK(client.Put("/api/scenarios/shipped/mine.yaml", text, "application/yaml")->status == 403);
  CHECK(client.Put("/api/scenarios/workspace/link.yaml", text, "application/yaml")->status == 403);
  CHECK(client.Put("/api/scenarios/workspace/up/secret.yaml", text, "application/yaml")->status == 403);
  CHECK(client.Put("/api/scenarios/workspace/../secret.yaml", text, "application/yaml")->status == 403);
  CHECK(test_files::slurp(outside) == "name: secret\n");
  CHECK_FALSE(
      std::filesystem::exists(std::filesystem::path(FLOWSIM_SOURCE_DIR) / "scenarios/mine.yaml"));
  // The listing follows no link either.
  const auto list = body_of(client.Get("/api/scenarios"));
  for (const auto& entry : list)
    CHECK(entry["name"].get<std::string>().find("secret") == std::string::npos);
}

TEST_CASE("the name guard accepts plain relative names only", "[server]") {
  using flowsim::server::is_plain_relative_path;
  CHECK(is_plain_relative_path("interventions/home_first.yaml"));
  CHECK_FALSE(is_plain_relative_path("../x.yaml"));
  CHECK_FALSE(is_plain_relative_path("/etc/x.yaml"));
  CHECK_FALSE(is_plain_relative_path("a//x.yaml"));
  CHECK_FALSE(is_plain_relative_path("a\\..\\x.yaml"));
  CHECK_FALSE(is_plain_relative_path(".x.yaml"));
  CHECK_FALSE(is_plain_relative_path("x.txt"));
  CHECK(flowsim::server::has_encoded_separator("/a%2Fb"));
  CHECK(flowsim::server::has_encoded_separator("/a%5cb"));
  CHECK_FALSE(flowsim::server::has_encoded_separator("/a/b%20c"));
}

TEST_CASE("a valid scenario is saved into the workspace and listed, an invalid one refused",
          "[server]") {
  const TestServer server("save");
  auto client = server.client();
  std::string text = small_scenario_text();
  const auto saved = client.Put("/api/scenarios/workspace/mine/ward.yaml", text, "application/yaml");
  REQUIRE(saved->status == 200);
  CHECK(test_files::slurp(server.workspace() / "mine/ward.yaml") == text);
  const auto list = body_of(client.Get("/api/scenarios"));
  CHECK(std::any_of(list.begin(), list.end(),
                    [](const auto& e) { return e["name"] == "workspace/mine/ward.yaml"; }));
  text.replace(text.find("capacity: 3"), 11, "capacity: -3");
  const auto refused = client.Put("/api/scenarios/workspace/bad.yaml", text, "application/yaml");
  REQUIRE(refused->status == 400);
  CHECK_FALSE(body_of(refused)["diagnostics"].empty());
  CHECK_FALSE(std::filesystem::exists(server.workspace() / "bad.yaml"));
}

TEST_CASE("validate answers every diagnostic at its line and column", "[server]") {
  const TestServer server("validate");
  auto client = server.client();
  std::string text = small_scenario_text();
  CHECK(body_of(client.Post("/api/validate", text, "application/yaml"))["valid"] == true);
  const auto at = text.find("capacity: 3");
  const int line =
      static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) + 1;
  text.replace(at, 11, "capacity: -3");
  const auto answer = body_of(client.Post("/api/validate", text, "application/yaml"));
  CHECK(answer["valid"] == false);
  REQUIRE(answer["diagnostics"].size() == 1);
  const auto& d = answer["diagnostics"][0];
  CHECK(d["line"] == line);
  CHECK(d["column"] == 15);  // "    capacity: -3": the value
  CHECK(d["path"] == "units.ward.capacity");
  CHECK(d["message"] == "expected an integer >= 0 or 'unlimited', got -3");
  // YAML that does not parse: the syntax error at its place.
  const auto broken = body_of(client.Post("/api/validate", "units: [a, b\nrun: {", "application/yaml"));
  CHECK(broken["valid"] == false);
  REQUIRE_FALSE(broken["diagnostics"].empty());
  CHECK(broken["diagnostics"][0]["line"].get<int>() >= 1);
}

TEST_CASE("malformed requests get 400 with diagnostics, unknown routes 404, big bodies 413",
          "[server]") {
  const TestServer server("bad_requests");
  auto client = server.client();
  const auto malformed = client.Post("/api/runs", "{\"scenario\":\n  \"x\",, }", "application/json");
  REQUIRE(malformed->status == 400);
  const auto diagnostics = body_of(malformed)["diagnostics"];
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0]["line"] == 2);
  CHECK(diagnostics[0]["column"] == 7);  // the second comma
  const auto bad_yaml = client.Post(
      "/api/runs", nlohmann::json{{"scenario", "units: [a, b\nrun: {"}}.dump(), "application/json");
  REQUIRE(bad_yaml->status == 400);
  CHECK_FALSE(body_of(bad_yaml)["diagnostics"].empty());
  const auto bad_numbers = client.Post(
      "/api/runs", nlohmann::json{{"scenario", kSmall}, {"replications", -1}, {"seed", "x"}}.dump(),
      "application/json");
  REQUIRE(bad_numbers->status == 400);
  CHECK(body_of(bad_numbers)["diagnostics"].size() == 2);
  CHECK(client
            .Post("/api/runs", nlohmann::json{{"scenario", "shipped/nope.yaml"}}.dump(),
                  "application/json")
            ->status == 400);
  const auto unknown = client.Get("/api/nothing");
  REQUIRE(unknown->status == 404);
  CHECK(body_of(unknown)["error"].get<std::string>().find("/api/nothing") != std::string::npos);
  CHECK(client.Get("/api/runs/0123456789ab")->status == 404);
  CHECK(client.Delete("/api/runs/0123456789ab")->status == 404);
  const auto big = client.Post("/api/validate", std::string(2 << 20, 'x'), "application/yaml");
  REQUIRE(big);
  CHECK(big->status == 413);
  CHECK(client.Get("/api/scenarios")->status == 200);  // still serving
}

TEST_CASE("with a token, API requests without it are refused", "[server]") {
  const TestServer server("token", 1, "s3cret");
  auto client = server.client();
  CHECK(client.Get("/api/scenarios")->status == 401);
  CHECK(client.Get("/api/scenarios?token=wrong")->status == 401);
  CHECK(client.Get("/api/scenarios?token=s3cret")->status == 200);
  CHECK(client.Get("/api/scenarios", {{"X-Flowsim-Token", "s3cret"}})->status == 200);
  CHECK(client.Get("/")->status == 200);  // the page itself holds nothing; it asks for the token
  CHECK(flowsim::server::is_loopback("127.0.0.1"));
  CHECK_FALSE(flowsim::server::is_loopback("0.0.0.0"));
  CHECK(flowsim::server::new_token().size() == 32);
}

TEST_CASE("the page and its libraries are served from the binary", "[server]") {
  const TestServer server("assets");
  auto client = server.client();
  const auto page = client.Get("/");
  REQUIRE(page->status == 200);
  CHECK(page->get_header_value("Content-Type").find("text/html") == 0);
  for (const auto* path : {"/app.js", "/app.css", "/lib/codemirror.js", "/lib/yaml.js", "/lib/lint.js",
                           "/lib/vega.js", "/lib/vega-lite.js", "/lib/vega-embed.js"}) {
    const auto asset = client.Get(path);
    REQUIRE(asset);
    CHECK(asset->status == 200);
    CHECK(asset->body.size() > 10);
  }
  CHECK(body_of(client.Get("/api/schema")).is_object());
}
