// The Coxian phase-type distribution against its closed forms: the mean
// sum_i P(reach phase i) m_i and the second moment 2 alpha T^-2 1 by hand,
// the spectral form against the matrix exponential, the Erlang special case,
// and the sample moments of draws by inversion against the closed forms.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim/coxian.hpp"
#include "sim/distribution.hpp"
#include "sim/random_stream.hpp"

using flowsim::sim::Coxian;

namespace {

// Phase means 1, 4 and 10 days; 60% go on from the first phase, 30% of those
// from the second.
const Coxian kThreePhases{3, {1.0, 4.0, 10.0}, {0.6, 0.3}};

}  // namespace

TEST_CASE("Coxian mean and second moment equal their closed forms", "[sim][coxian]") {
  // Mean: 1 + 0.6 (4 + 0.3 x 10) = 5.2.
  CHECK(flowsim::sim::coxian_mean(kThreePhases) == Approx(5.2).epsilon(1e-15));
  // A stay ending after phase k is a sum of k + 1 independent exponentials,
  // E[(Y1 + .. + Yk)^2] = sum 2 m_i^2 + 2 sum_{i<j} m_i m_j; ending after
  // phase 1, 2, 3 with probabilities 0.4, 0.42, 0.18:
  // 0.4 x 2 + 0.42 x 42 + 0.18 x 342 = 80.
  CHECK(flowsim::sim::coxian_second_moment(kThreePhases) == Approx(80.0).epsilon(1e-14));
  // One phase is the exponential: E[X^2] = 2 m^2.
  CHECK(flowsim::sim::coxian_second_moment(Coxian{1, {3.0}, {}}) == Approx(18.0));
  // Continuing probability 0 leaves the later phases unreachable.
  CHECK(flowsim::sim::coxian_mean(Coxian{2, {3.0, 100.0}, {0.0}}) == Approx(3.0));
}

TEST_CASE("Coxian: spectral form equals the matrix exponential", "[sim][coxian]") {
  for (const double t : {0.0, 1e-6, 0.3, 1.0, 5.0, 20.0, 80.0, 300.0}) {
    INFO("t = " << t);
    const auto fast = flowsim::sim::coxian_at(kThreePhases, t);
    const auto exact = flowsim::sim::coxian_at_by_matrix(kThreePhases, t);
    CHECK(fast.survival == Approx(exact.survival).epsilon(1e-12).margin(1e-300));
    CHECK(fast.density == Approx(exact.density).epsilon(1e-12).margin(1e-300));
    CHECK(fast.tail == Approx(exact.tail).epsilon(1e-12).margin(1e-300));
  }
  // Survival 0.31857559118137664 at 5 days and 0.047806940428146050 at 20,
  // from the closed form in mpmath (40 digits).
  CHECK(flowsim::sim::coxian_at(kThreePhases, 5.0).survival ==
        Approx(0.31857559118137664).epsilon(1e-13));
  CHECK(flowsim::sim::coxian_at(kThreePhases, 20.0).survival ==
        Approx(0.047806940428146050).epsilon(1e-13));
  // H(0) is the mean.
  CHECK(flowsim::sim::coxian_at(kThreePhases, 0.0).tail == Approx(5.2).epsilon(1e-13));
}

TEST_CASE("Coxian with equal rates is the Erlang", "[sim][coxian]") {
  // Two phases of mean 2, always continuing: Erlang(2, rate 1/2), S(t) =
  // exp(-t/2) (1 + t/2), f(t) = t exp(-t/2) / 4, by the matrix exponential
  // (equal rates). Rates 0.2% apart, just outside the matrix exponential's
  // range, take the spectral form: it must agree with the matrix one there.
  const Coxian erlang{2, {2.0, 2.0}, {1.0}};
  const Coxian nearly{2, {2.0, 2.0 * (1 + 2e-3)}, {1.0}};
  for (const double t : {0.1, 1.0, 4.0, 15.0, 60.0}) {
    INFO("t = " << t);
    const auto p = flowsim::sim::coxian_at(erlang, t);
    CHECK(p.survival == Approx(std::exp(-t / 2) * (1 + t / 2)).epsilon(1e-12));
    CHECK(p.density == Approx(t * std::exp(-t / 2) / 4).epsilon(1e-12));
    const auto spectral = flowsim::sim::coxian_at(nearly, t);
    const auto matrix = flowsim::sim::coxian_at_by_matrix(nearly, t);
    CHECK(spectral.survival == Approx(matrix.survival).epsilon(1e-9));
    CHECK(spectral.density == Approx(matrix.density).epsilon(1e-9));
    CHECK(spectral.tail == Approx(matrix.tail).epsilon(1e-9));
  }
}

TEST_CASE("Coxian draws have the closed-form mean and variance", "[sim][coxian]") {
  // 400,000 draws by inversion from a fixed stream; intervals at 4 standard
  // errors: of the mean from the sample sd, of the variance from the fourth
  // central moment, se(s^2) = sqrt((m4 - s^4) / n).
  constexpr int kDraws = 400000;
  for (const Coxian& d : {kThreePhases, Coxian{2, {0.5, 12.0}, {0.35}}, Coxian{2, {3.0, 3.0}, {1.0}}}) {
    const flowsim::sim::Distribution distribution(d);
    flowsim::sim::SequentialStream stream(flowsim::sim::StreamKey(16, "coxian moments"), 1);
    std::vector<double> x(kDraws);
    double sum = 0.0;
    for (double& v : x) sum += v = distribution.quantile(stream.next());
    const double mean = sum / kDraws;
    double m2 = 0.0, m4 = 0.0;
    for (const double v : x) {
      const double c = (v - mean) * (v - mean);
      m2 += c;
      m4 += c * c;
    }
    m2 /= kDraws;
    m4 /= kDraws;
    const double true_mean = flowsim::sim::coxian_mean(d);
    const double true_variance = flowsim::sim::coxian_second_moment(d) - true_mean * true_mean;
    INFO(distribution.describe() << ": sample mean " << mean << " (closed form " << true_mean
                                 << "), sample variance " << m2 << " (closed form " << true_variance
                                 << ")");
    CHECK(std::abs(mean - true_mean) <= 4.0 * std::sqrt(m2 / kDraws));
    CHECK(std::abs(m2 - true_variance) <= 4.0 * std::sqrt((m4 - m2 * m2) / kDraws));
  }
}
