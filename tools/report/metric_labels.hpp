#pragma once
// Plain-English names of flowsim's metrics for the report, and how each
// reads: a fraction shown as %, money as GBP m, a count or a time.
// "unit.acute.utilisation_p95" -> unit "acute", "95th percentile occupancy (% of beds)".
#include <string>

#include "tools/report/charts/chart_specs.hpp"

namespace flowsim::report {

enum class MetricKind { Fraction, Money, Count };

struct MetricLabel {
  std::string owner;    // the unit, pathway or service; "system" or "whole system" when none
  std::string measure;  // plain words with the unit, e.g. "mean occupancy (beds)"
  MetricKind kind = MetricKind::Count;
};

[[nodiscard]] MetricLabel label_metric(const std::string& metric);
// "acute: mean occupancy (beds)".
[[nodiscard]] std::string metric_in_words(const std::string& metric);
// The chart style of the metric's values (titled with its measure).
[[nodiscard]] charts::ValueStyle metric_style(const std::string& metric);
// The metric's value in words: "91.2%", "GBP 12.3m", "1,234.5".
[[nodiscard]] std::string metric_value(const std::string& metric, double value);

}  // namespace flowsim::report
