// Routing by patient group, the starting census, common random numbers,
// flow balance and time-varying arrival rates.
#include "model_test_support.hpp"

#include <array>
#include <cmath>
#include <set>

using namespace flowsim::test;
using flowsim::models::EventLogKind;

namespace {

// Within 5 Poisson standard deviations.
void check_count(double observed, double expected) {
  INFO("observed " << observed << ", expected " << expected);
  CHECK(std::abs(observed - expected) <= 5.0 * std::sqrt(expected));
}

}  // namespace

TEST_CASE("Each patient group follows its own stays and routes", "[models]") {
  // The A&E stay tells the group apart in the event log: 2 h adult, 4 h older.
  const auto model = load(R"(
name: groups
run: {horizon_days: 40, warmup_days: 0, replications: 1, seed: 2}
groups: {adult: 0.6, older: 0.4}
exits: [home]
units:
  ae:
    kind: emergency_department
    capacity: unlimited
    los:
      adult: {dist: fixed, value: 2, unit: hours}
      older: {dist: fixed, value: 4, unit: hours}
    routes:
      adult: {home: 0.9, ward: 0.1}
      older: {home: 0.5, ward: 0.5}
  ward:
    capacity: unlimited
    los: {dist: exponential, mean: 3, unit: days}
    routes: {home: 1}
arrivals:
  mixed: {to: ae, rate_per_day: 200}
  care_homes: {to: ae, rate_per_day: 50, groups: {adult: 0, older: 1}}
)");
  const auto result = run_once(model);
  const int ae = static_cast<int>(*model->find_unit("ae"));
  const int ward = static_cast<int>(*model->find_unit("ward"));
  std::map<PatientId, double> admitted;
  std::array<std::size_t, 2> mixed_by_group{};  // from the first source
  std::array<std::size_t, 2> patients_by_group{};
  std::array<std::size_t, 2> to_ward_by_group{};
  std::size_t care_home_older = 0;
  std::size_t care_home_total = 0;
  for (const auto& e : result.event_log) {
    if (is(e, EventLogKind::Admit) && e.unit == ae) admitted[id_of(e)] = e.time_days;
    if (!is(e, EventLogKind::Fit) || e.unit != ae) continue;
    const double hours = (e.time_days - admitted.at(id_of(e))) * 24.0;
    const bool older = std::abs(hours - 4.0) < 1e-6;
    REQUIRE((older || std::abs(hours - 2.0) < 1e-6));
    const std::size_t g = older ? 1 : 0;
    if (e.source == 0) ++mixed_by_group[g];
    else {
      ++care_home_total;
      if (older) ++care_home_older;
    }
    ++patients_by_group[g];
  }
  // Where each patient went after A&E: the event right after 'fit'.
  for (std::size_t i = 0; i + 1 < result.event_log.size(); ++i) {
    const auto& e = result.event_log[i];
    if (!is(e, EventLogKind::Fit) || e.unit != ae) continue;
    const auto& next = result.event_log[i + 1];
    REQUIRE(id_of(next) == id_of(e));
    const double hours = (e.time_days - admitted.at(id_of(e))) * 24.0;
    const std::size_t g = std::abs(hours - 4.0) < 1e-6 ? 1 : 0;
    if (is(next, EventLogKind::Move) && next.other == ward) ++to_ward_by_group[g];
  }
  check_share(mixed_by_group[1], mixed_by_group[0] + mixed_by_group[1], 0.4);
  CHECK(care_home_older == care_home_total);  // the source's own mix: all older
  CHECK(care_home_total > 1000);
  check_share(to_ward_by_group[0], patients_by_group[0], 0.1);
  check_share(to_ward_by_group[1], patients_by_group[1], 0.5);
}

TEST_CASE("Census start: known elapsed stays", "[models]") {
  const auto model = load(R"(
name: census known
run: {horizon_days: 12, warmup_days: 0, replications: 1, seed: 4}
exits: [home]
units:
  ward:
    capacity: 10
    los: {dist: fixed, value: 10, unit: days}
    routes: {home: 1}
    initial: {patients: 6, elapsed_days: [0, 1, 2, 3, 4, 5]}
arrivals:
  trickle: {to: ward, rate_per_day: 1.0e-9}
)");
  const auto result = run_once(model);
  // Occupancy at time 0 is the census.
  CHECK(result.daily_peak[0][0] == 6);
  // Each leaves when its 10 days are up: at 10, 9, 8, 7, 6 and 5.
  const auto exits = events_of(result, EventLogKind::Exit);
  REQUIRE(exits.size() == 6);
  for (const auto& e : exits) CHECK(e.time_days == 10.0 - e.entity);
  const std::vector<double> census = {6, 6, 6, 6, 5, 4, 3, 2, 1, 0, 0, 0};
  CHECK(result.daily_census[0] == census);
  CHECK(metric(result, "unit.ward.occupancy_mean") == Approx(45.0 / 12.0));
  CHECK(metric(result, "unit.ward.los_mean_days") == Approx(10.0));  // elapsed part included
  CHECK(metric(result, "unit.ward.admissions_per_day") == 0.0);      // admitted before time 0
  CHECK(result.flow_balanced);
}

