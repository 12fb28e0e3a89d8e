// Length-of-stay fits proven against exact answers: the censored exponential
// MLE, a hand-computed Kaplan-Meier curve, parameter recovery from large
// fixed-seed samples, whole-day (interval) censoring, left truncation, and
// the bias that ignoring censoring brings.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>

#include <fmt/format.h>

#include "tests/fit/fit_test_support.hpp"
#include "tools/fit/los_fit.hpp"

using namespace flowsim;
using fit::Family;
using fit::Observation;
using fit::Observed;

namespace {

fit::LosSample sample_of(std::vector<Observation> observations) {
  fit::LosSample s;
  for (const auto& o : observations) {
    s.episodes += o.count;
    if (o.kind == Observed::AtLeast || o.kind == Observed::WholeDaysAtLeast) s.censored += o.count;
  }
  s.observations = std::move(observations);
  fit::merge_observations(s);
  return s;
}

// |estimate - truth| within the 95% interval of a free (log) parameter.
void check_recovered(const fit::FamilyFit& f, std::size_t i, double truth) {
  REQUIRE(f.free_se.size() > i);
  const double estimate = fit::to_free(f.model)[i];
  INFO("parameter " << i << ": fitted " << std::exp(estimate) << ", true " << truth << ", se(log) "
                    << f.free_se[i]);
  CHECK(std::abs(estimate - std::log(truth)) < 1.96 * f.free_se[i]);
}

}  // namespace

TEST_CASE("The censored exponential MLE is events over total exposure", "[fit]") {
  // Three discharges (2, 5, 1 days) and two still in (4 and 8 days so far).
  const auto sample = sample_of({{Observed::Exact, 2.0},
                                 {Observed::Exact, 5.0},
                                 {Observed::Exact, 1.0},
                                 {Observed::AtLeast, 4.0},
                                 {Observed::AtLeast, 8.0}});
  const auto f = fit::fit_family(Family::Exponential, sample);
  REQUIRE(f.converged);
  // Rate = 3 events / 20 days: mean 20 / 3.
  CHECK(f.model.p[0] == Approx(20.0 / 3.0).epsilon(1e-7));
  // The log-likelihood at the MLE: 3 log(3/20) - 3.
  CHECK(f.log_likelihood == Approx(3.0 * std::log(3.0 / 20.0) - 3.0).epsilon(1e-10));
}

TEST_CASE("Kaplan-Meier matches a hand-computed example", "[fit]") {
  // Stays 1, 2+, 3, 3, 4+, 5: at t=1 six at risk, one event: S = 5/6; t=3
  // four at risk, two events: S = 5/6 * 2/4 = 5/12; t=5 one at risk, one
  // event: S = 0.
  const auto sample = sample_of({{Observed::Exact, 1.0},
                                 {Observed::AtLeast, 2.0},
                                 {Observed::Exact, 3.0},
                                 {Observed::Exact, 3.0},
                                 {Observed::AtLeast, 4.0},
                                 {Observed::Exact, 5.0}});
  const auto km = fit::kaplan_meier(sample);
  REQUIRE(km.times == std::vector<double>{1.0, 3.0, 5.0});
  CHECK(km.survival[0] == Approx(5.0 / 6.0));
  CHECK(km.survival[1] == Approx(5.0 / 12.0));
  CHECK(km.survival[2] == Approx(0.0).margin(1e-15));
  CHECK(km.quantile(0.5) == 3.0);
  // Area: 1 * 1 + 5/6 * 2 + 5/12 * 2.
  CHECK(km.restricted_mean() == Approx(1.0 + 10.0 / 6.0 + 10.0 / 12.0));
  // Left truncation: a stay entering at 2 is not at risk at 1. Stays 1, 3
  // (entered at 2), 4: at t=1 two at risk (S=1/2), t=3 two (S=1/4), t=4 one.
  const auto truncated =
      sample_of({{Observed::Exact, 1.0}, {Observed::Exact, 3.0, 2.0}, {Observed::Exact, 4.0}});
  const auto km2 = fit::kaplan_meier(truncated);
  REQUIRE(km2.survival.size() == 3);
  CHECK(km2.survival[0] == Approx(0.5));
  CHECK(km2.survival[1] == Approx(0.25));
}

