#pragma once
// Writes a run's result files into an output directory. The files are
// written into a hidden sibling directory and swapped in with rename(2), so
// a run killed at any point leaves the output directory with a complete set
// of results or none (docs/hardening.md).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/measured_periods.hpp"
#include "models/model_definition.hpp"
#include "models/replication_result.hpp"
#include "sim/replication_spread.hpp"
#include "sim/statistics.hpp"
#include "tools/provenance/provenance.hpp"

namespace flowsim::tools {

// An overlay applied to the scenario (flowsim run --with), in order.
struct OverlayRecord {
  std::string path;
  std::string name;
  std::string hash;  // FNV-1a 64 of the overlay file's bytes, hex
};

// A further result file written with the others (for example warmup.csv).
struct ExtraFile {
  std::string name;
  std::string contents;
};

struct RunInfo {
  std::string scenario_path;
  std::string scenario_hash;  // FNV-1a 64 of the scenario file's bytes, hex
  std::vector<OverlayRecord> overlays;
  unsigned threads = 1;
  double wall_seconds = 0.0;
  std::string scenario_text;  // copied into scenario.yaml for the report's sources (if not empty)
  std::uint32_t replications_requested = 0;
  bool interrupted = false;  // stopped by a signal: only the finished replications
  // How the replications and the warm-up were chosen (--precision,
  // --warmup auto); written into run.json as "experiment" when not null.
  nlohmann::ordered_json experiment;
  std::vector<ExtraFile> extra_files;
  unsigned processes = 1;  // MPI ranks
  bool series = false;     // also write series.csv: every replication's daily series (--series)
  // Input files, version and command line; run.json's seed and replications
  // are replaced by those of the results written.
  Provenance provenance;
};

struct MetricSummary {
  std::string name;
  sim::Summary summary;
  sim::Spread spread;  // median, 5th and 95th percentiles, skewness across replications
};

[[nodiscard]] std::vector<MetricSummary> summarize_metrics(
    const std::vector<models::ReplicationResult>& results);

// One period of a multi-year run (models/measured_periods.hpp) with its
// metrics summarised across replications.
struct PeriodSummary {
  models::MeasuredPeriod period;
  std::vector<MetricSummary> metrics;
};

// Every period's summaries, in order; empty when the measured run is a
// single period.
[[nodiscard]] std::vector<PeriodSummary> summarize_periods(
    const models::ModelDefinition& model, const std::vector<models::ReplicationResult>& results);

// "mean,sd,ci95_low,ci95_high,replications": the columns of summary.csv,
// shared by every summary flowsim writes.
[[nodiscard]] std::string summary_csv_fields(const sim::Summary& summary);

// Throws std::runtime_error with the path when a file cannot be written.
void write_run_outputs(const std::string& directory, const models::ModelDefinition& model,
                       const std::vector<models::ReplicationResult>& results, const RunInfo& info);

[[nodiscard]] std::string flowsim_version();
// The time now, UTC, as ISO 8601 ("2026-11-30T17:22:19Z").
[[nodiscard]] std::string utc_now();
// The random-number scheme, as recorded in every run.json.
[[nodiscard]] std::string random_number_scheme();

// The rows "label,unit,day,in_warmup,census_mean,census_p5,census_p50,census_p95"
// of every unit and day (no header): the midnight census across
// replications, as occupancy.csv has it, for compare_occupancy.csv.
[[nodiscard]] std::string census_band_rows(const std::string& label,
                                           const models::ModelDefinition& model,
                                           const std::vector<models::ReplicationResult>& results);

// True when 'directory' holds any file a run writes.
[[nodiscard]] bool holds_results(const std::string& directory);

}  // namespace flowsim::tools
