// Reading sweep files: both forms, and an exact message (file, line, column,
// key path, what was expected) for each kind of mistake.
#include <catch2/catch.hpp>

#include <string>

#include "tools/sweep/sweep_definition.hpp"

using flowsim::sweep::load_sweep_text;
using flowsim::sweep::ParameterAction;

namespace {

const std::string kBase = std::string(FLOWSIM_SOURCE_DIR) + "/scenarios/validation/x.yaml";

// The formatted errors of a sweep text named 'sweep.yaml' in scenarios/validation/.
std::string errors_of(const std::string& text) {
  const auto load =
      load_sweep_text(text, std::string(FLOWSIM_SOURCE_DIR) + "/scenarios/validation/s.yaml");
  REQUIRE_FALSE(load.sweep.has_value());
  return load.diagnostics.format();
}

}  // namespace

TEST_CASE("A sweep file names its scenario, grid and sampled parameters", "[sweep]") {
  const auto load = load_sweep_text(R"(sweep: beds
scenario: c1_erlang_c_small.yaml
replications: 4
seed: 9
samples: 5
parameters:
  - set: units.ward.capacity
    values: [3, 4.5, "5"]
  - scale: units.ward.los
    range: [0.5, 1.5]
    name: stay_scale
  - set: arrivals.admissions.rate_per_day
    range: [1, 4]
    integer: true
)",
                                    std::string(FLOWSIM_SOURCE_DIR) + "/scenarios/validation/s.yaml");
  INFO(load.diagnostics.format());
  REQUIRE(load.sweep.has_value());
  const auto& sweep = *load.sweep;
  CHECK(sweep.name == "beds");
  CHECK(sweep.scenario_file.ends_with("scenarios/validation/c1_erlang_c_small.yaml"));
  CHECK(sweep.scenario_text.find("Erlang C") != std::string::npos);
  CHECK(sweep.replications == 4U);
  CHECK(sweep.seed == 9U);
  CHECK(sweep.samples == 5U);
  REQUIRE(sweep.parameters.size() == 3);
  CHECK(sweep.parameters[0].name == "units.ward.capacity");
  REQUIRE(sweep.parameters[0].values.size() == 3);
  CHECK(sweep.parameters[0].values[1].text == "4.5");
  CHECK(sweep.parameters[0].values[1].is_number);
  CHECK(sweep.parameters[0].values[2].text == "5");  // quoted: a string
  CHECK_FALSE(sweep.parameters[0].values[2].is_number);
  CHECK(sweep.parameters[1].action == ParameterAction::Scale);
  CHECK(sweep.parameters[1].name == "stay_scale");
  CHECK(sweep.parameters[1].sampled());
  CHECK(sweep.parameters[1].low == 0.5);
  CHECK(sweep.parameters[1].high == 1.5);
  CHECK(sweep.parameters[2].integer);
}

TEST_CASE("A sweep block inside a scenario sweeps that scenario", "[sweep]") {
  const std::string text = R"(name: tiny
sweep:
  replications: 2
  parameters:
    - set: units.ward.capacity
      values: [1, 2]
exits: [home]
)";
  const auto load = load_sweep_text(text, "tiny.yaml");
  INFO(load.diagnostics.format());
  REQUIRE(load.sweep.has_value());
  CHECK(load.sweep->name == "tiny");
  CHECK(load.sweep->scenario_file == "tiny.yaml");
  // The block's lines are emptied, the others keep their line numbers.
  CHECK(load.sweep->scenario_text == "name: tiny\n\n\n\n\n\nexits: [home]\n");
  CHECK(load.sweep->parameters.size() == 1);
}

TEST_CASE("Sweep file mistakes are reported with position, key path and expectation", "[sweep]") {
  const std::string file = std::string(FLOWSIM_SOURCE_DIR) + "/scenarios/validation/s.yaml";
  CHECK(errors_of("sweep: x\nscenario: c1_erlang_c_small.yaml\nparameters:\n"
                  "  - set: units.ward.capacity\n    valeus: [1]\n") ==
        file +
            ":4:5: error: expected exactly one of 'values: [...]' (a grid) or 'range: [low, "
            "high]' (sampled by the Latin hypercube)\n    at parameters[0]\n" +
            file +
            ":5:5: error: unknown key 'valeus'; did you mean 'values'?\n"
            "    at parameters[0].valeus\n");
  CHECK(errors_of("sweep: x\nscenario: c1_erlang_c_small.yaml\nparameters:\n"
                  "  - set: units.ward.capacity\n    range: [1, 3]\n") ==
        file +
            ":1:1: error: missing key 'samples': a parameter with a 'range' needs the number "
            "of Latin hypercube samples\n    at samples\n");
  CHECK(errors_of("sweep: x\nscenario: c1_erlang_c_small.yaml\nparameters:\n"
                  "  - scale: units.ward.los\n    values: [1, big]\n") ==
        file +
            ":5:17: error: a scale factor must be a number, got \"big\"\n"
            "    at parameters[0].values[1]\n");
  CHECK(errors_of("sweep: x\nscenario: nowhere.yaml\nparameters:\n"
                  "  - set: units.ward.capacity\n    values: [1]\n") ==
        file + ":2:11: error: cannot open the scenario file '" + std::string(FLOWSIM_SOURCE_DIR) +
            "/scenarios/validation/nowhere.yaml'\n    at scenario\n");
  CHECK(errors_of("sweep: x\nscenario: c1_erlang_c_small.yaml\nsamples: 3\nparameters:\n"
                  "  - set: a.b\n    range: [5, 1]\n") ==
        file + ":6:12: error: expected [low, high] with low <= high\n    at parameters[0].range\n");
  CHECK(errors_of("sweep: x\nscenario: c1_erlang_c_small.yaml\nparameters:\n"
                  "  - set: a\n    values: [1]\n  - set: a\n    values: [2]\n") ==
        file +
            ":6:5: error: two parameters are named 'a'; give one a different 'name'\n"
            "    at parameters[1]\n");
  CHECK(errors_of("scenario: c1_erlang_c_small.yaml\n")
            .find("expected a sweep file (with 'sweep: NAME' and 'scenario: FILE') or a scenario with "
                  "a 'sweep:' block") != std::string::npos);
  CHECK(errors_of("sweep: [unclosed\n").find("invalid YAML") != std::string::npos);
}
