// --warmup auto on an empty-start M/M/52 ward (case C1 of the validation
// suite, offered load 50, mean stay 5 days): the pilot's daily census starts
// at 0 and rises as 50 (1 - exp(-t / 5)), so it is still 7 beds short of its
// level at t = 10 days, far beyond the noise of a 10-replication mean.
#include <catch2/catch.hpp>

#include "models/scenario/loader.hpp"
#include "tools/experiments/warmup_pilot.hpp"
#include "tools/runner/replication_runner.hpp"

TEST_CASE("MSER-5 on an empty-start M/M/52 ward cuts the ramp-up and no more than half the run",
          "[experiments][warmup]") {
  const auto loaded = flowsim::scenario::load_scenario_file(std::string(FLOWSIM_SOURCE_DIR) +
                                                            "/scenarios/validation/c1_erlang_c_52.yaml");
  REQUIRE(loaded.ok());
  auto model = std::make_shared<flowsim::models::ModelDefinition>(*loaded.model);
  model->run.horizon_days = 1000;
  REQUIRE(model->units.front().census.patients == 0);  // an empty start

  const auto choice = flowsim::tools::choose_warmup({model}, {"c1"}, 10, 2, {});
  REQUIRE(choice.units.size() == 1);
  WARN("chosen warm-up: " << choice.days << " days");
  CHECK(choice.reliable);
  CHECK(choice.days >= 10.0);
  CHECK(choice.days <= 500.0);
  CHECK(choice.pilot_replications == 10);

  // The series written for Welch's method starts empty and settles near 50 beds.
  const auto pilot = flowsim::tools::run_replications(model, {.replications = 10, .threads = 2});
  const auto series = flowsim::tools::mean_daily_census(pilot, 0);
  REQUIRE(series.size() == 1000);
  CHECK(series.front() < 20.0);
  double settled = 0.0;
  for (std::size_t day = 500; day < series.size(); ++day) settled += series[day];
  settled /= 500.0;
  CHECK(settled == Approx(50.0).margin(1.0));  // Erlang C: 50 beds occupied on average
  CHECK(choice.series_csv.find("c1,ward,0,") != std::string::npos);
}
