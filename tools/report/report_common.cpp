// Helpers shared by the report's sections: intervals from summary.csv and
// JSON, the run's warm-up and measured days, the gridlock warning, the title.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "tools/report/metric_labels.hpp"
#include "tools/report/report_sections.hpp"
#include "tools/report/text_format.hpp"

namespace flowsim::report {

std::string report_title(const ResultFiles& files) {
  // A sweep goes by its name: its run.json's title is the base scenario's.
  if (files.sweep_json.is_object() && files.sweep_json.contains("sweep") &&
      files.sweep_json["sweep"].is_string())
    return files.sweep_json["sweep"].get<std::string>();
  for (const auto* json : {&files.run, &files.size_json, &files.frontier_json, &files.sweep_json})
    if (json->is_object() && json->contains("title") && (*json)["title"].is_string())
      return (*json)["title"].get<std::string>();
  if (files.model.is_object() && files.model.contains("name"))
    return files.model["name"].get<std::string>();
  if (files.run.is_object() && files.run.contains("scenarios") && !files.compare.empty()) {
    std::vector<std::string> labels;
    for (const auto& s : files.run["scenarios"]) labels.push_back(s.value("label", "?"));
    std::string text;
    for (const auto& l : labels) text += (text.empty() ? "" : " vs ") + l;
    return text;
  }
  for (const auto* json : {&files.run, &files.size_json, &files.frontier_json})
    if (json->is_object() && json->contains("scenario") && (*json)["scenario"].is_string())
      return (*json)["scenario"].get<std::string>();
  return std::filesystem::absolute(files.directory).lexically_normal().filename().string();
}

std::optional<Interval> summary_interval(const ResultFiles& files, const std::string& metric) {
  const auto* row = files.summary_row(metric);
  if (row == nullptr) return std::nullopt;
  const auto mean = number_in(*row, "mean");
  const auto low = number_in(*row, "ci95_low");
  const auto high = number_in(*row, "ci95_high");
  if (!mean) return std::nullopt;
  return Interval{*mean, low.value_or(*mean), high.value_or(*mean)};
}

std::optional<Interval> json_interval(const nlohmann::json& object) {
  if (!object.is_object() || !object.contains("mean") || !object["mean"].is_number())
    return std::nullopt;
  const double mean = object["mean"].get<double>();
  const auto edge = [&](const char* name) {
    return object.contains(name) && object[name].is_number() ? object[name].get<double>() : mean;
  };
  return Interval{mean, edge("ci95_low"), edge("ci95_high")};
}

double warmup_days(const ResultFiles& files) {
  if (files.run.is_object() && files.run.contains("warmup_days") && files.run["warmup_days"].is_number())
    return files.run["warmup_days"].get<double>();
  if (files.model.is_object() && files.model.contains("run"))
    return files.model["run"].value("warmup_days", 0.0);
  return 0.0;
}

double measured_days(const ResultFiles& files) {
  if (files.model.is_object() && files.model.contains("run") &&
      files.model["run"].contains("measured_days"))
    return files.model["run"]["measured_days"].get<double>();
  if (files.run.is_object() && files.run.contains("horizon_days") &&
      files.run["horizon_days"].is_number())
    return files.run["horizon_days"].get<double>() - warmup_days(files);
  return 0.0;
}

namespace {
long day_stride(double days_in_run) {
  return std::max(1L, static_cast<long>(std::ceil(days_in_run / kMostDaysDrawn)));
}
}  // namespace

bool day_drawn(const CsvRow& row, double days_in_run) {
  return static_cast<long>(number_in(row, "day").value_or(0)) % day_stride(days_in_run) == 0;
}

std::string thinning_note(double days_in_run) {
  const long stride = day_stride(days_in_run);
  return stride == 1 ? "" : fmt::format(" (every {}th day shown)", stride);
}

double days_in(const CsvRows& rows) {
  double last = -1;
  for (const auto& row : rows) last = std::max(last, number_in(row, "day").value_or(0));
  return last + 1;
}

std::string interval_in_words(const std::string& metric, const Interval& value) {
  return with_interval(metric_value(metric, value.mean), metric_value(metric, value.low),
                       metric_value(metric, value.high));
}

namespace {

// 12 rather than 12.0 for a whole day.
std::string day_text(const nlohmann::json& value) {
  return value.is_number() ? fmt::format("{:g}", value.get<double>()) : value.dump();
}

std::string gridlocked_replications(const nlohmann::json& found, const std::string& replications) {
  if (!found.is_object() || !found.contains("replications") || found["replications"].empty()) return "";
  auto list = found["replications"];
  std::vector<nlohmann::json> sorted(list.begin(), list.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.value("from_day", 0.0) < b.value("from_day", 0.0);
  });
  std::vector<std::string> which;
  for (const auto& g : sorted)
    which.push_back(fmt::format("{} from day {} at {}", g.value("replication", 0),
                                day_text(g["from_day"]), escape_html(g.value("unit", "?"))));
  std::string text = fmt::format("{} of {} replications gridlocked from day {} (replications ",
                                 sorted.size(), replications, day_text(sorted.front()["from_day"]));
  for (std::size_t i = 0; i < which.size(); ++i) text += (i == 0 ? "" : ", ") + which[i];
  return text + ")";
}

}  // namespace

std::string gridlock_note(const nlohmann::json& run) {
  if (!run.is_object() || !run.contains("gridlock")) return "";
  const auto& gridlock = run["gridlock"];
  const std::string replications = run.contains("replications") ? run["replications"].dump() : "?";
  std::vector<std::string> lines;
  if (gridlock.contains("scenarios")) {
    for (const auto& [label, found] : gridlock["scenarios"].items()) {
      const auto text = gridlocked_replications(found, replications);
      if (!text.empty()) lines.push_back("<b>" + escape_html(label) + "</b>: " + text);
    }
    if (!lines.empty()) {
      if (gridlock.value("excluded", false)) {
        std::string excluded;
        for (const auto& r : gridlock.value("excluded_replications", nlohmann::json::array()))
          excluded += (excluded.empty() ? "" : ", ") + r.dump();
        lines.push_back("left out of every scenario (--exclude-gridlocked): replications " + excluded);
      } else {
        lines.push_back("included in the comparison; see the paired median differences");
      }
    }
  } else {
    const auto text = gridlocked_replications(gridlock, replications);
    if (!text.empty()) lines.push_back(text + ": means include them; medians are robust");
  }
  if (lines.empty()) return "";
  std::string html = "<p class=\"note\">";
  for (std::size_t i = 0; i < lines.size(); ++i) html += (i == 0 ? "" : "<br>") + lines[i];
  return html + ".</p><p class=\"ci\">Rule: " + escape_html(gridlock.value("rule", "")) + ".</p>";
}

}  // namespace flowsim::report
