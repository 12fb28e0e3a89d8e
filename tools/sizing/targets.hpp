#pragma once
// Sizing targets such as "occupancy.p95 <= 0.92" or "ae.within_4h >= 0.95".
//
// Grammar: METRIC OP NUMBER, where OP is <= or >= and NUMBER may end in %
// (95% = 0.95). METRIC is a metric name from summary.csv, or a shorthand:
//   occupancy.p95   -> unit.<unit>.utilisation_p95  (95th percentile of occupancy / capacity)
//   occupancy.mean  -> unit.<unit>.utilisation
//   ae.<measure>    -> ae.<the A&E unit>.<measure>  (when the scenario has one A&E unit)
//   <measure>       -> unit.<unit>.<measure>        (for example p_wait, time_at_or_above_92pct)
// where <unit> is the unit being sized.
#include <stdexcept>
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "sim/statistics.hpp"
#include "tools/experiments/metric_selection.hpp"  // metric_names

namespace flowsim::tools {

enum class Bound { AtMost, AtLeast };

struct Target {
  std::string text;    // as the user wrote it
  std::string metric;  // resolved full metric name
  Bound bound = Bound::AtMost;
  double value = 0.0;
};

// Bad target text or an unknown metric; the message names similar metrics.
class TargetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Metrics that are shares (of time, days, patients) or ratios to capacity,
// so a target on them is a fraction: "<= 10" is a slip for 10% and would
// otherwise be met at once; and consoles print them as %.
[[nodiscard]] bool is_fraction(const std::string& metric);
// A summary as the console tables print it: "78.9% (77.8% to 80.0%)" for a
// share, "56 (54 to 58)" otherwise.
[[nodiscard]] std::string mean_and_interval(const std::string& metric, const sim::Summary& summary);

[[nodiscard]] Target parse_target(const std::string& text, const models::ModelDefinition& model,
                                  const std::string& unit);

// Conservative rule: a target is met only when the whole 95% confidence
// interval is on the good side (the upper bound for <=, the lower for >=).
[[nodiscard]] bool target_met(const Target& target, const sim::Summary& summary);
// The mirror image: the whole 95% CI is on the bad side, so the target
// fails with confidence.
[[nodiscard]] bool target_failed(const Target& target, const sim::Summary& summary);
// "met", "fails" or "undecided" (neither: the CI straddles the target).
[[nodiscard]] const char* verdict_text(const Target& target, const sim::Summary& summary);

}  // namespace flowsim::tools
