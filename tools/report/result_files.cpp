#include "tools/report/result_files.hpp"

#include <fstream>
#include <sstream>

namespace flowsim::report {

namespace fs = std::filesystem;

namespace {

// Splits CSV text into records of fields, honouring quoted fields (which
// may hold commas, doubled quotes and line breaks).
std::vector<std::vector<std::string>> csv_records(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !record.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

std::optional<std::string> read_text_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

CsvRows read_csv_file(const fs::path& path) {
  const auto text = read_text_file(path);
  if (!text) return {};
  const auto records = csv_records(*text);
  if (records.empty()) return {};
  CsvRows rows;
  for (std::size_t r = 1; r < records.size(); ++r) {
    CsvRow row;
    for (std::size_t c = 0; c < records[0].size() && c < records[r].size(); ++c)
      row[records[0][c]] = records[r][c];
    rows.push_back(std::move(row));
  }
  return rows;
}

nlohmann::json read_json_file(const fs::path& path) {
  const auto text = read_text_file(path);
  if (!text) return nullptr;
  return nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
}

ResultFiles read_result_files(const fs::path& directory) {
  ResultFiles files;
  files.directory = directory;
  files.summary = read_csv_file(directory / "summary.csv");
  // A run of several years writes each year's rows before the whole run's
  // ("all"); the report's tables are of the whole run (summary.json holds the years).
  std::erase_if(files.summary, [](const CsvRow& row) {
    const auto period = row.find("period");
    return period != row.end() && !period->second.empty() && period->second != "all";
  });
  files.summary_json = read_json_file(directory / "summary.json");
  files.run = read_json_file(directory / "run.json");
  files.model = read_json_file(directory / "model.json");
  files.occupancy = read_csv_file(directory / "occupancy.csv");
  files.delayed = read_csv_file(directory / "delayed.csv");
  files.escalation = read_csv_file(directory / "escalation.csv");
  files.compare = read_csv_file(directory / "compare.csv");
  files.compare_json = read_json_file(directory / "compare.json");
  files.sweep = read_csv_file(directory / "sweep_summary.csv");
  files.sweep_json = read_json_file(directory / "sweep.json");
  files.size = read_csv_file(directory / "size.csv");
  files.size_json = read_json_file(directory / "size.json");
  files.frontier = read_csv_file(directory / "frontier.csv");
  files.frontier_json = read_json_file(directory / "frontier.json");
  files.scenario_text = read_text_file(directory / "scenario.yaml");
  files.network_dot = read_text_file(directory / "network.dot");
  // A discarded JSON parse is null like an absent file: either way the
  // section it feeds is left out.
  for (auto* json : {&files.summary_json, &files.run, &files.model, &files.compare_json,
                     &files.sweep_json, &files.size_json, &files.frontier_json})
    if (json->is_discarded()) *json = nullptr;
  return files;
}

const CsvRow* ResultFiles::summary_row(const std::string& metric) const {
  for (const auto& row : summary)
    if (cell(row, "metric") == metric) return &row;
  return nullptr;
}

std::optional<double> number_in(const CsvRow& row, const std::string& column) {
  const auto found = row.find(column);
  if (found == row.end() || found->second.empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    const double value = std::stod(found->second, &used);
    if (used != found->second.size()) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string cell(const CsvRow& row, const std::string& column) {
  const auto found = row.find(column);
  return found == row.end() ? std::string() : found->second;
}

}  // namespace flowsim::report
