// The bounded load test over loopback: 200 validate requests at once, then
// 20 runs at once (5 seeds, 4 runs each, so that mixed-up results would
// show), each run's files byte-identical to `flowsim run`'s with its seed.
// The figures are printed for the record (README, closing note).
#include <catch2/catch.hpp>

#include <future>
#include <iostream>

#include "tests/server/run_helpers.hpp"

using namespace server_test;

TEST_CASE("load: 200 concurrent validations and 20 concurrent runs, all correct", "[server][load]") {
  const TestServer server("load", 2);
  const std::string file =
      std::string(FLOWSIM_SOURCE_DIR) + "/scenarios/validation/c1_erlang_c_small.yaml";
  const std::string good = test_files::slurp(file);
  std::string bad = good;
  bad.replace(bad.find("capacity: 3"), 11, "capacity: x");

  const auto started = std::chrono::steady_clock::now();
  std::vector<std::future<std::string>> validations;
  for (int i = 0; i < 200; ++i)
    validations.push_back(std::async(std::launch::async, [&, i] {
      auto client = server.client();
      const bool valid = i % 2 == 0;
      const auto answer = client.Post("/api/validate", valid ? good : bad, "application/yaml");
      if (!answer) return "no answer: " + httplib::to_string(answer.error());
      if (answer->status != 200) return fmt::format("status {}", answer->status);
      const auto body = nlohmann::json::parse(answer->body);
      return body["valid"] == valid && (valid || body["diagnostics"].size() == 1) ? std::string()
                                                                                  : answer->body;
    }));
  int correct = 0;
  for (auto& v : validations) {
    const auto problem = v.get();
    if (problem.empty()) ++correct;
    else WARN(problem);
  }
  const double validate_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(correct == 200);

  const auto runs_started = std::chrono::steady_clock::now();
  std::vector<std::future<std::pair<std::string, std::uint64_t>>> submitted;
  for (int i = 0; i < 20; ++i)
    submitted.push_back(std::async(std::launch::async, [&, i] {
      auto client = server.client();
      const std::uint64_t seed = 100 + static_cast<std::uint64_t>(i % 5);
      const auto answer =
          client.Post("/api/runs",
                      nlohmann::json{{"scenario", "shipped/validation/c1_erlang_c_small.yaml"},
                                     {"replications", 4},
                                     {"seed", seed}}
                          .dump(),
                      "application/json");
      return std::pair{answer && answer->status == 202
                           ? nlohmann::json::parse(answer->body)["id"].get<std::string>()
                           : "",
                       seed};
    }));
  std::vector<std::pair<std::string, std::uint64_t>> runs;
  for (auto& s : submitted) runs.push_back(s.get());
  auto client = server.client();
  int done = 0;
  for (const auto& [id, seed] : runs) {
    REQUIRE_FALSE(id.empty());
    done += wait_for_run(client, id)["state"] == "done" ? 1 : 0;
  }
  const double run_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - runs_started).count();
  CHECK(done == 20);
  const auto references = fresh_directory("load_cli");
  for (std::uint64_t seed = 100; seed < 105; ++seed)
    run_cli(file, 4, seed, references / std::to_string(seed));
  for (const auto& [id, seed] : runs)
    require_same_results(references / std::to_string(seed), server.workspace() / "runs" / id);
  std::cout << fmt::format(
      "load test: 200 concurrent validate requests, {} correct, in {:.2f} s; 20 concurrent runs (4 "
      "replications "
      "of c1_erlang_c_small, 2 at a time), {} done and byte-identical to flowsim run, in {:.2f} s\n",
      correct, validate_seconds, done, run_seconds);
}