TEST_CASE("Census start: unknown elapsed stays use the stationary residual", "[models]") {
  const auto model = load(R"(
name: census unknown
run: {horizon_days: 60, warmup_days: 0, replications: 1, seed: 4}
exits: [home]
units:
  memoryless:
    capacity: unlimited
    los: {dist: exponential, mean: 5, unit: days}
    routes: {home: 1}
    initial: {patients: 400, elapsed_days: unknown}
  fixed_stay:
    capacity: 500
    los: {dist: fixed, value: 4, unit: days}
    routes: {home: 1}
    initial: {patients: 400, elapsed_days: unknown}
arrivals:
  trickle: {to: memoryless, rate_per_day: 1.0e-9}
)");
  const auto result = run_once(model);
  const int memoryless = static_cast<int>(*model->find_unit("memoryless"));
  const int fixed_stay = static_cast<int>(*model->find_unit("fixed_stay"));
  CHECK(result.daily_peak[static_cast<std::size_t>(memoryless)][0] == 400);
  CHECK(result.daily_peak[static_cast<std::size_t>(fixed_stay)][0] == 400);
  double sum_exponential = 0.0;
  double sum_fixed = 0.0;
  std::size_t n_exponential = 0;
  std::size_t n_fixed = 0;
  for (const auto& e : events_of(result, EventLogKind::Exit)) {
    CHECK(e.time_days >= 0.0);
    if (e.unit == memoryless) {
      sum_exponential += e.time_days;
      ++n_exponential;
    } else {
      CHECK(e.time_days <= 4.0 + 1e-9);  // residual of a 4-day stay: uniform on (0, 4)
      sum_fixed += e.time_days;
      ++n_fixed;
    }
  }
  // Residual of an exponential stay is exponential with the same mean (sd 5).
  REQUIRE(n_exponential >= 399);  // one may outlast 60 days with probability ~ 400 e^-12
  CHECK(std::abs(sum_exponential / static_cast<double>(n_exponential) - 5.0) <=
        5.0 * 5.0 / std::sqrt(400.0));
  REQUIRE(n_fixed == 400);
  CHECK(std::abs(sum_fixed / static_cast<double>(n_fixed) - 2.0) <=
        5.0 * (4.0 / std::sqrt(12.0)) / std::sqrt(400.0));
  // The elapsed part is drawn too, so a census patient's whole stay is
  // length-biased: exactly 4 days for the fixed stay, and for the
  // exponential E[L^2] / E[L] = 10 days (gamma(2, 5), sd 5 sqrt 2).
  CHECK(metric(result, "unit.fixed_stay.los_mean_days") == Approx(4.0).epsilon(1e-9));
  CHECK(std::abs(metric(result, "unit.memoryless.los_mean_days") - 10.0) <=
        5.0 * 5.0 * std::sqrt(2.0) / std::sqrt(400.0));
}

