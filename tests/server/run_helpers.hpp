#pragma once
// Runs through the API and through the command line, for comparing them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "tests/fixture_files.hpp"
#include "tests/server/test_server.hpp"

namespace server_test {

// POSTs a run; its id (the test fails unless the answer is 202).
inline std::string start_run(httplib::Client& client, const nlohmann::json& request) {
  const auto answer = client.Post("/api/runs", request.dump(), "application/json");
  REQUIRE(answer);
  INFO(answer->body);
  REQUIRE(answer->status == 202);
  return nlohmann::json::parse(answer->body)["id"];
}

// Polls until the run's state is final; its last status.
inline nlohmann::json wait_for_run(httplib::Client& client, const std::string& id,
                                   std::chrono::seconds most = std::chrono::seconds(300)) {
  const auto until = std::chrono::steady_clock::now() + most;
  while (std::chrono::steady_clock::now() < until) {
    auto status = body_of(client.Get("/api/runs/" + id));
    const std::string state = status["state"];
    if (state != "queued" && state != "running") return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL("run " << id << " did not finish");
  return {};
}

// `flowsim run SCENARIO --reps R --seed S` into 'out' (the reference).
inline void run_cli(const std::string& scenario_file, unsigned replications, std::uint64_t seed,
                    const std::filesystem::path& out, const std::string& overlays = "") {
  const std::string command = fmt::format(
      "\"{}\" run \"{}\" {} --reps {} --seed {} --threads 1 --quiet --overwrite --out \"{}\" >/dev/null",
      FLOWSIM_BINARY, scenario_file, overlays, replications, seed, out.string());
  REQUIRE(std::system(command.c_str()) == 0);
}

// Every result file but run.json (which records how and when the run was
// asked for) and those named in 'also_skip' is byte for byte the same in
// both directories; size.json and compare.json too, but for their provenance
// (the command line and the files' names); at least 'at_least' files.
inline void require_same_results(const std::filesystem::path& expected,
                                 const std::filesystem::path& actual, std::size_t at_least = 8,
                                 const std::vector<std::string>& also_skip = {}) {
  std::size_t compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator(expected)) {
    const auto name = entry.path().filename().string();
    if (name == "run.json" || std::find(also_skip.begin(), also_skip.end(), name) != also_skip.end())
      continue;
    INFO(name << " of " << actual.string());
    REQUIRE(std::filesystem::exists(actual / name));
    if (name == "size.json" || name == "compare.json") {
      auto expected_json = nlohmann::json::parse(test_files::slurp(entry.path()));
      auto actual_json = nlohmann::json::parse(test_files::slurp(actual / name));
      expected_json.erase("provenance");
      actual_json.erase("provenance");
      CHECK(actual_json == expected_json);
    } else {
      CHECK(test_files::slurp(actual / name) == test_files::slurp(entry.path()));
    }
    ++compared;
  }
  CHECK(compared >= at_least);
}

}  // namespace server_test
