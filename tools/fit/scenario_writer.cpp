#include "tools/fit/scenario_writer.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "tools/fit/date_time.hpp"

namespace flowsim::fit {

namespace {

std::string numbers(const std::vector<double>& values) {
  std::vector<std::string> texts;
  for (const double v : values) texts.push_back(fmt::format("{:.4g}", v));
  return fmt::format("[{}]", fmt::join(texts, ", "));
}

// "n 1234, 20 still in, gamma, AIC 12.3 below lognormal".
std::string los_comment(const UnitLos& los) {
  const auto& s = los.fits.sample;
  std::string text = fmt::format("n {:g}, {:g} still in", s.episodes, s.censored);
  if (s.truncated > 0) text += fmt::format(", {:g} begun before the window", s.truncated);
  if (s.whole_days > 0) text += ", whole days";
  const FamilyFit* best = los.chosen();
  if (!best) return text + ": too few discharges to fit; exponential from events over exposure";
  text += fmt::format(": {} chosen", family_name(best->model.family));
  const auto& ranked = los.fits.ranked;
  if (ranked.size() > 1 && ranked[1].converged)
    text += fmt::format(", AIC {:.1f} below {}", ranked[1].aic - best->aic,
                        family_name(ranked[1].model.family));
  return text + fmt::format("; mean {:.3g} days (95% CI {:.3g}-{:.3g})", best->mean, best->mean_low,
                            best->mean_high);
}

// Without a converged fit: events over exposure, as an exponential.
std::string fallback_los(const LosSample& s) {
  double exposure = 0.0;
  for (const auto& o : s.observations) exposure += o.count * std::max(o.value - o.entry, 0.0);
  const double mean = std::max(exposure / std::max(s.events(), 1.0), 1.0 / 1440.0);
  return fmt::format("{{dist: exponential, mean: {:.6g}, unit: days}}", mean);
}

std::string los_yaml(const UnitLos& los) {
  const FamilyFit* best = los.chosen();
  return best ? best->model.yaml() : fallback_los(los.fits.sample);
}

// The empirical candidate, ready to swap in: the engine's `empirical` kind
// (each listed value equally likely) at the Kaplan-Meier 0.5th, 1.5th, ...,
// 99.5th percentiles, so its mean is the data's. Where censoring stops the
// curve short of a percentile, the longest stay seen stands in (and the tail
// is then too short: the comment says so). Empty without discharges.
std::string empirical_yaml(const KaplanMeier& km) {
  if (km.times.empty()) return "";
  std::vector<double> values;
  for (int k = 0; k < 100; ++k) {
    const double q = km.quantile((k + 0.5) / 100.0);
    values.push_back(std::isfinite(q) ? q : km.times.back());
  }
  return fmt::format("{{dist: empirical, values: {}, unit: days}}", numbers(values));
}

std::string empirical_comment(const UnitLos& los, const std::string& indent) {
  const auto alternative = empirical_yaml(los.fits.km);
  if (alternative.empty()) return "";
  const bool short_tail = !std::isfinite(los.fits.km.quantile(0.995));
  return fmt::format("{}# the data itself instead (Kaplan-Meier percentiles{}): {}\n", indent,
                     short_tail ? "; censoring hides the top ones, the longest stay stands in" : "",
                     alternative);
}

std::string routes_yaml(const RoutingFit& r) {
  if (r.shares.empty()) return fmt::format("{{{}: 1.0}}", kUnrecordedExit);
  // Shares rounded for reading, the largest taking up the rounding so they
  // sum to 1 exactly as the loader requires.
  std::vector<double> rounded;
  for (const auto& s : r.shares) rounded.push_back(std::round(s.share * 1e6) / 1e6);
  rounded[0] += 1.0 - std::accumulate(rounded.begin(), rounded.end(), 0.0);
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < r.shares.size(); ++i)
    parts.push_back(fmt::format("{}: {:.6f}", r.shares[i].destination, rounded[i]));
  return fmt::format("{{{}}}", fmt::join(parts, ", "));
}

std::string routes_comment(const RoutingFit& r) {
  if (r.shares.empty()) return "no discharge seen: leaves the model; set the routes";
  return fmt::format("from {:g} discharges", r.discharges);
}

std::string shares_yaml(const std::map<std::string, double>& counts,
                        const std::vector<std::string>& groups) {
  double total = 0.0;
  for (const auto& [g, c] : counts) total += c;
  std::vector<std::string> parts;
  std::vector<double> shares;
  for (const auto& g : groups) {
    const auto it = counts.find(g);
    shares.push_back(it == counts.end() ? 0.0 : std::round(it->second / total * 1e6) / 1e6);
  }
  // The largest absorbs the rounding.
  const auto largest = std::max_element(shares.begin(), shares.end()) - shares.begin();
  shares[static_cast<std::size_t>(largest)] += 1.0 - std::accumulate(shares.begin(), shares.end(), 0.0);
  for (std::size_t i = 0; i < groups.size(); ++i)
    parts.push_back(fmt::format("{}: {:.6f}", groups[i], std::max(shares[i], 0.0)));
  return fmt::format("{{{}}}", fmt::join(parts, ", "));
}

}  // namespace

