// The sections of flowsim size (the sizing curve with the target line and
// the answer band) and flowsim frontier (the smallest capacity of one unit
// against another's, in whole beds).
#include <algorithm>

#include <fmt/format.h>

#include "tools/report/charts/chart_specs.hpp"
#include "tools/report/metric_labels.hpp"
#include "tools/report/report_sections.hpp"
#include "tools/report/text_format.hpp"

namespace flowsim::report {

namespace {

std::string text_of(const nlohmann::json& value, const std::string& if_null = "-") {
  if (value.is_null()) return if_null;
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string targets_text(const nlohmann::json& meta) {
  std::string text;
  for (const auto& t : meta.value("targets", nlohmann::json::array()))
    text += (text.empty() ? "" : ", ") + escape_html(text_of(t.value("text", nlohmann::json())));
  return text;
}

std::string band_in_words(const nlohmann::json& meta) {
  const auto band = meta.value("band", nlohmann::json::object());
  if (!band.is_object() || band.value("met_with_confidence", nlohmann::json()).is_null()) return "";
  std::string text = fmt::format(
      "How sure: met with confidence (every target's whole 95% CI on the good side) "
      "from <b>{}</b>; ",
      band["met_with_confidence"].dump());
  const auto undecided = band.value("undecided", nlohmann::json());
  text += undecided.is_object() ? fmt::format("undecided {} to {} (the replications cannot tell); ",
                                              undecided["low"].dump(), undecided["high"].dump())
                                : std::string("no undecided capacities; ");
  const auto fails = band.value("fails_with_confidence", nlohmann::json());
  text += fails.is_null() ? "nothing in the searched range fails with confidence."
                          : fmt::format("fails with confidence at {} or fewer.", fails.dump());
  if (const auto more = band.value("replications_to_narrow", nlohmann::json()); !more.is_null())
    text += fmt::format(
        " About {} replications (now {}) would narrow the band to one capacity either side of "
        "the answer.",
        more.dump(), text_of(meta.value("replications", nlohmann::json())));
  return text + " ";
}

std::string unreachable_in_words(const nlohmann::json& meta) {
  const auto stuck = meta.value("unreachable", nlohmann::json());
  if (!stuck.is_object()) return "";
  const std::string metric = stuck.value("metric", "");
  return fmt::format(
      "No capacity can meet <b>{}</b>: from {} on the unit never fills and {} stays at {} (95% CI "
      "{} to {}), so something else must change. ",
      escape_html(stuck.value("target", "")), text_of(stuck.value("never_full_from", nlohmann::json())),
      escape_html(metric_in_words(metric)), metric_value(metric, stuck.value("mean", 0.0)),
      metric_value(metric, stuck.value("ci_low", 0.0)),
      metric_value(metric, stuck.value("ci_high", 0.0)));
}

}  // namespace

void add_sizing_sections(HtmlPage& page, const ResultFiles& files) {
  if (files.size.empty()) return;
  const auto& meta = files.size_json.is_object() ? files.size_json : nlohmann::json::object();
  const std::string unit = meta.value("unit", "unit");
  const auto chosen = meta.value("capacity", nlohmann::json());
  page.heading("Sizing");
  std::string answer;
  if (!chosen.is_null())
    answer = fmt::format(
                 "Smallest capacity of <b>{}</b> meeting every target: <b>{}</b> (now {}; Erlang first "
                 "estimate {}). ",
                 escape_html(unit), chosen.dump(),
                 text_of(meta.value("current_capacity", nlohmann::json()), "unlimited"),
                 text_of(meta.value("analytic_estimate", nlohmann::json()))) +
             band_in_words(meta);
  else answer = unreachable_in_words(meta);
  if (answer.empty()) answer = "No capacity in the searched range meets every target. ";
  page.raw("<div class=\"answer\">" + answer + "</div>");
  page.paragraph("Targets: " + targets_text(meta) + ". Rule: " + escape_html(meta.value("rule", "")) +
                 ". The results below are those of the chosen capacity.");

  std::optional<std::pair<int, int>> undecided;
  if (const auto band = meta.value("band", nlohmann::json::object()); band.is_object())
    if (const auto u = band.value("undecided", nlohmann::json()); u.is_object())
      undecided = std::make_pair(u.value("low", 0), u.value("high", 0));
  std::vector<std::string> metrics;
  for (const auto& row : files.size)
    if (std::find(metrics.begin(), metrics.end(), cell(row, "metric")) == metrics.end())
      metrics.push_back(cell(row, "metric"));
  for (const auto& metric : metrics) {
    auto style = metric_style(metric);
    style.floor.reset();  // a target line may sit outside the measure's range
    style.ceiling.reset();
    charts::SizingCurve chart{.title = metric_in_words(metric),
                              .x_title = "capacity of " + unit,
                              .style = style,
                              .undecided = undecided};
    for (const auto& row : files.size) {
      if (cell(row, "metric") != metric || cell(row, "simulated") != "1") continue;
      const double mean = number_in(row, "mean").value_or(0);
      chart.points.push_back(
          {static_cast<int>(number_in(row, "capacity").value_or(0)), mean,
           number_in(row, "ci_low").value_or(mean), number_in(row, "ci_high").value_or(mean),
           cell(row, "verdict").empty() ? (cell(row, "meets") == "1" ? "met" : "fails")
                                        : cell(row, "verdict")});
    }
    for (const auto& t : meta.value("targets", nlohmann::json::array()))
      if (t.value("metric", "") == metric) {
        chart.target = t.value("value", 0.0);
        chart.target_label = t.value("text", "");
      }
    if (!chosen.is_null()) chart.answer = chosen.get<int>();
    if (!chart.points.empty()) page.chart("size-" + metric, charts::sizing_curve(chart));
  }
}

void add_frontier_sections(HtmlPage& page, const ResultFiles& files) {
  if (files.frontier.empty()) return;
  const auto& meta = files.frontier_json.is_object() ? files.frontier_json : nlohmann::json::object();
  const std::string unit_a = cell(files.frontier.front(), "unit_a");
  const std::string unit_b = cell(files.frontier.front(), "unit_b");
  charts::Frontier chart{.title = "Smallest capacity of " + unit_b + " for each capacity of " + unit_a,
                         .a_title = "capacity of " + unit_a,
                         .b_title = "capacity of " + unit_b};
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : files.frontier) {
    charts::FrontierPoint point{.capacity_a =
                                    static_cast<int>(number_in(row, "capacity_a").value_or(0))};
    if (const auto b = number_in(row, "capacity_b")) point.capacity_b = static_cast<int>(*b);
    if (const auto f = number_in(row, "capacity_b_fails_with_confidence"))
      point.fails_at_or_below = static_cast<int>(*f);
    chart.points.push_back(point);
    std::string undecided = "-";
    if (point.capacity_b && point.fails_at_or_below &&
        *point.capacity_b - *point.fails_at_or_below >= 2) {
      const int low = *point.fails_at_or_below + 1;
      const int high = *point.capacity_b - 1;
      undecided = low == high ? std::to_string(low) : fmt::format("{} to {}", low, high);
    }
    rows.push_back(
        {cell(row, "capacity_a"),
         cell(row, "capacity_b").empty() ? "none in range" : cell(row, "capacity_b"), undecided,
         cell(row, "capacity_b_fails_with_confidence").empty()
             ? "-"
             : cell(row, "capacity_b_fails_with_confidence"),
         cell(row, "replications_to_narrow").empty() ? "-" : cell(row, "replications_to_narrow")});
  }
  page.heading("Capacity frontier");
  page.paragraph(
      fmt::format("Every pair of capacities on or above the line meets {}; below it, some target "
                  "fails or is undecided.",
                  targets_text(meta)));
  page.chart("frontier", charts::frontier_chart(chart));
  page.raw(
      html_table({"capacity of " + unit_a, "smallest capacity of " + unit_b + " met with confidence",
                  "undecided", "fails with confidence at or below", "replications to narrow"},
                 rows));
  page.paragraph(fmt::format(
      "{}. The undecided capacities lie between the largest failing with confidence and the "
      "answer; the replications (now {}) would narrow them to one either side.",
      escape_html(meta.value("rule", "")), text_of(meta.value("replications", nlohmann::json()))));
}

}  // namespace flowsim::report
