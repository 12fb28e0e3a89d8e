// The sections of a run: the answer in words, key results, calibration,
// per-year panels, occupancy fans with the capacity in force, time at high
// occupancy, delayed transfers by pathway, A&E and costs.
#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "models/unit_kinds.hpp"
#include "tools/report/charts/chart_specs.hpp"
#include "tools/report/metric_labels.hpp"
#include "tools/report/report_sections.hpp"
#include "tools/report/text_format.hpp"

namespace flowsim::report {

namespace {

using charts::BandPoint;

std::vector<std::string> model_units(const ResultFiles& files) {
  std::vector<std::string> names;
  if (files.model.is_object() && files.model.contains("units"))
    for (const auto& u : files.model["units"]) names.push_back(u.value("name", "?"));
  return names;
}

std::string unit_kind(const ResultFiles& files, const std::string& unit) {
  if (files.model.is_object() && files.model.contains("units"))
    for (const auto& u : files.model["units"])
      if (u.value("name", "") == unit) return u.value("kind", "");
  return "";
}

// The ae.<unit>.within_4h units of summary.csv, in file order.
std::vector<std::string> units_with(const ResultFiles& files, const std::string& prefix,
                                    const std::string& suffix) {
  std::vector<std::string> units;
  for (const auto& row : files.summary) {
    const auto metric = cell(row, "metric");
    if (metric.rfind(prefix, 0) == 0 && metric.size() > prefix.size() + suffix.size() &&
        metric.compare(metric.size() - suffix.size(), suffix.size(), suffix) == 0)
      units.push_back(metric.substr(prefix.size(), metric.size() - prefix.size() - suffix.size()));
  }
  return units;
}

// The answer a planner looks for first, in words.
void headline(HtmlPage& page, const ResultFiles& files) {
  std::vector<std::string> lines;
  for (const auto& unit : model_units(files)) {
    const auto kind = models::unit_kind_named(unit_kind(files, unit));
    if (!kind || !models::traits(*kind).headline_beds) continue;
    const auto occupied = summary_interval(files, "unit." + unit + ".occupancy_mean");
    const auto share = summary_interval(files, "unit." + unit + ".utilisation");
    const auto p95 = summary_interval(files, "unit." + unit + ".utilisation_p95");
    if (!occupied) continue;
    std::string line = fmt::format("<b>{}</b>: {} beds occupied on average", escape_html(unit),
                                   grouped(occupied->mean, 1));
    if (share) line += fmt::format(" ({} of beds)", as_percent(share->mean));
    if (p95) line += fmt::format("; 95% of the time at or below {} of beds", as_percent(p95->mean));
    lines.push_back(line);
  }
  if (const auto dtoc = summary_interval(files, "system.delayed_mean")) {
    std::string line = fmt::format(
        "<b>Delayed transfers of care</b>: {} beds held on average by patients "
        "waiting to move on",
        grouped(dtoc->mean, 1));
    if (const auto rate = summary_interval(files, "system.delayed_share_of_occupied_bed_days"))
      line += fmt::format(" ({} of occupied bed-days)", as_percent(rate->mean));
    lines.push_back(line);
  }
  for (const auto& unit : units_with(files, "ae.", ".within_4h")) {
    const auto within = summary_interval(files, "ae." + unit + ".within_4h");
    const auto over = summary_interval(files, "ae." + unit + ".over_12h");
    std::string line = fmt::format("<b>A&amp;E {}</b>: {} seen within 4 hours (standard 95%)",
                                   escape_html(unit), as_percent(within->mean));
    if (over)
      line += fmt::format("; {} waits over 12 hours in the measured period", grouped(over->mean, 0));
    lines.push_back(line);
  }
  if (const auto cost = summary_interval(files, "cost.total_gbp_per_year"); cost && cost->mean != 0)
    lines.push_back(fmt::format("<b>Cost</b>: {} a year", as_gbp_m(cost->mean)));
  if (lines.empty()) return;
  std::string html = "<div class=\"answer\"><ul>";
  for (const auto& l : lines) html += "<li>" + l + "</li>";
  page.raw(
      html +
      "</ul><span class=\"ci\">Means over the replications; intervals in the table below.</span></div>");
}

// Every measure of the key results is a count, a share or a cost, none below
// zero: a Student-t interval reaching below zero is cut there.
std::string summary_cell(const CsvRow& row, const std::string& metric) {
  const auto mean = number_in(row, "mean");
  if (!mean) return "-";
  std::string text =
      with_interval(metric_value(metric, *mean),
                    metric_value(metric, std::max(0.0, number_in(row, "ci95_low").value_or(*mean))),
                    metric_value(metric, number_in(row, "ci95_high").value_or(*mean)));
  if (const auto median = number_in(row, "median")) {
    text += fmt::format("<br><span class=\"ci\">median {} [{} to {}]{}</span>",
                        metric_value(metric, *median),
                        metric_value(metric, number_in(row, "p5").value_or(*median)),
                        metric_value(metric, number_in(row, "p95").value_or(*median)),
                        cell(row, "skewed") == "1" ? " <b>skewed</b>" : "");
  }
  return text;
}

void key_results(HtmlPage& page, const ResultFiles& files) {
  const std::vector<std::pair<std::string, std::string>> columns = {
      {"occupancy_mean", "mean occupancy (beds)"},
      {"utilisation", "mean occupancy (% of beds)"},
      {"utilisation_p95", "95th percentile occupancy (% of beds)"},
      {"delayed_mean", "delayed patients (beds)"},
      {"admissions_per_day", "admissions a day"}};
  std::vector<std::vector<std::string>> rows;
  for (const auto& unit : model_units(files)) {
    std::vector<std::string> row = {escape_html(unit)};
    for (const auto& [measure, title] : columns) {
      const std::string metric = "unit." + unit + "." + measure;
      const auto* found = files.summary_row(metric);
      row.push_back(found ? summary_cell(*found, metric) : "-");
    }
    rows.push_back(row);
  }
  std::vector<std::string> headers = {"unit"};
  for (const auto& c : columns) headers.push_back(c.second);
  page.paragraph(
      "Mean (95% CI) and, below it, the median [5th to 95th percentile] across replications.");
  page.raw(html_table(headers, rows));

  std::vector<std::vector<std::string>> skewed;
  for (const auto& row : files.summary)
    if (cell(row, "skewed") == "1")
      skewed.push_back({escape_html(metric_in_words(cell(row, "metric"))) + "<br><code>" +
                            escape_html(cell(row, "metric")) + "</code>",
                        summary_cell(row, cell(row, "metric")),
                        fmt::format("{:.2f}", number_in(row, "skewness").value_or(0))});
  if (!skewed.empty())
    page.raw(fmt::format(
        "<details><summary>{} metrics heavily skewed across replications</summary>"
        "<p>|skewness| &gt; 1 and the mean pulled from the median by more than half its CI "
        "half-width: read the median and percentiles rather than the mean.</p>{}</details>",
        skewed.size(),
        html_table({"metric", "mean (95% CI); median [5th-95th percentile]", "skewness"}, skewed)));
}

// summary.json's "calibration" (scenario calibration block).
void calibration_table(HtmlPage& page, const ResultFiles& files) {
  if (!files.summary_json.is_object() || !files.summary_json.contains("calibration")) return;
  const auto& entries = files.summary_json["calibration"];
  if (!entries.is_array() || entries.empty()) return;
  std::vector<std::vector<std::string>> rows;
  std::size_t within = 0;
  for (const auto& e : entries) {
    const std::string metric = e.value("metric", "?");
    const auto value = [&](const char* key) {
      return e.contains(key) && e[key].is_number() ? metric_value(metric, e[key].get<double>())
                                                   : std::string("-");
    };
    const bool ok = e.value("within", false);
    within += ok ? 1 : 0;
    rows.push_back({escape_html(metric_in_words(metric)), value("target"), value("tolerance"),
                    with_interval(value("mean"), value("ci95_low"), value("ci95_high")),
                    e.contains("distance") && e["distance"].is_number()
                        ? fmt::format("{:.2f}", e["distance"].get<double>())
                        : "-",
                    ok ? "yes" : "<b>no</b>", escape_html(e.value("source", ""))});
  }
  page.heading("Calibration against observed figures");
  page.paragraph(
      fmt::format("{} of {} targets reproduced within their tolerance.", within, entries.size()));
  page.raw(html_table({"measure", "observed target", "tolerance", "model mean (95% CI)", "distance",
                       "within tolerance", "source"},
                      rows));
}

// summary.json's "periods": key measures year by year.
void period_panels(HtmlPage& page, const ResultFiles& files) {
  if (!files.summary_json.is_object() || !files.summary_json.contains("periods")) return;
  const auto& periods = files.summary_json["periods"];
  if (!periods.is_array() || periods.size() < 2) return;
  std::vector<std::string> metrics;
  for (const auto& unit : model_units(files))
    if (unit_kind(files, unit) == "acute") metrics.push_back("unit." + unit + ".utilisation");
  metrics.push_back("system.delayed_mean");
  for (const auto& unit : units_with(files, "ae.", ".within_4h"))
    metrics.push_back("ae." + unit + ".within_4h");
  metrics.push_back("cost.total_gbp_per_year");
  charts::ResponsePanels chart{.title = "Year by year", .x_title = "period"};
  for (const auto& metric : metrics) {
    const auto style = metric_style(metric);
    bool any = false;
    for (std::size_t k = 0; k < periods.size(); ++k) {
      const auto& metrics_of = periods[k].value("metrics", nlohmann::json::object());
      if (!metrics_of.contains(metric)) continue;
      const auto value = json_interval(metrics_of[metric]);
      if (!value) continue;
      any = true;
      chart.points.push_back({.measure = metric_in_words(metric),
                              .x = static_cast<double>(k),
                              .x_label = periods[k].value("label", fmt::format("period {}", k + 1)),
                              .mean = charts::styled_value(value->mean, style),
                              .low = charts::styled_value(value->low, style),
                              .high = charts::styled_value(value->high, style)});
    }
    if (any) {
      chart.measure_titles.push_back(metric_in_words(metric));
      chart.measure_formats.push_back(style.format);
    }
  }
  if (chart.points.empty()) return;
  page.heading("Year by year");
  page.paragraph(
      "Each period's mean over the replications with its 95% CI; the tables above cover the whole "
      "measured run.");
  page.chart("periods", charts::response_panels(chart));
}

// Capacity in force by day: occupancy.csv's capacity column when present,
// else model.json's capacity and calendar.
std::vector<charts::StepPoint> capacity_steps(const ResultFiles& files, const std::string& unit,
                                              const std::vector<const CsvRow*>& rows) {
  std::vector<charts::StepPoint> steps;
  for (const auto* row : rows) {
    const auto capacity = number_in(*row, "capacity");
    if (!capacity) continue;
    const double day = number_in(*row, "day").value_or(0);
    if (steps.empty() || steps.back().value != *capacity) steps.push_back({day, *capacity});
  }
  if (!steps.empty() || !files.model.is_object() || !files.model.contains("units")) {
    if (!steps.empty() && !rows.empty())
      steps.push_back({number_in(*rows.back(), "day").value_or(0) + 1, steps.back().value});
    return steps;
  }
  for (const auto& u : files.model["units"]) {
    if (u.value("name", "") != unit || !u.contains("capacity") || !u["capacity"].is_number()) continue;
    steps.push_back({0, u["capacity"].get<double>()});
    for (const auto& s : u.value("capacity_calendar", nlohmann::json::array()))
      steps.push_back({s.value("from_day", 0.0), s.value("capacity", 0.0)});
  }
  if (!steps.empty() && !rows.empty())
    steps.push_back({number_in(*rows.back(), "day").value_or(0) + 1, steps.back().value});
  return steps;
}

void occupancy_fans(HtmlPage& page, const ResultFiles& files) {
  if (files.occupancy.empty()) return;
  std::vector<std::string> units;
  for (const auto& row : files.occupancy)
    if (std::find(units.begin(), units.end(), cell(row, "unit")) == units.end())
      units.push_back(cell(row, "unit"));
  const double days = days_in(files.occupancy);
  page.heading("Occupancy");
  page.paragraph(
      "Patients in each unit at midnight: the mean across replications and the band from the 5th to the "
      "95th percentile; dashed red: the capacity in force; grey: the warm-up, not measured" +
      thinning_note(days) + ".");
  for (const auto& unit : units) {
    std::vector<const CsvRow*> rows;
    charts::FanChart chart{.title = unit,
                           .style = charts::count_style("patients at midnight"),
                           .warmup_days = warmup_days(files)};
    for (const auto& row : files.occupancy) {
      if (cell(row, "unit") != unit) continue;
      rows.push_back(&row);
      if (!day_drawn(row, days)) continue;
      chart.points.push_back(
          {"mean", number_in(row, "day").value_or(0), number_in(row, "census_mean").value_or(0),
           number_in(row, "census_p5").value_or(0), number_in(row, "census_p95").value_or(0)});
    }
    chart.capacity = capacity_steps(files, unit, rows);
    page.chart("occupancy-" + unit, charts::fan_chart(chart));
  }
}

void occupancy_levels(HtmlPage& page, const ResultFiles& files) {
  static const std::regex level(R"(^unit\.(.+)\.time_at_or_above_(\d+)pct$)");
  charts::IntervalBars chart{.title = "Share of measured time at or above each occupancy level",
                             .style = charts::percent_style("share of measured time")};
  for (const auto& row : files.summary) {
    const auto metric = cell(row, "metric");
    std::smatch m;
    if (!std::regex_match(metric, m, level)) continue;
    const auto value = summary_interval(files, metric);
    chart.estimates.push_back({.label = m[1].str() + " at or above " + m[2].str() + "%",
                               .mean = value->mean,
                               .low = value->low,
                               .high = value->high});
  }
  if (chart.estimates.empty()) return;
  page.heading("Time at or above occupancy levels");
  page.chart("occupancy-levels", charts::interval_bars(chart));
}

void delayed_by_pathway(HtmlPage& page, const ResultFiles& files) {
  if (files.delayed.empty()) return;
  charts::SmallMultiples chart{.title = "Delayed transfers of care by pathway",
                               .style = charts::count_style("patients delayed"),
                               .panel_title = "pathway",
                               .warmup_days = warmup_days(files)};
  const double days = days_in(files.delayed);
  for (const auto& row : files.delayed)
    if (day_drawn(row, days))
      chart.points.push_back({cell(row, "pathway"), number_in(row, "day").value_or(0),
                              number_in(row, "delayed_mean").value_or(0),
                              number_in(row, "delayed_p5").value_or(0),
                              number_in(row, "delayed_p95").value_or(0)});
  page.heading("Delayed transfers of care by pathway");
  page.paragraph(
      "Patients holding a bed at midnight while they wait for each pathway: mean and 5th-95th "
      "percentile band across replications" +
      thinning_note(days) + ".");
  page.chart("delayed", charts::small_multiples(chart));
}

void accident_and_emergency(HtmlPage& page, const ResultFiles& files) {
  const auto units = units_with(files, "ae.", ".within_4h");
  if (units.empty()) return;
  charts::IntervalBars within{.title = "Attendances seen within 4 hours",
                              .style = charts::percent_style("attendances within 4 hours"),
                              .reference = 0.95,
                              .reference_label = "the 95% standard"};
  charts::IntervalBars over{.title = "Waits over 12 hours in the measured period",
                            .style = charts::count_style("attendances over 12 hours")};
  for (const auto& unit : units) {
    if (const auto v = summary_interval(files, "ae." + unit + ".within_4h"))
      within.estimates.push_back({.label = unit, .mean = v->mean, .low = v->low, .high = v->high});
    if (const auto v = summary_interval(files, "ae." + unit + ".over_12h"))
      over.estimates.push_back({.label = unit, .mean = v->mean, .low = v->low, .high = v->high});
  }
  page.heading("A&E: 4-hour performance and 12-hour waits");
  page.paragraph("Bars: mean over the replications; whiskers: 95% CI, cut at 0 and 100%.");
  page.chart("ae-4h", charts::interval_bars(within));
  if (!over.estimates.empty()) page.chart("ae-12h", charts::interval_bars(over));
}

void costs(HtmlPage& page, const ResultFiles& files) {
  const double days = measured_days(files);
  const double per_year = days > 0 ? 365.0 / days : 1.0;
  static const std::regex unit_cost(R"(^cost\.([^.]+)\.gbp$)");
  std::vector<std::string> units;
  for (const auto& row : files.summary) {
    std::smatch m;
    const auto metric = cell(row, "metric");
    if (std::regex_match(metric, m, unit_cost) && number_in(row, "mean").value_or(0) != 0)
      units.push_back(m[1].str());
  }
  if (units.empty()) return;
  auto style = charts::money_style("cost a year");
  charts::StackedBars split{.title = "Costs a year by unit, fixed and variable", .style = style};
  charts::IntervalBars totals{.title = "Costs a year by unit", .style = style};
  for (const auto& unit : units) {
    const auto fixed = summary_interval(files, "cost." + unit + ".fixed_gbp");
    const auto variable = summary_interval(files, "cost." + unit + ".variable_gbp");
    if (fixed && variable) {
      split.parts.push_back({.label = unit,
                             .group = "fixed (staffed beds)",
                             .mean = fixed->mean * per_year,
                             .low = fixed->low * per_year,
                             .high = fixed->high * per_year});
      split.parts.push_back({.label = unit,
                             .group = "variable (activity)",
                             .mean = variable->mean * per_year,
                             .low = variable->low * per_year,
                             .high = variable->high * per_year});
    }
    const auto total = summary_interval(files, "cost." + unit + ".gbp");
    totals.estimates.push_back({.label = unit,
                                .mean = total->mean * per_year,
                                .low = total->low * per_year,
                                .high = total->high * per_year});
  }
  page.heading("Costs");
  std::string words;
  if (const auto total = summary_interval(files, "cost.total_gbp_per_year"))
    words = "Total " + interval_in_words("cost.total_gbp_per_year", *total) + " a year";
  if (const auto fixed = summary_interval(files, "cost.fixed_gbp_per_year"))
    words += "; fixed " + as_gbp_m(fixed->mean);
  if (const auto variable = summary_interval(files, "cost.variable_gbp_per_year"))
    words += ", variable " + as_gbp_m(variable->mean);
  if (const auto unserved = summary_interval(files, "cost.unserved_gbp_per_year"))
    words += ", unserved patients " + as_gbp_m(unserved->mean);
  if (!words.empty()) page.paragraph(words + ".");
  page.chart("costs", split.parts.empty() ? charts::interval_bars(totals) : charts::stacked_bars(split));
}

}  // namespace

void add_run_sections(HtmlPage& page, const ResultFiles& files) {
  if (files.summary.empty()) return;
  page.heading("Key results");
  headline(page, files);
  page.raw(gridlock_note(files.run));
  key_results(page, files);
  calibration_table(page, files);
  period_panels(page, files);
  occupancy_fans(page, files);
  occupancy_levels(page, files);
  add_escalation_sections(page, files);
  delayed_by_pathway(page, files);
  accident_and_emergency(page, files);
  costs(page, files);
}

}  // namespace flowsim::report
