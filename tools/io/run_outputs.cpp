#include "tools/io/run_outputs.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "models/scenario/calendar_text.hpp"
#include "tools/io/calibration.hpp"
#include "tools/io/escalation_outputs.hpp"
#include "tools/io/gridlock.hpp"
#include "tools/io/metric_name.hpp"
#include "tools/io/model_description.hpp"
#include "tools/io/network_dot.hpp"
#include "tools/io/occupancy_distribution.hpp"
#include "tools/io/staged_files.hpp"

namespace flowsim::tools {

namespace fs = std::filesystem;

std::string flowsim_version() { return FLOWSIM_VERSION; }

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

namespace {
// The names of every result file a run can write (an output directory
// holding any of them "already holds results").
const std::vector<std::string>& result_file_names() {
  static const std::vector<std::string> names = {
      "summary.csv",    "summary.json",   "replications.csv",
      "occupancy.csv",  "escalation.csv", "occupancy_distribution.csv",
      "delayed.csv",    "series.csv",     "events.csv",
      "warmup.csv",     "model.json",     "network.dot",
      "scenario.yaml",  "report.html",    "run.json",
      "calibration.csv"};
  return names;
}
}  // namespace

bool holds_results(const std::string& directory) { return holds_any(directory, result_file_names()); }

std::string random_number_scheme() {
  return "Random123 Philox4x32-10; streams keyed by (seed, name), counters by "
         "(purpose, draw, replication, patient)";
}

namespace {

// Each metric across replications; value(result, k) is metric k's value in
// one replication.
template <class Value>
std::vector<MetricSummary> summarize_each(const std::vector<models::ReplicationResult>& results,
                                          const Value& value) {
  std::vector<MetricSummary> summaries;
  if (results.empty()) return summaries;
  const std::size_t n_metrics = results.front().metrics.size();
  std::vector<double> values(results.size());
  for (std::size_t k = 0; k < n_metrics; ++k) {
    for (std::size_t r = 0; r < results.size(); ++r) values[r] = value(results[r], k);
    summaries.push_back(
        {results.front().metrics[k].name, sim::summarize(values), sim::spread_of(values)});
  }
  return summaries;
}

}  // namespace

std::vector<MetricSummary> summarize_metrics(const std::vector<models::ReplicationResult>& results) {
  return summarize_each(
      results, [](const models::ReplicationResult& r, std::size_t k) { return r.metrics[k].value; });
}

std::vector<PeriodSummary> summarize_periods(const models::ModelDefinition& model,
                                             const std::vector<models::ReplicationResult>& results) {
  std::vector<PeriodSummary> out;
  const auto periods = models::measured_periods(model.run);
  if (periods.size() < 2 || results.empty()) return out;
  for (const auto& r : results)
    if (r.period_metrics.size() != periods.size()) return out;
  // Every metric, escalation's included, has a value per period; one that
  // had none (a result from an older build) would get no row.
  constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < periods.size(); ++i) {
    auto metrics = summarize_each(results, [i](const models::ReplicationResult& r, std::size_t k) {
      return k < r.period_metrics[i].size() ? r.period_metrics[i][k] : kNoValue;
    });
    std::erase_if(metrics, [](const MetricSummary& m) { return std::isnan(m.summary.mean); });
    out.push_back({periods[i], std::move(metrics)});
  }
  return out;
}

std::string summary_csv_fields(const sim::Summary& s) {
  return fmt::format("{},{},{},{},{}", s.mean, s.sd, s.low(), s.high(), s.n);
}