std::string scenario_yaml(const ExtractFit& fit, const std::string& sources) {
  const auto& scope = fit.scope;
  const double start_day = std::floor(scope.extract_moment);
  std::string y;
  y += fmt::format("# Scenario draft written by flowsim fit from {} ({:g} episodes, window {} to {}).\n",
                   sources, fit.episodes, format_moment(scope.window_start, false),
                   format_moment(scope.extract_moment, false));
  y += "# Every fitted number has a comment: n (episodes), how many were still in (right-censored),\n"
       "# the chosen distribution and its AIC margin over the runner-up (fit_table.csv has them all).\n"
       "# The extract gives stays, not beds: set each unit's capacity before drawing conclusions.\n";
  y += fmt::format("name: Fitted from {}\n", sources);
  y += "run:\n  horizon_days: 365\n";
  y += "  warmup_days: 0        # the run starts from the census at the extract date (initial:)\n";
  y += "  replications: 10\n  seed: 1\n";
  y += fmt::format("  start_date: {}   # day 0 starts at the extract moment, with its census\n",
                   format_moment(start_day, true));
  if (scope.by_group) {
    // Census patients draw their group from these shares: the mix in bed.
    std::map<std::string, double> in_bed, all;
    for (const auto& c : fit.census)
      for (const auto& g : c.groups) in_bed[g] += 1.0;
    for (const auto& a : fit.arrivals)
      for (const auto& [g, n] : a.groups) all[g] += n;
    const bool use_census = !in_bed.empty();
    y += fmt::format(
        "groups: {}   # {}\n", shares_yaml(use_census ? in_bed : all, scope.groups),
        use_census ? "the mix of patients in bed at the extract date (census patients draw from it)"
                   : "the mix of admissions");
  }
  const auto routing_exits = exits_of(fit.routing, scope);
  y += fmt::format("exits: [{}]\n", fmt::join(routing_exits, ", "));
  y += "units:\n";
  for (const auto& unit : scope.units) {
    y += fmt::format("  {}:\n", unit);
    const auto census = std::find_if(fit.census.begin(), fit.census.end(),
                                     [&unit](const CensusFit& c) { return c.unit == unit; });
    y += fmt::format(
        "    capacity: unlimited   # SET THE BED COUNT: the extract's highest midnight census is {:g}\n",
        census->peak_midnight_census);
    std::vector<const UnitLos*> los;
    for (const auto& l : fit.los)
      if (l.unit == unit) los.push_back(&l);
    const UnitLos* pooled = los.front();
    if (!scope.by_group) {
      y += fmt::format("    los: {}   # {}\n", los_yaml(*pooled), los_comment(*pooled));
      y += empirical_comment(*pooled, "    ");
    } else {
      y += "    los:\n";
      for (const auto& group : scope.groups) {
        const auto it = std::find_if(los.begin(), los.end(),
                                     [&group](const UnitLos* l) { return l->group == group; });
        if (it != los.end())
          y += fmt::format("      {}: {}   # {}\n", group, los_yaml(**it), los_comment(**it)) +
               empirical_comment(**it, "      ");
        else
          y += fmt::format("      {}: {}   # no {} episode in this unit: the first group's fit\n", group,
                           los_yaml(*pooled), group);
      }
    }
    std::vector<const RoutingFit*> routes;
    for (const auto& r : fit.routing)
      if (r.unit == unit) routes.push_back(&r);
    if (!scope.by_group) {
      y += fmt::format("    routes: {}   # {}\n", routes_yaml(*routes.front()),
                       routes_comment(*routes.front()));
    } else {
      y += "    routes:\n";
      for (const RoutingFit* r : routes)
        y += fmt::format("      {}: {}   # {}\n", r->group, routes_yaml(*r), routes_comment(*r));
    }
    if (!census->elapsed_days.empty())
      y += fmt::format(
          "    initial: {{patients: {}, elapsed_days: {}}}   # still in at the extract date, days since "
          "admission\n",
          census->elapsed_days.size(), numbers(census->elapsed_days));
  }
  y += "arrivals:\n";
  for (const auto& a : fit.arrivals) {
    y += fmt::format("  {}:\n    to: {}\n", a.name, a.unit);
    y += fmt::format(
        "    rate_per_day: {:.6g}   # {:g} admissions{} in {:.1f} days from {}: {:.4g} a day (95% CI "
        "{:.4g}-{:.4g}){}\n",
        a.rate_per_day, a.count, a.source.empty() ? "" : " from " + a.source, a.window_days,
        format_moment(a.window_start, false), a.mean_rate, a.mean_rate_low, a.mean_rate_high,
        a.growth_per_year ? "; the rate at the extract date on the growth curve" : "");
    if (!a.hour_of_day.empty())
      y += fmt::format("    hour_of_day: {}   # from the {:g} admission times\n", numbers(a.hour_of_day),
                       a.count);
    y += fmt::format(
        "    day_of_week: {}   # Monday first; admissions per weekday over the weekdays in the window\n",
        numbers(a.day_of_week));
    if (a.growth_per_year)
      y += fmt::format(
          "    growth_per_year: {:.4f}   # Poisson regression of daily admissions on time; "
          "95% CI {:.4f} to {:.4f}\n",
          *a.growth_per_year, a.growth_low, a.growth_high);
    if (!a.month_of_year.empty())
      y += fmt::format("    seasonal: {{month_of_year: {}}}   # January first\n",
                       numbers(a.month_of_year));
    if (scope.by_group) y += fmt::format("    groups: {}\n", shares_yaml(a.groups, scope.groups));
  }
  return y;
}

}  // namespace flowsim::fit
