#pragma once
// The files of a flowsim result directory that the report reads, each
// optional: a report draws the sections whose files are present.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace flowsim::report {

using CsvRow = std::map<std::string, std::string>;
using CsvRows = std::vector<CsvRow>;

// RFC 4180 CSV with a header line; empty when the file is absent.
[[nodiscard]] CsvRows read_csv_file(const std::filesystem::path& path);
// Null when the file is absent or not JSON.
[[nodiscard]] nlohmann::json read_json_file(const std::filesystem::path& path);
[[nodiscard]] std::optional<std::string> read_text_file(const std::filesystem::path& path);

struct ResultFiles {
  std::filesystem::path directory;
  CsvRows summary;              // summary.csv, the whole run's rows (period "all")
  nlohmann::json summary_json;  // summary.json (periods, calibration)
  nlohmann::json run;           // run.json
  nlohmann::json model;         // model.json
  CsvRows occupancy;            // occupancy.csv
  CsvRows delayed;              // delayed.csv
  CsvRows escalation;           // escalation.csv, when a unit escalates
  CsvRows compare;              // compare.csv
  nlohmann::json compare_json;
  CsvRows sweep;              // sweep_summary.csv
  nlohmann::json sweep_json;  // sweep.json, when written
  CsvRows size;               // size.csv
  nlohmann::json size_json;
  CsvRows frontier;  // frontier.csv
  nlohmann::json frontier_json;
  std::optional<std::string> scenario_text;  // scenario.yaml
  std::optional<std::string> network_dot;    // network.dot

  [[nodiscard]] bool has_results() const {
    return !summary.empty() || !compare.empty() || !sweep.empty() || !size.empty() || !frontier.empty();
  }
  // summary.csv by metric name.
  [[nodiscard]] const CsvRow* summary_row(const std::string& metric) const;
};

[[nodiscard]] ResultFiles read_result_files(const std::filesystem::path& directory);

// A cell as a number; nullopt when empty or not a number.
[[nodiscard]] std::optional<double> number_in(const CsvRow& row, const std::string& column);
// The cell, or "" when the column is absent.
[[nodiscard]] std::string cell(const CsvRow& row, const std::string& column);

}  // namespace flowsim::report