TEST_CASE("Common random numbers: a patient's stays do not depend on other units' capacity",
          "[models]") {
  const std::string base = R"(
name: crn
run: {horizon_days: 60, warmup_days: 0, replications: 1, seed: 11}
exits: [home, died]
units:
  ae:
    kind: emergency_department
    capacity: 20
    los: {dist: lognormal, mean: 3, sd: 2, unit: hours}
    routes: {acute: 0.3, home: 0.7}
  acute:
    kind: acute
    capacity: CAPACITY
    los: {dist: lognormal, mean: 5, sd: 4, unit: days}
    routes: {home: 0.8, community: 0.15, died: 0.05}
  community:
    kind: community
    capacity: 6
    los: {dist: gamma, mean: 10, sd: 5, unit: days}
    routes: {home: 1}
arrivals:
  walk_in: {to: ae, rate_per_day: 40}
)";
  const auto with_capacity = [&base](int capacity) {
    std::string text = base;
    text.replace(text.find("CAPACITY"), 8, std::to_string(capacity));
    return load(text);
  };
  const auto tight = with_capacity(14);
  const auto roomy = with_capacity(200);
  const auto first = run_once(tight, 2);
  const auto second = run_once(roomy, 2);
  CHECK(first.flow_balanced);
  CHECK(second.flow_balanced);

  struct Journey {
    double arrival = -1.0;
    std::map<int, double> admitted;  // unit -> time
    std::map<int, double> los;       // unit -> fit - admitted
    std::vector<int> path;           // units visited, then -1 - exit
  };
  const auto journeys = [](const flowsim::models::ReplicationResult& r) {
    std::map<PatientId, Journey> out;
    for (const auto& e : r.event_log) {
      auto& j = out[id_of(e)];
      if (is(e, EventLogKind::Arrive)) j.arrival = e.time_days;
      if (is(e, EventLogKind::Admit)) {
        j.admitted[e.unit] = e.time_days;
        j.path.push_back(e.unit);
      }
      if (is(e, EventLogKind::Fit)) j.los[e.unit] = e.time_days - j.admitted.at(e.unit);
      if (is(e, EventLogKind::Exit)) j.path.push_back(-1 - e.other);
    }
    return out;
  };
  const auto a = journeys(first);
  const auto b = journeys(second);
  const int acute = static_cast<int>(*tight->find_unit("acute"));
  std::size_t compared_acute = 0;
  std::size_t admitted_at_other_times = 0;
  std::size_t compared_paths = 0;
  for (const auto& [id, ja] : a) {
    const auto found = b.find(id);
    if (found == b.end()) continue;
    const auto& jb = found->second;
    INFO("patient " << id.first << "/" << id.second);
    CHECK(ja.arrival == jb.arrival);
    for (const auto& [unit, los] : ja.los) {
      const auto other = jb.los.find(unit);
      if (other == jb.los.end()) continue;
      CHECK(los == Approx(other->second).epsilon(1e-12).margin(1e-12));
      if (unit == acute) {
        ++compared_acute;
        if (ja.admitted.at(unit) != jb.admitted.at(unit)) ++admitted_at_other_times;
      }
    }
    // Routes are drawn per patient too: where both runs saw the whole
    // journey, it is the same journey.
    if (!ja.path.empty() && !jb.path.empty() && ja.path.back() < 0 && jb.path.back() < 0) {
      CHECK(ja.path == jb.path);
      ++compared_paths;
    }
  }
  CHECK(compared_acute > 100);
  CHECK(compared_paths > 500);
  // The capacities do matter: many acute admissions happened at other times.
  CHECK(admitted_at_other_times > 50);
  CHECK(metric(first, "unit.ae.delayed_bed_days") > metric(second, "unit.ae.delayed_bed_days"));
}

TEST_CASE("Flow balance: every patient is somewhere or gone", "[models]") {
  const auto model = load(R"(
name: balance
run: {horizon_days: 90, warmup_days: 10, replications: 1, seed: 12}
exits: [home, died]
units:
  ae:
    kind: emergency_department
    capacity: 8
    queue_limit: 5
    los: {dist: exponential, mean: 4, unit: hours}
    routes: {acute: 0.4, home: 0.6}
  acute:
    capacity: 12
    los: {dist: weibull, shape: 1.5, scale: 4, unit: days}
    routes: {home: 0.7, rehab: 0.2, died: 0.1}
    initial: {patients: 10, elapsed_days: unknown}
  rehab:
    capacity: 4
    los: {dist: triangular, min: 5, mode: 8, max: 20, unit: days}
    routes: {home: 0.9, acute: 0.1}
arrivals:
  walk_in: {to: ae, rate_per_day: 30}
)");
  for (std::uint32_t rep = 0; rep < 3; ++rep) {
    const auto result = run_once(model, rep);
    CHECK(result.flow_balanced);
    std::size_t arrivals = 0;
    std::size_t gone = 0;
    std::vector<std::int64_t> occupied(model->units.size(), 0);
    for (const auto& e : result.event_log) {
      if (is(e, EventLogKind::Arrive)) ++arrivals;
      if (is(e, EventLogKind::Divert) || is(e, EventLogKind::Exit)) ++gone;
      if (is(e, EventLogKind::Admit)) ++occupied[static_cast<std::size_t>(e.unit)];
      if (is(e, EventLogKind::Move) || is(e, EventLogKind::Exit))
        --occupied[static_cast<std::size_t>(e.unit)];
    }
    CHECK(result.patients_created == arrivals + 10);
    CHECK(result.patients_present_at_end == result.patients_created - gone);
    for (std::size_t u = 0; u < occupied.size(); ++u) {
      INFO("unit " << model->units[u].name);
      CHECK(occupied[u] >= 0);
      CHECK(occupied[u] <= model->units[u].capacity);
      CHECK(static_cast<double>(occupied[u]) == result.daily_census[u].back());
    }
    CHECK(metric(result, "unit.ae.diverted") > 0);
  }
}

