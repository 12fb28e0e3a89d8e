// The pathway network diagram (network.dot): routes labelled by their
// long-run flows, readmissions dashed, elective streams named with their
// booking rate.
#include <catch2/catch.hpp>

#include <string>

#include "models/scenario/loader.hpp"
#include "tools/io/network_dot.hpp"

TEST_CASE("The pathway diagram shows readmissions and elective streams", "[report][network]") {
  const auto loaded = flowsim::scenario::load_scenario_text(R"(
name: diagram
run: {horizon_days: 100, warmup_days: 10, replications: 1, seed: 8}
groups: {emergency: 0.9, elective: 0.1}
exits: [home, died]
units:
  ae:
    kind: emergency_department
    capacity: unlimited
    los: {dist: fixed, value: 3, unit: hours}
    routes: {acute: 1}
  acute:
    kind: acute
    capacity: 50
    los: {dist: exponential, mean: 4, unit: days}
    routes: {home: 0.8, died: 0.2}
    readmission: {probability: 0.12, within_days: 30, after_exits: [home], to: ae}
arrivals:
  attendances: {to: ae, rate_per_day: 30}
electives:
  hips: {to: acute, group: elective, per_weekday: [2, 2, 2, 2, 2, 0, 0]}
)",
                                                            "diagram.yaml");
  INFO(loaded.diagnostics.format());
  REQUIRE(loaded.ok());
  const auto& model = *loaded.model;
  const std::string dot = flowsim::tools::pathway_network_dot(model);
  INFO(dot);
  CHECK(dot.find("readmitted\", penwidth=") != std::string::npos);
  CHECK(dot.find("style=dashed") != std::string::npos);
  CHECK(dot.find("hips (elective)") != std::string::npos);
  CHECK(dot.find("10 booked a week") != std::string::npos);
}
