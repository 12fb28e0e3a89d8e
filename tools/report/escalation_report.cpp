// The escalation section of a run (docs/scenario_reference.md section 16):
// each escalating unit's level day by day from escalation.csv, and a table of
// what the levels cost and did, from summary.csv.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "tools/report/metric_labels.hpp"
#include "tools/report/report_sections.hpp"
#include "tools/report/text_format.hpp"

namespace flowsim::report {

namespace {

std::vector<std::string> escalating_units(const ResultFiles& files) {
  std::vector<std::string> units;
  for (const auto& row : files.escalation)
    if (std::find(units.begin(), units.end(), cell(row, "unit")) == units.end())
      units.push_back(cell(row, "unit"));
  return units;
}

// The unit's level labels, the normal one first: the k of summary.csv's
// unit.<u>.escalation_level_<k>_time_share, in order.
std::vector<int> level_labels(const ResultFiles& files, const std::string& unit) {
  const std::string prefix = "unit." + unit + ".escalation_level_";
  const std::string suffix = "_time_share";
  std::vector<int> labels;
  for (const auto& row : files.summary) {
    const auto metric = cell(row, "metric");
    if (metric.rfind(prefix, 0) != 0 || metric.size() <= prefix.size() + suffix.size() ||
        metric.compare(metric.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    const auto label = metric.substr(prefix.size(), metric.size() - prefix.size() - suffix.size());
    if (std::all_of(label.begin(), label.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      labels.push_back(std::stoi(label));
  }
  std::sort(labels.begin(), labels.end());
  return labels;
}

// Escalation costs run to thousands, not millions: whole pounds below GBP 1m.
std::string pounds(double value) { return value >= 1e6 ? as_gbp_m(value) : "GBP " + grouped(value, 0); }

// A count, share or cost with its 95% CI, cut at zero like the key results.
std::string measure_cell(const ResultFiles& files, const std::string& metric, double scale = 1.0) {
  const auto value = summary_interval(files, metric);
  if (!value) return "-";
  const bool money = label_metric(metric).kind == MetricKind::Money;
  const auto text = [&](double v) {
    return money ? pounds(v * scale) : metric_value(metric, v * scale);
  };
  return with_interval(text(value->mean), text(std::max(0.0, value->low)), text(value->high));
}

std::string level_name(int label, const std::vector<int>& labels) {
  return fmt::format("level {}{}", label, label == labels.front() ? " (normal)" : "");
}

// The share of replications at each level of the day (its highest), from
// escalation.csv's share_at_or_above_<k>: at k and not at the next one up.
charts::Spec level_chart(const ResultFiles& files, const std::string& unit,
                         const std::vector<int>& labels) {
  charts::LevelShares chart{.title = "Escalation level of " + unit + ", day by day",
                            .warmup_days = warmup_days(files)};
  for (const int label : labels) chart.levels.push_back(level_name(label, labels));
  const double days = days_in(files.escalation);
  for (const auto& row : files.escalation) {
    if (cell(row, "unit") != unit || !day_drawn(row, days)) continue;
    const double day = number_in(row, "day").value_or(0);
    for (std::size_t k = 0; k < labels.size(); ++k) {
      const double at_or_above =
          k == 0 ? 1.0 : number_in(row, fmt::format("share_at_or_above_{}", labels[k])).value_or(0);
      const double above =
          k + 1 < labels.size()
              ? number_in(row, fmt::format("share_at_or_above_{}", labels[k + 1])).value_or(0)
              : 0.0;
      chart.points.push_back(
          {.day = day, .level = chart.levels[k], .share = std::max(0.0, at_or_above - above)});
    }
  }
  return charts::level_shares(chart);
}

// The unit's escalation rules from model.json, or null.
nlohmann::json escalation_rules(const ResultFiles& files, const std::string& unit) {
  if (files.model.is_object() && files.model.contains("units"))
    for (const auto& u : files.model["units"])
      if (u.value("name", "") == unit && u.contains("escalation")) return u["escalation"];
  return nullptr;
}

// Whether the rules cancel electives or divert arrivals ('key' not null);
// without model.json, whether the measure is ever above zero.
bool rule_applies(const ResultFiles& files, const std::string& unit, const char* key,
                  const std::string& metric) {
  const auto rules = escalation_rules(files, unit);
  if (rules.is_object()) return rules.contains(key) && !rules[key].is_null();
  const auto value = summary_interval(files, metric);
  return value && value->high > 0;
}

void escalation_table(HtmlPage& page, const ResultFiles& files, const std::string& unit,
                      const std::vector<int>& labels) {
  const std::string p = "unit." + unit + ".";
  const double days = measured_days(files);
  std::vector<std::vector<std::string>> rows;
  for (const int label : labels)
    rows.push_back({"time at " + level_name(label, labels),
                    measure_cell(files, fmt::format("{}escalation_level_{}_time_share", p, label))});
  const auto add = [&](const std::string& words, const std::string& measure, double scale = 1.0) {
    if (files.summary_row(p + measure)) rows.push_back({words, measure_cell(files, p + measure, scale)});
  };
  add("rises to a higher level", "escalation_rises");
  add("escalation bed-days", "escalation_bed_days");
  if (days > 0)
    add("escalation bed cost a year (premium over a staffed bed)", "escalation_cost_gbp", 365.0 / days);
  // Only the actions the unit's rules take (the console summary's rule).
  if (rule_applies(files, unit, "cancel_electives_from", p + "electives_cancelled"))
    add("electives cancelled", "electives_cancelled");
  if (rule_applies(files, unit, "divert_arrivals_from", p + "escalation_diverted"))
    add("arrivals diverted", "escalation_diverted");
  if (rule_applies(files, unit, "discharge_push_from", p + "escalation_stays_pushed"))
    add("stays shortened by discharge pushes", "escalation_stays_pushed");
  page.raw(html_table({"measure", "mean over the replications (95% CI)"}, rows));
}

}  // namespace

void add_escalation_sections(HtmlPage& page, const ResultFiles& files) {
  const auto units = escalating_units(files);
  if (units.empty()) return;
  page.heading("Escalation");
  page.paragraph(
      "Each day's highest escalation level: the share of replications at each level, stacked to 100%, "
      "calm (green) to severe (red); faded: the warm-up, not measured" +
      thinning_note(days_in(files.escalation)) +
      ". A day counts at the highest level it reached, so a brief rise shows more in the chart than in "
      "the time at that level. In the tables, time at a level is the share of the measured period spent "
      "there; the other "
      "measures are totals over the measured period, the cost a year.");
  for (const auto& unit : units) {
    const auto labels = level_labels(files, unit);
    page.subheading(unit);
    if (!labels.empty()) page.chart("escalation-" + unit, level_chart(files, unit, labels));
    escalation_table(page, files, unit, labels);
  }
}

}  // namespace flowsim::report
