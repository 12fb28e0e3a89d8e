// C4: an acute ward (8 beds, arrivals diverted when full) whose patients may
// need a community bed; when the community service is full they keep the
// acute bed (a delayed transfer of care) and move in first come, first
// served. Exact answers from the continuous-time Markov chain, in the headers
// of scenarios/validation/c4_t0.yaml and c4_t1.yaml.
#include "validation_support.hpp"

using namespace flowsim::validation;

TEST_CASE("C4 T0: community service large enough that nobody is delayed", "[validation][tandem]") {
  const char* label = "C4 T0";
  const auto model = load("c4_t0.yaml");
  const Run r = run(label, model);
  check_metric(label, r.results, "unit.acute.occupancy_mean", 4.649761, 0.01);
  check_metric(label, r.results, "unit.acute.in_treatment_mean", 4.649761, 0.01);
  check_metric(label, r.results, "unit.community.occupancy_mean", 3.719809, 0.01);
  check_metric(label, r.results, "unit.acute.p_diverted", 0.070048, 0.03);
  // A delay needs 60 community patients at once (probability < 1e-17): none.
  for (const auto& x : r.results) {
    CHECK(metric(x, "unit.acute.delayed_mean") == 0.0);
    CHECK(metric(x, "pathway.community.p_delayed") == 0.0);
  }
}

TEST_CASE("C4 T1: delayed transfers of care into a 4-bed community service", "[validation][tandem]") {
  const char* label = "C4 T1";
  const auto model = load("c4_t1.yaml");
  const Run r = run(label, model);
  check_metric(label, r.results, "unit.acute.occupancy_mean", 5.452541, 0.01);
  check_metric(label, r.results, "unit.acute.in_treatment_mean", 4.155023, 0.01);
  check_metric(label, r.results, "unit.acute.delayed_mean", 1.297518, 0.03);
  check_metric(label, r.results, "unit.community.occupancy_mean", 3.324018, 0.01);
  check_metric(label, r.results, "unit.acute.p_diverted", 0.168995, 0.02);
  check_metric(label, r.results, "pathway.community.delay_mean_days_all_referrals", 3.903463, 0.03);
  check_metric(label, r.results, "pathway.community.p_delayed", 0.581578, 0.02);
}
