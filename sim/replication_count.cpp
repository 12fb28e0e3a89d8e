#include "sim/replication_count.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/output_analysis.hpp"
#include "sim/statistics.hpp"

namespace flowsim::sim {

std::size_t look_ahead(std::size_t candidate, std::size_t k_limit) {
  if (candidate <= 100) return k_limit;
  return (k_limit * candidate + 99) / 100;
}

namespace {

struct OutputDecision {
  std::optional<std::size_t> accepted;
  std::size_t need_at_least = 0;
  double last_precision = 0.0;
};

OutputDecision decide_one(std::span<const double> values, const ReplicationCountSettings& s) {
  const std::size_t available = values.size();
  // d[n] for n = 1..available (d[0], d[1], d[2] unused below 'initial').
  std::vector<double> d(available + 1, std::numeric_limits<double>::infinity());
  for (std::size_t n = std::max<std::size_t>(2, s.initial); n <= available; ++n)
    d[n] = relative_half_width(summarize(values.first(n)));
  OutputDecision out;
  out.last_precision = available >= 2 ? d[available] : std::numeric_limits<double>::infinity();
  std::size_t n = std::max<std::size_t>(2, s.initial);
  while (n <= available) {
    if (d[n] > s.precision) {
      ++n;
      continue;
    }
    const std::size_t until = n + look_ahead(n, s.k_limit);
    std::size_t broke = 0;
    for (std::size_t m = n + 1; m <= std::min(until, available) && broke == 0; ++m)
      if (d[m] > s.precision) broke = m;
    if (broke != 0) {
      n = broke + 1;
      continue;
    }
    if (until <= available) {
      out.accepted = n;
      return out;
    }
    out.need_at_least = until;
    return out;
  }
  // No candidate yet: the earliest possible one is the next replication.
  const std::size_t next = std::max(available + 1, std::max<std::size_t>(2, s.initial));
  out.need_at_least = next + look_ahead(next, s.k_limit);
  return out;
}

}  // namespace

ReplicationCountDecision decide_replications(const std::vector<std::vector<double>>& outputs,
                                             const ReplicationCountSettings& settings) {
  if (outputs.empty()) throw std::invalid_argument("no outputs to decide the replications on");
  ReplicationCountDecision decision;
  std::size_t accepted = 0;
  bool all_accepted = true;
  for (const auto& values : outputs) {
    if (values.size() != outputs.front().size())
      throw std::invalid_argument("outputs with different numbers of replications");
    const OutputDecision one = decide_one(values, settings);
    decision.worst_precision = std::max(decision.worst_precision, one.last_precision);
    if (one.accepted) {
      accepted = std::max(accepted, *one.accepted);
    } else {
      all_accepted = false;
      decision.need_at_least = std::max(decision.need_at_least, one.need_at_least);
    }
  }
  if (all_accepted) decision.replications = accepted;
  return decision;
}

}  // namespace flowsim::sim
