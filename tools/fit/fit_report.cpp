#include "tools/fit/fit_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "tools/report/charts/fit_charts.hpp"
#include "tools/report/html_page.hpp"

namespace flowsim::fit {

namespace {

// Enough points to draw a curve; a million stays would make the page heavy.
constexpr std::size_t kMostSteps = 400;
constexpr int kGrid = 120;

std::string escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

std::vector<charts::CurvePoint> survival_points(const UnitLos& los) {
  const auto& km = los.fits.km;
  // Up to the Kaplan-Meier 99th percentile (or the last event): the long
  // tail beyond it would squeeze the curves against the axis.
  double end = km.quantile(0.99);
  if (!std::isfinite(end)) end = km.times.empty() ? 1.0 : km.times.back();
  std::vector<charts::CurvePoint> points{{"Kaplan-Meier", 0.0, 1.0}};
  const std::size_t stride = std::max<std::size_t>(1, km.times.size() / kMostSteps);
  for (std::size_t i = 0; i < km.times.size() && km.times[i] <= end; i += stride)
    points.push_back({"Kaplan-Meier", km.times[i], km.survival[i]});
  points.push_back({"Kaplan-Meier", end, km.at(end)});
  for (const auto& f : los.fits.ranked) {
    if (!f.converged) continue;
    for (int i = 0; i <= kGrid; ++i) {
      const double t = end * i / kGrid;
      points.push_back({family_name(f.model.family), t, f.model.survival(t)});
    }
  }
  return points;
}

std::vector<charts::CurvePoint> qq_points(const UnitLos& los) {
  std::vector<charts::CurvePoint> points;
  for (const auto& f : los.fits.ranked) {
    if (!f.converged) continue;
    for (int percent = 1; percent <= 99; ++percent) {
      const double data = los.fits.km.quantile(percent / 100.0);
      if (!std::isfinite(data)) break;  // censoring hides the rest of the curve
      points.push_back({family_name(f.model.family), data, f.model.quantile(percent / 100.0)});
    }
  }
  return points;
}

std::string ranked_table(const UnitLos& los) {
  std::string html =
      "<table><tr><th>rank</th><th>distribution</th><th>AIC</th><th>ΔAIC</th>"
      "<th>weight</th><th>mean days [95% CI]</th><th>median</th><th>p90</th>"
      "<th>p95</th><th>parameters</th></tr>";
  const double best = los.chosen() ? los.chosen()->aic : NAN;
  int rank = 0;
  for (const auto& f : los.fits.ranked) {
    ++rank;
    if (!f.converged) continue;
    html += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{:.1f}</td><td>{:.1f}</td><td>{:.3f}</td>"
        "<td>{:.2f} [{:.2f}, {:.2f}]</td><td>{:.2f}</td><td>{:.2f}</td><td>{:.2f}</td>"
        "<td>{}</td></tr>",
        rank, family_name(f.model.family), f.aic, f.aic - best, f.weight, f.mean, f.mean_low,
        f.mean_high, f.p50, f.p90, f.p95, escaped(f.model.describe()));
  }
  const auto& km = los.fits.km;
  html += fmt::format(
      "<tr><td></td><td>Kaplan-Meier</td><td></td><td></td><td></td><td>{:.2f} "
      "(restricted)</td><td>{:.2f}</td><td>{:.2f}</td><td>{:.2f}</td><td>the data</td></tr>"
      "</table>",
      km.restricted_mean(), km.quantile(0.5), km.quantile(0.9), km.quantile(0.95));
  return html;
}

}  // namespace

std::string fit_report_html(const ExtractFit& fit, const std::string& sources) {
  report::HtmlPage page("Fitted lengths of stay: " + sources);
  page.paragraph(fmt::format(
      "Lengths of stay fitted by <code>flowsim fit</code> to {} ({:g} episodes): maximum likelihood "
      "with right censoring (still in), whole days (dates only) and left truncation, ranked by AIC. "
      "Each fit's survival curve is drawn against the Kaplan-Meier estimate, and its quantiles "
      "against the data's (docs/fitting.md).",
      escaped(sources), fit.episodes));
  int index = 0;
  for (const auto& los : fit.los) {
    const std::string name = fit.scope.by_group ? los.unit + " / " + los.group : los.unit;
    const auto& s = los.fits.sample;
    page.heading(escaped(name));
    page.paragraph(
        fmt::format("{:g} stays, {:g} still in, {:g} begun before the window, {:g} in whole days.",
                    s.episodes, s.censored, s.truncated, s.whole_days));
    page.raw(ranked_table(los));
    page.chart(fmt::format("survival_{}", index),
               charts::survival_chart("Survival of stays: " + name, survival_points(los)));
    page.chart(fmt::format("qq_{}", index), charts::qq_chart("Q-Q plot: " + name, qq_points(los)));
    ++index;
  }
  return page.render();
}

}  // namespace flowsim::fit
