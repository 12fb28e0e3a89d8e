#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "sim/distribution.hpp"
#include "sim/random_stream.hpp"

using flowsim::sim::Distribution;
using flowsim::sim::ExcessDistribution;
using flowsim::sim::SequentialStream;
using flowsim::sim::StreamKey;

namespace {

struct Named {
  std::string name;
  Distribution distribution;
  // quantile inverts cdf. Not so for fixed and empirical (steps), nor for a
  // mixture, which is sampled by composition (component by weight, then the
  // rescaled uniform); see the mixture tests below.
  bool inverts_cdf;
};

// One of every kind (lognormal twice: by mean/sd and by median/p90).
std::vector<Named> all_kinds() {
  using namespace flowsim::sim;
  return {
      {"exponential", Distribution(Exponential{2.0}), true},
      {"lognormal mean/sd", Distribution::lognormal_from_mean_sd(7.0, 7.0), true},
      {"lognormal median/p90", Distribution::lognormal_from_median_p90(5.0, 12.0), true},
      {"gamma", Distribution(Gamma{2.5, 3.0}), true},
      {"weibull", Distribution(Weibull{1.5, 4.0}), true},
      // Truncated at 0, which cuts off 6.7% of this normal: the truncation is tested.
      {"normal", Distribution(Normal{3.0, 2.0}), true},
      {"fixed", Distribution(Fixed{3.0}), false},
      {"uniform", Distribution(Uniform{1.0, 5.0}), true},
      {"triangular", Distribution(Triangular{1.0, 2.0, 6.0}), true},
      {"empirical", Distribution::empirical({5.0, 1.0, 3.0, 2.0, 8.0}), false},
      {"histogram", Distribution::histogram({0.0, 1.0, 3.0, 10.0}, {0.5, 0.3, 0.2}), true},
      {"mixture",
       Distribution::mixture({Distribution(Exponential{1.0}), Distribution(Uniform{10.0, 20.0})},
                             {0.7, 0.3}),
       false},
      {"coxian", Distribution(Coxian{3, {1.0, 4.0, 10.0}, {0.6, 0.3}}), true},
  };
}

SequentialStream golden_stream() { return SequentialStream(StreamKey(20240601, "golden"), 0); }

}  // namespace

// Golden values: the first five draws of each kind from one fixed stream,
// printed once with %.17g and pinned here. The uniforms come from Philox
// (pinned by the known-answer test in random_stream_test.cpp), so a change
// here means the inversion code or Boost.Math's special functions (erfc_inv,
// gamma_p_inv) changed: every simulated result changes with it. Relative
// tolerance 1e-12 allows only last-digit differences between libm versions.
TEST_CASE("Golden draws of every distribution kind", "[sim][distribution]") {
  const std::vector<std::pair<std::string, std::array<double, 5>>> expected = {
      {"exponential",
       {0.11254148369128311, 4.8024695146158223, 1.2087505006475188, 1.830487867669996,
        0.69612732545449896}},
      {"lognormal mean/sd",
       {1.305557093399812, 15.066732459759802, 4.4917924942028797, 6.1065330132229372,
        3.1524532461685508}},
      {"lognormal median/p90",
       {1.6751767998505624, 12.46353863033311, 4.6171492679589043, 5.9403421350427639,
        3.453034659923917}},
      {"gamma",
       {1.7936449407756427, 14.254516569344196, 6.0312989137345188, 7.6925130992052804,
        4.4409618032577178}},
      {"weibull",
       {0.58737449566991873, 7.1727066935546997, 2.8593310400563947, 3.7706645452129934,
        1.9792429895197299}},
      // Computed independently with Python's statistics.NormalDist:
      // 3 + 2 inv_cdf(c + u (1 - c)), c = cdf(-1.5).
      {"normal",
       {0.62858129279354946, 5.7501657819724699, 2.9503075501295277, 3.6443077129023407,
        2.1811590668027727}},
      {"fixed", {3.0, 3.0, 3.0, 3.0, 3.0}},
      {"uniform",
       {1.2188673058758268, 4.6375759689574707, 2.8143372277884144, 3.3983242462024763,
        2.1757842981396975}},
      {"triangular",
       {1.5230527051309299, 4.6538498764206686, 2.6941999665651388, 3.1700920917832645,
        2.2421976489839821}},
      {"empirical", {1.0, 8.0, 3.0, 3.0, 2.0}},
      {"histogram",
       {0.10943365293791341, 6.8287897283778642, 0.90716861389420722, 1.6638737436707938,
        0.58789214906984877}},
      {"mixture",
       {0.081391085862247747, 16.979799741312252, 1.0440604160740663, 1.9417295156002592,
        0.5445943629190948}},
      // Computed independently with mpmath (40 digits): the root of the
      // closed-form survival sum_i a_i exp(-t / m_i) = 1 - u.
      {"coxian",
       {0.14412234968817891, 14.334406156469521, 2.0422787052333444, 3.6289649737448872,
        1.0253145506605009}},
  };
  // The uniforms themselves, so that a failure points at the right layer.
  {
    auto stream = golden_stream();
    const std::array<double, 5> u = {0.054716826468956703, 0.90939399223936757, 0.45358430694710361,
                                     0.59958106155061908, 0.29394607453492438};
    for (const double expected_u : u) CHECK(stream.next() == expected_u);
  }
  const auto kinds = all_kinds();
  REQUIRE(kinds.size() == expected.size());
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    INFO(kinds[k].name);
    REQUIRE(kinds[k].name == expected[k].first);
    auto stream = golden_stream();
    for (const double value : expected[k].second)
      CHECK(kinds[k].distribution.quantile(stream.next()) == Approx(value).epsilon(1e-12).margin(0.0));
  }
}