namespace {

// The spread across replications: the columns summary.csv adds after
// summary_csv_fields.
std::string spread_csv_fields(const sim::Spread& s) {
  return fmt::format("{},{},{},{},{}", s.p5, s.median, s.p95, s.skewness, s.skewed ? 1 : 0);
}

// summary.json's entry of one metric.
nlohmann::ordered_json metric_json(const MetricSummary& m) {
  const auto& s = m.summary;
  const auto& spread = m.spread;
  return {{"mean", s.mean},         {"sd", s.sd},
          {"ci95_low", s.low()},    {"ci95_high", s.high()},
          {"p5", spread.p5},        {"median", spread.median},
          {"p95", spread.p95},      {"skewness", spread.skewness},
          {"skewed", spread.skewed}};
}

// summary.csv's row of one metric; 'period' is "all" for the whole measured run.
std::string summary_row(const MetricSummary& m, const std::string& period) {
  return fmt::format("{},{},{},{}\n", m.name, summary_csv_fields(m.summary), spread_csv_fields(m.spread),
                     period);
}

void write_summary(StagedFiles& files, const models::ModelDefinition& model,
                   const std::vector<MetricSummary>& summaries,
                   const std::vector<PeriodSummary>& periods, std::size_t replications,
                   const std::vector<GridlockedReplication>& gridlocked) {
  auto csv = files.open("summary.csv");
  csv << "metric,mean,sd,ci95_low,ci95_high,replications,p5,median,p95,skewness,skewed,period\n";
  nlohmann::ordered_json json;
  json["scenario"] = model.name;
  json["replications"] = replications;
  json["seed"] = model.run.seed;
  json["warmup_days"] = model.run.warmup_days;
  json["horizon_days"] = model.run.horizon_days;
  json["gridlock"] = gridlock_json(gridlocked);
  json["skewed_when"] = fmt::format(
      "|skewness| > {} (adjusted Fisher-Pearson G1 across replications) and |mean - median| > {} "
      "of the 95% CI half-width",
      sim::kHeavySkewness, sim::kMeanMedianShare);
  json["percentiles"] = "linear interpolation between order statistics (Hyndman and Fan type 7)";
  auto& metrics = json["metrics"];
  metrics = nlohmann::ordered_json::object();
  for (const auto& m : summaries) metrics[m.name] = metric_json(m);
  // Multi-year runs: every metric for each period (year by year), then for
  // the whole measured run. The whole run comes last so that a reader that
  // keys rows by metric alone, keeping the last, still gets the whole run.
  if (!periods.empty()) {
    auto& list = json["periods"];
    list = nlohmann::ordered_json::array();
    for (const auto& [period, period_metrics] : periods) {
      nlohmann::ordered_json entry;
      entry["label"] = period.label;
      entry["start_day"] = period.start_day;
      entry["end_day"] = period.end_day;
      entry["days"] = period.days();
      entry["partial"] = period.partial;
      if (period.start_date_days) entry["start_date"] = scenario::format_date(*period.start_date_days);
      auto& values = entry["metrics"];
      values = nlohmann::ordered_json::object();
      for (const auto& m : period_metrics) {
        csv << summary_row(m, period.label);
        values[m.name] = metric_json(m);
      }
      list.push_back(std::move(entry));
    }
  }
  for (const auto& m : summaries) csv << summary_row(m, "all");
  close_checked(csv, "summary.csv");
  if (!model.calibration.empty()) json["calibration"] = calibration_json(calibrate(model, summaries));
  auto out = files.open("summary.json");
  out << json.dump(2) << "\n";
  close_checked(out, "summary.json");
}

void write_replications(StagedFiles& files, const std::vector<models::ReplicationResult>& results) {
  auto csv = files.open("replications.csv");
  csv << "replication,metric,value,unit,measure\n";
  for (const auto& r : results)
    for (const auto& m : r.metrics) {
      const auto [unit, measure] = split_metric_name(m.name);
      csv << fmt::format("{},{},{},{},{}\n", r.replication, m.name, m.value, unit, measure);
    }
  close_checked(csv, "replications.csv");
}

// "mean,p5,p50,p95" across replications of series[unit][day].
using DailySeries = std::vector<std::vector<double>> models::ReplicationResult::*;
std::string describe_day(const std::vector<models::ReplicationResult>& results, DailySeries series,
                         std::size_t u, std::size_t day, std::vector<double>& scratch) {
  for (std::size_t r = 0; r < results.size(); ++r) scratch[r] = (results[r].*series)[u][day];
  const double mean = sim::summarize(scratch).mean;
  return fmt::format("{},{},{},{}", mean, sim::sample_quantile(scratch, 0.05),
                     sim::sample_quantile(scratch, 0.5), sim::sample_quantile(scratch, 0.95));
}

// The capacity in force at the end of day 'day', mean over replications;
// empty for a unit without a bed limit.
std::string capacity_on_day(const std::vector<models::ReplicationResult>& results, std::size_t u,
                            std::size_t day, std::vector<double>& scratch) {
  for (std::size_t r = 0; r < results.size(); ++r) {
    const auto& capacity = results[r].daily_capacity;
    if (u >= capacity.size() || day >= capacity[u].size()) return "";
    scratch[r] = capacity[u][day];
  }
  return fmt::format("{}", sim::summarize(scratch).mean);
}

// Day d covers [d, d+1); it is in the warm-up if it ends by the warm-up's end.
bool day_in_warmup(const models::ModelDefinition& model, std::size_t day) {
  return static_cast<double>(day + 1) <= model.run.warmup_days;
}

void write_occupancy(StagedFiles& files, const models::ModelDefinition& model,
                     const std::vector<models::ReplicationResult>& results) {
  auto csv = files.open("occupancy.csv");
  csv << "unit,day,in_warmup,census_mean,census_p5,census_p50,census_p95,peak_mean,peak_p5,"
         "peak_p50,peak_p95,capacity\n";
  std::vector<double> scratch(results.size());
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    const std::size_t days = results.front().daily_census[u].size();
    for (std::size_t day = 0; day < days; ++day)
      csv << fmt::format(
          "{},{},{},{},{},{}\n", model.units[u].name, day, day_in_warmup(model, day) ? 1 : 0,
          describe_day(results, &models::ReplicationResult::daily_census, u, day, scratch),
          describe_day(results, &models::ReplicationResult::daily_peak, u, day, scratch),
          capacity_on_day(results, u, day, scratch));
  }
  close_checked(csv, "occupancy.csv");
}

