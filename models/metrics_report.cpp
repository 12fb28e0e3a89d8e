#include "models/metrics_report.hpp"

#include "models/cost_report.hpp"
#include "models/ratio.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "models/unit_kinds.hpp"
#include "sim/statistics.hpp"

namespace flowsim::models {

namespace {

// Time-weighted quantile of occupancy: the smallest k with at least a
// share p of the measured time spent at k beds or fewer.
double occupancy_quantile(const std::vector<double>& time_at_occupancy, double p) {
  double total = 0.0;
  for (const double t : time_at_occupancy) total += t;
  if (total <= 0.0) return 0.0;
  double cumulative = 0.0;
  for (std::size_t k = 0; k < time_at_occupancy.size(); ++k) {
    cumulative += time_at_occupancy[k];
    if (cumulative >= p * total * (1.0 - 1e-12)) return static_cast<double>(k);
  }
  return static_cast<double>(time_at_occupancy.size() - 1);
}

// Time-weighted quantile of occupancy as a share of the capacity in force:
// the smallest share with at least a share p of the time at or below it.
// Time with no bed in force has no share and is left out.
double occupancy_share_quantile(const std::map<std::int64_t, std::vector<double>>& by_capacity,
                                double p) {
  std::vector<std::pair<double, double>> share_time;
  double total = 0.0;
  for (const auto& [capacity, times] : by_capacity) {
    if (capacity <= 0) continue;
    for (std::size_t k = 0; k < times.size(); ++k) {
      if (times[k] <= 0.0) continue;
      share_time.emplace_back(static_cast<double>(k) / static_cast<double>(capacity), times[k]);
      total += times[k];
    }
  }
  if (total <= 0.0) return 0.0;
  std::sort(share_time.begin(), share_time.end());
  double cumulative = 0.0;
  for (const auto& [share, time] : share_time) {
    cumulative += time;
    if (cumulative >= p * total * (1.0 - 1e-12)) return share;
  }
  return share_time.back().first;
}

class MetricWriter {
 public:
  explicit MetricWriter(std::vector<Metric>& out) : out_(out) {}
  void add(std::string name, double value) { out_.push_back(Metric{std::move(name), value}); }