TEST_CASE("Arrivals follow the hour-of-day and day-of-week multipliers", "[models]") {
  // Hours 0-11 weigh 1 and 12-23 weigh 3 (normalised: 0.5 and 1.5); Saturday
  // and Sunday weigh 2 (normalised: 14/9, weekdays 7/9). Day 0 is a Monday.
  const auto model = load(R"(
name: profile
run: {horizon_days: 70, warmup_days: 0, replications: 1, seed: 21}
exits: [home]
units:
  ae:
    kind: emergency_department
    capacity: unlimited
    los: {dist: fixed, value: 1, unit: minutes}
    routes: {home: 1}
arrivals:
  walk_in:
    to: ae
    rate_per_day: 240
    hour_of_day: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]
    day_of_week: [1, 1, 1, 1, 1, 2, 2]
)");
  const auto result = run_once(model);
  std::array<double, 24> by_hour{};
  std::array<double, 7> by_day{};
  std::array<std::array<double, 24>, 2> by_hour_weekend{};
  for (const auto& e : events_of(result, EventLogKind::Arrive)) {
    const double day = std::floor(e.time_days);
    const auto hour = static_cast<std::size_t>((e.time_days - day) * 24.0);
    const auto weekday = static_cast<std::size_t>(day) % 7;
    by_hour[hour] += 1;
    by_day[weekday] += 1;
    by_hour_weekend[weekday >= 5 ? 1 : 0][hour] += 1;
  }
  // Expected per hour of the day over 70 days: 240/24 × m_hour × 70 (the
  // day-of-week multipliers average to 1 over whole weeks).
  for (std::size_t h = 0; h < 24; ++h) {
    INFO("hour " << h);
    check_count(by_hour[h], 10.0 * (h < 12 ? 0.5 : 1.5) * 70.0);
  }
  // Per weekday over 10 weeks: 240 × m_day × 10.
  for (std::size_t d = 0; d < 7; ++d) {
    INFO("weekday " << d);
    check_count(by_day[d], 240.0 * (d < 5 ? 7.0 / 9.0 : 14.0 / 9.0) * 10.0);
  }
  // The two profiles multiply: a weekend afternoon hour has 6 times the
  // rate of a weekday morning hour. Summed over the 12 hours of each half day:
  const auto sum = [](const std::array<double, 24>& hours, std::size_t from) {
    double total = 0.0;
    for (std::size_t h = from; h < from + 12; ++h) total += hours[h];
    return total;
  };
  check_count(sum(by_hour_weekend[0], 0), 10.0 * 0.5 * 7.0 / 9.0 * 12 * 50);
  check_count(sum(by_hour_weekend[1], 12), 10.0 * 1.5 * 14.0 / 9.0 * 12 * 20);
}

TEST_CASE("Arrivals grow at the compound yearly rate", "[models]") {
  const auto model = load(R"(
name: growth
run: {horizon_days: 365, warmup_days: 0, replications: 1, seed: 22}
exits: [home]
units:
  ae:
    kind: emergency_department
    capacity: unlimited
    los: {dist: fixed, value: 1, unit: minutes}
    routes: {home: 1}
arrivals:
  walk_in: {to: ae, rate_per_day: 50, growth_per_year: 1.0}
)");
  const auto result = run_once(model);
  double early = 0.0;
  double late = 0.0;
  for (const auto& e : events_of(result, EventLogKind::Arrive)) {
    if (e.time_days < 73.0) early += 1;
    if (e.time_days >= 292.0) late += 1;
  }
  // Expected count in [a, b): ∫ 50 × 2^(t/365) dt = 50 × 365 / ln 2 × (2^(b/365) - 2^(a/365)).
  const auto expected = [](double a, double b) {
    return 50.0 * 365.0 / std::log(2.0) * (std::pow(2.0, b / 365.0) - std::pow(2.0, a / 365.0));
  };
  check_count(early, expected(0.0, 73.0));
  check_count(late, expected(292.0, 365.0));
}
