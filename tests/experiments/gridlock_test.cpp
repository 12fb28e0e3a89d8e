// Gridlocked replications found in whole runs of the model: an M/M/c ward
// whose beds are cut below its load on day 400 gridlocks from that day in
// every replication; the same ward without the cut, and stable M/M/c wards
// up to 90% busy, never do.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "models/hospital_model.hpp"
#include "models/scenario/loader.hpp"
#include "tools/io/gridlock.hpp"

using flowsim::tools::find_gridlocked;

namespace {

// 10 beds, stays exponential with mean 1 day, 'rate' arrivals a day; an
// optional calendar line. One year measured after a 180-day warm-up.
std::shared_ptr<const flowsim::models::ModelDefinition> ward(double rate, const std::string& calendar,
                                                             int replications) {
  const std::string text = fmt::format(R"(
name: gridlock ward
run: {{horizon_days: 545, warmup_days: 180, replications: {}, seed: 41}}
exits: [home]
units:
  ward:
    capacity: 10
    {}
    los: {{dist: exponential, mean: 1, unit: days}}
    routes: {{home: 1}}
arrivals:
  admissions: {{to: ward, rate_per_day: {}}}
)",
                                       replications, calendar, rate);
  const auto loaded = flowsim::scenario::load_scenario_text(text, "gridlock_ward.yaml");
  INFO(loaded.diagnostics.format());
  REQUIRE(loaded.ok());
  return loaded.model;
}

std::vector<flowsim::models::ReplicationResult> run_all(
    const std::shared_ptr<const flowsim::models::ModelDefinition>& model) {
  std::vector<flowsim::models::ReplicationResult> results;
  for (std::uint32_t r = 0; r < model->run.replications; ++r)
    results.push_back(
        flowsim::models::HospitalModel(model, flowsim::models::ReplicationOptions{r}).run());
  return results;
}

}  // namespace

TEST_CASE("Gridlock: beds cut from 10 to 5 on day 400 under 8 arrivals a day gridlock from day 400",
          "[experiments][gridlock]") {
  // From day 400 the ward clears 5 patients a day and 8 arrive: the list
  // grows by about 3 a day and never recovers. The typical level is a
  // median, so the smoothed list is above it about half the time before the
  // cut, on excursions that can last a week or two at 80% busy: the day
  // found is the start of the excursion the cut turned into a runaway, up
  // to three weeks early, and the list is past its typical level a day or
  // two after the cut at the latest.
  const auto model = ward(8.0, "capacity_changes: [{day: 400, capacity: 5}]", 10);
  const auto results = run_all(model);
  const auto found = find_gridlocked(*model, results);
  REQUIRE(found.size() == results.size());
  for (std::size_t r = 0; r < found.size(); ++r) {
    INFO("replication " << found[r].replication);
    CHECK(found[r].replication == r);
    CHECK(found[r].unit == "ward");
    CHECK(found[r].day >= 379);
    CHECK(found[r].day <= 402);
  }
  CHECK(flowsim::tools::gridlock_sentence(found, results.size())
            .rfind("10 of 10 replications gridlocked from day ", 0) == 0);
}

TEST_CASE("Gridlock: stable M/M/10 wards, 50% to 90% busy, never gridlock", "[experiments][gridlock]") {
  for (const double rate : {5.0, 8.0, 9.0}) {
    INFO("arrivals a day: " << rate);
    const auto model = ward(rate, "", 40);
    const auto found = find_gridlocked(*model, run_all(model));
    CHECK(found.empty());
    CHECK(flowsim::tools::gridlock_sentence(found, 40).empty());
  }
}
