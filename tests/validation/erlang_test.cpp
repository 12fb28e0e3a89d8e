// C1 (M/M/c with an unlimited FIFO queue, Erlang C; also the share of
// midnights with someone waiting) and C2 (M/M/c/c with
// diversion, Erlang B, also with Coxian stays; M/M/2/3 with one waiting
// place). Exact answers from
// the scenario headers in scenarios/validation/c1_*.yaml and c2_*.yaml.
#include "validation_support.hpp"

using namespace flowsim::validation;

namespace {

struct ErlangC {
  const char* file;
  const char* label;
  double p_wait;
  double wait_days;
  double queue;
  double occupancy;
  double beds;
};

Results check_erlang_c(const ErlangC& c) {
  const auto model = load(c.file);
  const Run r = run(c.label, model);
  // Relative half-widths the run lengths were chosen to reach, with margin.
  check_metric(c.label, r.results, "unit.ward.p_wait", c.p_wait, 0.05);
  check_metric(c.label, r.results, "unit.ward.wait_mean_days", c.wait_days, 0.05);
  check_metric(c.label, r.results, "unit.ward.queue_mean", c.queue, 0.05);
  check_metric(c.label, r.results, "unit.ward.occupancy_mean", c.occupancy, 0.02);
  // Someone waits at a midnight with probability P(N > c) = C(c, a) a / c: a
  // midnight is a fixed time, independent of the arrivals, so it sees the
  // time-stationary distribution.
  check_metric(c.label, r.results, "unit.ward.midnights_with_waiting_share",
               c.p_wait * c.occupancy / c.beds, 0.05);
  return r.results;
}

}  // namespace

TEST_CASE("C1 Erlang C: 52 beds (offered load 50)", "[validation][erlang]") {
  check_erlang_c({"c1_erlang_c_52.yaml", "C1 52 beds", 0.69961, 1.74904, 17.49035, 50.0, 52.0});
}

TEST_CASE("C1 Erlang C: 55 beds (offered load 50)", "[validation][erlang]") {
  check_erlang_c({"c1_erlang_c_55.yaml", "C1 55 beds", 0.38455, 0.38455, 3.84547, 50.0, 55.0});
}

TEST_CASE("C1 Erlang C: 60 beds (offered load 50)", "[validation][erlang]") {
  check_erlang_c({"c1_erlang_c_60.yaml", "C1 60 beds", 0.11730, 0.05865, 0.58651, 50.0, 60.0});
}

TEST_CASE("C1 Erlang C: 3 beds (0.2 a day and mean stay 10)", "[validation][erlang]") {
  const ErlangC c{"c1_erlang_c_small.yaml", "C1 3 beds", 0.444444, 4.444444, 0.888889, 2.0, 3.0};
  const Results results = check_erlang_c(c);
  check_within_ci(c.label, "number in system (occupancy_mean + queue_mean)",
                  per_replication(results,
                                  [](const flowsim::models::ReplicationResult& x) {
                                    return metric(x, "unit.ward.occupancy_mean") +
                                           metric(x, "unit.ward.queue_mean");
                                  }),
                  2.888889, 0.02);
}

namespace {

struct ErlangB {
  const char* file;
  const char* label;
  double p_diverted;
};

void check_erlang_b(const ErlangB& c, double max_relative_half_width) {
  const auto model = load(c.file);
  const Run r = run(c.label, model);
  check_metric(c.label, r.results, "unit.ward.p_diverted", c.p_diverted, max_relative_half_width);
  check_metric(c.label, r.results, "unit.ward.occupancy_mean", 50.0 * (1.0 - c.p_diverted), 0.01);
  // No queue: nobody waits.
  for (const auto& x : r.results) CHECK(metric(x, "unit.ward.queue_mean") == 0.0);
}

}  // namespace

TEST_CASE("C2 Erlang B: 55 beds (offered load 50)", "[validation][erlang]") {
  check_erlang_b({"c2_erlang_b_55.yaml", "C2 55 beds", 0.053749}, 0.05);
}

TEST_CASE("C2 Erlang B: 60 beds (offered load 50)", "[validation][erlang]") {
  check_erlang_b({"c2_erlang_b_60.yaml", "C2 60 beds", 0.021668}, 0.05);
}

TEST_CASE("C2 Erlang B: 65 beds (offered load 50)", "[validation][erlang]") {
  check_erlang_b({"c2_erlang_b_65.yaml", "C2 65 beds", 0.006450}, 0.08);
}

// Erlang B holds for any stay distribution with the same mean
// (insensitivity): Coxian stays of mean 5 give the M/M/55/55 blocking.
TEST_CASE("C2 Erlang B with Coxian stays: 55 beds (offered load 50)", "[validation][erlang][coxian]") {
  check_erlang_b({"c2_erlang_b_coxian.yaml", "C2 55 beds, Coxian stays", 0.053749}, 0.05);
}

TEST_CASE("C2 M/M/2/3: two beds and one waiting place", "[validation][erlang]") {
  const char* label = "C2 M/M/2/3";
  const auto model = load("c2_mm2_3.yaml");
  const Run r = run(label, model);
  check_within_ci(label, "number in system (occupancy_mean + queue_mean)",
                  per_replication(r.results,
                                  [](const flowsim::models::ReplicationResult& x) {
                                    return metric(x, "unit.ward.occupancy_mean") +
                                           metric(x, "unit.ward.queue_mean");
                                  }),
                  0.762340, 0.01);
  check_metric(label, r.results, "unit.ward.p_diverted", 0.049360, 0.03);
  check_metric(label, r.results, "unit.ward.occupancy_mean", 0.712980, 0.01);
  check_metric(label, r.results, "unit.ward.queue_mean", 0.049360, 0.03);
}
