// The command line with overlays: show, validate --with and run --with; an
// overlay refused on a scenario its applies_to does not name.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

using namespace cli_test;

namespace {

const fs::path kBase = kSource / "tests/data/overlays/base.yaml";

// Writes an overlay under the test output directory and returns its path.
fs::path overlay_file(const std::string& name, const std::string& text) {
  // Through a temporary name: test cases run as parallel processes, and
  // another may be reading the same overlay.
  const fs::path path = kOutput / "overlays" / name;
  write_atomically(path, text);
  return path;
}

const char* const kFewerBeds =
    "overlay: fewer beds\nchanges:\n  - set: units.ward.capacity\n    to: 30\n";
const char* const kDoubleDemand =
    "overlay: double demand\nchanges:\n  - scale: arrivals.*.rate_per_day\n    by: 2\n";

}  // namespace

TEST_CASE("show prints the effective scenario with a header naming each change", "[cli][overlay]") {
  const fs::path fewer = overlay_file("fewer_beds.yaml", kFewerBeds);
  const auto r = flowsim("show " + quoted(kBase) + " --with " + quoted(fewer), "show");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("# Effective scenario: " + kBase.string() + "\n") == 0);
  CHECK(r.out.find(fewer.string() + ":3:10 set units.ward.capacity: 40 -> 30\n") != std::string::npos);
  CHECK(r.out.find("\n    capacity: 30\n") != std::string::npos);
  // What show prints is itself a valid scenario, with the change in it.
  const fs::path shown = overlay_file("shown.yaml", r.out);
  const auto valid = flowsim("validate " + quoted(shown), "show_validates");
  CHECK(valid.exit_code == 0);

  const auto diff =
      flowsim("show " + quoted(kBase) + " --with " + quoted(fewer) + " --diff", "show_diff");
  CHECK(diff.exit_code == 0);
  CHECK(diff.out == fewer.string() + ":3:10 set units.ward.capacity: 40 -> 30\n");

  const auto plain = flowsim("show " + quoted(kBase) + " --no-header", "show_plain");
  CHECK(plain.exit_code == 0);
  CHECK(plain.out.rfind("name: overlay test base\n", 0) == 0);
}

TEST_CASE("An invalid overlay: exit code 2, the overlay's position, nothing printed", "[cli][overlay]") {
  const fs::path bad = overlay_file("negative.yaml",
                                    "overlay: negative\nchanges:\n  - set: units.ward.capacity\n"
                                    "    to: -5\n");
  for (const std::string command : {"show", "validate", "run"}) {
    const fs::path dir = fresh_dir("bad_overlay_" + command);
    const auto r = flowsim(command + " " + quoted(kBase) + " --with " + quoted(bad) +
                               (command == "run" ? " --out " + quoted(dir) : std::string()),
                           "bad_overlay_" + command);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(bad.string() + ":4:9: error: expected an integer >= 0 or 'unlimited', got -5") !=
          std::string::npos);
    CHECK(r.err.find("1 error in " + kBase.string() + " with " + bad.string()) != std::string::npos);
    CHECK_FALSE(fs::exists(dir));
  }
  const auto missing = flowsim("validate " + quoted(kBase) + " --with no_such.yaml", "no_overlay");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("no_such.yaml: error: cannot open the overlay file") != std::string::npos);
}

TEST_CASE("An overlay written for another scenario: exit code 2, the scenario it applies to",
          "[cli][overlay]") {
  const fs::path plan = kSource / "scenarios/interventions/whole_hospital/llr_2020_bed_plan.yaml";
  const fs::path baseline = kSource / "scenarios/llr_2016_baseline.yaml";
  for (const std::string command : {"run", "compare"}) {
    const fs::path dir = fresh_dir("wrong_scenario_" + command);
    const auto r = flowsim(
        command + " " + quoted(baseline) + " --with " + quoted(plan) + " --reps 2 --out " + quoted(dir),
        "wrong_scenario_" + command);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(plan.string() +
                     ":27:1: error: 'LLR 2020/21 acute bed plan (whole hospital)' was written for the "
                     "scenario 'LLR 2016/17 whole hospital', not for 'LLR 2016/17 baseline' (" +
                     baseline.string() + ")") != std::string::npos);
    CHECK_FALSE(fs::exists(dir));
  }
}

TEST_CASE("Overlays compose in order, given by repeated or comma-separated --with", "[cli][overlay]") {
  const fs::path fewer = overlay_file("fewer_beds.yaml", kFewerBeds);
  const fs::path demand = overlay_file("double_demand.yaml", kDoubleDemand);
  const auto repeated = flowsim(
      "show " + quoted(kBase) + " --with " + quoted(fewer) + " --with " + quoted(demand) + " --diff",
      "compose_repeated");
  const auto commas = flowsim("show " + quoted(kBase) + " --with " +
                                  quoted(fs::path(fewer.string() + "," + demand.string())) + " --diff",
                              "compose_commas");
  REQUIRE(repeated.exit_code == 0);
  CHECK(repeated.out == commas.out);
  CHECK(repeated.out.find("set units.ward.capacity") < repeated.out.find("scale arrivals.gp"));
  const auto validate =
      flowsim("validate " + quoted(kBase) + " --with " + quoted(fewer) + " --with " + quoted(demand),
              "compose_validate");
  CHECK(validate.exit_code == 0);
  CHECK(validate.out.find("with " + fewer.string() + ", " + demand.string() + ": valid") !=
        std::string::npos);
}

TEST_CASE("run --with simulates the changed scenario and records the overlays in run.json",
          "[cli][overlay]") {
  const fs::path fewer = overlay_file("fewer_beds.yaml", kFewerBeds);
  const fs::path demand = overlay_file("double_demand.yaml", kDoubleDemand);
  const fs::path base_dir = fresh_dir("run_base");
  const fs::path with_dir = fresh_dir("run_with");
  REQUIRE(flowsim("run " + quoted(kBase) + " --quiet --out " + quoted(base_dir), "run_base").exit_code ==
          0);
  const auto r = flowsim("run " + quoted(kBase) + " --quiet --with " + quoted(fewer) + " --with " +
                             quoted(demand) + " --out " + quoted(with_dir),
                         "run_with");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto base_json = nlohmann::json::parse(slurp(base_dir / "run.json"));
  const auto json = nlohmann::json::parse(slurp(with_dir / "run.json"));
  CHECK(base_json["overlays"].empty());
  REQUIRE(json["overlays"].size() == 2);
  CHECK(json["overlays"][0]["file"] == fewer.string());
  CHECK(json["overlays"][0]["name"] == "fewer beds");
  CHECK(json["overlays"][1]["file"] == demand.string());
  CHECK(json["overlays"][0]["hash_fnv1a64"].get<std::string>().size() == 16);
  CHECK(json["overlays"][0]["hash_fnv1a64"] != json["overlays"][1]["hash_fnv1a64"]);
  CHECK(json["scenario_hash_fnv1a64"] == base_json["scenario_hash_fnv1a64"]);
  // Twice the demand on fewer beds: more patients, a fuller ward.
  const auto base_summary = nlohmann::json::parse(slurp(base_dir / "summary.json"));
  const auto summary = nlohmann::json::parse(slurp(with_dir / "summary.json"));
  CHECK(summary.dump() != base_summary.dump());
}
