// The traffic equations with what units shed when full: the flow past a
// unit that turns arrivals away is what it carries (Erlang B), a full
// admission avoidance service passes its overflow on by the usual route,
// and only a unit fed by a queue without limit is called overloaded.
#include "model_test_support.hpp"

#include <filesystem>
#include <regex>
#include <string>

#include "models/erlang.hpp"
#include "models/traffic.hpp"
#include "tests/fixture_files.hpp"

namespace {

using flowsim::models::Strain;
using flowsim::test::load;

std::string c4_scenario(const std::string& name) {
  return test_files::slurp(std::filesystem::path(FLOWSIM_SOURCE_DIR) / "scenarios" / "validation" /
                           (name + ".yaml"));
}

// C4 T1 with community and acute changed by a regex on their lines.
std::string c4_variant(const std::string& community_capacity, const std::string& acute_queue) {
  std::string text = c4_scenario("c4_t1");
  text = std::regex_replace(text, std::regex("capacity: 4\n"), "capacity: " + community_capacity + "\n");
  text = std::regex_replace(text, std::regex("queue_limit: 0"), "queue_limit: " + acute_queue);
  return text;
}

// The LLR plan's ICS step-up in small: a quarter of 8 A&E patients a day
// are offered a place (mean stay 10 days), the rest go to acute, as do
// those it has no room for and the 20% it does not resolve.
std::string step_up_scenario(const std::string& capacity) {
  return R"(name: ics step-up
run: {horizon_days: 2000, warmup_days: 20, replications: 1, seed: 5}
exits: [home]
units:
  ae: {kind: emergency_department, capacity: unlimited, los: {dist: fixed, value: 2, unit: hours},
       routes: {ics_step_up: 0.25, acute: 0.75}}
  ics_step_up: {kind: home_care, capacity: )" +
         capacity + R"(,
                los: {dist: lognormal, mean: 10, sd: 6, unit: days},
                avoidance: {resolved: 0.8, resolved_to: home, usual_route: acute}}
  acute: {kind: acute, capacity: 400, los: {dist: exponential, mean: 5, unit: days}, routes: {home: 1}}
arrivals:
  attendances: {to: ae, rate_per_day: 8}
)";
}

}  // namespace

TEST_CASE("Past a unit that turns arrivals away, the flow is what it carries: Erlang B", "[traffic]") {
  // C4 T0: 1 a day to 8 acute beds (mean stay 5, no queue), 0.4 of those
  // treated on to community (mean stay 10). Exact, from the Markov chain in
  // the scenario's header: P(diverted) 0.070048 and community occupancy
  // 3.719809 (60 community beds never block, so this is Erlang B).
  const auto model = load(c4_scenario("c4_t0"));
  const auto loads = flowsim::models::solve_traffic(*model);
  const auto acute = *model->find_unit("acute");
  const auto community = *model->find_unit("community");
  CHECK(loads[acute].arrivals_per_day == Approx(1.0).epsilon(1e-12));
  CHECK(loads[acute].offered_load == Approx(5.0).epsilon(1e-12));
  CHECK(loads[acute].loss_probability == Approx(0.070048).margin(5e-7));
  CHECK(loads[acute].carried_load == Approx(5.0 * (1.0 - 0.070048)).margin(5e-6));
  CHECK(loads[community].arrivals_per_day == Approx(0.4 * (1.0 - 0.070048)).margin(5e-7));
  CHECK(loads[community].offered_load == Approx(3.719809).margin(5e-6));
  // The diagram's edges carry the same flows.
  for (const auto& flow : flowsim::models::solve_route_flows(*model))
    if (flow.from == acute && !flow.to.is_exit)
      CHECK(flow.per_day == Approx(loads[community].arrivals_per_day).epsilon(1e-12));
}

