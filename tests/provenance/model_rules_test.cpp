// model.json states what the model does, so that the report can say it
// rather than a fixed text: waiting-list priorities, capacity calendars,
// discharge windows, transfer delays, seasonal demand and stays, the
// calendar, and that a unit without them is first come, first served.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "models/scenario/loader.hpp"
#include "tools/io/model_description.hpp"

namespace {

const char* const kRules = R"(name: rules
run: {horizon_days: 400, warmup_days: 50, replications: 2, seed: 3, start_date: 2016-04-01}
groups: {young: 0.6, old: 0.4}
exits: [home]
units:
  ae:
    kind: emergency_department
    capacity: unlimited
    los: {dist: exponential, mean: 4, unit: hours}
    routes: {acute: 0.3, home: 0.7}
  acute:
    kind: acute
    capacity: 20
    capacity_changes: [{day: 100, capacity: 18}]
    discharge_window: {hours: [8, 20], weekend_rate: 0.5}
    transfer_delay:
      home: {dist: fixed, value: 3, unit: hours}
    queue_priority:
      by: source
      levels: {ae: 0, gp: 1}
    los: {dist: exponential, mean: 5, unit: days}
    routes: {home: 1}
arrivals:
  walk_in:
    to: ae
    rate_per_day: 20
    seasonal:
      month_of_year: [1.2, 1.1, 1.0, 1.0, 1.0, 0.9, 0.9, 0.9, 1.0, 1.0, 1.0, 1.0]
  gp: {to: acute, rate_per_day: 1}
)";

nlohmann::json described(const std::string& yaml) {
  const auto loaded = flowsim::scenario::load_scenario_text(yaml, "rules.yaml");
  INFO(loaded.diagnostics.format());
  REQUIRE(loaded.ok());
  return nlohmann::json::parse(flowsim::tools::describe_model(*loaded.model).dump());
}

}  // namespace

TEST_CASE("model.json states priorities, calendars, discharge windows, delays and seasons",
          "[provenance][model]") {
  const auto model = described(kRules);
  INFO(model.dump(2));
  CHECK(model["calendar"]["start_date"] == "2016-04-01");
  CHECK(model["calendar"]["start_weekday"] == "Friday");
  const auto& ae = model["units"][0];
  const auto& acute = model["units"][1];
  CHECK(ae["waiting_list"]["order"] == "first come, first served");
  CHECK(ae["discharge_window"].is_null());
  CHECK(ae["capacity_calendar"].empty());
  // Transfers from A&E first, then GP admissions.
  CHECK(acute["waiting_list"]["order"] == "priority");
  CHECK(acute["waiting_list"]["by"] == "source");
  CHECK(acute["waiting_list"]["levels"][0] == nlohmann::json::array({"transfers from ae"}));
  CHECK(acute["waiting_list"]["levels"][1] == nlohmann::json::array({"gp"}));
  CHECK(acute["waiting_list"]["within_level"] == "first come, first served");
  REQUIRE(acute["capacity_calendar"].size() == 1);
  CHECK(acute["capacity_calendar"][0]["from_day"] == 100.0);
  CHECK(acute["capacity_calendar"][0]["capacity"] == 18);
  CHECK(acute["discharge_window"]["open_hour"] == 8.0);
  CHECK(acute["discharge_window"]["close_hour"] == 20.0);
  CHECK(acute["discharge_window"]["weekend_rate"] == 0.5);
  REQUIRE(acute["transfer_delays"].size() == 1);
  CHECK(acute["transfer_delays"][0]["to"] == "home");
  CHECK(acute["transfer_delays"][0]["to_exit"] == true);
  CHECK(acute["seasonal_stays"].is_null());
  CHECK(acute["services"]["visits"].is_null());
  CHECK(acute["services"]["admission_avoidance"].is_null());
  CHECK(acute["services"]["readmission"].is_null());
  const auto& walk_in = model["sources"][0];
  REQUIRE(walk_in["seasonal"].is_object());
  CHECK(walk_in["seasonal"]["max_multiplier"].get<double>() >
        walk_in["seasonal"]["min_multiplier"].get<double>());
  CHECK(walk_in["referral"].is_null());
  CHECK(model["sources"][1]["seasonal"].is_null());
  CHECK(model["electives"].empty());
}
