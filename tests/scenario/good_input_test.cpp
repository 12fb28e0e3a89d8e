// The loader on valid input: what a scenario means once loaded.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "models/hospital_model.hpp"
#include "models/scenario/loader.hpp"
#include "models/scenario/name_limits.hpp"

namespace {
const char* const kGood = R"(
name: good
description: a small valid scenario
run: {horizon_days: 30, warmup_days: 5, replications: 3, seed: 42}
groups: {adult: 0.75, older: 0.25}
exits: [home, died]
units:
  ae:
    kind: emergency_department
    capacity: unlimited
    los: {dist: fixed, value: 90, unit: minutes}
    routes:
      adult: {home: 0.8, ward: 0.2}
      older: {home: 0.5, ward: 0.5}
  ward:
    kind: acute
    capacity: 20
    queue_limit: 4
    los:
      adult: {dist: gamma, mean: 4, sd: 2, unit: days}
      older: {dist: mixture, components: [{dist: exponential, mean: 1, unit: weeks, weight: 3}, {dist: fixed, value: 12, unit: hours, weight: 1}]}
    routes: {home: 0.9, died: 0.1}
    initial: {patients: 3, elapsed_days: [1, 2, 0.5]}
    costs: {per_occupied_bed_day: 400, per_admission: 50}
arrivals:
  walk_in:
    to: ae
    rate_per_day: 100
    day_of_week: [2, 2, 2, 2, 2, 1, 1]
    growth_per_year: 0.03
)";
}  // namespace

TEST_CASE("A valid scenario loads with names resolved and units converted", "[scenario]") {
  const auto result = flowsim::scenario::load_scenario_text(kGood, "good.yaml");
  INFO(result.diagnostics.format());
  REQUIRE(result.ok());
  const auto& m = *result.model;
  CHECK(m.name == "good");
  CHECK(m.run.horizon_days == 30);
  CHECK(m.run.warmup_days == 5);
  CHECK(m.run.replications == 3);
  CHECK(m.run.seed == 42);
  REQUIRE(m.groups.size() == 2);
  CHECK(m.group_cumulative == std::vector<double>{0.0, 0.75, 1.0});
  REQUIRE(m.units.size() == 2);
  const auto& ae = m.units[*m.find_unit("ae")];
  const auto& ward = m.units[*m.find_unit("ward")];
  CHECK(ae.unlimited());
  CHECK(ae.kind == flowsim::models::UnitKind::EmergencyDepartment);
  CHECK(ae.los_by_group[0].mean() == Approx(90.0 / 1440.0));
  CHECK(ae.routes_by_group[1].cumulative.size() == 3);
  CHECK(ward.capacity == 20);
  CHECK(ward.queue_limit == 4);
  CHECK(ward.los_by_group[0].mean() == Approx(4.0));
  CHECK(ward.los_by_group[1].mean() == Approx(0.75 * 7.0 + 0.25 * 0.5));
  CHECK(ward.census.patients == 3);
  CHECK(ward.census.elapsed_days == std::vector<double>{1, 2, 0.5});
  CHECK(ward.costs.per_occupied_bed_day_gbp == 400);
  CHECK(ward.costs.per_admission_gbp == 50);
  CHECK(m.exits == std::vector<std::string>{"home", "died"});
  REQUIRE(m.sources.size() == 1);
  const auto& source = m.sources[0];
  CHECK(source.rate_per_day == 100);
  // Multipliers are normalised to mean 1.
  CHECK(source.day_of_week[0] == Approx(2.0 * 7.0 / 12.0));
  CHECK(source.day_of_week[6] == Approx(7.0 / 12.0));
  CHECK(source.hour_of_day[5] == 1.0);
  CHECK_FALSE(source.homogeneous());
  // Stream purposes depend on the unit's name only.
  CHECK(ae.stay_purpose != ward.stay_purpose);
}

TEST_CASE("Loading from a file gives the same model as loading its text", "[scenario]") {
  const auto path = std::filesystem::path(FLOWSIM_SOURCE_DIR) / "scenarios" / "validation" / "r1.yaml";
  const auto from_file = flowsim::scenario::load_scenario_file(path.string());
  INFO(from_file.diagnostics.format());
  REQUIRE(from_file.ok());
  CHECK(from_file.model->units.size() >= 2);
  CHECK_FALSE(from_file.model->sources.empty());
}

namespace {
// 'groups' patient groups; only the last arrives, and only it goes on to
// unit 'last' (everyone else leaves the ward for home).
std::string many_groups_scenario(int groups) {
  std::string shares;
  std::string routes;
  for (int g = 0; g < groups; ++g) {
    const bool last = g + 1 == groups;
    shares += fmt::format("{}g{}: {}", g == 0 ? "" : ", ", g, last ? 1 : 0);
    routes += fmt::format("{}g{}: {{{}: 1}}", g == 0 ? "" : ", ", g, last ? "last" : "home");
  }
  return fmt::format(R"(name: many groups
run: {{horizon_days: 30, warmup_days: 0, replications: 1, seed: 3}}
groups: {{{}}}
exits: [home]
units:
  ward: {{capacity: unlimited, los: {{dist: fixed, value: 1, unit: days}}, routes: {{{}}}}}
  last: {{capacity: unlimited, los: {{dist: fixed, value: 1, unit: days}}, routes: {{home: 1}}}}
arrivals: {{walk_in: {{to: ward, rate_per_day: 10}}}}
)",
                     shares, routes);
}
}  // namespace

TEST_CASE("256 patient groups load and the last is simulated as itself; 257 are refused", "[scenario]") {
  const auto most = flowsim::scenario::load_scenario_text(many_groups_scenario(256), "most.yaml");
  INFO(most.diagnostics.format());
  REQUIRE(most.ok());
  flowsim::models::HospitalModel replication(most.model, flowsim::models::ReplicationOptions{});
  const auto result = replication.run();
  double admitted_last = 0.0;
  for (const auto& metric : result.metrics)
    if (metric.name == "unit.last.admissions_per_day") admitted_last = metric.value;
  CHECK(admitted_last > 5.0);  // group 255's own route, not group 0's (home)

  const auto too_many = flowsim::scenario::load_scenario_text(many_groups_scenario(257), "many.yaml");
  CHECK_FALSE(too_many.ok());
  CHECK(too_many.diagnostics.format().find("257 patient groups, but at most 256 are supported") !=
        std::string::npos);
}

TEST_CASE("Arrival sources, units and elective streams share 65536 patient source ids", "[scenario]") {
  // More than a file can hold within the loader's visit budget, so the
  // check is tested on a model built here.
  flowsim::models::ModelDefinition model;
  model.sources.resize(65000);
  model.units.resize(530);
  model.electives.resize(6);
  CHECK_FALSE(flowsim::scenario::too_many_patient_sources(model));
  model.electives.resize(7);
  const auto problem = flowsim::scenario::too_many_patient_sources(model);
  REQUIRE(problem);
  CHECK(*problem ==
        "65000 arrival sources, 530 units and 7 elective streams make 65537 sources of "
        "patients (each unit's census is one), but at most 65536 are supported (a "
        "patient's source is stored in 16 bits)");
}
