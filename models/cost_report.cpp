#include "models/cost_report.hpp"

#include <algorithm>

namespace flowsim::models {

namespace {

double per_year(double total, double measured_days) {
  return measured_days > 0.0 ? total / measured_days * 365.0 : 0.0;
}

bool prices_unserved(const UnitCosts& c) {
  return c.per_waiting_day_gbp > 0.0 || c.per_diverted_gbp > 0.0 || c.per_left_waiting_gbp > 0.0;
}

}  // namespace

UnitCost unit_cost(const UnitDefinition& unit, const UnitStatistics& s, double visits) {
  const UnitCosts& c = unit.costs;
  UnitCost cost;
  // An unlimited unit has no staffed capacity to pay for.
  if (!unit.unlimited()) cost.fixed_gbp = s.area_capacity * c.per_available_bed_day_gbp;
  cost.variable_gbp = s.area_occupied * c.per_occupied_bed_day_gbp +
                      s.area_delayed * c.per_delayed_bed_day_gbp +
                      static_cast<double>(s.admissions) * c.per_admission_gbp + visits * c.per_visit_gbp;
  // A queue that shrank over the period served its backlog: nothing left.
  const auto left_waiting = static_cast<double>(std::max<std::int64_t>(s.door_queue_growth, 0));
  cost.unserved_gbp = s.area_waiting * c.per_waiting_day_gbp +
                      static_cast<double>(s.diverted) * c.per_diverted_gbp +
                      left_waiting * c.per_left_waiting_gbp;
  return cost;
}

void add_cost_metrics(const ModelDefinition& model, const std::vector<UnitStatistics>& stats,
                      const std::vector<double>& visits, double measured_days,
                      std::vector<Metric>& metrics) {
  const auto add = [&metrics](std::string name, double value) {
    metrics.push_back(Metric{std::move(name), value});
  };
  UnitCost total;
  double served = 0.0;
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    const UnitDefinition& unit = model.units[u];
    const UnitCost cost = unit_cost(unit, stats[u], u < visits.size() ? visits[u] : 0.0);
    const std::string p = "cost." + unit.name + ".";
    add(p + "fixed_gbp", cost.fixed_gbp);
    add(p + "variable_gbp", cost.variable_gbp);
    if (prices_unserved(unit.costs)) add(p + "unserved_gbp", cost.unserved_gbp);
    add(p + "gbp", cost.fixed_gbp + cost.variable_gbp);
    total.fixed_gbp += cost.fixed_gbp;
    total.variable_gbp += cost.variable_gbp;
    total.unserved_gbp += cost.unserved_gbp;
    served += static_cast<double>(stats[u].arrivals_admitted);
  }
  const double sum = total.fixed_gbp + total.variable_gbp + total.unserved_gbp;
  // Arrivals from outside given a bed or place: a cheaper scenario that
  // served fewer of them is not a saving (compare says so).
  add("cost.patients_served", served);
  add("cost.fixed_gbp", total.fixed_gbp);
  add("cost.variable_gbp", total.variable_gbp);
  add("cost.unserved_gbp", total.unserved_gbp);
  add("cost.total_gbp", sum);
  add("cost.fixed_gbp_per_year", per_year(total.fixed_gbp, measured_days));
  add("cost.variable_gbp_per_year", per_year(total.variable_gbp, measured_days));
  add("cost.unserved_gbp_per_year", per_year(total.unserved_gbp, measured_days));
  add("cost.total_gbp_per_year", per_year(sum, measured_days));
}

}  // namespace flowsim::models
