#pragma once
// The sections of report.html, one function per kind of result; each adds
// nothing when its files are absent, so one page serves a run, a
// comparison, a sweep, a sizing or a frontier directory.
#include <optional>
#include <string>

#include "tools/report/html_page.hpp"
#include "tools/report/result_files.hpp"

namespace flowsim::report {

// The page title: run.json's "title" when present, else the scenario name.
[[nodiscard]] std::string report_title(const ResultFiles& files);

void add_run_sections(HtmlPage& page, const ResultFiles& files);
// Escalating units' levels day by day and what the levels did (escalation.csv).
void add_escalation_sections(HtmlPage& page, const ResultFiles& files);
void add_compare_sections(HtmlPage& page, const ResultFiles& files);
void add_sweep_sections(HtmlPage& page, const ResultFiles& files);
void add_sizing_sections(HtmlPage& page, const ResultFiles& files);
void add_frontier_sections(HtmlPage& page, const ResultFiles& files);
void add_network_diagram(HtmlPage& page, const ResultFiles& files);
void add_stress_des(HtmlPage& page, const ResultFiles& files);

// Shared by the sections.
struct Interval {
  double mean = 0;
  double low = 0;
  double high = 0;
};
// A metric's mean and 95% CI from summary.csv.
[[nodiscard]] std::optional<Interval> summary_interval(const ResultFiles& files,
                                                       const std::string& metric);
[[nodiscard]] std::optional<Interval> json_interval(const nlohmann::json& object);
// A warning naming gridlocked replications (run or compare), or "".
[[nodiscard]] std::string gridlock_note(const nlohmann::json& run);
// Days of warm-up and of measurement, from run.json and model.json.
[[nodiscard]] double warmup_days(const ResultFiles& files);
[[nodiscard]] double measured_days(const ResultFiles& files);
// Long runs are drawn at every n-th day, at most kMostDaysDrawn points a series
// (a 100-year validation run would otherwise put 36,500 points in each chart).
inline constexpr double kMostDaysDrawn = 1500;
[[nodiscard]] bool day_drawn(const CsvRow& row, double days_in_run);
// "" or " (every 25th day shown)".
[[nodiscard]] std::string thinning_note(double days_in_run);
// The days a daily table covers (its largest day + 1).
[[nodiscard]] double days_in(const CsvRows& rows);
// "X (low to high)" of a metric, in the metric's own units.
[[nodiscard]] std::string interval_in_words(const std::string& metric, const Interval& value);

}  // namespace flowsim::report
