// A ward whose escalation beds open above one threshold and close below
// another is a finite continuous-time Markov chain when arrivals are Poisson
// and stays exponential: its state is (occupied beds, patients waiting at the
// door, escalation level). The test builds that chain's generator from the
// rules written out here independently of the engine (reviews after every
// event, a rise opening beds and admitting waiting patients at once, a fall
// closing beds only as they empty), solves it exactly with Eigen, and checks
// the simulated mean occupancy, time at each level, escalation beds open and
// P(wait) against it, within the 99.9% CI of the replication means.
#include "validation_support.hpp"

#include <algorithm>
#include <array>
#include <compare>
#include <map>
#include <tuple>

#include <Eigen/Dense>

using namespace flowsim::validation;

namespace {

// The ward: 10 beds, 9 arrivals a day, stays of 1 day on average, 10 waiting places.
constexpr int kBase = 10;
constexpr int kQueueLimit = 10;
constexpr double kArrivalsPerDay = 9.0;
constexpr double kMeanStayDays = 1.0;
// Level 2: up at 100% of the 10 beds, down at 70% (7 beds or fewer), 3 beds.
// Level 3: up at 3 waiting, down when nobody waits, 4 beds in all.
constexpr std::array<int, 3> kBeds = {0, 3, 4};

struct State {
  int occupied = 0;
  int waiting = 0;
  int level = 0;  // 0: normal (labelled 1)
  auto operator<=>(const State&) const = default;
};

int capacity(const State& s) { return kBase + kBeds[static_cast<std::size_t>(s.level)]; }

void admit_waiting(State& s) {
  while (s.waiting > 0 && s.occupied < capacity(s)) {
    --s.waiting;
    ++s.occupied;
  }
}

// A review: one level at a time, admitting after each rise, until settled.
void review(State& s) {
  while (true) {
    if (s.level == 0 && s.occupied >= 10) ++s.level;
    else if (s.level == 1 && s.waiting >= 3) ++s.level;
    else if (s.level == 1 && s.occupied <= 7) {
      --s.level;
      continue;
    } else if (s.level == 2 && s.waiting <= 0) {
      --s.level;
      continue;
    } else return;
    admit_waiting(s);
  }
}

// Where an arrival leads, and whether it waits (joins the list and is not
// admitted by the review that follows) or is diverted (no waiting place).
struct ArrivalOutcome {
  State next;
  bool waits = false;
  bool diverted = false;
};

ArrivalOutcome arrive(State s) {
  if (s.occupied < capacity(s) && s.waiting == 0) {
    ++s.occupied;
  } else if (s.waiting < kQueueLimit) {
    ++s.waiting;
  } else {
    return {s, false, true};
  }
  review(s);
  return {s, s.waiting > 0, false};
}

State depart(State s) {
  --s.occupied;
  admit_waiting(s);
  review(s);
  return s;
}

// Escalation beds open: in force at the level, or still occupied while closing.
int open_beds(const State& s) {
  return std::max(kBeds[static_cast<std::size_t>(s.level)], std::min(kBeds[2], s.occupied - kBase));
}

struct Exact {
  double occupancy = 0.0;
  std::array<double, 3> level_share{};
  double open_beds = 0.0;
  double p_wait = 0.0;  // among admitted arrivals, as unit.<u>.p_wait
  std::size_t states = 0;
};

Exact solve_chain() {
  std::map<State, int> index;
  std::vector<State> states;
  const auto find = [&](const State& s) {
    const auto [it, added] = index.emplace(s, static_cast<int>(states.size()));
    if (added) states.push_back(s);
    return it->second;
  };
  State empty;
  review(empty);
  find(empty);
  std::vector<std::tuple<int, int, double>> rates;
  for (std::size_t i = 0; i < states.size(); ++i) {
    const State s = states[i];
    const ArrivalOutcome a = arrive(s);
    if (!a.diverted) rates.emplace_back(static_cast<int>(i), find(a.next), kArrivalsPerDay);
    if (s.occupied > 0)
      rates.emplace_back(static_cast<int>(i), find(depart(s)), s.occupied / kMeanStayDays);
  }
  const auto n = static_cast<Eigen::Index>(states.size());
  Eigen::MatrixXd generator = Eigen::MatrixXd::Zero(n, n);
  for (const auto& [from, to, rate] : rates) {
    if (from == to) continue;
    generator(from, to) += rate;
    generator(from, from) -= rate;
  }
  // pi Q = 0 with sum(pi) = 1: the transposed system, one equation replaced.
  Eigen::MatrixXd system = generator.transpose();
  system.row(n - 1).setOnes();
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
  rhs(n - 1) = 1.0;
  const Eigen::VectorXd pi = system.fullPivLu().solve(rhs);
  REQUIRE((system * pi - rhs).cwiseAbs().maxCoeff() < 1e-10);

  Exact exact;
  exact.states = states.size();
  double waits = 0.0;
  double admitted = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const State& s = states[static_cast<std::size_t>(i)];
    REQUIRE(pi(i) > -1e-12);
    exact.occupancy += pi(i) * s.occupied;
    exact.level_share[static_cast<std::size_t>(s.level)] += pi(i);
    exact.open_beds += pi(i) * open_beds(s);
    const ArrivalOutcome a = arrive(s);  // Poisson arrivals see time averages
    if (!a.diverted) admitted += pi(i);
    if (a.waits) waits += pi(i);
  }
  exact.p_wait = waits / admitted;
  return exact;
}