 private:
  std::vector<Metric>& out_;
};

// Capacity in force at the midnight at 'time': the unit's capacity, changed
// by every calendar step at or before it (capacity changes run before the
// census of the same instant).
std::int64_t capacity_at(const UnitDefinition& unit, double time) {
  std::int64_t capacity = unit.capacity;
  for (const auto& step : unit.flow.capacity_schedule)
    if (step.day <= time + 1e-9) capacity = step.capacity;
  return capacity;
}

// The midnights measured: those in (after, until] (after the warm-up, to the
// horizon, or a period of the run).
struct MidnightWindow {
  double after = 0.0;
  double until = 0.0;
  // [unit][day]: the capacity in force at each midnight, escalation beds
  // included; read for units with escalation levels (the calendar gives the
  // others').
  const std::vector<std::vector<double>>* daily_capacity = nullptr;
};

// The KH03 view of a unit: its census at each measured midnight, as a share
// of the capacity in force that day; and the share of those midnights at or
// above each occupancy threshold.
// The entries of a [day] series that are measured midnights: entry i is the
// midnight ending day i + 1, measured when it falls in (after, until].
struct MidnightRange {
  std::size_t first = 0;
  std::size_t last = 0;  // one past
};
MidnightRange measured_midnights(const MidnightWindow& window, std::size_t size) {
  auto first = static_cast<std::size_t>(std::max(0.0, std::floor(window.after)));
  while (first < size && static_cast<double>(first + 1) <= window.after + 1e-9) ++first;
  std::size_t last = std::min(first, size);
  while (last < size && static_cast<double>(last + 1) <= window.until + 1e-9) ++last;
  return {std::min(first, size), last};
}

void add_midnight_metrics(MetricWriter& m, const std::string& prefix, const UnitDefinition& unit,
                          std::size_t unit_index, const RunSettings& run,
                          const std::vector<double>* census, const MidnightWindow& window) {
  std::vector<double> shares;
  std::vector<std::size_t> at_or_above(run.occupancy_thresholds.size(), 0);
  const std::vector<double>* escalation_capacity =
      unit.escalation.enabled() && window.daily_capacity && unit_index < window.daily_capacity->size()
          ? &(*window.daily_capacity)[unit_index]
          : nullptr;
  const MidnightRange measured = census ? measured_midnights(window, census->size()) : MidnightRange{};
  for (std::size_t i = measured.first; i < measured.last; ++i) {
    const double time = static_cast<double>(i + 1);
    const std::int64_t capacity = escalation_capacity && i < escalation_capacity->size()
                                      ? static_cast<std::int64_t>((*escalation_capacity)[i])
                                      : capacity_at(unit, time);
    const double occupied = (*census)[i];
    shares.push_back(ratio_or_zero(occupied, static_cast<double>(capacity)));
    for (std::size_t l = 0; l < at_or_above.size(); ++l)
      if (occupied >= static_cast<double>(occupied_at_level(run.occupancy_thresholds[l], capacity)))
        ++at_or_above[l];
  }
  const auto days = static_cast<double>(shares.size());
  double total = 0.0;
  for (const double share : shares) total += share;
  m.add(prefix + "midnight_occupancy_mean", ratio_or_zero(total, days));
  m.add(prefix + "midnight_occupancy_p95", shares.empty() ? 0.0 : sim::sample_quantile(shares, 0.95));
  for (std::size_t l = 0; l < at_or_above.size(); ++l)
    m.add(prefix + "midnight_days_at_or_above_" + occupancy_level_name(run.occupancy_thresholds[l]),
          ratio_or_zero(static_cast<double>(at_or_above[l]), days));
}

// The share of the measured midnights at which someone waited for unit u:
// holding a bed elsewhere (a delayed transfer) or holding none (an arrival).
// How often a pathway had a queue, where the mean number waiting says how
// long it was.
double midnights_with_waiting_share(std::size_t u, const MidnightWindow& window,
                                    const DailyWaiting& waiting) {
  if (!waiting.delayed_for || !waiting.arrivals || u >= waiting.delayed_for->size() ||
      u >= waiting.arrivals->size())
    return 0.0;
  const std::vector<double>& delayed = (*waiting.delayed_for)[u];
  const std::vector<double>& arrivals = (*waiting.arrivals)[u];
  const MidnightRange measured = measured_midnights(window, std::min(delayed.size(), arrivals.size()));
  std::size_t with_waiting = 0;
  for (std::size_t i = measured.first; i < measured.last; ++i)
    if (delayed[i] + arrivals[i] > 0.0) ++with_waiting;
  return ratio_or_zero(static_cast<double>(with_waiting),
                       static_cast<double>(measured.last - measured.first));
}

// Units someone can wait for: those with a number of places, and those
// limited by carer visits a day.
bool can_have_waiting(const UnitDefinition& unit) {
  return !unit.unlimited() ||
         (unit.services.visits && unit.services.visits->visits_per_day != kUnlimited);
}

}  // namespace

std::string occupancy_level_name(double level) { return fmt::format("{:.0f}pct", level * 100.0); }

std::optional<ThresholdProblem> check_occupancy_thresholds(const std::vector<double>& levels) {
  if (levels.empty() || levels.size() > 8)
    return ThresholdProblem{std::nullopt,
                            fmt::format("expected one to eight thresholds, got {}", levels.size())};
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const double level = levels[i];
    if (!(level > 0.0) || level > 1.0)
      return ThresholdProblem{
          i, fmt::format("threshold {} is not a share of capacity in (0, 1]{}", level,
                         level > 1.0 && level <= 100.0
                             ? fmt::format(" (write {:g} for {:g}%)", level / 100.0, level)
                             : std::string())};
    if (std::abs(level * 100.0 - std::round(level * 100.0)) > 1e-9)
      return ThresholdProblem{i,
                              fmt::format("threshold {} is not a whole percentage (metric names carry "
                                          "the percentage, as in time_at_or_above_92pct)",
                                          level)};
    if (i > 0 && !(level > levels[i - 1]))
      return ThresholdProblem{
          i, fmt::format("thresholds must increase, and {} follows {}", level, levels[i - 1])};
  }
  return std::nullopt;
}

