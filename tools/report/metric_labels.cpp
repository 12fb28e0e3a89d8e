#include "tools/report/metric_labels.hpp"

#include <array>
#include <cmath>
#include <regex>

#include "tools/io/metric_name.hpp"
#include "tools/report/text_format.hpp"

namespace flowsim::report {

namespace {

struct KnownMeasure {
  const char* measure;  // as split_metric_name gives it: "unit.occupancy_mean"
  const char* words;
  MetricKind kind;
};

constexpr std::array kKnown = {
    KnownMeasure{"unit.occupancy_mean", "mean occupancy (beds)", MetricKind::Count},
    KnownMeasure{"unit.occupancy_peak", "peak occupancy (beds)", MetricKind::Count},
    KnownMeasure{"unit.capacity_mean", "mean capacity in force (beds)", MetricKind::Count},
    KnownMeasure{"unit.utilisation", "mean occupancy (% of beds)", MetricKind::Fraction},
    KnownMeasure{"unit.utilisation_p95", "95th percentile occupancy (% of beds)", MetricKind::Fraction},
    KnownMeasure{"unit.midnight_occupancy_mean", "midnight occupancy, mean (% of beds)",
                 MetricKind::Fraction},
    KnownMeasure{"unit.midnight_occupancy_p95", "midnight occupancy, 95th percentile (% of beds)",
                 MetricKind::Fraction},
    KnownMeasure{"unit.in_treatment_mean", "beds in clinical stay (mean)", MetricKind::Count},
    KnownMeasure{"unit.delayed_mean", "delayed transfers (beds, mean)", MetricKind::Count},
    KnownMeasure{"unit.admissions_per_day", "admissions a day", MetricKind::Count},
    KnownMeasure{"unit.los_mean_days", "mean clinical stay (days)", MetricKind::Count},
    KnownMeasure{"unit.stay_mean_days", "mean time in bed (days)", MetricKind::Count},
    KnownMeasure{"unit.delayed_bed_days", "delayed bed-days", MetricKind::Count},
    KnownMeasure{"unit.delayed_patients", "patients delayed", MetricKind::Count},
    KnownMeasure{"unit.delay_mean_days", "mean delay (days)", MetricKind::Count},
    KnownMeasure{"unit.arrivals_per_day", "arrivals a day", MetricKind::Count},
    KnownMeasure{"unit.queue_mean", "patients waiting for a bed (mean)", MetricKind::Count},
    KnownMeasure{"unit.p_wait", "arrivals who waited for a bed (%)", MetricKind::Fraction},
    KnownMeasure{"unit.wait_mean_days", "mean wait for a bed (days)", MetricKind::Count},
    KnownMeasure{"unit.diverted", "arrivals turned away", MetricKind::Count},
    KnownMeasure{"unit.p_diverted", "arrivals turned away (%)", MetricKind::Fraction},
    KnownMeasure{"unit.visits_mean_per_day", "visits a day (mean)", MetricKind::Count},
    KnownMeasure{"unit.visit_utilisation", "visit slots used (%)", MetricKind::Fraction},
    KnownMeasure{"unit.visit_limit_days_share", "days with no visit to spare (%)", MetricKind::Fraction},
    KnownMeasure{"unit.midnights_with_waiting_share", "midnights with someone waiting (%)",
                 MetricKind::Fraction},
    KnownMeasure{"ae.attendances", "attendances", MetricKind::Count},
    KnownMeasure{"ae.time_in_department_mean_hours", "mean time in A&E (hours)", MetricKind::Count},
    KnownMeasure{"ae.within_4h", "seen within 4 hours (%)", MetricKind::Fraction},
    KnownMeasure{"ae.over_12h", "waits over 12 hours (attendances)", MetricKind::Count},
    KnownMeasure{"pathway.referrals", "referrals", MetricKind::Count},
    KnownMeasure{"pathway.delayed_mean", "beds delayed waiting for it (mean)", MetricKind::Count},
    KnownMeasure{"pathway.delayed_bed_days", "bed-days delayed waiting for it", MetricKind::Count},
    KnownMeasure{"pathway.p_delayed", "referrals delayed (%)", MetricKind::Fraction},
    KnownMeasure{"pathway.delay_mean_days", "mean delay of those delayed (days)", MetricKind::Count},
    KnownMeasure{"pathway.delay_mean_days_all_referrals", "mean delay over all referrals (days)",
                 MetricKind::Count},
    KnownMeasure{"system.delayed_mean", "delayed transfers of care (beds, mean)", MetricKind::Count},
    KnownMeasure{"system.delayed_bed_days", "delayed bed-days", MetricKind::Count},
    KnownMeasure{"system.occupied_bed_days", "occupied bed-days", MetricKind::Count},
    KnownMeasure{"system.delayed_share_of_occupied_bed_days", "DTOC rate (% of occupied bed-days)",
                 MetricKind::Fraction},
    KnownMeasure{"cost.gbp", "cost over the measured period (GBP m)", MetricKind::Money},
    KnownMeasure{"cost.fixed_gbp", "fixed cost (GBP m)", MetricKind::Money},
    KnownMeasure{"cost.variable_gbp", "variable cost (GBP m)", MetricKind::Money},
    KnownMeasure{"cost.total_gbp", "total cost over the measured period (GBP m)", MetricKind::Money},
    KnownMeasure{"cost.total_gbp_per_year", "total cost a year (GBP m)", MetricKind::Money},
    KnownMeasure{"cost.fixed_gbp_per_year", "fixed cost a year (GBP m)", MetricKind::Money},
    KnownMeasure{"cost.variable_gbp_per_year", "variable cost a year (GBP m)", MetricKind::Money},
    KnownMeasure{"cost.unserved_gbp_per_year", "cost of unserved patients a year (GBP m)",
                 MetricKind::Money},
    KnownMeasure{"readmission.rate", "readmission rate (%)", MetricKind::Fraction},
    KnownMeasure{"elective.cancellation_rate", "operations cancelled (%)", MetricKind::Fraction},
    KnownMeasure{"avoidance.admissions_avoided", "admissions avoided", MetricKind::Count},
};

// Names the table does not hold, by pattern: levels of occupancy and
// anything ending in a share, a cost or a rate.
MetricLabel by_pattern(const std::string& owner, const std::string& measure) {
  static const std::regex level(R"((time|midnight_days)_at_or_above_(\d+)pct$)");
  std::smatch m;
  if (std::regex_search(measure, m, level))
    return {owner,
            std::string(m[1] == "time" ? "time" : "midnights") + " at or above " + m[2].str() +
                "% of beds (%)",
            MetricKind::Fraction};
  const std::string last = measure.substr(measure.find('.') + 1);
  const bool money = last.find("gbp") != std::string::npos;
  const bool share = last.rfind("p_", 0) == 0 || last.find("rate") != std::string::npos ||
                     last.find("share") != std::string::npos ||
                     last.find("utilisation") != std::string::npos;
  std::string words = last;
  for (auto& c : words)
    if (c == '_') c = ' ';
  return {owner,
          words + (money   ? " (GBP m)"
                   : share ? " (%)"
                           : ""),
          money   ? MetricKind::Money
          : share ? MetricKind::Fraction
                  : MetricKind::Count};
}

}  // namespace

MetricLabel label_metric(const std::string& metric) {
  const auto parts = tools::split_metric_name(metric);
  const std::string owner = parts.unit.empty() ? "whole system" : parts.unit;
  for (const auto& known : kKnown)
    if (parts.measure == known.measure) return {owner, known.words, known.kind};
  return by_pattern(owner, parts.measure);
}

std::string metric_in_words(const std::string& metric) {
  const auto label = label_metric(metric);
  return label.owner + ": " + label.measure;
}

charts::ValueStyle metric_style(const std::string& metric) {
  const auto label = label_metric(metric);
  // The measure's words carry the unit already: the style keeps them as the title.
  switch (label.kind) {
    case MetricKind::Fraction: {
      auto style = charts::percent_style(label.measure);
      style.title = label.measure;
      return style;
    }
    case MetricKind::Money: {
      auto style = charts::money_style(label.measure);
      style.title = label.measure;
      return style;
    }
    case MetricKind::Count: break;
  }
  return charts::count_style(label.measure);
}

std::string metric_value(const std::string& metric, double value) {
  switch (label_metric(metric).kind) {
    case MetricKind::Fraction: return as_percent(value);
    case MetricKind::Money: return as_gbp_m(value);
    case MetricKind::Count: break;
  }
  return grouped(value, std::abs(value) >= 100 ? 0 : std::abs(value) >= 10 ? 1 : 2);
}

}  // namespace flowsim::report