std::shared_ptr<flowsim::models::ModelDefinition> ward() {
  const std::string text =
      fmt::format(R"(
name: ward with escalation beds
run: {{horizon_days: 2100, warmup_days: 100, replications: 200, seed: 2024}}
exits: [home]
units:
  ward:
    capacity: {}
    queue_limit: {}
    los: {{dist: exponential, mean: {}, unit: days}}
    routes: {{home: 1}}
    escalation:
      at: continuous
      levels:
        - {{level: 2, rise: {{occupancy: 1.0}}, fall: {{occupancy: 0.7}}, open_beds: {}}}
        - {{level: 3, rise: {{waiting: 3}}, fall: {{waiting: 0}}, open_beds: {}}}
arrivals:
  admissions: {{to: ward, rate_per_day: {}}}
)",
                  kBase, kQueueLimit, kMeanStayDays, kBeds[1], kBeds[2], kArrivalsPerDay);
  const auto loaded = flowsim::scenario::load_scenario_text(text, "escalation_chain.yaml");
  INFO(loaded.diagnostics.format());
  REQUIRE(loaded.ok());
  return std::make_shared<flowsim::models::ModelDefinition>(*loaded.model);
}

}  // namespace

TEST_CASE("Escalation: a ward with escalation beds matches its exact Markov chain",
          "[validation][escalation]") {
  const Exact exact = solve_chain();
  std::cout << fmt::format("[escalation chain] {} states\n", exact.states);
  const std::string label = "escalation chain";
  const auto model = ward();
  const double measured_days = model->run.horizon_days - model->run.warmup_days;
  const Run r = run(label, model);
  check_metric(label, r.results, "unit.ward.occupancy_mean", exact.occupancy, 0.01);
  check_metric(label, r.results, "unit.ward.escalation_level_1_time_share", exact.level_share[0], 0.01);
  check_metric(label, r.results, "unit.ward.escalation_level_2_time_share", exact.level_share[1], 0.01);
  check_metric(label, r.results, "unit.ward.escalation_level_3_time_share", exact.level_share[2], 0.05);
  check_within_ci(label, "escalation beds open (mean)",
                  per_replication(r.results,
                                  [&](const auto& result) {
                                    return metric(result, "unit.ward.escalation_bed_days") /
                                           measured_days;
                                  }),
                  exact.open_beds, 0.01);
  check_metric(label, r.results, "unit.ward.p_wait", exact.p_wait, 0.03);
}