TEST_CASE("Quantile functions are monotone", "[sim][distribution]") {
  // Including this mixture, whose components lie in order (exponential below
  // uniform(10, 20) for all but the far tail).
  for (const auto& [name, d, inverts_cdf] : all_kinds()) {
    INFO(name);
    double previous = d.quantile(1e-9);
    CHECK(previous >= 0.0);
    for (int i = 1; i <= 2000; ++i) {
      const double u = i / 2001.0;
      const double x = d.quantile(u);
      CHECK(x >= previous);
      previous = x;
    }
    CHECK(d.quantile(1.0 - 1e-12) >= previous);
  }
}

TEST_CASE("cdf inverts quantile for continuous kinds", "[sim][distribution]") {
  for (const auto& [name, d, inverts_cdf] : all_kinds()) {
    if (!inverts_cdf) continue;
    INFO(name);
    for (const double u : {1e-6, 0.01, 0.1, 0.25, 0.5, 0.69, 0.71, 0.9, 0.99, 0.999999}) {
      INFO("u = " << u);
      CHECK(d.cdf(d.quantile(u)) == Approx(u).margin(1e-9));
    }
  }
}

TEST_CASE("Discrete kinds: cdf steps at the values", "[sim][distribution]") {
  const auto fixed = Distribution(flowsim::sim::Fixed{3.0});
  CHECK(fixed.cdf(2.999) == 0.0);
  CHECK(fixed.cdf(3.0) == 1.0);
  const auto empirical = Distribution::empirical({5.0, 1.0, 3.0, 2.0});
  CHECK(empirical.cdf(0.5) == 0.0);
  CHECK(empirical.cdf(2.0) == 0.5);
  CHECK(empirical.cdf(4.0) == 0.75);
  CHECK(empirical.cdf(5.0) == 1.0);
  // Each observed value is taken with probability 1/n.
  CHECK(empirical.quantile(0.1) == 1.0);
  CHECK(empirical.quantile(0.3) == 2.0);
  CHECK(empirical.quantile(0.6) == 3.0);
  CHECK(empirical.quantile(0.9) == 5.0);
}

TEST_CASE("The mean of many draws matches mean()", "[sim][distribution]") {
  constexpr int kDraws = 200000;
  for (const auto& [name, d, inverts_cdf] : all_kinds()) {
    INFO(name);
    SequentialStream stream(StreamKey(7, "means/" + name), 3);
    double sum = 0.0;
    double sum2 = 0.0;
    for (int i = 0; i < kDraws; ++i) {
      const double x = d.quantile(stream.next());
      sum += x;
      sum2 += x * x;
    }
    const double mean = sum / kDraws;
    const double sd = std::sqrt(std::max(0.0, sum2 / kDraws - mean * mean));
    const double standard_error = sd / std::sqrt(static_cast<double>(kDraws));
    INFO("sample mean " << mean << ", mean() " << d.mean() << ", se " << standard_error);
    CHECK(std::abs(mean - d.mean()) <= 5.0 * standard_error + 1e-12);
  }
  // Analytic means, independently of the sampler.
  CHECK(Distribution::lognormal_from_mean_sd(7.0, 7.0).mean() == Approx(7.0).epsilon(1e-12));
  CHECK(Distribution::lognormal_from_median_p90(5.0, 12.0).quantile(0.5) == Approx(5.0).epsilon(1e-12));
  CHECK(Distribution::lognormal_from_median_p90(5.0, 12.0).quantile(0.9) == Approx(12.0).epsilon(1e-10));
  CHECK(Distribution(flowsim::sim::Triangular{1.0, 2.0, 6.0}).mean() == Approx(3.0));
  CHECK(Distribution::histogram({0.0, 1.0, 3.0, 10.0}, {0.5, 0.3, 0.2}).mean() ==
        Approx(0.5 * 0.5 + 0.3 * 2.0 + 0.2 * 6.5));
}