namespace {

std::vector<Metric> metrics_over(const ModelDefinition& model, const std::vector<UnitStatistics>& stats,
                                 double measured_days, const MidnightWindow& midnights,
                                 const std::vector<std::vector<double>>& daily_census,
                                 const std::vector<double>& visits, const DailyWaiting& waiting) {
  std::vector<Metric> metrics;
  MetricWriter m(metrics);
  const std::size_t n = model.units.size();
  std::vector<bool> has_arrivals(n, false);
  std::vector<bool> is_route_target(n, false);
  for (const auto& s : model.sources) {
    has_arrivals[s.unit] = true;
    if (s.referral.active()) has_arrivals[s.referral.unit] = true;
  }
  for (const auto& unit : model.units)
    if (unit.services.readmission) has_arrivals[unit.services.readmission->to] = true;
  for (std::size_t u = 0; u < n; ++u)
    for (const auto& table : model.units[u].routes_by_group)
      for (const auto& d : table.destinations)
        if (!d.is_exit && d.index != u) is_route_target[d.index] = true;

  double system_delayed_area = 0.0;
  double system_occupied_area = 0.0;

  for (std::size_t u = 0; u < n; ++u) {
    const auto& unit = model.units[u];
    const auto& s = stats[u];
    const std::string p = "unit." + unit.name + ".";
    m.add(p + "occupancy_mean", ratio_or_zero(s.area_occupied, measured_days));
    m.add(p + "occupancy_peak", static_cast<double>(s.peak_occupied));
    // Against the capacity in force at each moment (capacity calendars).
    if (!unit.unlimited()) {
      m.add(p + "capacity_mean", ratio_or_zero(s.area_capacity, measured_days));
      m.add(p + "utilisation", ratio_or_zero(s.area_occupied, s.area_capacity));
      // The planning view: occupancy exceeded only 5% of the time, as a
      // share of the mean capacity in force (the target "occupancy.p95 <=
      // 0.92" of `size`).
      // Under a capacity calendar or escalation, against the capacity in force
      // at each moment (escalation beds included): occupancy in opened
      // escalation beds is not over 100% of the beds open.
      m.add(p + "utilisation_p95",
            unit.flow.capacity_schedule.empty() && !unit.escalation.enabled()
                ? ratio_or_zero(occupancy_quantile(s.time_at_occupancy, 0.95),
                                ratio_or_zero(s.area_capacity, measured_days))
                : occupancy_share_quantile(s.time_at_occupancy_by_capacity, 0.95));
      const auto& levels = model.run.occupancy_thresholds;
      for (std::size_t i = 0; i < levels.size(); ++i)
        m.add(p + "time_at_or_above_" + occupancy_level_name(levels[i]),
              ratio_or_zero(i < s.time_at_or_above.size() ? s.time_at_or_above[i] : 0.0, measured_days));
      add_midnight_metrics(m, p, unit, u, model.run,
                           u < daily_census.size() ? &daily_census[u] : nullptr, midnights);
    }
    m.add(p + "in_treatment_mean",
          ratio_or_zero(s.area_occupied - s.area_delayed - s.awaiting_discharge.area, measured_days));
    m.add(p + "delayed_mean", ratio_or_zero(s.area_delayed, measured_days));
    if (can_have_waiting(unit))
      m.add(p + "midnights_with_waiting_share", midnights_with_waiting_share(u, midnights, waiting));
    m.add(p + "admissions_per_day", ratio_or_zero(static_cast<double>(s.admissions), measured_days));
    m.add(p + "los_mean_days",
          ratio_or_zero(s.clinical_los_days, static_cast<double>(s.treatments_ended)));
    m.add(p + "stay_mean_days",
          ratio_or_zero(s.bed_days_of_departures, static_cast<double>(s.departures)));
    if (has_arrivals[u]) {
      const auto arrivals = static_cast<double>(s.arrivals);
      m.add(p + "arrivals_per_day", ratio_or_zero(arrivals, measured_days));
      m.add(p + "queue_mean", ratio_or_zero(s.area_waiting, measured_days));
      m.add(p + "p_wait", ratio_or_zero(static_cast<double>(s.arrivals_waited),
                                        static_cast<double>(s.arrivals_admitted)));
      m.add(p + "wait_mean_days",
            ratio_or_zero(s.arrival_wait_days, static_cast<double>(s.arrivals_admitted)));
      m.add(p + "diverted", static_cast<double>(s.diverted));
      m.add(p + "p_diverted", ratio_or_zero(static_cast<double>(s.diverted), arrivals));
    }
    m.add(p + "delayed_bed_days", s.area_delayed);
    m.add(p + "delayed_patients", static_cast<double>(s.delayed_patients));
    m.add(p + "delay_mean_days", ratio_or_zero(s.delay_days, static_cast<double>(s.delayed_patients)));
    if (unit.flow.discharge_window.enabled) {
      m.add(p + "discharge_wait_mean", ratio_or_zero(s.awaiting_discharge.area, measured_days));
      m.add(p + "discharge_wait_bed_days", s.awaiting_discharge.area);
      m.add(p + "discharge_wait_mean_days",
            ratio_or_zero(s.discharge_wait_days, static_cast<double>(s.discharges_timed)));
    }
    if (!unit.flow.transfer_delays.empty()) m.add(p + "transfer_delay_bed_days", s.transfer_delay.area);

    // Delayed transfers of care are counted, as in the NHS return, over
    // hospital beds (acute, community and other bed units): A&E trolley waits
    // are reported as A&E waits, and home-based and care-home places are not
    // hospital beds.
    if (traits(unit.kind).hospital_bed) {
      system_delayed_area += s.area_delayed;
      system_occupied_area += s.area_occupied;
    }
  }

  for (std::size_t u = 0; u < n; ++u) {
    if (!traits(model.units[u].kind).emergency_department) continue;
    const auto& s = stats[u];
    const std::string p = "ae." + model.units[u].name + ".";
    const auto attendances = static_cast<double>(s.ed_attendances);
    m.add(p + "attendances", attendances);
    m.add(p + "time_in_department_mean_hours", ratio_or_zero(s.ed_hours, attendances));
    m.add(p + "within_4h", ratio_or_zero(static_cast<double>(s.ed_within_4h), attendances));
    m.add(p + "over_12h", static_cast<double>(s.ed_over_12h));
  }

  for (std::size_t u = 0; u < n; ++u) {
    if (!is_route_target[u]) continue;
    const auto& s = stats[u];
    const std::string p = "pathway." + model.units[u].name + ".";
    const auto referrals = static_cast<double>(s.referrals_in);
    m.add(p + "referrals", referrals);
    m.add(p + "delayed_mean", ratio_or_zero(s.area_delayed_for, measured_days));
    m.add(p + "delayed_bed_days", s.area_delayed_for);
    m.add(p + "p_delayed", ratio_or_zero(static_cast<double>(s.delayed_in), referrals));
    m.add(p + "delay_mean_days", ratio_or_zero(s.delay_in_days, static_cast<double>(s.delayed_in)));
    m.add(p + "delay_mean_days_all_referrals", ratio_or_zero(s.delay_in_days, referrals));
  }

  m.add("system.delayed_mean", ratio_or_zero(system_delayed_area, measured_days));
  m.add("system.delayed_bed_days", system_delayed_area);
  m.add("system.occupied_bed_days", system_occupied_area);
  m.add("system.delayed_share_of_occupied_bed_days",
        ratio_or_zero(system_delayed_area, system_occupied_area));

  add_cost_metrics(model, stats, visits, measured_days, metrics);
  return metrics;
}

}  // namespace

std::vector<Metric> report_metrics(const ModelDefinition& model,
                                   const std::vector<UnitStatistics>& stats, double measured_days,
                                   const std::vector<std::vector<double>>& daily_census,
                                   const std::vector<double>& visits,
                                   const std::vector<std::vector<double>>* daily_capacity,
                                   const DailyWaiting& waiting) {
  return metrics_over(model, stats, measured_days,
                      {model.run.warmup_days, model.run.horizon_days, daily_capacity}, daily_census,
                      visits, waiting);
}

std::vector<Metric> report_metrics(const ModelDefinition& model,
                                   const std::vector<UnitStatistics>& stats, double start_day,
                                   double end_day, const std::vector<std::vector<double>>& daily_census,
                                   const std::vector<double>& visits,
                                   const std::vector<std::vector<double>>* daily_capacity,
                                   const DailyWaiting& waiting) {
  return metrics_over(model, stats, end_day - start_day, {start_day, end_day, daily_capacity},
                      daily_census, visits, waiting);
}

}  // namespace flowsim::models
