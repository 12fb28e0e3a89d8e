#include "tools/fit/los_sample.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace flowsim::fit {

LosSample los_sample(const std::vector<const Episode*>& episodes, double window_start) {
  LosSample sample;
  for (const Episode* e : episodes) {
    Observation o;
    const bool still_in = !e->discharged;
    const double end = still_in ? e->censored_at : *e->discharged;
    if (e->whole_days) {
      // Day counts: the extract moment of a date-only extract is the end of
      // its day, so a patient still in will be discharged on a later date.
      o.kind = still_in ? Observed::WholeDaysAtLeast : Observed::WholeDays;
      o.value = std::round(end - e->admitted);
      if (e->admitted < window_start) o.entry = std::ceil(window_start - e->admitted - 1e-9);
    } else {
      o.kind = still_in ? Observed::AtLeast : Observed::Exact;
      o.value = end - e->admitted;
      if (e->admitted < window_start) o.entry = window_start - e->admitted;
    }
    sample.censored += still_in ? 1.0 : 0.0;
    sample.truncated += o.entry > 0.0 ? 1.0 : 0.0;
    sample.whole_days += e->whole_days ? 1.0 : 0.0;
    sample.observations.push_back(o);
  }
  sample.episodes = static_cast<double>(episodes.size());
  merge_observations(sample);
  return sample;
}

void merge_observations(LosSample& sample) {
  auto& obs = sample.observations;
  const auto key = [](const Observation& o) { return std::tie(o.kind, o.value, o.entry); };
  std::sort(obs.begin(), obs.end(),
            [&key](const Observation& a, const Observation& b) { return key(a) < key(b); });
  std::vector<Observation> merged;
  merged.reserve(obs.size());
  for (const auto& o : obs) {
    if (!merged.empty() && key(merged.back()) == key(o)) merged.back().count += o.count;
    else merged.push_back(o);
  }
  obs = std::move(merged);
}

}  // namespace flowsim::fit