TEST_CASE("scaled() multiplies each draw by the factor", "[sim][distribution]") {
  for (const double factor : {0.5, 1.0, 2.5}) {
    for (const auto& [name, d, inverts_cdf] : all_kinds()) {
      INFO(name << " × " << factor);
      const Distribution s = d.scaled(factor);
      CHECK(s.mean() == Approx(d.mean() * factor).epsilon(1e-12));
      for (const double u : {0.001, 0.1, 0.37, 0.5, 0.8, 0.999})
        CHECK(s.quantile(u) == Approx(d.quantile(u) * factor).epsilon(1e-12).margin(1e-300));
    }
  }
}

TEST_CASE("sample_residual draws from the conditional distribution", "[sim][distribution]") {
  SECTION("never negative, and exactly the remainder for a fixed stay") {
    for (const auto& [name, d, inverts_cdf] : all_kinds()) {
      INFO(name);
      for (const double elapsed : {0.0, 0.5, 2.0, 7.0, 50.0})
        for (const double u : {1e-9, 0.2, 0.5, 0.9, 1.0 - 1e-9})
          CHECK(flowsim::sim::sample_residual(d, elapsed, u) >= 0.0);
    }
    const auto fixed = Distribution(flowsim::sim::Fixed{3.0});
    CHECK(flowsim::sim::sample_residual(fixed, 1.0, 0.3) == 2.0);
    CHECK(flowsim::sim::sample_residual(fixed, 0.0, 0.3) == 3.0);
    CHECK(flowsim::sim::sample_residual(fixed, 4.0, 0.3) == 0.0);  // past the stay: leave now
  }
  SECTION("conditional cdf: P(X - e <= r | X > e) = u") {
    const auto weibull = Distribution(flowsim::sim::Weibull{1.5, 4.0});
    for (const double elapsed : {0.5, 3.0, 8.0})
      for (const double u : {0.05, 0.5, 0.95}) {
        const double r = flowsim::sim::sample_residual(weibull, elapsed, u);
        const double below = weibull.cdf(elapsed);
        CHECK((weibull.cdf(elapsed + r) - below) / (1.0 - below) == Approx(u).margin(1e-9));
      }
    // Uniform(0, 10) after 4: uniform on (0, 6).
    const auto uniform = Distribution(flowsim::sim::Uniform{0.0, 10.0});
    CHECK(flowsim::sim::sample_residual(uniform, 4.0, 0.5) == Approx(3.0));
    CHECK(flowsim::sim::sample_residual(uniform, 4.0, 0.25) == Approx(1.5));
  }
  SECTION("exponential is memoryless: the mean residual equals the mean") {
    const auto exponential = Distribution(flowsim::sim::Exponential{2.0});
    constexpr int kDraws = 100000;
    for (const double elapsed : {0.0, 1.0, 5.0}) {
      SequentialStream stream(StreamKey(11, "residual"), 0);
      double sum = 0.0;
      for (int i = 0; i < kDraws; ++i)
        sum += flowsim::sim::sample_residual(exponential, elapsed, stream.next());
      // sd of an exponential equals its mean.
      CHECK(std::abs(sum / kDraws - 2.0) <= 5.0 * 2.0 / std::sqrt(double{kDraws}));
    }
    // and draw by draw: the same u gives the same residual whatever the elapsed time
    for (const double u : {0.1, 0.5, 0.9})
      CHECK(flowsim::sim::sample_residual(exponential, 3.0, u) ==
            Approx(exponential.quantile(u)).epsilon(1e-9));
  }
}

