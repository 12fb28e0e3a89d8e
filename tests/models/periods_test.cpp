// Results period by period (models/measured_periods.hpp, models/run_statistics.hpp):
// the periods' calendar, and each period's metrics checked exactly against
// a run that ends where the period ends, and against queueing theory.
#include "model_test_support.hpp"

#include <fmt/format.h>

#include "models/erlang.hpp"
#include "models/measured_periods.hpp"
#include "sim/statistics.hpp"

using namespace flowsim::test;
using flowsim::models::measured_periods;
using flowsim::models::RunSettings;

namespace {

RunSettings run_of(double warmup, double horizon, std::optional<std::int64_t> start_date = {}) {
  RunSettings run;
  run.warmup_days = warmup;
  run.horizon_days = horizon;
  run.start_date_days = start_date;
  return run;
}

// Days since 1970-01-01.
std::int64_t date(int y, unsigned m, unsigned d) {
  namespace chrono = std::chrono;
  return chrono::sys_days{chrono::year{y} / chrono::month{m} / chrono::day{d}}
      .time_since_epoch()
      .count();
}

// An M/M/6 ward (4 arrivals a day, stays of 1 day on average, unlimited
// queue) measured from day 30, with 'run_extra' added to run: and
// 'unit_extra' to the ward.
std::string mmc_ward(double horizon, const std::string& run_extra = "",
                     const std::string& unit_extra = "") {
  return fmt::format(R"(
name: periods
run: {{horizon_days: {}, warmup_days: 30, replications: 1, seed: 5{}}}
exits: [home]
units:
  ward:
    kind: acute
    capacity: 6
    los: {{dist: exponential, mean: 1, unit: days}}
    routes: {{home: 1}}
    {}
arrivals:
  admissions: {{to: ward, rate_per_day: 4}}
)",
                     horizon, run_extra, unit_extra);
}

}  // namespace

TEST_CASE("Periods: financial years April to March when the run has a start date", "[models][periods]") {
  // 2019/20 holds 29 February 2020: 366 days.
  auto periods = measured_periods(run_of(0, 366 + 365, date(2019, 4, 1)));
  REQUIRE(periods.size() == 2);
  CHECK(periods[0].label == "2019/20");
  CHECK(periods[0].start_day == 0);
  CHECK(periods[0].end_day == 366);
  CHECK(periods[0].start_date_days == date(2019, 4, 1));
  CHECK(periods[1].label == "2020/21");
  CHECK(periods[1].start_day == 366);
  CHECK(periods[1].end_day == 731);
  CHECK(periods[1].start_date_days == date(2020, 4, 1));
  CHECK_FALSE(periods[0].partial);
  CHECK_FALSE(periods[1].partial);

  // A warm-up ending in October and a horizon in June cut the first and last years short.
  periods = measured_periods(run_of(186, 366 + 365 + 69, date(2019, 4, 1)));
  REQUIRE(periods.size() == 3);
  CHECK(periods[0].label == "2019/20 (partial: 180 days)");
  CHECK(periods[0].partial);
  CHECK(periods[0].start_date_days == date(2019, 10, 4));
  CHECK(periods[1].label == "2020/21");
  CHECK(periods[2].label == "2021/22 (partial: 69 days)");
  CHECK(periods[2].end_day == 800);

  // A start date in March: the first financial year is the one it falls in.
  periods = measured_periods(run_of(0, 400, date(2020, 3, 1)));
  REQUIRE(periods.size() == 3);
  CHECK(periods[0].label == "2019/20 (partial: 31 days)");
  CHECK(periods[1].label == "2020/21");
  CHECK(periods[1].start_day == 31);
  CHECK(periods[1].end_day == 396);
  CHECK(periods[2].label == "2021/22 (partial: 4 days)");
}

TEST_CASE("Periods: 365-day years from the end of the warm-up without a start date",
          "[models][periods]") {
  const auto periods = measured_periods(run_of(10.5, 10.5 + 730 + 100));
  REQUIRE(periods.size() == 3);
  CHECK(periods[0].label == "year 1");
  CHECK(periods[0].start_day == 10.5);
  CHECK(periods[0].end_day == 375.5);
  CHECK(periods[1].label == "year 2");
  CHECK(periods[2].label == "year 3 (partial: 100 days)");
  CHECK(periods[2].partial);
  CHECK(periods[2].end_day == 840.5);
  CHECK_FALSE(periods[0].start_date_days);
  // Exactly one year: one period.
  CHECK(measured_periods(run_of(30, 395)).size() == 1);
}