TEST_CASE("A unit fed only through a unit that turns arrivals away is never overloaded", "[traffic]") {
  // C4 T1 as shipped: community offered 0.4 x 0.93 x 10 = 3.72 beds on 4,
  // not the 4.0 that ignoring the acute ward's diversions gives.
  {
    const auto model = load(c4_scenario("c4_t1"));
    const auto loads = flowsim::models::solve_traffic(*model);
    CHECK(loads[*model->find_unit("community")].offered_load == Approx(3.719809).margin(5e-6));
    CHECK(flowsim::models::overload_warnings(*model, loads).empty());
  }
  // 3 community beds: busy beyond capacity, but every patient waiting for
  // community holds one of 8 acute beds, and acute turns arrivals away when
  // full: finitely many states, so no queue grows without limit.
  const auto model = load(c4_variant("3", "0"));
  const auto loads = flowsim::models::solve_traffic(*model);
  const auto& community = loads[*model->find_unit("community")];
  CHECK(community.offered_load > 3.0);
  CHECK(community.strain == Strain::Saturated);
  CHECK(loads[*model->find_unit("acute")].strain == Strain::Ok);
  CHECK(flowsim::models::overload_warnings(*model, loads).empty());
}

TEST_CASE("The same chain whose first unit lets arrivals wait is overloaded", "[traffic]") {
  // Acute admits everyone in turn: blocked by community, its queue grows
  // without limit, and the warning says where.
  const auto model = load(c4_variant("3", "unlimited"));
  const auto loads = flowsim::models::solve_traffic(*model);
  const auto acute = *model->find_unit("acute");
  const auto& community = loads[*model->find_unit("community")];
  CHECK(community.offered_load == Approx(4.0).epsilon(1e-12));  // nothing turned away
  CHECK(community.strain == Strain::Overloaded);
  CHECK(community.growing_queue_at == acute);
  const auto warnings = flowsim::models::overload_warnings(*model, loads);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("unit 'community' is overloaded") != std::string::npos);
  CHECK(warnings[0].find("the queue of 'acute' will grow without limit") != std::string::npos);
  CHECK(warnings[0].find("at least 5 beds") != std::string::npos);
}

TEST_CASE("A full admission avoidance service passes its overflow on and is never overloaded",
          "[traffic]") {
  // 2 a day to 5 step-up places of mean stay 10: an offered load of 20. The
  // overflow, B(5, 20) of them, goes on by the usual route to acute.
  const auto model = load(step_up_scenario("5"));
  const auto loads = flowsim::models::solve_traffic(*model);
  const auto& step_up = loads[*model->find_unit("ics_step_up")];
  const auto& acute = loads[*model->find_unit("acute")];
  const double b = flowsim::models::erlang_b(5, 20.0);
  CHECK(step_up.offered_load == Approx(20.0).epsilon(1e-12));
  CHECK(step_up.loss_probability == Approx(b).epsilon(1e-12));
  CHECK(step_up.carried_load == Approx(20.0 * (1.0 - b)).epsilon(1e-12));
  CHECK(step_up.strain == Strain::Ok);
  // 6 straight from A&E, 2 B passed by, 2 (1 - B) x 0.2 passed on after care.
  CHECK(acute.arrivals_per_day == Approx(6.0 + 2.0 * b + 2.0 * (1.0 - b) * 0.2).epsilon(1e-12));
  CHECK(flowsim::models::overload_warnings(*model, loads).empty());
}

TEST_CASE("The avoidance overflow share of the traffic equations is what the simulation passes by",
          "[traffic]") {
  // Poisson referrals and any stay: M/G/c/c, so Erlang B is exact.
  const auto model = load(step_up_scenario("12"));
  const double b =
      flowsim::models::solve_traffic(*model)[*model->find_unit("ics_step_up")].loss_probability;
  CHECK(b == Approx(flowsim::models::erlang_b(12, 20.0)).epsilon(1e-12));
  const auto result = flowsim::test::run_once(model);
  flowsim::test::check_share(flowsim::test::metric(result, "avoidance.ics_step_up.bypassed_when_full"),
                             flowsim::test::metric(result, "avoidance.ics_step_up.referred"), b);
}

TEST_CASE("A unit whose own arrivals exceed its beds is overloaded", "[traffic]") {
  // Community's own 1 a day on top of acute's 0.37: 13.7 beds on 12.
  const auto model = load(c4_variant("12", "0") + "  direct:\n    to: community\n    rate_per_day: 1\n");
  const auto loads = flowsim::models::solve_traffic(*model);
  const auto community = *model->find_unit("community");
  CHECK(loads[community].strain == Strain::Overloaded);
  CHECK(loads[community].growing_queue_at == community);
  const auto warnings = flowsim::models::overload_warnings(*model, loads);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("its queue (and any delayed transfers into it) will grow without limit") !=
        std::string::npos);
}