TEST_CASE("ExcessDistribution: stationary residual stay", "[sim][distribution]") {
  // Mean of quantile over a fine midpoint grid of u = the distribution's mean.
  const auto grid_mean = [](const ExcessDistribution& e) {
    constexpr int kGrid = 100000;
    double sum = 0.0;
    for (int i = 0; i < kGrid; ++i) sum += e.quantile((i + 0.5) / kGrid);
    return sum / kGrid;
  };
  SECTION("of exponential(mean m) is exponential(mean m)") {
    const auto exponential = Distribution(flowsim::sim::Exponential{3.0});
    const ExcessDistribution excess(exponential);
    CHECK(grid_mean(excess) == Approx(3.0).epsilon(2e-3));
    for (const double u : {0.1, 0.5, 0.9})
      CHECK(excess.quantile(u) == Approx(exponential.quantile(u)).epsilon(2e-3));
  }
  SECTION("of fixed(v) is uniform(0, v)") {
    const ExcessDistribution excess(Distribution(flowsim::sim::Fixed{4.0}));
    CHECK(grid_mean(excess) == Approx(2.0).epsilon(1e-3));
    for (const double u : {0.0, 0.1, 0.25, 0.5, 0.75, 0.99, 1.0})
      CHECK(excess.quantile(u) == Approx(4.0 * u).margin(1e-3));
  }
  SECTION("of uniform(0, 2): density (1 - x/2)/1, mean 2/3") {
    const ExcessDistribution excess(Distribution(flowsim::sim::Uniform{0.0, 2.0}));
    // E[X^2] / (2 E[X]) = (4/3) / 2.
    CHECK(grid_mean(excess) == Approx(2.0 / 3.0).epsilon(2e-3));
  }
}

TEST_CASE("Mixture: composition sampling follows the mixture cdf", "[sim][distribution]") {
  using namespace flowsim::sim;
  SECTION("disjoint components: quantile is the inverse of cdf") {
    const auto d = Distribution::mixture(
        {Distribution(Uniform{0.0, 2.0}), Distribution(Uniform{5.0, 9.0})}, {0.6, 0.4});
    for (const double u : {0.01, 0.3, 0.59, 0.61, 0.8, 0.99})
      CHECK(d.cdf(d.quantile(u)) == Approx(u).margin(1e-12));
    CHECK(d.mean() == Approx(0.6 * 1.0 + 0.4 * 7.0));
  }
  SECTION("overlapping components: the share of draws below x is cdf(x)") {
    const auto d = Distribution::mixture(
        {Distribution(Exponential{5.0}), Distribution(Uniform{1.0, 2.0})}, {0.5, 0.5});
    constexpr int kDraws = 100000;
    const std::array<double, 5> xs = {0.5, 1.2, 1.5, 3.0, 10.0};
    std::array<int, 5> below{};
    SequentialStream stream(StreamKey(5, "mixture"), 0);
    for (int i = 0; i < kDraws; ++i) {
      const double x = d.quantile(stream.next());
      for (std::size_t k = 0; k < xs.size(); ++k) below[k] += x <= xs[k] ? 1 : 0;
    }
    for (std::size_t k = 0; k < xs.size(); ++k) {
      const double p = d.cdf(xs[k]);
      INFO("x = " << xs[k]);
      CHECK(std::abs(below[k] / double{kDraws} - p) <= 5.0 * std::sqrt(p * (1 - p) / kDraws));
    }
  }
  SECTION("sample_residual conditions the component mix on X > elapsed") {
    // Exponential(5) and uniform(1, 2), half each, after 1.5 days:
    // E[X - 1.5 | X > 1.5] = (2.5 exp(-0.3) + 0.0625) / (0.5 exp(-0.3) + 0.25).
    const auto d = Distribution::mixture(
        {Distribution(Exponential{5.0}), Distribution(Uniform{1.0, 2.0})}, {0.5, 0.5});
    const double survival = 0.5 * std::exp(-0.3) + 0.25;
    const double expected = (2.5 * std::exp(-0.3) + 0.0625) / survival;
    constexpr int kDraws = 100000;
    SequentialStream stream(StreamKey(9, "mixture residual"), 0);
    double sum = 0.0;
    double sum2 = 0.0;
    int short_ones = 0;  // residual < 0.5: only from the uniform part, P = 0.25 / survival
    for (int i = 0; i < kDraws; ++i) {
      const double r = sample_residual(d, 1.5, stream.next());
      REQUIRE(r >= 0.0);
      sum += r;
      sum2 += r * r;
      short_ones += r < 0.5 ? 1 : 0;
    }
    const double mean = sum / kDraws;
    const double se = std::sqrt((sum2 / kDraws - mean * mean) / kDraws);
    CHECK(std::abs(mean - expected) <= 5.0 * se);
    // P(residual < 0.5 | X > 1.5) = (uniform part 0.25 + exponential part
    // 0.5 (exp(-0.3) - exp(-0.4))) / survival.
    const double p_short = (0.25 + 0.5 * (std::exp(-0.3) - std::exp(-0.4))) / survival;
    CHECK(std::abs(short_ones / double{kDraws} - p_short) <=
          5.0 * std::sqrt(p_short * (1 - p_short) / kDraws));
    CHECK(sample_residual(
              Distribution::mixture({Distribution(Fixed{1.0}), Distribution(Fixed{2.0})}, {0.5, 0.5}),
              3.0, 0.5) == 0.0);
  }
}