TEST_CASE("Periods: a run of one period reports none of them", "[models][periods]") {
  const auto result = run_once(load(mmc_ward(395)));
  CHECK(result.period_metrics.empty());
}

TEST_CASE("Periods: the first year of a two-year run is the one-year run exactly", "[models][periods]") {
  const auto two_years = load(mmc_ward(30 + 730));
  const auto one_year = load(mmc_ward(30 + 365));
  for (std::uint32_t replication = 0; replication < 3; ++replication) {
    const auto both = run_once(two_years, replication);
    const auto first = run_once(one_year, replication);
    REQUIRE(both.period_metrics.size() == 2);
    REQUIRE(both.period_metrics[0].size() == first.metrics.size());
    for (std::size_t k = 0; k < first.metrics.size(); ++k) {
      INFO(first.metrics[k].name << " in replication " << replication);
      CHECK(both.period_metrics[0][k] == first.metrics[k].value);
    }
    // The whole-run peak is the higher of the two years'.
    CHECK(metric(both, "unit.ward.occupancy_peak") ==
          std::max(period_metric(both, 0, "unit.ward.occupancy_peak"),
                   period_metric(both, 1, "unit.ward.occupancy_peak")));
    // Counts add up over the periods exactly.
    CHECK(metric(both, "unit.ward.diverted") + metric(both, "unit.ward.delayed_patients") ==
          period_metric(both, 0, "unit.ward.diverted") + period_metric(both, 1, "unit.ward.diverted") +
              period_metric(both, 0, "unit.ward.delayed_patients") +
              period_metric(both, 1, "unit.ward.delayed_patients"));
  }
}

TEST_CASE("Periods: the second year of a two-year run against Erlang C", "[models][periods]") {
  // Year 2 is not a separate run's stream, so it is checked against the
  // exact M/M/6 values, within the 99.9% CI of 40 replications.
  const auto model = load(mmc_ward(30 + 730));
  const double a = 4.0;
  const double p_wait = flowsim::models::erlang_c(6, a);
  const std::map<std::string, double> exact = {
      {"unit.ward.occupancy_mean", a},     {"unit.ward.utilisation", a / 6.0},
      {"unit.ward.p_wait", p_wait},        {"unit.ward.queue_mean", p_wait * a / (6.0 - a)},
      {"unit.ward.arrivals_per_day", 4.0}, {"unit.ward.los_mean_days", 1.0},
  };
  std::map<std::string, std::vector<double>> values;
  for (std::uint32_t replication = 0; replication < 40; ++replication) {
    const auto result = run_once(model, replication);
    for (const auto& [name, expected] : exact) values[name].push_back(period_metric(result, 1, name));
    CHECK(period_metric(result, 1, "unit.ward.capacity_mean") == 6.0);
  }
  for (const auto& [name, expected] : exact) {
    const auto s = flowsim::sim::summarize(values[name], 0.999);
    INFO(name << ": " << s.mean << " (" << s.low() << " to " << s.high() << "), exact " << expected);
    CHECK(s.low() <= expected);
    CHECK(expected <= s.high());
  }
}

TEST_CASE("Periods: a capacity change at a period's start shows in each period's capacity",
          "[models][periods]") {
  // 2019/20 (366 days) with 6 beds, 2020/21 with 8 (the change runs at
  // 2020-04-01, after 2019/20 has ended), 2021/22 with 7.
  const auto model =
      load(mmc_ward(366 + 365 + 365, ", start_date: 2019-03-02",
                    "capacity_changes: [{day: 396, capacity: 8}, {day: 761, capacity: 7}]"));
  const auto result = run_once(model);
  REQUIRE(result.period_metrics.size() == 3);
  CHECK(period_metric(result, 0, "unit.ward.capacity_mean") == 6.0);
  CHECK(period_metric(result, 1, "unit.ward.capacity_mean") == 8.0);
  CHECK(period_metric(result, 2, "unit.ward.capacity_mean") == 7.0);
  // The whole run: the mean of the capacity in force.
  CHECK(metric(result, "unit.ward.capacity_mean") == Approx((6.0 * 366 + 8.0 * 365 + 7.0 * 335) / 1066));
}
