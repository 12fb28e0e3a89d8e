#include "tools/io/run_outputs.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace flowsim::tools {

namespace fs = std::filesystem;

std::string flowsim_version() { return FLOWSIM_VERSION; }

namespace {
const std::vector<std::string>& result_file_names();
}

bool holds_results(const std::string& directory) {
  std::error_code ec;
  for (const auto& name : result_file_names())
    if (fs::exists(fs::path(directory) / name, ec)) return true;
  return false;
}

std::vector<MetricSummary> summarize_metrics(const std::vector<models::ReplicationResult>& results) {
  std::vector<MetricSummary> summaries;
  if (results.empty()) return summaries;
  const std::size_t n_metrics = results.front().metrics.size();
  std::vector<double> values(results.size());
  for (std::size_t k = 0; k < n_metrics; ++k) {
    for (std::size_t r = 0; r < results.size(); ++r) values[r] = results[r].metrics[k].value;
    summaries.push_back({results.front().metrics[k].name, sim::summarize(values)});
  }
  return summaries;
}

namespace {

// The names of every result file a run can write (an output directory
// holding any of them "already holds results").
const std::vector<std::string>& result_file_names() {
  static const std::vector<std::string> names = {"summary.csv",   "summary.json", "replications.csv",
                                                 "occupancy.csv", "events.csv",   "run.json"};
  return names;
}

bool is_result_file(const std::string& name) {
  const auto& names = result_file_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Hidden siblings of the output directory left by a run that was killed
// (SIGKILL, power cut): removed once the process that made them is gone.
void remove_stale_staging(const fs::path& target) {
  const std::string prefix = "." + target.filename().string() + ".";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(target.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    const auto dash = rest.find('-');
    if (dash == std::string::npos) continue;
    const std::string kind = rest.substr(0, dash);
    if (kind != "partial" && kind != "old") continue;
    const pid_t pid = static_cast<pid_t>(std::strtol(rest.c_str() + dash + 1, nullptr, 10));
    if (pid <= 0 || (::kill(pid, 0) == -1 && errno == ESRCH)) fs::remove_all(entry.path(), ec);
  }
}

// Writes the files into a hidden sibling directory, then swaps it in whole,
// so that at every instant the output directory holds either a complete set
// of results (old or new) or nothing: the only step that changes what the
// directory holds is a rename(2), which is atomic. A directory that also
// holds files flowsim did not write (or is the working directory) is not
// swapped; its result files are renamed in one by one, run.json last, so
// that run.json's presence marks a complete set.
class StagedDirectory {
 public:
  explicit StagedDirectory(fs::path target) : target_(std::move(target)) {
    remove_stale_staging(target_);
    const std::string pid = std::to_string(::getpid());
    staging_ = target_.parent_path() / ("." + target_.filename().string() + ".partial-" + pid);
    old_ = target_.parent_path() / ("." + target_.filename().string() + ".old-" + pid);
    fs::remove_all(staging_);
    fs::create_directories(staging_);
  }
  StagedDirectory(const StagedDirectory&) = delete;
  StagedDirectory& operator=(const StagedDirectory&) = delete;

  std::ofstream open(const std::string& name) {
    const fs::path path = staging_ / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
    staged_.push_back(name);
    return out;
  }

  void commit() {
    if (!fs::exists(target_)) {
      fs::rename(staging_, target_);
    } else if (swappable()) {
      fs::rename(target_, old_);
      fs::rename(staging_, target_);
      fs::remove_all(old_);
    } else {
      fs::remove(target_ / "run.json");
      for (const auto& name : staged_)
        if (name != "run.json") fs::rename(staging_ / name, target_ / name);
      for (const auto& name : result_file_names())
        if (std::find(staged_.begin(), staged_.end(), name) == staged_.end())
          fs::remove(target_ / name);  // e.g. events.csv of an earlier run
      fs::rename(staging_ / "run.json", target_ / "run.json");
      fs::remove_all(staging_);
    }
    committed_ = true;
  }

  ~StagedDirectory() {
    std::error_code ignored;
    if (!committed_) fs::remove_all(staging_, ignored);
  }

 private:
  bool swappable() const {
    std::error_code ec;
    if (fs::equivalent(target_, fs::current_path(), ec)) return false;
    for (const auto& entry : fs::directory_iterator(target_))
      if (!entry.is_regular_file() || !is_result_file(entry.path().filename().string()))
        return false;
    return true;
  }

  fs::path target_;
  fs::path staging_;
  fs::path old_;
  std::vector<std::string> staged_;
  bool committed_ = false;
};

void close_checked(std::ofstream& out, const std::string& name) {
  out.close();
  if (!out) throw std::runtime_error(fmt::format("failed while writing {}", name));
}

void write_summary(StagedDirectory& files, const models::ModelDefinition& model,
                   const std::vector<MetricSummary>& summaries, std::size_t replications) {
  auto csv = files.open("summary.csv");
  csv << "metric,mean,sd,ci95_low,ci95_high,replications\n";
  nlohmann::ordered_json json;
  json["scenario"] = model.name;
  json["replications"] = replications;
  json["seed"] = model.run.seed;
  json["warmup_days"] = model.run.warmup_days;
  json["horizon_days"] = model.run.horizon_days;
  auto& metrics = json["metrics"];
  metrics = nlohmann::ordered_json::object();
  for (const auto& [name, s] : summaries) {
    csv << fmt::format("{},{},{},{},{},{}\n", name, s.mean, s.sd, s.low(), s.high(), s.n);
    metrics[name] = {{"mean", s.mean}, {"sd", s.sd}, {"ci95_low", s.low()}, {"ci95_high", s.high()}};
  }
  close_checked(csv, "summary.csv");
  auto out = files.open("summary.json");
  out << json.dump(2) << "\n";
  close_checked(out, "summary.json");
}

void write_replications(StagedDirectory& files, const std::vector<models::ReplicationResult>& results) {
  auto csv = files.open("replications.csv");
  csv << "replication,metric,value\n";
  for (const auto& r : results)
    for (const auto& m : r.metrics) csv << fmt::format("{},{},{}\n", r.replication, m.name, m.value);
  close_checked(csv, "replications.csv");
}

void write_occupancy(StagedDirectory& files, const models::ModelDefinition& model,
                     const std::vector<models::ReplicationResult>& results) {
  auto csv = files.open("occupancy.csv");
  csv << "unit,day,in_warmup,census_mean,census_p5,census_p50,census_p95,peak_mean,peak_p5,"
         "peak_p50,peak_p95\n";
  std::vector<double> values(results.size());
  const auto describe = [&values](const auto& series_of, std::size_t u, std::size_t day,
                                  const std::vector<models::ReplicationResult>& rs) {
    for (std::size_t r = 0; r < rs.size(); ++r) values[r] = series_of(rs[r])[u][day];
    const double mean = sim::summarize(values).mean;
    return fmt::format("{},{},{},{}", mean, sim::sample_quantile(values, 0.05),
                       sim::sample_quantile(values, 0.5), sim::sample_quantile(values, 0.95));
  };
  const auto census = [](const models::ReplicationResult& r) -> const auto& { return r.daily_census; };
  const auto peak = [](const models::ReplicationResult& r) -> const auto& { return r.daily_peak; };
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    const std::size_t days = results.front().daily_census[u].size();
    for (std::size_t day = 0; day < days; ++day) {
      // Day d covers [d, d+1); it is in the warm-up if it ends by the warm-up's end.
      const bool in_warmup = static_cast<double>(day + 1) <= model.run.warmup_days;
      csv << fmt::format("{},{},{},{},{}\n", model.units[u].name, day, in_warmup ? 1 : 0,
                         describe(census, u, day, results), describe(peak, u, day, results));
    }
  }
  close_checked(csv, "occupancy.csv");
}

void write_event_log(StagedDirectory& files, const models::ModelDefinition& model,
                     const models::ReplicationResult& result) {
  static constexpr const char* kWhat[] = {"arrive", "admit", "fit", "delayed", "move", "exit",
                                          "divert"};
  auto csv = files.open("events.csv");
  csv << "replication,time_days,source,patient,event,unit,to\n";
  const auto source_name = [&model](std::uint16_t s) {
    return s < model.sources.size() ? model.sources[s].name
                                     : "census:" + model.units[s - model.sources.size()].name;
  };
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

void write_manifest(StagedDirectory& files, const models::ModelDefinition& model,
                    const std::vector<models::ReplicationResult>& results, const RunInfo& info) {
  std::uint64_t events = 0;
  for (const auto& r : results) events += r.events;
  nlohmann::ordered_json json;
  json["flowsim_version"] = flowsim_version();
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
  json["random_numbers"] = "Random123 Philox4x32-10; streams keyed by (seed, name), counters by "
                           "(purpose, draw, replication, patient)";
  json["events"] = events;
  json["threads"] = info.threads;
  json["wall_seconds"] = info.wall_seconds;
  auto out = files.open("run.json");
  out << json.dump(2) << "\n";
  close_checked(out, "run.json");
}

}  // namespace

void write_run_outputs(const std::string& directory, const models::ModelDefinition& model,
                       const std::vector<models::ReplicationResult>& results, const RunInfo& info) {
  fs::path target = fs::absolute(fs::path(directory)).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();  // "out/" names "out"
  fs::create_directories(target.parent_path());
  StagedDirectory files{target};
  write_summary(files, model, summarize_metrics(results), results.size());
  write_replications(files, results);
  write_occupancy(files, model, results);
  if (!results.empty() && !results.front().event_log.empty())
    write_event_log(files, model, results.front());
  write_manifest(files, model, results, info);
  files.commit();
}

}  // namespace flowsim::tools
