// The unit-kind table (models/unit_kinds.hpp): every kind has one row, a
// scenario names it by its key, and the loader reads every key back to the
// kind (so a new row is all a new kind needs to be read).
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "models/scenario/loader.hpp"
#include "models/unit_kinds.hpp"

using flowsim::models::kUnitKinds;
using flowsim::models::traits;
using flowsim::models::unit_kind_named;

TEST_CASE("Every unit kind has one row with its own key, label and colour", "[unit_kinds]") {
  std::set<std::string_view> keys, labels, fills;
  for (const auto& row : kUnitKinds) {
    CHECK(&traits(row.kind) == &row);
    CHECK(unit_kind_named(row.key) == row.kind);
    CHECK(keys.insert(row.key).second);
    CHECK(labels.insert(row.label).second);
    CHECK(fills.insert(row.fill).second);
    CHECK_FALSE(row.key.empty());
  }
  CHECK_FALSE(unit_kind_named("ward"));
  CHECK(traits(flowsim::models::UnitKind::EmergencyDepartment).emergency_department);
  CHECK_FALSE(traits(flowsim::models::UnitKind::CareHome).in_hospital);
}

TEST_CASE("The loader reads every kind in the table by its key", "[unit_kinds]") {
  for (const auto& row : kUnitKinds) {
    const std::string yaml =
        "name: kinds\n"
        "run: {horizon_days: 10, warmup_days: 0, replications: 1, seed: 1}\n"
        "exits: [home]\n"
        "units:\n  u:\n    kind: " +
        std::string(row.key) +
        "\n"
        "    capacity: 2\n    los: {dist: fixed, value: 1, unit: days}\n"
        "    routes: {home: 1}\n"
        "arrivals:\n  a: {to: u, rate_per_day: 1}\n";
    const auto loaded = flowsim::scenario::load_scenario_text(yaml, "kinds.yaml");
    INFO(loaded.diagnostics.format());
    REQUIRE(loaded.ok());
    CHECK(loaded.model->units.front().kind == row.kind);
  }
}
