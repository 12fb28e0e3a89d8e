// The sections of a comparison: the answer first (beds freed, money, A&E
// and delayed transfers, with paired CIs in words), what each variant
// changes, the forest plot grouped by unit, baseline and variant occupancy
// overlaid for the units that changed, the table of differences and, with
// compare --size-unit, the beds that can close.
#include <algorithm>
#include <cmath>
#include <regex>

#include <fmt/format.h>

#include "tools/report/charts/chart_specs.hpp"
#include "tools/report/metric_labels.hpp"
#include "tools/report/report_sections.hpp"
#include "tools/report/text_format.hpp"

namespace flowsim::report {

namespace {

// The measures a planner looks at first; the forest plot and the table keep to these.
const std::regex& key_metric() {
  static const std::regex pattern(R"((utilisation$|utilisation_p95$|within_4h$|over_12h$|delayed_share|)"
                                  R"(cost\.total_gbp_per_year$|delayed_mean$|occupancy_mean$))");
  return pattern;
}

struct Difference {
  std::string metric;
  std::string variant;
  double baseline = 0;
  double variant_mean = 0;
  Interval paired;
  const CsvRow* row = nullptr;
  [[nodiscard]] bool clear() const { return paired.low > 0 || paired.high < 0; }
};

std::vector<std::string> variants_of(const ResultFiles& files) {
  std::vector<std::string> names;
  for (const auto& row : files.compare)
    if (cell(row, "role") == "variant" &&
        std::find(names.begin(), names.end(), cell(row, "scenario")) == names.end())
      names.push_back(cell(row, "scenario"));
  return names;
}

std::string baseline_of(const ResultFiles& files) {
  for (const auto& row : files.compare)
    if (cell(row, "role") == "baseline") return cell(row, "scenario");
  return "baseline";
}

std::vector<Difference> differences(const ResultFiles& files) {
  std::map<std::string, double> baseline;
  for (const auto& row : files.compare)
    if (cell(row, "role") == "baseline")
      baseline[cell(row, "metric")] = number_in(row, "mean").value_or(0);
  std::vector<Difference> found;
  for (const auto& row : files.compare) {
    if (cell(row, "role") != "variant") continue;
    const auto diff = number_in(row, "diff_mean");
    if (!diff) continue;
    const auto metric = cell(row, "metric");
    found.push_back({metric,
                     cell(row, "scenario"),
                     baseline[metric],
                     number_in(row, "mean").value_or(0),
                     {*diff, number_in(row, "diff_ci95_low").value_or(*diff),
                      number_in(row, "diff_ci95_high").value_or(*diff)},
                     &row});
  }
  return found;
}

// A change in words: "falls by 12.3 (paired 95% CI 10.1 to 14.5)", or "no
// clear change (+0.4, paired 95% CI -1.2 to 2.0)". 'in_words' writes a value.
template <typename Words>
std::string change_in_words(const Interval& d, Words in_words) {
  if (d.low <= 0 && d.high >= 0)
    return fmt::format("no clear change ({}{}, paired 95% CI {} to {})", d.mean >= 0 ? "+" : "",
                       in_words(d.mean), in_words(d.low), in_words(d.high));
  const bool rises = d.mean > 0;
  const double low = rises ? d.low : -d.high;
  const double high = rises ? d.high : -d.low;
  return fmt::format("{} by <b>{}</b> (paired 95% CI {} to {})", rises ? "rises" : "falls",
                     in_words(std::fabs(d.mean)), in_words(low), in_words(high));
}

std::string points(double fraction) { return grouped(100.0 * fraction, 1) + " points"; }
std::string beds(double value) { return grouped(value, 1); }
std::string whole(double value) { return grouped(value, 0); }

void money_answer(std::vector<std::string>& lines, const nlohmann::json& money) {
  if (!money.is_object()) return;
  const auto amount = [&](const char* key) -> std::string {
    const auto value = json_interval(money.value(key, nlohmann::json()));
    if (!value) return "";
    // In words a finance director reads without a sign convention: a
    // negative saving is a cost, with its interval turned round to match.
    const bool saves = value->mean >= 0.0;
    const double sign = saves ? 1.0 : -1.0;
    std::string text = fmt::format("{} {} a year{}", saves ? "saves" : "costs",
                                   as_gbp_m(sign * value->mean), saves ? "" : " more");
    if (value->low == value->high) return text + " (the same in every replication)";
    const double low = saves ? value->low : -value->high;
    const double high = saves ? value->high : -value->low;
    return text + fmt::format(" (95% CI {} to {})", as_gbp_m(low), as_gbp_m(high));
  };
  std::string line;
  if (const auto cash = amount("cash_releasing_gbp_per_year"); !cash.empty())
    line += "<b>Cash-releasing</b>: " + cash;
  if (const auto non_cash = amount("non_cash_releasing_gbp_per_year"); !non_cash.empty())
    line += (line.empty() ? "" : "; ") + std::string("<b>non-cash-releasing</b>: ") + non_cash;
  if (const auto unserved = amount("unserved_gbp_per_year"); !unserved.empty())
    line += (line.empty() ? "" : "; ") + std::string("cost of unserved patients: ") + unserved;
  if (money.value("served_fewer_patients", false))
    line += ". <b>Warning: the variant served fewer patients</b>; part of the saving is care not given";
  if (money.contains("explanation") && money["explanation"].is_string())
    line += ". <span class=\"ci\">" + escape_html(money["explanation"].get<std::string>()) + "</span>";
  if (!line.empty()) lines.push_back(line);
}

void answer(HtmlPage& page, const ResultFiles& files, const std::vector<Difference>& all) {
  std::string html = "<div class=\"answer\">";
  const auto money_of = [&](const std::string& variant) -> nlohmann::json {
    if (!files.compare_json.is_object() || !files.compare_json.contains("money")) return nullptr;
    const auto& money = files.compare_json["money"];
    // One variant: the object itself; several: keyed by variant.
    if (money.contains(variant)) return money[variant];
    return money.contains("cash_releasing_gbp_per_year") ||
                   money.contains("non_cash_releasing_gbp_per_year")
               ? money
               : nlohmann::json(nullptr);
  };
  for (const auto& variant : variants_of(files)) {
    std::vector<std::string> lines;
    std::vector<std::string> freed;
    for (const auto& d : all) {
      if (d.variant != variant || d.metric.rfind("unit.", 0) != 0 || d.metric.size() < 15 ||
          d.metric.compare(d.metric.size() - 15, 15, ".occupancy_mean") != 0)
        continue;
      if (!d.clear()) continue;
      const auto unit = label_metric(d.metric).owner;
      const bool fewer = d.paired.mean < 0;
      freed.push_back(fmt::format(
          "<b>{}</b> {} {} occupied beds (paired 95% CI {} to {})", escape_html(unit),
          fewer ? "frees" : "needs", beds(std::fabs(d.paired.mean)),
          beds(fewer ? -d.paired.high : d.paired.low), beds(fewer ? -d.paired.low : d.paired.high)));
    }
    lines.push_back(freed.empty() ? "<b>Beds</b>: no clear change in occupied beds in any unit"
                                  : "<b>Beds</b>: " + joined_in_words(freed) + " on average");
    money_answer(lines, money_of(variant));
    for (const auto& d : all) {
      if (d.variant != variant) continue;
      const auto owner = label_metric(d.metric).owner;
      if (std::regex_search(d.metric, std::regex(R"(^ae\..+\.within_4h$)")))
        lines.push_back(fmt::format("<b>A&amp;E {}</b>: the share seen within 4 hours {} (from {})",
                                    escape_html(owner), change_in_words(d.paired, points),
                                    as_percent(d.baseline)));
      else if (std::regex_search(d.metric, std::regex(R"(^ae\..+\.over_12h$)")))
        lines.push_back(fmt::format("<b>A&amp;E {}</b>: waits over 12 hours {} (from {})",
                                    escape_html(owner), change_in_words(d.paired, whole),
                                    whole(d.baseline)));
      else if (d.metric == "system.delayed_mean")
        lines.push_back(
            fmt::format("<b>Delayed transfers of care</b>: beds held by patients waiting to move on {} "
                        "(from {})",
                        change_in_words(d.paired, beds), beds(d.baseline)));
      else if (d.metric == "cost.total_gbp_per_year" && !money_of(variant).is_object())
        lines.push_back(fmt::format("<b>Cost</b>: {} a year {}", as_gbp_m(d.baseline),
                                    change_in_words(d.paired, [](double v) { return as_gbp_m(v); })));
    }
    html += fmt::format("<p><b>{}</b> against {}:</p><ul>", escape_html(variant),
                        escape_html(baseline_of(files)));
    for (const auto& l : lines) html += "<li>" + l + "</li>";
    html += "</ul>";
  }
  page.raw(html +
           "<span class=\"ci\">Paired differences over the same patients (common random numbers); "
           "\"no clear change\" when the paired 95% CI includes zero.</span></div>");
}

void scenarios_and_changes(HtmlPage& page, const ResultFiles& files) {
  if (!files.run.is_object() || !files.run.contains("scenarios")) return;
  std::string html =
      "<p>Scenarios, all run on common random numbers (the same patients in each):</p><ul>";
  for (const auto& s : files.run["scenarios"]) {
    std::string file_list;
    for (const auto& f : s.value("files", nlohmann::json::array()))
      file_list += (file_list.empty() ? "" : ", ") + escape_html(f.get<std::string>());
    html += fmt::format("<li><b>{}</b> ({}): {}", escape_html(s.value("label", "?")),
                        escape_html(s.value("role", "?")), file_list);
    if (s.contains("changes") && !s["changes"].empty()) {
      html += "<br>What it changes (<code>flowsim show --diff</code>):<ul>";
      for (const auto& line : s["changes"])
        html += "<li><code>" + escape_html(line.get<std::string>()) + "</code></li>";
      html += "</ul>";
    } else if (s.value("role", "") == "variant") {
      html +=
          "<br><span class=\"ci\">A whole scenario file, not an overlay: compare the files for its "
          "changes.</span>";
    }
    html += "</li>";
  }
  page.raw(html + "</ul>");
}

void forest(HtmlPage& page, const std::vector<Difference>& all, std::size_t variants) {
  charts::ForestPlot chart{.title = "Differences from the baseline",
                           .x_title = "difference, % of the baseline mean"};
  for (const auto& d : all) {
    if (!std::regex_search(d.metric, key_metric()) || d.baseline == 0) continue;
    const double scale = 100.0 / std::fabs(d.baseline);
    const auto label = label_metric(d.metric);
    const auto in_units = [&](double v) { return metric_value(d.metric, v); };
    chart.rows.push_back(
        {.label = variants > 1 ? d.variant + ": " + label.measure : label.measure,
         .group = label.owner,
         .mean = d.paired.mean * scale,
         .low = d.paired.low * scale,
         .high = d.paired.high * scale,
         .note = d.clear() ? "paired 95% CI excludes zero" : "paired 95% CI includes zero",
         .detail = fmt::format("{}{} ({} to {})", d.paired.mean >= 0 ? "+" : "", in_units(d.paired.mean),
                               in_units(d.paired.low), in_units(d.paired.high))});
  }
  if (chart.rows.empty()) return;
  std::stable_sort(chart.rows.begin(), chart.rows.end(), [](const auto& a, const auto& b) {
    const auto rank = [](const std::string& g) { return g == "whole system" ? 1 : 0; };
    return rank(a.group) < rank(b.group);
  });
  page.paragraph(
      "Each measure's paired difference as a percentage of its baseline mean, so measures in "
      "different units sit on one axis; hover a row for the difference in its own units. Measures "
      "with a zero baseline are left out.");
  page.chart("forest", charts::forest_plot(chart));
}

// Baseline and variant midnight census overlaid, for the units whose mean
// occupancy changed clearly (at most six, the largest changes first).
void overlaid_occupancy(HtmlPage& page, const ResultFiles& files, const std::vector<Difference>& all) {
  const auto rows = read_csv_file(files.directory / "compare_occupancy.csv");
  if (rows.empty()) return;
  std::vector<std::pair<double, std::string>> changed;
  for (const auto& d : all) {
    const auto label = label_metric(d.metric);
    if (d.metric.rfind("unit.", 0) != 0 || d.metric.find(".occupancy_mean") == std::string::npos ||
        !d.clear())
      continue;
    const double size = std::fabs(d.paired.mean) / std::max(1.0, std::fabs(d.baseline));
    if (std::none_of(changed.begin(), changed.end(),
                     [&](const auto& c) { return c.second == label.owner; }))
      changed.push_back({size, label.owner});
  }
  std::stable_sort(changed.begin(), changed.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  if (changed.size() > 6) changed.resize(6);
  if (changed.empty()) return;
  page.subheading("Occupancy of the units that changed");
  page.paragraph(
      "Patients at midnight in each scenario: mean and 5th-95th percentile band across replications.");
  const double warmup = warmup_days(files);
  for (const auto& [size, unit] : changed) {
    charts::FanChart chart{
        .title = unit, .style = charts::count_style("patients at midnight"), .warmup_days = warmup};
    const double days = days_in(rows);
    for (const auto& row : rows)
      if (cell(row, "unit") == unit && day_drawn(row, days))
        chart.points.push_back({cell(row, "scenario"), number_in(row, "day").value_or(0),
                                number_in(row, "census_mean").value_or(0),
                                number_in(row, "census_p5").value_or(0),
                                number_in(row, "census_p95").value_or(0)});
    page.chart("compare-occupancy-" + unit, charts::fan_chart(chart));
  }
}

std::string median_difference_text(const CsvRow& r) {
  const auto median = number_in(r, "diff_median");
  if (!median) return "-";
  std::string text = fmt::format("{:+.4g}", *median);
  if (const auto low = number_in(r, "diff_median_low"))
    text += fmt::format(" ({:.4g} to {:.4g}, {:.1f}%)", *low,
                        number_in(r, "diff_median_high").value_or(*low),
                        100 * number_in(r, "diff_median_coverage").value_or(0));
  return text + (cell(r, "diff_skewed") == "1" ? " <b>skewed</b>" : "");
}

void difference_table(HtmlPage& page, const std::vector<Difference>& all) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& d : all) {
    if (!std::regex_search(d.metric, key_metric()) || rows.size() >= 60) continue;
    const auto in_units = [&](double v) { return metric_value(d.metric, v); };
    rows.push_back(
        {escape_html(metric_in_words(d.metric)) + "<br><code class=\"ci\">" + escape_html(d.metric) +
             "</code>",
         escape_html(d.variant), in_units(d.baseline), in_units(d.variant_mean),
         fmt::format("{}{} ({} to {}){}", d.paired.mean >= 0 ? "+" : "", in_units(d.paired.mean),
                     in_units(d.paired.low), in_units(d.paired.high), d.clear() ? " *" : ""),
         median_difference_text(*d.row),
         number_in(*d.row, "variance_reduction")
             ? fmt::format("{:.3g}", *number_in(*d.row, "variance_reduction"))
             : "-"});
  }
  if (rows.empty()) return;
  page.raw(
      html_table({"measure", "variant", "baseline mean", "variant mean", "paired difference (95% CI)",
                  "paired median difference (sign-test interval)", "variance reduction"},
                 rows));
  page.paragraph(
      "* the paired 95% confidence interval excludes zero. <b>skewed</b>: the paired differences are "
      "heavily skewed across replications; read the median difference. Every metric is in compare.csv.");
}

std::string band_text(const nlohmann::json& r) {
  if (!r.is_object()) return "-";
  const auto low = r.value("low", 0);
  const auto high = r.value("high", 0);
  return low == high ? std::to_string(low) : fmt::format("{} to {}", low, high);
}

std::string json_text(const nlohmann::json& value, const std::string& if_null = "-") {
  return value.is_null() ? if_null : value.is_string() ? value.get<std::string>() : value.dump();
}

void beds_to_close(HtmlPage& page, const nlohmann::json& sizing) {
  if (!sizing.is_object()) return;
  const std::string unit = escape_html(json_text(sizing.value("unit", nlohmann::json("?"))));
  std::string targets;
  for (const auto& t : sizing.value("targets", nlohmann::json::array()))
    targets += (targets.empty() ? "" : ", ") + json_text(t.value("text", nlohmann::json()));
  targets = escape_html(targets);
  std::vector<std::vector<std::string>> rows;
  std::string lines;
  const auto scenarios = sizing.value("scenarios", nlohmann::json::object());
  for (const auto& [label, side] : scenarios.items()) {
    const auto fails = side.value("fails_with_confidence", nlohmann::json());
    rows.push_back({escape_html(label), escape_html(json_text(side.value("role", nlohmann::json("?")))),
                    json_text(side.value("current_capacity", nlohmann::json()), "unlimited"),
                    json_text(side.value("met_with_confidence", nlohmann::json())),
                    band_text(side.value("undecided", nlohmann::json())),
                    fails.is_null() ? "-" : fails.dump() + " or fewer"});
    const auto beds_json = side.value("beds_can_close", nlohmann::json());
    if (!beds_json.is_object()) continue;
    std::string text = "<b>" + escape_html(label) + "</b>: ";
    if (const auto occupied = side.value("occupied_beds_difference", nlohmann::json());
        occupied.is_object()) {
      const double mean = occupied.value("mean", 0.0);
      const double sign = mean > 0 ? 1 : -1;
      double low = sign * occupied.value("ci95_low", 0.0);
      double high = sign * occupied.value("ci95_high", 0.0);
      if (low > high) std::swap(low, high);
      text += fmt::format("{:.1f} {} occupied beds of {} on average (paired 95% CI {:.1f} to {:.1f}); ",
                          std::fabs(mean), sign > 0 ? "more" : "fewer", unit, low, high);
    }
    if (beds_json.value("beds", nlohmann::json()).is_null())
      text += "beds that can close unknown (a scenario has no capacity meeting the targets).";
    else
      text += fmt::format(
          "<b>{}</b> beds can close while keeping {} (band {}; {} if the two searches' "
          "uncertainties were unrelated).",
          beds_json["beds"].dump(), targets, band_text(beds_json.value("band", nlohmann::json())),
          band_text(beds_json.value("widest", nlohmann::json())));
    lines += "<li>" + text + "</li>";
  }
  page.subheading("Beds that can close");
  page.paragraph(fmt::format(
      "{} sized on each scenario to keep {}, by the search of flowsim size ({} replications "
      "per capacity, the same seed in each).",
      unit, targets, json_text(sizing.value("replications_per_capacity", nlohmann::json("?")))));
  page.raw(html_table({"scenario", "role", "capacity now", "needed (met with confidence)", "undecided",
                       "fails with confidence"},
                      rows) +
           "<ul>" + lines + "</ul>");
  page.paragraph(
      "Fewer occupied beds is the change in the average census; beds that can close is the change in "
      "the "
      "capacity that keeps the targets, which must cover the busy days, not the average one. The two "
      "differ by the change in the headroom kept empty for variation. The answer is the baseline's "
      "capacity met with confidence minus the variant's; the band applies the same rule at the other "
      "edge of both undecided bands (the largest capacity failing with confidence). Rule: " +
      escape_html(json_text(sizing.value("rule", nlohmann::json("")))) + ".");
}

}  // namespace

void add_compare_sections(HtmlPage& page, const ResultFiles& files) {
  if (files.compare.empty()) return;
  const auto all = differences(files);
  page.heading("The answer");
  answer(page, files, all);
  page.raw(gridlock_note(files.run));
  page.heading("Comparison with the baseline");
  scenarios_and_changes(page, files);
  forest(page, all, variants_of(files).size());
  overlaid_occupancy(page, files, all);
  difference_table(page, all);
  beds_to_close(page, files.compare_json.is_object()
                          ? files.compare_json.value("sizing", nlohmann::json())
                          : nlohmann::json());
}

}  // namespace flowsim::report