TEST_CASE("Gamma and Weibull fits recover their parameters from a large censored sample", "[fit]") {
  const sim::Distribution gamma(sim::Gamma{1.8, 4.0});
  const auto gamma_fits = fit::fit_los(fit_test::censored_sample(gamma, 20000, 200.0, 11));
  REQUIRE(gamma_fits.ranked.front().model.family == Family::Gamma);
  check_recovered(gamma_fits.ranked.front(), 0, 1.8);
  check_recovered(gamma_fits.ranked.front(), 1, 4.0);
  CHECK(gamma_fits.sample.censored > 100);

  const sim::Distribution weibull(sim::Weibull{0.8, 6.0});
  const auto weibull_fits = fit::fit_los(fit_test::censored_sample(weibull, 20000, 200.0, 12));
  REQUIRE(weibull_fits.ranked.front().model.family == Family::Weibull);
  check_recovered(weibull_fits.ranked.front(), 0, 0.8);
  check_recovered(weibull_fits.ranked.front(), 1, 6.0);
  const double true_mean = weibull.mean();
  CHECK(weibull_fits.ranked.front().mean_low < true_mean);
  CHECK(true_mean < weibull_fits.ranked.front().mean_high);
}

TEST_CASE("Ignoring censoring biases the mean; the censored fit removes the bias", "[fit]") {
  // Long stays (mean 12 days) in a 60-day window: many still in at the end.
  const sim::Distribution truth = sim::Distribution::lognormal_from_mean_sd(12.0, 15.0);
  auto sample = fit_test::censored_sample(truth, 5000, 60.0, 13);
  REQUIRE(sample.censored > 500);
  // Treating "still in after x days" as "discharged after x days".
  auto naive = sample;
  for (auto& o : naive.observations) o.kind = Observed::Exact;
  naive.censored = 0;
  const auto honest = fit::fit_family(Family::Lognormal, sample);
  const auto biased = fit::fit_family(Family::Lognormal, naive);
  INFO("censored fit " << honest.mean << " [" << honest.mean_low << ", " << honest.mean_high
                       << "], naive " << biased.mean << " [" << biased.mean_low << ", "
                       << biased.mean_high << "], true 12");
  CHECK(honest.mean_low < 12.0);
  CHECK(12.0 < honest.mean_high);
  CHECK(biased.mean_high < 12.0);  // the naive interval misses the truth, below it
}

TEST_CASE("Whole-day stays (dates only) are fitted by interval censoring", "[fit]") {
  // Admission and discharge at uniform times of day; only the dates kept.
  const sim::Distribution truth(sim::Gamma{2.5, 2.0});
  std::mt19937_64 engine(14);
  const auto uniform = [&engine] { return (static_cast<double>(engine() >> 11) + 0.5) * 0x1p-53; };
  std::vector<Observation> days;
  for (int i = 0; i < 20000; ++i) {
    const double admitted = uniform();
    const double discharged = admitted + truth.quantile(uniform());
    days.push_back({Observed::WholeDays, std::floor(discharged), 0.0});
  }
  const auto fits = fit::fit_los(sample_of(days));
  const auto& best = fits.ranked.front();
  REQUIRE(best.model.family == Family::Gamma);
  check_recovered(best, 0, 2.5);
  check_recovered(best, 1, 2.0);
  // The day counts' own mean equals the stays' mean (E floor(u + T) = E T).
  CHECK(fits.km.restricted_mean() == Approx(5.0).epsilon(0.02));
}

TEST_CASE("Stays begun before the window are fitted with left truncation", "[fit]") {
  // Stays that began up to 100 days before the window, kept only if still in
  // when it opened (so long stays are over-represented among them).
  const sim::Distribution truth(sim::Weibull{1.3, 8.0});
  std::mt19937_64 engine(15);
  const auto uniform = [&engine] { return (static_cast<double>(engine() >> 11) + 0.5) * 0x1p-53; };
  std::vector<Observation> kept;
  std::vector<Observation> ignored;
  while (kept.size() < 20000) {
    const double admitted = -100.0 + 200.0 * uniform();  // window opens at 0, closes at 100
    const double stay = truth.quantile(uniform());
    if (admitted + stay < 0.0) continue;  // over before the window: never seen
    const double entry = admitted < 0.0 ? -admitted : 0.0;
    const bool still_in = admitted + stay > 100.0;
    const double value = still_in ? 100.0 - admitted : stay;
    if (admitted > 100.0) continue;
    kept.push_back({still_in ? Observed::AtLeast : Observed::Exact, value, entry});
    ignored.push_back({still_in ? Observed::AtLeast : Observed::Exact, value, 0.0});
  }
  const auto f = fit::fit_family(Family::Weibull, sample_of(kept));
  check_recovered(f, 0, 1.3);
  check_recovered(f, 1, 8.0);
  const auto g = fit::fit_family(Family::Weibull, sample_of(ignored));
  CHECK(g.mean_low > truth.mean());  // without truncation, long stays inflate the mean
}

