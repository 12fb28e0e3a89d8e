// The shipped scenarios as a new user meets them: each validates, the
// whole-hospital scenario and its 2020/21 variant run and report their
// electives, and the default scenario behaves like the real 2016/17 system
// (none of its replications gridlocks: escalation absorbs the bad weeks).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"
#include "tests/fixture_files.hpp"

namespace fs = std::filesystem;
using namespace cli_test;

TEST_CASE("Every shipped LLR scenario validates and runs", "[cli][shipped]") {
  const auto scenarios = test_files::files_with(kSource / "scenarios", ".yaml");
  REQUIRE(scenarios.size() >= 5);
  for (const auto& scenario : scenarios) {
    const std::string name = scenario.stem().string();
    INFO(name);
    const auto valid = cli_test::flowsim("validate " + quoted(scenario), "validate_" + name);
    INFO(valid.out << valid.err);
    CHECK(valid.exit_code == 0);
    const auto run =
        cli_test::flowsim("run " + quoted(scenario) + " --reps 1 --threads 2 --quiet --out " +
                              quoted(fresh_dir("shipped_" + name)),
                          "shipped_" + name);
    INFO(run.err);
    CHECK(run.exit_code == 0);
  }
}

TEST_CASE("The default scenario has no gridlocked replication at its seed", "[cli][shipped]") {
  // The default's 40 replications take about a minute on two cores; the
  // first 20 (same seed, so the same patients) hold the two that ran away
  // before escalation (8 at A&E from day 497, 12 at acute from day 470).
  const fs::path dir = fresh_dir("default_no_gridlock");
  const auto r = cli_test::flowsim("run " + quoted(kSource / "scenarios/llr_2016_baseline.yaml") +
                                       " --reps 20 --threads 2 --out " + quoted(dir),
                                   "default_no_gridlock");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto run = nlohmann::json::parse(slurp(dir / "run.json"));
  CHECK(run["seed"] == 2016);
  CHECK(run["gridlock"]["count"] == 0);
  CHECK(r.out.find("gridlocked") == std::string::npos);
}

TEST_CASE("The whole-hospital scenario and its 2020/21 bed plan run and report electives next to A&E",
          "[cli][shipped]") {
  const fs::path scenario = kSource / "scenarios/llr_2016_whole_hospital.yaml";
  const fs::path plan = kSource / "scenarios/interventions/whole_hospital/llr_2020_bed_plan.yaml";
  for (const bool with_plan : {false, true}) {
    INFO((with_plan ? "2020/21 beds" : "2016/17 beds"));
    const std::string name = with_plan ? "whole_hospital_2020" : "whole_hospital_2016";
    const fs::path dir = fresh_dir(name);
    const auto r =
        cli_test::flowsim("run " + quoted(scenario) + (with_plan ? " --with " + quoted(plan) : "") +
                              " --reps 2 --threads 2 --out " + quoted(dir),
                          name);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto electives = r.out.find("\nElectives ordinary_electives ");
    REQUIRE(electives != std::string::npos);
    CHECK(r.out.find("A&E ae") < electives);
    CHECK(electives < r.out.find("Delayed transfers of care"));
    CHECK(r.out.find("operations cancelled") != std::string::npos);
  }
}

TEST_CASE(
    "compare of the whole hospital against the 2020/21 bed plan shows operations and "
    "escalation next to A&E",
    "[cli][shipped]") {
  const fs::path dir = fresh_dir("whole_hospital_compare");
  const auto r = cli_test::flowsim(
      "compare " + quoted(kSource / "scenarios/llr_2016_whole_hospital.yaml") + " --with " +
          quoted(kSource / "scenarios/interventions/whole_hospital/llr_2020_bed_plan.yaml") +
          " --reps 2 --threads 2 --out " + quoted(dir),
      "whole_hospital_compare");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto four_hours = r.out.find("A&E ae within 4 h (%)");
  REQUIRE(four_hours != std::string::npos);
  for (const auto* row :
       {"electives ordinary_electives admitted", "electives ordinary_electives cancelled",
        "acute escalation bed-days", "ae escalation bed-days", "delayed bed-days"}) {
    INFO(row);
    const auto at = r.out.find(row);
    REQUIRE(at != std::string::npos);
    CHECK(at > four_hours);
  }
}
