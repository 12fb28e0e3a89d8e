#include "tools/server/run_record.hpp"

#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "tools/io/staged_files.hpp"

namespace flowsim::server {

namespace fs = std::filesystem;

namespace {

constexpr const char* kRequestFile = "request.json";
constexpr const char* kStatusFile = "status.json";

// Written whole as a hidden sibling, then renamed over the old file.
void write_atomically(const fs::path& path, const std::string& text) {
  const fs::path partial = path.parent_path() / ("." + path.filename().string() + ".partial");
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", partial.string()));
  out << text;
  tools::close_checked(out, partial.string());
  fs::rename(partial, path);
}

std::optional<nlohmann::json> read_json(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  auto json = nlohmann::json::parse(text.str(), nullptr, false);
  if (json.is_discarded() || !json.is_object()) return std::nullopt;
  return json;
}

RunRecord record_from(const nlohmann::json& json) {
  RunRecord record;
  record.id = json.value("id", "");
  record.created = json.value("created", "");
  record.source = json.value("scenario_file", "");
  record.scenario = json.value("scenario", "");
  record.overlays = json.value("overlays", std::vector<std::string>{});
  record.replications = json.value("replications", std::uint32_t{0});
  record.seed = json.value("seed", std::uint64_t{0});
  record.size = json.value("size", nlohmann::json());
  record.compare = json.value("compare", nlohmann::json());
  return record;
}

RunStatusRecord status_from(const nlohmann::json& json) {
  RunStatusRecord status;
  status.state = json.value("state", "");
  status.replications_done = json.value("replications_done", std::uint32_t{0});
  status.message = json.value("message", "");
  status.gridlocked = json.value("gridlocked", nlohmann::json::array());
  status.answer = json.value("answer", nlohmann::json());
  status.wall_seconds = json.value("wall_seconds", 0.0);
  status.partial_replications = json.value("partial_replications", std::uint32_t{0});
  return status;
}

}  // namespace

std::string utc_now_text() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() % 1'000'000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, micros);
}

nlohmann::json record_json(const RunRecord& record) {
  return {{"id", record.id},
          {"created", record.created},
          {"scenario_file", record.source},
          {"scenario", record.scenario},
          {"overlays", record.overlays},
          {"replications", record.replications},
          {"seed", record.seed},
          {"size", record.size},
          {"compare", record.compare}};
}

nlohmann::json status_json(const RunStatusRecord& status) {
  return {{"state", status.state},
          {"replications_done", status.replications_done},
          {"message", status.message},
          {"gridlocked", status.gridlocked},
          {"answer", status.answer},
          {"wall_seconds", status.wall_seconds},
          {"partial_replications", status.partial_replications}};
}

void write_run_request(const fs::path& directory, const RunRecord& record, const ScenarioTexts& texts) {
  auto json = record_json(record);
  auto overlays = nlohmann::json::array();
  for (const auto& overlay : texts.overlays)
    overlays.push_back({{"file", overlay.file_name}, {"text", overlay.text}});
  // The texts as they were: a workspace scenario edited since still shows what this run ran.
  json["texts"] = {{"scenario", {{"file", texts.base.file_name}, {"text", texts.base.text}}},
                   {"overlays", overlays}};
  fs::create_directories(directory);
  write_atomically(directory / kRequestFile, json.dump(2) + "\n");
}

void write_run_status(const fs::path& directory, const RunStatusRecord& status) {
  fs::create_directories(directory);
  write_atomically(directory / kStatusFile, status_json(status).dump(2) + "\n");
}

std::vector<KeptRun> read_kept_runs(const fs::path& runs_root) {
  std::vector<KeptRun> kept;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(runs_root, error)) {
    const std::string id = entry.path().filename().string();
    if (!entry.is_directory() || id.empty() || id.front() == '.')
      continue;  // staging of a killed writer
    const auto request = read_json(entry.path() / kRequestFile);
    if (!request || request->value("id", "") != id) continue;
    KeptRun run{record_from(*request), {}};
    const auto status = read_json(entry.path() / kStatusFile);
    run.status = status ? status_from(*status) : RunStatusRecord{};
    if (run.status.state != "done" && run.status.state != "cancelled" && run.status.state != "failed") {
      run.status.state = "cancelled";
      run.status.replications_done = 0;
      run.status.message = "the server stopped before the run finished; nothing was kept";
    }
    kept.push_back(std::move(run));
  }
  return kept;
}

}  // namespace flowsim::server
