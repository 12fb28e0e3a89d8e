#include "tools/experiments/compare_outputs.hpp"

#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tools/experiments/compare_money.hpp"
#include "tools/io/run_outputs.hpp"
#include "tools/io/staged_files.hpp"

namespace flowsim::tools {

namespace {

using Json = nlohmann::ordered_json;

// Undefined values (a variance reduction with no variation) are empty in
// CSV and null in JSON, never a made-up number.
std::string cell(const std::optional<double>& value) {
  return value ? fmt::format("{}", *value) : std::string();
}
Json json_value(const std::optional<double>& value) { return value ? Json(*value) : Json(); }

// Which replications were gridlocked in each scenario, and whether the
// comparison left them out.
void add_gridlock(Json& json, const CompareInfo& info) {
  auto& gridlock = json["gridlock"];
  gridlock = Json::object();
  gridlock["rule"] = gridlock_rule_text();
  gridlock["excluded"] = info.gridlocked_excluded;
  gridlock["excluded_replications"] = info.excluded;
  auto& by_scenario = gridlock["scenarios"];
  by_scenario = Json::object();
  for (std::size_t s = 0; s < info.gridlocked.size() && s < info.scenarios.size(); ++s) {
    Json found = gridlock_json(info.gridlocked[s]);
    found.erase("rule");
    by_scenario[info.scenarios[s].label] = std::move(found);
  }
}

// The money answer (compare_money.hpp): "money" for the first variant, and
// "money_by_variant" for each when there are several.
void add_money(Json& json, const CompareInfo& info, const std::vector<ComparisonRow>& rows) {
  std::vector<std::string> labels;
  for (const auto& source : info.scenarios) labels.push_back(source.label);
  const auto answers = money_answers(labels, rows);
  if (answers.empty()) return;
  json["money"] = money_json(answers.front());
  if (answers.size() < 2) return;
  auto& by_variant = json["money_by_variant"];
  by_variant = Json::object();
  for (const auto& answer : answers) by_variant[answer.variant] = money_json(answer);
}

Json optional_json(const std::optional<std::int64_t>& value) { return value ? Json(*value) : Json(); }
Json range_json(const std::optional<SearchRange>& range) {
  return range ? Json{{"low", range->low}, {"high", range->high}} : Json();
}
std::string cell(const std::optional<std::int64_t>& value) {
  return value ? std::to_string(*value) : std::string();
}
std::string low_cell(const std::optional<SearchRange>& range) {
  return range ? std::to_string(range->low) : "";
}
std::string high_cell(const std::optional<SearchRange>& range) {
  return range ? std::to_string(range->high) : "";
}

// compare --size-unit: each scenario's search and, per variant, the beds
// that can close next to the paired difference in occupied beds; the same
// numbers as compare_sizing.csv, one row per scenario.
Json sizing_json(StagedFiles& files, const CompareSizing& sizing, const CompareInfo& info) {
  auto csv = files.open("compare_sizing.csv");
  csv << "scenario,role,unit,targets,current_capacity,met_with_confidence,fails_with_confidence,"
         "undecided_low,undecided_high,capacities_simulated,beds_can_close,beds_can_close_low,"
         "beds_can_close_high,widest_low,widest_high,occupied_beds_diff_mean,"
         "occupied_beds_diff_ci95_low,occupied_beds_diff_ci95_high\n";
  Json json;
  json["unit"] = sizing.unit;
  auto& targets = json["targets"];
  targets = Json::array();
  for (const auto& t : sizing.targets) targets.push_back({{"text", t.text}, {"metric", t.metric}});
  json["replications_per_capacity"] = sizing.replications;
  json["rule"] =
      "beds_can_close = baseline's met_with_confidence - variant's; band = from min to max of that "
      "and baseline's fails_with_confidence - variant's (the same rule at either edge of both "
      "undecided bands; on common random numbers a variant identical to the baseline gives 0, band "
      "0); widest = (baseline fails + 1) - variant met to baseline met - (variant fails + 1), as if "
      "the two sides' uncertainties were unrelated";
  auto& scenarios = json["scenarios"];
  scenarios = Json::object();
  for (std::size_t s = 0; s < sizing.scenarios.size() && s < info.scenarios.size(); ++s) {
    const auto& side = sizing.scenarios[s];
    const auto& r = side.result;
    const auto undecided = r.undecided();
    Json entry = {{"role", s == 0 ? "baseline" : "variant"},
                  {"current_capacity", optional_json(side.current_capacity)},
                  {"met_with_confidence", optional_json(r.capacity)},
                  {"fails_with_confidence", optional_json(r.fails_with_confidence)},
                  {"undecided", range_json(undecided)},
                  {"capacities_simulated", r.evaluations.size()}};
    std::string variant_cells = ",,,,,,,";
    if (s > 0 && s - 1 < sizing.beds.size()) {
      const auto& beds = sizing.beds[s - 1];
      const auto& occupied = sizing.occupied_difference[s - 1];
      entry["beds_can_close"] = {{"beds", optional_json(beds.beds)},
                                 {"band", range_json(beds.band)},
                                 {"widest", range_json(beds.widest)}};
      entry["occupied_beds_difference"] = occupied ? Json{{"mean", occupied->mean},
                                                          {"ci95_low", occupied->low()},
                                                          {"ci95_high", occupied->high()}}
                                                   : Json();
      variant_cells = fmt::format(
          "{},{},{},{},{},{}", cell(beds.beds), low_cell(beds.band), high_cell(beds.band),
          low_cell(beds.widest), high_cell(beds.widest),
          occupied ? fmt::format("{},{},{}", occupied->mean, occupied->low(), occupied->high()) : ",,");
    }
    csv << fmt::format("{},{},{},\"{}\",{},{},{},{},{},{},{}\n", info.scenarios[s].label,
                       s == 0 ? "baseline" : "variant", sizing.unit, targets_text(sizing.targets),
                       cell(side.current_capacity), cell(r.capacity), cell(r.fails_with_confidence),
                       low_cell(undecided), high_cell(undecided), r.evaluations.size(), variant_cells);
    scenarios[info.scenarios[s].label] = std::move(entry);
  }
  close_checked(csv, "compare_sizing.csv");
  return json;
}

// The provenance of compare.json and run.json: the seed and replications
// are those of the results.
Json compare_provenance_json(const ExperimentOutcome& outcome, const CompareInfo& info) {
  Provenance provenance = info.provenance;
  provenance.seed = outcome.models.front()->run.seed;
  provenance.replications = static_cast<std::uint32_t>(outcome.results.front().size());
  Json json = provenance_json(provenance);
  if (!info.variant_files.empty()) {
    auto& variants = json["variants"] = Json::array();
    for (const auto& file : info.variant_files)
      variants.push_back({{"file", file.file}, {"sha256", file.sha256}});
  }
  return json;
}

void write_table(StagedFiles& files, const ExperimentOutcome& outcome,
                 const std::vector<ComparisonRow>& rows, const CompareInfo& info) {
  auto csv = files.open("compare.csv");
  csv << "metric,scenario,role,replications,mean,sd,ci95_low,ci95_high,diff_mean,diff_sd,"
         "diff_ci95_low,diff_ci95_high,unpaired_ci95_low,unpaired_ci95_high,variance_reduction,"
         "p5,median,p95,skewed,diff_median,diff_median_low,diff_median_high,diff_median_coverage,"
         "diff_skewed\n";
  Json json;
  json["title"] = info.title;
  json["baseline"] = info.scenarios.front().label;
  auto& variants = json["variants"];
  variants = Json::array();
  for (std::size_t s = 1; s < info.scenarios.size(); ++s) variants.push_back(info.scenarios[s].label);
  json["replications"] = outcome.results.front().size();
  json["replications_compared"] = rows.empty() ? 0 : rows.front().value.n;
  json["seed"] = outcome.models.front()->run.seed;
  json["warmup_days"] = outcome.models.front()->run.warmup_days;
  json["horizon_days"] = outcome.models.front()->run.horizon_days;
  add_gridlock(json, info);
  json["provenance"] = compare_provenance_json(outcome, info);
  add_money(json, info, rows);
  if (info.sizing) json["sizing"] = sizing_json(files, *info.sizing, info);
  auto& metrics = json["metrics"];
  metrics = Json::object();
  for (const auto& row : rows) {
    const auto& v = row.value;
    const std::string& label = info.scenarios[row.scenario].label;
    csv << fmt::format("{},{},{},{},{},{},{},{}", row.metric, label,
                       row.scenario == 0 ? "baseline" : "variant", v.n, v.mean, v.sd, v.low(), v.high());
    const auto& spread = row.spread;
    Json entry = {{"mean", v.mean},      {"sd", v.sd},
                  {"ci95_low", v.low()}, {"ci95_high", v.high()},
                  {"p5", spread.p5},     {"median", spread.median},
                  {"p95", spread.p95},   {"skewed", spread.skewed}};
    const std::string spread_cells =
        fmt::format("{},{},{},{}", spread.p5, spread.median, spread.p95, spread.skewed ? 1 : 0);
    if (row.difference && row.median_difference) {
      const auto& d = *row.difference;
      const auto& p = d.paired;
      const auto& m = *row.median_difference;
      csv << fmt::format(",{},{},{},{},{},{},{},{},{},{},{},{},{}\n", p.mean, p.sd, p.low(), p.high(),
                         p.mean - d.unpaired_half_width, p.mean + d.unpaired_half_width,
                         cell(d.variance_reduction), spread_cells, m.median, cell(m.low), cell(m.high),
                         m.coverage, row.difference_skewed ? 1 : 0);
      entry["difference"] = {{"mean", p.mean},
                             {"sd", p.sd},
                             {"ci95_low", p.low()},
                             {"ci95_high", p.high()},
                             {"unpaired_ci95_low", p.mean - d.unpaired_half_width},
                             {"unpaired_ci95_high", p.mean + d.unpaired_half_width},
                             {"variance_reduction", json_value(d.variance_reduction)},
                             {"median", m.median},
                             {"median_low", json_value(m.low)},
                             {"median_high", json_value(m.high)},
                             {"median_coverage", m.coverage},
                             {"skewed", row.difference_skewed}};
    } else {
      csv << fmt::format(",,,,,,,,{},,,,,\n", spread_cells);
    }
    metrics[row.metric][label] = std::move(entry);
  }
  close_checked(csv, "compare.csv");
  auto out = files.open("compare.json");
  out << json.dump(2) << "\n";
  close_checked(out, "compare.json");
}

void write_replications(StagedFiles& files, const ExperimentOutcome& outcome, const CompareInfo& info) {
  auto csv = files.open("replications.csv");
  csv << "scenario,replication,metric,value\n";
  for (std::size_t s = 0; s < outcome.results.size(); ++s)
    for (const auto& r : outcome.results[s])
      for (const auto& m : r.metrics)
        csv << fmt::format("{},{},{},{}\n", info.scenarios[s].label, r.replication, m.name, m.value);
  close_checked(csv, "replications.csv");
}

void write_manifest(StagedFiles& files, const ExperimentOutcome& outcome, const CompareInfo& info) {
  std::uint64_t events = 0;
  for (const auto& scenario : outcome.results)
    for (const auto& r : scenario) events += r.events;
  Json json;
  json["flowsim_version"] = flowsim_version();
  json["command"] = "compare";
  json["title"] = info.title;
  auto& scenarios = json["scenarios"];
  scenarios = Json::array();
  for (std::size_t s = 0; s < info.scenarios.size(); ++s) {
    const auto& source = info.scenarios[s];
    Json entry;
    entry["label"] = source.label;
    entry["role"] = s == 0 ? "baseline" : "variant";
    entry["name"] = outcome.models[s]->name;
    entry["files"] = source.files;
    entry["hashes_fnv1a64"] = source.hashes;
    entry["sha256"] = source.sha256;
    if (!source.changes.empty()) entry["changes"] = source.changes;
    scenarios.push_back(std::move(entry));
  }
  json["seed"] = outcome.models.front()->run.seed;
  json["replications"] = outcome.results.front().size();
  json["warmup_days"] = outcome.models.front()->run.warmup_days;
  json["horizon_days"] = outcome.models.front()->run.horizon_days;
  json["random_numbers"] = random_number_scheme();
  json["common_random_numbers"] =
      "every scenario runs the same replications with the same seed: patient k of a source "
      "draws the same stays and routes in each";
  add_gridlock(json, info);
  json["events"] = events;
  json["threads"] = info.threads;
  json["wall_seconds"] = outcome.wall_seconds;
  const Json experiment = experiment_manifest(outcome);
  if (!experiment.is_null()) json["experiment"] = experiment;
  json["provenance"] = compare_provenance_json(outcome, info);
  auto out = files.open("run.json");
  out << json.dump(2) << "\n";
  close_checked(out, "run.json");
}

// Each scenario's midnight census band, for the report's overlaid fan charts.
void write_occupancy(StagedFiles& files, const ExperimentOutcome& outcome, const CompareInfo& info) {
  auto csv = files.open("compare_occupancy.csv");
  csv << "scenario,unit,day,in_warmup,census_mean,census_p5,census_p50,census_p95\n";
  for (std::size_t s = 0; s < outcome.results.size(); ++s)
    csv << census_band_rows(info.scenarios[s].label, *outcome.models[s], outcome.results[s]);
  close_checked(csv, "compare_occupancy.csv");
}

}  // namespace

const std::vector<std::string>& compare_result_file_names() {
  static const std::vector<std::string> names = {
      "compare.csv", "compare.json", "compare_sizing.csv", "replications.csv",
      "warmup.csv",  "report.html",  "run.json",           "compare_occupancy.csv"};
  return names;
}

void write_compare_outputs(const std::string& directory, const ExperimentOutcome& outcome,
                           const std::vector<ComparisonRow>& rows, const CompareInfo& info) {
  StagedFiles files{std::filesystem::path(directory), compare_result_file_names()};
  write_table(files, outcome, rows, info);
  write_replications(files, outcome, info);
  write_occupancy(files, outcome, info);
  if (outcome.warmup) files.write("warmup.csv", outcome.warmup->series_csv);
  write_manifest(files, outcome, info);
  files.commit();
}

}  // namespace flowsim::tools
