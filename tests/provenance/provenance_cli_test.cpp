// Every result set records where it came from (run, compare, sweep, size,
// frontier): a title naming the scenario with its overlays, and a
// "provenance" object with the flowsim version, the git commit (or null),
// the input files' SHA-256, the seed, the replications and the command line.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../cli/cli_test_support.hpp"
#include "tools/provenance/sha256.hpp"

using namespace cli_test;
using nlohmann::json;

namespace {

const char* const kTitle = "provenance ward";

// An M/M/3 ward, fast enough for every command.
fs::path ward_scenario() {
  const fs::path path = kOutput / "provenance_ward.yaml";
  write_atomically(path, R"(name: provenance ward
run: {horizon_days: 400, warmup_days: 50, replications: 4, seed: 23}
exits: [home]
units:
  ward:
    kind: acute
    capacity: 3
    los: {dist: exponential, mean: 10, unit: days}
    routes: {home: 1}
arrivals:
  admissions: {to: ward, rate_per_day: 0.2}
)");
  return path;
}

fs::path overlay(const std::string& name, const std::string& text) {
  const fs::path path = kOutput / "overlays" / name;
  write_atomically(path, text);
  return path;
}

fs::path fewer_beds() {
  return overlay("two_beds.yaml",
                 "overlay: two beds\nchanges:\n  - set: units.ward.capacity\n    to: 2\n");
}
fs::path more_demand() {
  return overlay("more_demand.yaml",
                 "overlay: more demand\nchanges:\n  - scale: arrivals.*.rate_per_day\n    by: 1.2\n");
}

// 'flowsim ARGS --out DIR' into a fresh directory 'name'; it must succeed.
struct Finished {
  fs::path dir;
  Outcome outcome;
};
Finished succeeded(const std::string& args, const std::string& name) {
  const fs::path dir = fresh_dir(name);
  const auto r = cli_test::flowsim(args + " --out " + quoted(dir), name);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  return {dir, r};
}

json read_json(const fs::path& path) {
  INFO(path);
  REQUIRE(fs::exists(path));
  return json::parse(slurp(path));
}

// The provenance object's fields and their formats; the hashes are those of
// the files' bytes.
// 'typed' is the file named on the command line (the scenario, or a sweep's file).
void check_provenance(const json& p, const fs::path& scenario, const std::vector<fs::path>& overlays,
                      std::uint64_t seed, std::uint32_t replications, const std::string& command,
                      const fs::path& typed = {}) {
  INFO(p.dump(2));
  REQUIRE(p.is_object());
  CHECK(p["flowsim_version"].is_string());
  CHECK(!p["flowsim_version"].get<std::string>().empty());
  // Built from this git checkout: the commit is 40 hex digits and the dirty
  // flag a boolean; outside git both are null.
  REQUIRE(p.contains("git_commit"));
  REQUIRE(p.contains("git_dirty"));
  if (p["git_commit"].is_null()) {
    CHECK(p["git_dirty"].is_null());
  } else {
    CHECK(std::regex_match(p["git_commit"].get<std::string>(), std::regex("[0-9a-f]{40}")));
    CHECK(p["git_dirty"].is_boolean());
  }
  CHECK(p["scenario_file"] == scenario.string());
  CHECK(p["scenario_sha256"] == flowsim::tools::sha256_hex(slurp(scenario)));
  REQUIRE(p["overlays"].size() == overlays.size());
  for (std::size_t i = 0; i < overlays.size(); ++i) {
    CHECK(p["overlays"][i]["file"] == overlays[i].string());
    CHECK(p["overlays"][i]["sha256"] == flowsim::tools::sha256_hex(slurp(overlays[i])));
  }
  CHECK(p["seed"] == seed);
  CHECK(p["replications"] == replications);
  const std::string line = p["command_line"];
  CHECK(line.rfind("flowsim " + command + " ", 0) == 0);
  CHECK(line.find((typed.empty() ? scenario : typed).string()) != std::string::npos);
}

}  // namespace

TEST_CASE("run --with is titled 'scenario + overlay + overlay' in the console and every result file",
          "[provenance]") {
  const fs::path scenario = ward_scenario();
  const fs::path two = fewer_beds();
  const fs::path more = more_demand();
  const auto [dir, r] = succeeded(
      "run " + quoted(scenario) + " --with " + quoted(two) + "," + quoted(more) + " --seed 5 --reps 3",
      "run_titled");
  const std::string title = std::string(kTitle) + " + two beds + more demand";
  CHECK(r.out.find(title) != std::string::npos);
  const auto run = read_json(dir / "run.json");
  CHECK(run["title"] == title);
  CHECK(run["scenario"] == title);
  CHECK(read_json(dir / "summary.json")["scenario"] == title);
  CHECK(read_json(dir / "model.json")["name"] == title);
  // The existing fields stay.
  CHECK(run["overlays"].size() == 2);
  CHECK(run["scenario_hash_fnv1a64"].get<std::string>().size() == 16);
  check_provenance(run["provenance"], scenario, {two, more}, 5, 3, "run");
  CHECK(run["provenance"]["command_line"].get<std::string>().find("--seed 5 --reps 3") !=
        std::string::npos);
}

