#include "models/metrics_report.hpp"

#include <cmath>

#include <fmt/format.h>

namespace flowsim::models {

namespace {

double ratio(double numerator, double denominator) {
  return denominator > 0.0 ? numerator / denominator : 0.0;
}

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

bool counts_as_hospital_bed(UnitKind kind) {
  return kind == UnitKind::Acute || kind == UnitKind::Community || kind == UnitKind::Other;
}

class MetricWriter {
 public:
  explicit MetricWriter(std::vector<Metric>& out) : out_(out) {}
  void add(std::string name, double value) { out_.push_back(Metric{std::move(name), value}); }

 private:
  std::vector<Metric>& out_;
};

}  // namespace

std::vector<Metric> report_metrics(const ModelDefinition& model,
                                   const std::vector<UnitStatistics>& stats,
                                   double measured_days) {
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
  double total_cost = 0.0;
  std::vector<double> unit_cost(n, 0.0);

  for (std::size_t u = 0; u < n; ++u) {
    const auto& unit = model.units[u];
    const auto& s = stats[u];
    const std::string p = "unit." + unit.name + ".";
    m.add(p + "occupancy_mean", ratio(s.area_occupied, measured_days));
    m.add(p + "occupancy_peak", static_cast<double>(s.peak_occupied));
    // Against the capacity in force at each moment (capacity calendars).
    if (!unit.unlimited()) {
      m.add(p + "capacity_mean", ratio(s.area_capacity, measured_days));
      m.add(p + "utilisation", ratio(s.area_occupied, s.area_capacity));
      // The planning view: occupancy exceeded only 5% of the time, as a
      // share of the mean capacity in force (the target "occupancy.p95 <=
      // 0.92" of `size`).
      m.add(p + "utilisation_p95",
            ratio(occupancy_quantile(s.time_at_occupancy, 0.95), ratio(s.area_capacity, measured_days)));
      for (std::size_t i = 0; i < kOccupancyLevels.size(); ++i)
        m.add(fmt::format("{}time_at_or_above_{:.0f}pct", p, kOccupancyLevels[i] * 100),
              ratio(s.time_at_or_above[i], measured_days));
    }
    m.add(p + "in_treatment_mean",
          ratio(s.area_occupied - s.area_delayed - s.awaiting_discharge.area, measured_days));
    m.add(p + "delayed_mean", ratio(s.area_delayed, measured_days));
    m.add(p + "admissions_per_day", ratio(static_cast<double>(s.admissions), measured_days));
    m.add(p + "los_mean_days", ratio(s.clinical_los_days, static_cast<double>(s.treatments_ended)));
    m.add(p + "stay_mean_days", ratio(s.bed_days_of_departures, static_cast<double>(s.departures)));
    if (has_arrivals[u]) {
      const auto arrivals = static_cast<double>(s.arrivals);
      m.add(p + "arrivals_per_day", ratio(arrivals, measured_days));
      m.add(p + "queue_mean", ratio(s.area_waiting, measured_days));
      m.add(p + "p_wait", ratio(static_cast<double>(s.arrivals_waited),
                                static_cast<double>(s.arrivals_admitted)));
      m.add(p + "wait_mean_days",
            ratio(s.arrival_wait_days, static_cast<double>(s.arrivals_admitted)));
      m.add(p + "diverted", static_cast<double>(s.diverted));
      m.add(p + "p_diverted", ratio(static_cast<double>(s.diverted), arrivals));
    }
    m.add(p + "delayed_bed_days", s.area_delayed);
    m.add(p + "delayed_patients", static_cast<double>(s.delayed_patients));
    m.add(p + "delay_mean_days", ratio(s.delay_days, static_cast<double>(s.delayed_patients)));
    if (unit.flow.discharge_window.enabled) {
      m.add(p + "discharge_wait_mean", ratio(s.awaiting_discharge.area, measured_days));
      m.add(p + "discharge_wait_bed_days", s.awaiting_discharge.area);
      m.add(p + "discharge_wait_mean_days",
            ratio(s.discharge_wait_days, static_cast<double>(s.discharges_timed)));
    }
    if (!unit.flow.transfer_delays.empty())
      m.add(p + "transfer_delay_bed_days", s.transfer_delay.area);

    // Delayed transfers of care are counted, as in the NHS return, over
    // hospital beds (acute, community and other bed units): A&E trolley waits
    // are reported as A&E waits, and home-based and care-home places are not
    // hospital beds.
    if (counts_as_hospital_bed(unit.kind)) {
      system_delayed_area += s.area_delayed;
      system_occupied_area += s.area_occupied;
    }
    const auto& c = unit.costs;
    double cost = s.area_occupied * c.per_occupied_bed_day_gbp +
                  s.area_delayed * c.per_delayed_bed_day_gbp +
                  static_cast<double>(s.admissions) * c.per_admission_gbp;
    if (!unit.unlimited()) cost += s.area_capacity * c.per_available_bed_day_gbp;
    unit_cost[u] = cost;
    total_cost += cost;
  }

  for (std::size_t u = 0; u < n; ++u) {
    if (model.units[u].kind != UnitKind::EmergencyDepartment) continue;
    const auto& s = stats[u];
    const std::string p = "ae." + model.units[u].name + ".";
    const auto attendances = static_cast<double>(s.ed_attendances);
    m.add(p + "attendances", attendances);
    m.add(p + "time_in_department_mean_hours", ratio(s.ed_hours, attendances));
    m.add(p + "within_4h", ratio(static_cast<double>(s.ed_within_4h), attendances));
    m.add(p + "over_12h", static_cast<double>(s.ed_over_12h));
  }

  for (std::size_t u = 0; u < n; ++u) {
    if (!is_route_target[u]) continue;
    const auto& s = stats[u];
    const std::string p = "pathway." + model.units[u].name + ".";
    const auto referrals = static_cast<double>(s.referrals_in);
    m.add(p + "referrals", referrals);
    m.add(p + "delayed_mean", ratio(s.area_delayed_for, measured_days));
    m.add(p + "delayed_bed_days", s.area_delayed_for);
    m.add(p + "p_delayed", ratio(static_cast<double>(s.delayed_in), referrals));
    m.add(p + "delay_mean_days", ratio(s.delay_in_days, static_cast<double>(s.delayed_in)));
    m.add(p + "delay_mean_days_all_referrals", ratio(s.delay_in_days, referrals));
  }

  m.add("system.delayed_mean", ratio(system_delayed_area, measured_days));
  m.add("system.delayed_bed_days", system_delayed_area);
  m.add("system.occupied_bed_days", system_occupied_area);
  m.add("system.delayed_share_of_occupied_bed_days", ratio(system_delayed_area, system_occupied_area));

  for (std::size_t u = 0; u < n; ++u) m.add("cost." + model.units[u].name + ".gbp", unit_cost[u]);
  m.add("cost.total_gbp", total_cost);
  m.add("cost.total_gbp_per_year", ratio(total_cost, measured_days) * 365.0);
  return metrics;
}

}  // namespace flowsim::models