// Delayed transfers over time, one series per pathway: every unit that some
// route leads to from another unit.
void write_delayed(StagedFiles& files, const models::ModelDefinition& model,
                   const std::vector<models::ReplicationResult>& results) {
  std::vector<bool> is_pathway(model.units.size(), false);
  for (std::size_t u = 0; u < model.units.size(); ++u)
    for (const auto& table : model.units[u].routes_by_group)
      for (const auto& d : table.destinations)
        if (!d.is_exit && d.index != u) is_pathway[d.index] = true;
  auto csv = files.open("delayed.csv");
  csv << "pathway,day,in_warmup,delayed_mean,delayed_p5,delayed_p50,delayed_p95\n";
  std::vector<double> scratch(results.size());
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    if (!is_pathway[u]) continue;
    const std::size_t days = results.front().daily_delayed_for[u].size();
    for (std::size_t day = 0; day < days; ++day)
      csv << fmt::format(
          "{},{},{},{}\n", model.units[u].name, day, day_in_warmup(model, day) ? 1 : 0,
          describe_day(results, &models::ReplicationResult::daily_delayed_for, u, day, scratch));
  }
  close_checked(csv, "delayed.csv");
}

// Every replication's daily series per unit, tidy (--series). Only what is
// recorded at midnight: no daily time-average, which is not kept per day.
void write_series(StagedFiles& files, const models::ModelDefinition& model,
                  const std::vector<models::ReplicationResult>& results) {
  auto csv = files.open("series.csv");
  csv << "replication,unit,day,in_warmup,census,peak,delayed_for,waiting_arrivals\n";
  for (const auto& r : results)
    for (std::size_t u = 0; u < model.units.size(); ++u)
      for (std::size_t day = 0; day < r.daily_census[u].size(); ++day)
        csv << fmt::format("{},{},{},{},{},{},{},{}\n", r.replication, model.units[u].name, day,
                           day_in_warmup(model, day) ? 1 : 0, r.daily_census[u][day],
                           r.daily_peak[u][day], r.daily_delayed_for[u][day],
                           r.daily_waiting_arrivals[u][day]);
  close_checked(csv, "series.csv");
}

// What the report needs besides the numbers: the model's logic, the pathway
// diagram and the scenario text with its comments (the sources).
void write_model_files(StagedFiles& files, const models::ModelDefinition& model, const RunInfo& info) {
  auto json = files.open("model.json");
  json << describe_model(model).dump(2) << "\n";
  close_checked(json, "model.json");
  auto dot = files.open("network.dot");
  dot << pathway_network_dot(model);
  close_checked(dot, "network.dot");
  if (!info.scenario_text.empty()) {
    auto yaml = files.open("scenario.yaml");
    yaml << info.scenario_text;
    close_checked(yaml, "scenario.yaml");
  }
}

// The logged replications' events, replication by replication.
void write_event_log(StagedFiles& files, const models::ModelDefinition& model,
                     const std::vector<models::ReplicationResult>& results) {
  static constexpr const char* kWhat[] = {"arrive", "admit", "fit", "delayed", "move", "exit", "divert"};
  auto csv = files.open("events.csv");
  csv << "replication,time_days,source,patient,event,unit,to\n";
  // Source ids number the arrival sources, then each unit's starting census,
  // then the elective streams (models/ids.hpp).
  const auto source_name = [&model](std::size_t s) {
    if (s < model.sources.size()) return model.sources[s].name;
    s -= model.sources.size();
    if (s < model.units.size()) return "census:" + model.units[s].name;
    return "elective:" + model.electives.at(s - model.units.size()).name;
  };
  for (const auto& result : results)
    for (const auto& e : result.event_log) {
      std::string to;
      if (e.other >= 0)
        to = e.what == static_cast<std::uint8_t>(models::EventLogKind::Exit)
                 ? model.exits[static_cast<std::size_t>(e.other)]
                 : model.units[static_cast<std::size_t>(e.other)].name;
      csv << fmt::format("{},{},{},{},{},{},{}\n", result.replication, e.time_days,
                         source_name(e.source), e.entity, kWhat[e.what],
                         model.units[static_cast<std::size_t>(e.unit)].name, to);
    }
  close_checked(csv, "events.csv");
}