TEST_CASE("run without overlays is titled with the scenario's name", "[provenance]") {
  const fs::path scenario = ward_scenario();
  const fs::path dir = succeeded("run " + quoted(scenario) + " --quiet", "run_plain").dir;
  const auto run = read_json(dir / "run.json");
  CHECK(run["title"] == kTitle);
  check_provenance(run["provenance"], scenario, {}, 23, 4, "run");
}

TEST_CASE("compare records the title of every variant and the provenance in compare.json and run.json",
          "[provenance]") {
  const fs::path scenario = ward_scenario();
  const fs::path two = fewer_beds();
  const fs::path more = more_demand();
  const fs::path dir = succeeded("compare " + quoted(scenario) + " --with " + quoted(two) + " --with " +
                                     quoted(more) + " --quiet",
                                 "compare")
                           .dir;
  const std::string title = std::string(kTitle) + " vs two beds vs more demand";
  for (const char* file : {"compare.json", "run.json"}) {
    INFO(file);
    const auto record = read_json(dir / file);
    CHECK(record["title"] == title);
    check_provenance(record["provenance"], scenario, {two, more}, 23, 4, "compare");
  }
  const auto run = read_json(dir / "run.json");
  CHECK(run["scenarios"][1]["name"] == std::string(kTitle) + " + two beds");
  CHECK(run["scenarios"][1]["sha256"][1] == flowsim::tools::sha256_hex(slurp(two)));
}

TEST_CASE("sweep writes run.json with its title and provenance", "[provenance]") {
  const fs::path scenario = ward_scenario();
  const fs::path more = more_demand();
  const fs::path sweep = kOutput / "provenance_sweep.yaml";
  write_atomically(sweep, "sweep: beds\nscenario: " + scenario.string() +
                              "\nreplications: 2\nseed: 9\nparameters:\n"
                              "  - set: units.ward.capacity\n    values: [3, 4]\n");
  const fs::path dir =
      succeeded("sweep " + quoted(sweep) + " --with " + quoted(more) + " --quiet", "sweep").dir;
  const auto run = read_json(dir / "run.json");
  CHECK(run["title"] == std::string(kTitle) + " + more demand");
  CHECK(run["command"] == "sweep");
  CHECK(run["points"] == 2);
  CHECK(run["sweep_file"]["sha256"] == flowsim::tools::sha256_hex(slurp(sweep)));
  check_provenance(run["provenance"], scenario, {more}, 9, 2, "sweep", sweep);
}

TEST_CASE("size records the provenance in size.json and in the chosen capacity's run.json",
          "[provenance]") {
  const fs::path scenario = ward_scenario();
  const fs::path more = more_demand();
  const fs::path dir = succeeded("size " + quoted(scenario) + " --with " + quoted(more) +
                                     " --unit ward --target 'p_wait <= 0.5' --range 2:6 --reps 3",
                                 "size")
                           .dir;
  const std::string title = std::string(kTitle) + " + more demand";
  const auto size = read_json(dir / "size.json");
  CHECK(size["title"] == title);
  check_provenance(size["provenance"], scenario, {more}, 23, 3, "size");
  const auto run = read_json(dir / "run.json");
  CHECK(run["title"] == title);
  check_provenance(run["provenance"], scenario, {more}, 23, 3, "size");
}

TEST_CASE("frontier writes run.json, so its record has the seed, replications and run time",
          "[provenance]") {
  std::string text = slurp(kSource / "scenarios/validation/c4_t0.yaml");
  text = std::regex_replace(text, std::regex(R"(horizon_days:\s*[0-9.]+)"), "horizon_days: 600");
  text = std::regex_replace(text, std::regex(R"(warmup_days:\s*[0-9.]+)"), "warmup_days: 100");
  const fs::path scenario = kOutput / "provenance_c4_t0.yaml";
  write_atomically(scenario, text);
  const fs::path dir =
      succeeded("frontier " + quoted(scenario) +
                    " --units community,acute --grid 5:7:2 --target 'p_diverted <= 0.5' --reps 3",
                "frontier")
          .dir;
  const auto run = read_json(dir / "run.json");
  const auto frontier = read_json(dir / "frontier.json");
  CHECK(run["command"] == "frontier");
  CHECK(run["title"] == frontier["scenario"]);
  CHECK(frontier["title"] == frontier["scenario"]);
  CHECK(run["seed"] == frontier["seed"]);
  CHECK(run["replications"] == 3);
  CHECK(run["wall_seconds"].get<double>() > 0.0);
  CHECK(run["random_numbers"].is_string());
  CHECK(run["machine"].is_object());
  check_provenance(run["provenance"], scenario, {}, frontier["seed"].get<std::uint64_t>(), 3,
                   "frontier");
  check_provenance(frontier["provenance"], scenario, {}, frontier["seed"].get<std::uint64_t>(), 3,
                   "frontier");
}
