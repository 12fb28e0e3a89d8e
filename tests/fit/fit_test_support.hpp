#pragma once
// Samples of stays with known truth for the fit tests: fixed seeds, drawn by
// inversion through the engine's own distributions.
#include <random>
#include <vector>

#include "sim/distribution.hpp"
#include "tools/fit/los_sample.hpp"

namespace fit_test {

// n stays from 'truth'; each admitted at a uniform time in [0, window) and
// censored at 'window' (still in) when it has not ended by then.
inline flowsim::fit::LosSample censored_sample(const flowsim::sim::Distribution& truth, int n,
                                               double window, unsigned seed) {
  std::mt19937_64 engine(seed);
  const auto uniform = [&engine] { return (static_cast<double>(engine() >> 11) + 0.5) * 0x1p-53; };
  flowsim::fit::LosSample sample;
  for (int i = 0; i < n; ++i) {
    const double admitted = window * uniform();
    const double stay = truth.quantile(uniform());
    flowsim::fit::Observation o;
    if (admitted + stay > window) {
      o.kind = flowsim::fit::Observed::AtLeast;
      o.value = window - admitted;
      sample.censored += 1.0;
    } else {
      o.value = stay;
    }
    sample.observations.push_back(o);
  }
  sample.episodes = n;
  flowsim::fit::merge_observations(sample);
  return sample;
}

}  // namespace fit_test
