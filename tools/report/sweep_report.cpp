// The sections of a sweep: for each numeric parameter the key system
// measures against its value (sorted; averaged over the other parameters'
// values), a heat map for two-parameter grids, and the points meeting
// --target.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "tools/report/charts/chart_specs.hpp"
#include "tools/report/metric_labels.hpp"
#include "tools/report/report_sections.hpp"
#include "tools/report/text_format.hpp"

namespace flowsim::report {

namespace {

const std::set<std::string> kSummaryColumns = {"point",     "metric",       "mean", "sd",     "ci95_low",
                                               "ci95_high", "replications", "unit", "measure"};

std::vector<std::string> parameter_names(const ResultFiles& files) {
  std::vector<std::string> names;
  if (files.sweep_json.is_object() && files.sweep_json.contains("parameters"))
    for (const auto& p : files.sweep_json["parameters"]) names.push_back(p.get<std::string>());
  if (!names.empty()) return names;
  for (const auto& [column, value] : files.sweep.front())
    if (!kSummaryColumns.count(column)) names.push_back(column);
  return names;
}

// The units whose occupancy a planner looks at: the acute units, and any
// unit whose capacity is swept.
std::vector<std::string> units_of_interest(const ResultFiles& files,
                                           const std::vector<std::string>& parameters) {
  std::vector<std::string> units;
  const auto add = [&](const std::string& u) {
    if (!u.empty() && std::find(units.begin(), units.end(), u) == units.end()) units.push_back(u);
  };
  if (files.sweep_json.is_object() && files.sweep_json.contains("units"))
    for (const auto& u : files.sweep_json["units"])
      if (u.value("kind", "") == "acute") add(u.value("name", ""));
  for (const auto& p : parameters)
    if (p.rfind("units.", 0) == 0 && p.size() > 15 && p.compare(p.size() - 9, 9, ".capacity") == 0)
      add(p.substr(6, p.size() - 15));
  return units;
}

struct PointValue {
  std::map<std::string, std::string> parameters;
  double mean = 0;
  double half_width = 0;
  double sd = 0;
  double replications = 0;
};

// The sweep's values of one metric, per point.
std::vector<PointValue> values_of(const ResultFiles& files, const std::string& metric,
                                  const std::vector<std::string>& parameters) {
  std::vector<PointValue> values;
  for (const auto& row : files.sweep) {
    if (cell(row, "metric") != metric) continue;
    PointValue v;
    for (const auto& p : parameters) v.parameters[p] = cell(row, p);
    v.mean = number_in(row, "mean").value_or(0);
    v.half_width =
        (number_in(row, "ci95_high").value_or(v.mean) - number_in(row, "ci95_low").value_or(v.mean)) / 2;
    values.push_back(v);
  }
  return values;
}

// The mean over points (of the other parameters' values) and its 95% CI,
// the points' runs being independent: half-width sqrt(sum hw_i^2) / k.
Interval averaged(const std::vector<const PointValue*>& points) {
  double sum = 0;
  double squares = 0;
  for (const auto* p : points) {
    sum += p->mean;
    squares += p->half_width * p->half_width;
  }
  const double k = static_cast<double>(points.size());
  const double mean = sum / k;
  const double half = std::sqrt(squares) / k;
  return {mean, mean - half, mean + half};
}

bool numeric(const ResultFiles& files, const std::string& parameter) {
  return std::all_of(files.sweep.begin(), files.sweep.end(),
                     [&](const CsvRow& row) { return number_in(row, parameter).has_value(); });
}

std::vector<std::string> key_metrics(const ResultFiles& files,
                                     const std::vector<std::string>& parameters) {
  std::vector<std::string> wanted;
  for (const auto& unit : units_of_interest(files, parameters)) {
    wanted.push_back("unit." + unit + ".utilisation");
    wanted.push_back("unit." + unit + ".midnight_occupancy_p95");
  }
  wanted.push_back("system.delayed_mean");
  std::set<std::string> ae;
  for (const auto& row : files.sweep) {
    const auto metric = cell(row, "metric");
    if (metric.rfind("ae.", 0) == 0 && (metric.ends_with(".within_4h") || metric.ends_with(".over_12h")))
      ae.insert(metric);
  }
  for (const auto& m : ae)
    if (m.ends_with(".within_4h")) wanted.push_back(m);
  for (const auto& m : ae)
    if (m.ends_with(".over_12h")) wanted.push_back(m);
  wanted.push_back("cost.total_gbp_per_year");
  std::set<std::string> present;
  // A measure that is zero everywhere (costs of a scenario without a cost block) says nothing.
  for (const auto& row : files.sweep)
    if (number_in(row, "mean").value_or(0) != 0 || number_in(row, "ci95_high").value_or(0) != 0)
      present.insert(cell(row, "metric"));
  std::vector<std::string> metrics;
  for (const auto& m : wanted)
    if (present.count(m) && std::find(metrics.begin(), metrics.end(), m) == metrics.end())
      metrics.push_back(m);
  return metrics;
}

void responses(HtmlPage& page, const ResultFiles& files, const std::vector<std::string>& parameters,
               const std::vector<std::string>& metrics) {
  for (const auto& parameter : parameters) {
    if (!numeric(files, parameter)) continue;
    charts::ResponsePanels chart{.title = "Key measures against " + parameter, .x_title = parameter};
    bool whole = true;
    for (const auto& metric : metrics) {
      const auto style = metric_style(metric);
      const auto values = values_of(files, metric, parameters);
      std::map<double, std::vector<const PointValue*>> by_value;
      for (const auto& v : values) {
        const double x = std::stod(v.parameters.at(parameter));
        whole = whole && x == std::floor(x);
        by_value[x].push_back(&v);
      }
      for (const auto& [x, points] : by_value) {
        const auto value = averaged(points);
        chart.points.push_back({.measure = metric_in_words(metric),
                                .x = x,
                                .mean = charts::styled_value(value.mean, style),
                                .low = charts::styled_value(value.low, style),
                                .high = charts::styled_value(value.high, style)});
      }
      chart.measure_titles.push_back(metric_in_words(metric));
      chart.measure_formats.push_back(style.format);
    }
    chart.whole_numbers_on_x = whole;
    if (parameters.size() > 1)
      page.paragraph(
          fmt::format("Against <b>{}</b>: at each of its values, the mean over the points of the other "
                      "parameters, with its 95% CI.",
                      escape_html(parameter)));
    page.chart("sweep-" + parameter, charts::response_panels(chart));
  }
}

// Two grid parameters (a few values each): a heat map per measure, averaged
// over any other parameters.
void heat_maps(HtmlPage& page, const ResultFiles& files, const std::vector<std::string>& parameters,
               const std::vector<std::string>& metrics) {
  std::vector<std::string> grid;
  for (const auto& p : parameters) {
    std::set<std::string> distinct;
    for (const auto& row : files.sweep) distinct.insert(cell(row, p));
    if (distinct.size() >= 2 && distinct.size() <= 12) grid.push_back(p);
  }
  if (grid.size() < 2) return;
  const auto& px = grid[0];
  const auto& py = grid[1];
  const auto sorted_values = [&](const std::string& p) {
    std::set<std::string> distinct;
    for (const auto& row : files.sweep) distinct.insert(cell(row, p));
    std::vector<std::string> values(distinct.begin(), distinct.end());
    std::sort(values.begin(), values.end(), [&](const std::string& a, const std::string& b) {
      try {
        return std::stod(a) < std::stod(b);
      } catch (const std::exception&) {
        return a < b;
      }
    });
    return values;
  };
  page.subheading(fmt::format("{} and {} together", px, py));
  // The system's answers first: A&E 4-hour share and delayed transfers, then the occupancies.
  std::vector<std::string> ordered;
  for (const auto& m : metrics)
    if (m.ends_with(".within_4h") || m == "system.delayed_mean") ordered.push_back(m);
  for (const auto& m : metrics)
    if (std::find(ordered.begin(), ordered.end(), m) == ordered.end()) ordered.push_back(m);
  std::size_t drawn = 0;
  for (const auto& metric : ordered) {
    if (drawn == 3) break;
    const auto style = metric_style(metric);
    const auto values = values_of(files, metric, parameters);
    std::map<std::pair<std::string, std::string>, std::vector<const PointValue*>> cells;
    for (const auto& v : values) cells[{v.parameters.at(px), v.parameters.at(py)}].push_back(&v);
    charts::HeatMap chart{.title = metric_in_words(metric),
                          .x_title = px,
                          .y_title = py,
                          .value_title = label_metric(metric).measure,
                          .x_order = sorted_values(px),
                          .y_order = sorted_values(py)};
    std::reverse(chart.y_order.begin(), chart.y_order.end());  // largest at the top
    for (const auto& [key, points] : cells) {
      const auto value = averaged(points);
      chart.cells.push_back(
          {key.first, key.second, charts::styled_value(value.mean, style),
           metric_value(metric, value.mean),
           fmt::format("{} to {}", metric_value(metric, value.low), metric_value(metric, value.high))});
    }
    page.chart("heat-" + metric, charts::heat_map(chart));
    ++drawn;
  }
}

void points_meeting_targets(HtmlPage& page, const ResultFiles& files,
                            const std::vector<std::string>& parameters) {
  const auto rows = read_csv_file(files.directory / "sweep_targets.csv");
  if (rows.empty()) return;
  std::vector<std::string> targets;
  for (const auto& row : rows)
    if (std::find(targets.begin(), targets.end(), cell(row, "target")) == targets.end())
      targets.push_back(cell(row, "target"));
  std::map<std::string, std::vector<const CsvRow*>> by_point;
  std::vector<std::string> order;
  for (const auto& row : rows) {
    if (!by_point.count(cell(row, "point"))) order.push_back(cell(row, "point"));
    by_point[cell(row, "point")].push_back(&row);
  }
  std::vector<std::vector<std::string>> table;
  for (const auto& point : order) {
    const auto& point_rows = by_point[point];
    if (cell(*point_rows.front(), "meets_all") != "1") continue;
    std::vector<std::string> line = {escape_html(point)};
    for (const auto& p : parameters) line.push_back(escape_html(cell(*point_rows.front(), p)));
    for (const auto* r : point_rows) {
      const auto metric = cell(*r, "metric");
      const auto mean = number_in(*r, "mean");
      line.push_back(
          mean ? with_interval(metric_value(metric, *mean),
                               metric_value(metric, number_in(*r, "ci95_low").value_or(*mean)),
                               metric_value(metric, number_in(*r, "ci95_high").value_or(*mean)))
               : "-");
    }
    table.push_back(line);
  }
  std::string joined;
  for (const auto& t : targets) joined += (joined.empty() ? "" : ", ") + escape_html(t);
  page.subheading("Points meeting the targets");
  page.raw(fmt::format(
      "<div class=\"answer\"><b>{} of {} points</b> meet {} (each target's whole 95% CI on the good "
      "side).</div>",
      table.size(), order.size(), joined));
  if (table.empty()) return;
  std::vector<std::string> headers = {"point"};
  for (const auto& p : parameters) headers.push_back(p);
  for (const auto& t : targets) headers.push_back(t + ": mean (95% CI)");
  page.raw(html_table(headers, table));
}

}  // namespace

void add_sweep_sections(HtmlPage& page, const ResultFiles& files) {
  if (files.sweep.empty()) return;
  const auto parameters = parameter_names(files);
  const auto metrics = key_metrics(files, parameters);
  std::set<std::string> points;
  for (const auto& row : files.sweep) points.insert(cell(row, "point"));
  page.heading("Sweep");
  page.paragraph(fmt::format("{} points over {}; every metric of every point is in sweep_summary.csv.",
                             points.size(), escape_html(joined_in_words(parameters))));
  points_meeting_targets(page, files, parameters);
  responses(page, files, parameters, metrics);
  heat_maps(page, files, parameters, metrics);
}

}  // namespace flowsim::report
