#include "tools/sweep/sweep_outputs.hpp"

#include <map>

#include <fmt/format.h>

#include "sim/statistics.hpp"
#include "tools/io/metric_name.hpp"
#include "tools/io/run_outputs.hpp"
#include "tools/io/staged_files.hpp"

namespace flowsim::sweep {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

namespace {

// The tidy columns "unit,measure" of a metric (tools/io/metric_name.hpp).
std::string unit_and_measure(const std::string& metric) {
  const auto [unit, measure] = tools::split_metric_name(metric);
  return csv_field(unit) + ',' + csv_field(measure);
}

std::string point_prefix(std::uint32_t point, const std::vector<ParameterValue>& values) {
  std::string prefix = std::to_string(point);
  for (const auto& v : values) prefix += "," + csv_field(v.text);
  return prefix;
}

// Collects one point's values metric by metric (in the model's order) and
// writes their summaries when the point ends.
class PointSummaries {
 public:
  explicit PointSummaries(std::ofstream& csv) : csv_(csv) {}
  void add(const std::string& prefix, const std::string& metric, double value) {
    if (prefix != prefix_) flush();
    prefix_ = prefix;
    auto& values = by_metric_[metric];
    if (values.empty()) order_.push_back(metric);
    values.push_back(value);
  }
  void flush() {
    for (const auto& metric : order_)
      csv_ << prefix_ << ',' << csv_field(metric) << ','
           << tools::summary_csv_fields(sim::summarize(by_metric_[metric])) << ','
           << unit_and_measure(metric) << '\n';
    order_.clear();
    by_metric_.clear();
  }

 private:
  std::ofstream& csv_;
  std::string prefix_;
  std::vector<std::string> order_;
  std::map<std::string, std::vector<double>> by_metric_;
};

}  // namespace

void write_sweep_tables(const std::string& directory, const SweepStore& store) {
  tools::StagedFileSet files{directory};  // not StagedFiles: sweep.sqlite lives here
  auto results = files.open("sweep_results.csv");
  auto summary = files.open("sweep_summary.csv");
  std::string header = "point";
  for (const auto& name : store.parameter_names()) header += "," + csv_field(name);
  results << header << ",replication,metric,value,unit,measure\n";
  summary << header << ",metric,mean,sd,ci95_low,ci95_high,replications,unit,measure\n";

  const auto values = store.point_values();
  PointSummaries summaries(summary);
  std::uint32_t current_point = 0;
  std::string prefix;
  store.for_each_value(
      [&](std::uint32_t point, std::uint32_t replication, const std::string& metric, double value) {
        if (prefix.empty() || point != current_point) {
          current_point = point;
          prefix =
              point_prefix(point, point < values.size() ? values[point] : std::vector<ParameterValue>{});
        }
        results << prefix << ',' << replication << ',' << csv_field(metric) << ','
                << fmt::format("{}", value) << ',' << unit_and_measure(metric) << '\n';
        summaries.add(prefix, metric, value);
      });
  summaries.flush();
  tools::close_checked(results, "sweep_results.csv");
  tools::close_checked(summary, "sweep_summary.csv");
  files.commit();
}

}  // namespace flowsim::sweep