TEST_CASE("Too few discharges give no fit, and small samples a positive mean interval", "[fit]") {
  // One patient still in: nothing is known of the distribution's shape.
  const auto none = fit::fit_los(sample_of({{Observed::AtLeast, 3.0}}));
  for (const auto& f : none.ranked) CHECK_FALSE(f.converged);
  CHECK(std::isnan(none.km.restricted_mean()));
  // Three stays: two-parameter families fit; the mixture and the Coxians,
  // with three parameters or more, do not.
  const auto three =
      fit::fit_los(sample_of({{Observed::Exact, 0.4}, {Observed::Exact, 2.0}, {Observed::Exact, 1.5}}));
  for (const auto& f : three.ranked) {
    INFO(fit::family_name(f.model.family));
    CHECK(f.converged == (fit::parameter_count(f.model.family) <= 2));
    if (f.converged) CHECK(f.mean_low > 0.0);
  }
}

namespace {

// Stays from 'truth' admitted uniformly in [-100, 100), seen in the window
// [0, 100): left-truncated at 0 when admitted before it, still in at 100 when
// not discharged by then; with whole_days, only the dates are kept.
fit::LosSample windowed_sample(const sim::Distribution& truth, int n, bool whole_days, unsigned seed) {
  std::mt19937_64 engine(seed);
  const auto uniform = [&engine] { return (static_cast<double>(engine() >> 11) + 0.5) * 0x1p-53; };
  std::vector<Observation> seen;
  while (seen.size() < static_cast<std::size_t>(n)) {
    const double admitted = -100.0 + 200.0 * uniform();
    const double stay = truth.quantile(uniform());
    if (admitted + stay < 0.0 || admitted >= 100.0) continue;  // never in the window
    const bool still_in = admitted + stay > 100.0;
    if (whole_days) {
      const double day = std::floor(admitted);
      seen.push_back({still_in ? Observed::WholeDaysAtLeast : Observed::WholeDays,
                      still_in ? 100.0 - day : std::floor(admitted + stay) - day, std::max(0.0, -day)});
    } else {
      seen.push_back({still_in ? Observed::AtLeast : Observed::Exact, still_in ? 100.0 - admitted : stay,
                      std::max(0.0, -admitted)});
    }
  }
  return sample_of(seen);
}

}  // namespace

TEST_CASE("A Coxian sample is recovered and ranked first: censored, truncated, whole days",
          "[fit][coxian]") {
  // Phases of mean 2 and 6 days, 90% going on: a rise then an exponential
  // tail that no exponential mixture has (its spectral weight on the first
  // phase is negative), mean 7.4 days.
  const sim::Coxian truth{2, {2.0, 6.0}, {0.9}};
  const sim::Distribution distribution(truth);
  const double true_mean = sim::coxian_mean(truth);
  const double true_p90 = sim::coxian_quantile(truth, 0.9);
  for (const bool whole_days : {false, true}) {
    const auto sample = windowed_sample(distribution, 20000, whole_days, whole_days ? 17 : 16);
    REQUIRE(sample.censored > 300);
    const auto fits = fit::fit_los(sample);
    const auto& best = fits.ranked.front();
    const auto [p90_low, p90_high] = fit::quantile_interval(best, 0.9);
    std::string ranking;
    for (const auto& f : fits.ranked)
      ranking += fmt::format(" {} {:.1f}", fit::family_name(f.model.family), f.aic);
    INFO((whole_days ? "whole days" : "date-times") << ": AIC" << ranking);
    INFO("best " << fit::family_name(best.model.family) << " (" << best.model.describe() << "): mean "
                 << best.mean << " [" << best.mean_low << ", " << best.mean_high << "] (true "
                 << true_mean << "), p90 " << best.p90 << " [" << p90_low << ", " << p90_high
                 << "] (true " << true_p90 << ")");
    // The three-phase Coxian contains the two-phase one (a third phase never
    // reached), so either is the true family.
    CHECK((best.model.family == Family::Coxian2 || best.model.family == Family::Coxian3));
    CHECK(best.mean_low < true_mean);
    CHECK(true_mean < best.mean_high);
    CHECK(p90_low < true_p90);
    CHECK(true_p90 < p90_high);
  }
}
