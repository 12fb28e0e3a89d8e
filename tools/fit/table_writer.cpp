#include "tools/fit/table_writer.hpp"

#include <cmath>

#include <fmt/format.h>

namespace flowsim::fit {

namespace {

// Empty for a number that does not exist (NaN), so the CSV reads as missing.
std::string cell(double v) { return std::isfinite(v) ? fmt::format("{:.8g}", v) : ""; }

std::string quoted(const std::string& text) {
  return text.find_first_of(",\"") == std::string::npos ? text : "\"" + text + "\"";
}

std::string dash(double v, const char* spec = "{:.2f}") {
  return std::isfinite(v) ? fmt::format(fmt::runtime(spec), v) : "-";
}

}  // namespace

std::string fit_table_csv(const ExtractFit& fit) {
  std::string out =
      "unit,group,distribution,parameters,n,censored,truncated,whole_days,log_likelihood,aic,bic,"
      "delta_aic,weight,mean,mean_low,mean_high,p50,p90,p95,km_mean,km_p50,km_p90,km_p95\n";
  for (const auto& los : fit.los) {
    const auto& s = los.fits.sample;
    const auto& km = los.fits.km;
    const std::string counts =
        fmt::format("{:g},{:g},{:g},{:g}", s.episodes, s.censored, s.truncated, s.whole_days);
    const std::string km_cells =
        fmt::format("{},{},{},{}", cell(km.restricted_mean()), cell(km.quantile(0.5)),
                    cell(km.quantile(0.9)), cell(km.quantile(0.95)));
    const double best = los.chosen() ? los.chosen()->aic : NAN;
    for (const auto& f : los.fits.ranked) {
      if (!f.converged) {
        out += fmt::format("{},{},{},,{}{},{}\n", los.unit, los.group, family_name(f.model.family),
                           counts, std::string(11, ','), km_cells);
        continue;
      }
      out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", los.unit, los.group,
                         family_name(f.model.family), quoted(f.model.describe()), counts,
                         cell(f.log_likelihood), cell(f.aic), cell(f.bic), cell(f.aic - best),
                         cell(f.weight), cell(f.mean), cell(f.mean_low), cell(f.mean_high), cell(f.p50),
                         cell(f.p90), cell(f.p95), km_cells);
    }
    // The empirical distribution: Kaplan-Meier itself (not ranked: it has
    // as many parameters as distinct stays).
    out += fmt::format("{},{},empirical,Kaplan-Meier,{},,,,,,{},,,{},{},{},{}\n", los.unit, los.group,
                       counts, cell(km.restricted_mean()), cell(km.quantile(0.5)),
                       cell(km.quantile(0.9)), cell(km.quantile(0.95)), km_cells);
  }
  return out;
}

std::string arrivals_csv(const ExtractFit& fit) {
  std::string out =
      "source,unit,admissions,window_days,mean_rate_per_day,mean_rate_low,"
      "mean_rate_high,rate_per_day_at_extract,growth_per_year,growth_low,growth_high\n";
  for (const auto& a : fit.arrivals)
    out += fmt::format(
        "{},{},{:g},{},{},{},{},{},{}\n", a.name, a.unit, a.count, cell(a.window_days),
        cell(a.mean_rate), cell(a.mean_rate_low), cell(a.mean_rate_high), cell(a.rate_per_day),
        a.growth_per_year
            ? fmt::format("{},{},{}", cell(*a.growth_per_year), cell(a.growth_low), cell(a.growth_high))
            : ",,");
  return out;
}

std::string routes_csv(const ExtractFit& fit) {
  std::string out = "unit,group,destination,count,discharges,share,share_low,share_high\n";
  for (const auto& r : fit.routing)
    for (const auto& s : r.shares)
      out += fmt::format("{},{},{},{:g},{:g},{},{},{}\n", r.unit, r.group, s.destination, s.count,
                         r.discharges, cell(s.share), cell(s.low), cell(s.high));
  return out;
}

std::string console_text(const ExtractFit& fit) {
  std::string out;
  for (const auto& los : fit.los) {
    const auto& s = los.fits.sample;
    out += fmt::format(
        "\n{}{}: {:g} stays, {:g} still in{}{}\n", los.unit, fit.scope.by_group ? " / " + los.group : "",
        s.episodes, s.censored,
        s.truncated > 0 ? fmt::format(", {:g} begun before the window", s.truncated) : "",
        s.whole_days > 0 ? fmt::format(", {:g} in whole days (dates only)", s.whole_days) : "");
    out += fmt::format("  {:<4} {:<20} {:>10} {:>7} {:>7}  {:>24} {:>8} {:>8} {:>8}  {}\n", "rank",
                       "distribution", "AIC", "ΔAIC", "weight", "mean days [95% CI]", "median", "p90",
                       "p95", "parameters");
    const double best = los.chosen() ? los.chosen()->aic : NAN;
    int rank = 0;
    for (const auto& f : los.fits.ranked) {
      ++rank;
      if (!f.converged) {
        out += fmt::format("  {:<4} {:<20} not fitted: too few discharges (or no finite likelihood)\n",
                           "-", family_name(f.model.family));
        continue;
      }
      out += fmt::format("  {:<4} {:<20} {:>10.1f} {:>7.1f} {:>7.3f}  {:>24} {:>8} {:>8} {:>8}  {}\n",
                         rank, family_name(f.model.family), f.aic, f.aic - best, f.weight,
                         fmt::format("{} [{}, {}]", dash(f.mean), dash(f.mean_low), dash(f.mean_high)),
                         dash(f.p50), dash(f.p90), dash(f.p95), f.model.describe());
    }
    const auto& km = los.fits.km;
    out += fmt::format("  {:<4} {:<20} {:>10} {:>7} {:>7}  {:>24} {:>8} {:>8} {:>8}  {}\n", "",
                       "Kaplan-Meier", "", "", "", dash(km.restricted_mean()), dash(km.quantile(0.5)),
                       dash(km.quantile(0.9)), dash(km.quantile(0.95)),
                       "the data; its mean is restricted to the longest stay seen");
  }
  out += "\narrivals\n";
  for (const auto& a : fit.arrivals)
    out += fmt::format("  {:<28} to {:<16} {:>9.3f} a day [{:.3f}, {:.3f}]{}\n", a.name, a.unit,
                       a.mean_rate, a.mean_rate_low, a.mean_rate_high,
                       a.growth_per_year ? fmt::format(", growth {:+.1f}% a year [{:+.1f}%, {:+.1f}%]",
                                                       100.0 * *a.growth_per_year, 100.0 * a.growth_low,
                                                       100.0 * a.growth_high)
                                         : "");
  out += "\nroutes (share of discharges [95% CI])\n";
  for (const auto& r : fit.routing) {
    std::string parts;
    for (const auto& s : r.shares)
      parts += fmt::format("  {} {:.3f} [{:.3f}, {:.3f}]", s.destination, s.share, s.low, s.high);
    out += fmt::format("  {:<20}{}\n", fit.scope.by_group ? r.unit + " / " + r.group : r.unit,
                       parts.empty() ? "  no discharges" : parts);
  }
  out += "\ncensus at the extract date\n";
  for (const auto& c : fit.census)
    out += fmt::format("  {:<20} {} patients in, highest midnight census {:g}\n", c.unit,
                       c.elapsed_days.size(), c.peak_midnight_census);
  return out;
}

}  // namespace flowsim::fit