void write_manifest(StagedFiles& files, const models::ModelDefinition& model,
                    const std::vector<models::ReplicationResult>& results, const RunInfo& info,
                    const std::vector<GridlockedReplication>& gridlocked) {
  std::uint64_t events = 0;
  for (const auto& r : results) events += r.events;
  nlohmann::ordered_json json;
  json["flowsim_version"] = flowsim_version();
  json["title"] = model.name;  // "BASE + OVERLAY ..." when overlays apply (cli_support.cpp)
  json["scenario"] = model.name;
  json["scenario_file"] = info.scenario_path;
  json["scenario_hash_fnv1a64"] = info.scenario_hash;
  json["overlays"] = nlohmann::ordered_json::array();
  for (const auto& overlay : info.overlays)
    json["overlays"].push_back(
        {{"file", overlay.path}, {"name", overlay.name}, {"hash_fnv1a64", overlay.hash}});
  json["seed"] = model.run.seed;
  json["replications"] = results.size();
  json["replications_requested"] = info.replications_requested;
  json["interrupted"] = info.interrupted;
  if (info.interrupted) {
    auto& finished = json["replications_finished"];
    finished = nlohmann::ordered_json::array();
    for (const auto& r : results) finished.push_back(r.replication);
  }
  json["random_numbers"] = random_number_scheme();
  json["warmup_days"] = model.run.warmup_days;
  json["horizon_days"] = model.run.horizon_days;
  json["gridlock"] = gridlock_json(gridlocked);
  json["events"] = events;
  json["threads"] = info.threads;
  json["processes"] = info.processes;
  json["wall_seconds"] = info.wall_seconds;
  json["finished_utc"] = utc_now();
  json["machine"] = describe_machine();
  if (!info.experiment.is_null()) json["experiment"] = info.experiment;
  Provenance provenance = info.provenance;
  provenance.seed = model.run.seed;
  provenance.replications = static_cast<std::uint32_t>(results.size());
  json["provenance"] = provenance_json(provenance);
  auto out = files.open("run.json");
  out << json.dump(2) << "\n";
  close_checked(out, "run.json");
}

}  // namespace

void write_run_outputs(const std::string& directory, const models::ModelDefinition& model,
                       const std::vector<models::ReplicationResult>& results, const RunInfo& info) {
  StagedFiles files{directory, result_file_names()};
  const auto gridlocked = find_gridlocked(model, results);
  const auto summaries = summarize_metrics(results);
  write_summary(files, model, summaries, summarize_periods(model, results), results.size(), gridlocked);
  if (!model.calibration.empty())
    files.write("calibration.csv", calibration_csv(calibrate(model, summaries)));
  write_replications(files, results);
  write_occupancy(files, model, results);
  files.write("occupancy_distribution.csv", occupancy_distribution_csv(model, results));
  write_delayed(files, model, results);
  if (const auto escalation = escalation_csv(model, results)) files.write("escalation.csv", *escalation);
  if (info.series) write_series(files, model, results);
  write_model_files(files, model, info);
  if (std::any_of(results.begin(), results.end(), [](const auto& r) { return !r.event_log.empty(); }))
    write_event_log(files, model, results);
  for (const auto& extra : info.extra_files) files.write(extra.name, extra.contents);
  write_manifest(files, model, results, info, gridlocked);
  files.commit();
}

std::string census_band_rows(const std::string& label, const models::ModelDefinition& model,
                             const std::vector<models::ReplicationResult>& results) {
  std::string rows;
  if (results.empty()) return rows;
  std::vector<double> scratch(results.size());
  for (std::size_t u = 0; u < model.units.size(); ++u)
    for (std::size_t day = 0; day < results.front().daily_census[u].size(); ++day)
      rows += fmt::format(
          "{},{},{},{},{}\n", label, model.units[u].name, day, day_in_warmup(model, day) ? 1 : 0,
          describe_day(results, &models::ReplicationResult::daily_census, u, day, scratch));
  return rows;
}

}  // namespace flowsim::tools
