#include <cmath>

#include "models/ratio.hpp"
#include "models/service_statistics.hpp"
#include "models/unit_kinds.hpp"

namespace flowsim::models {

namespace {

double count(std::uint64_t n) { return static_cast<double>(n); }

bool routes_to_exit(const UnitDefinition& unit, std::size_t exit) {
  for (const auto& table : unit.routes_by_group)
    for (std::size_t i = 0; i < table.destinations.size(); ++i)
      if (table.destinations[i].is_exit && table.destinations[i].index == exit &&
          table.cumulative[i + 1] > table.cumulative[i])
        return true;
  return false;
}

// Visits are booked by calendar day: the whole days inside [start, end).
struct WholeDays {
  std::int64_t first = 0;
  std::int64_t last = 0;
};
WholeDays whole_days(double start_day, double end_day) {
  return {static_cast<std::int64_t>(std::ceil(start_day - 1e-9)),
          static_cast<std::int64_t>(std::floor(end_day + 1e-9))};
}

}  // namespace

std::vector<double> visits_made(const ModelDefinition& model, const ServiceStatistics& stats,
                                double start_day, double end_day) {
  const auto [first_day, last_day] = whole_days(start_day, end_day);
  std::vector<double> visits(model.units.size(), 0.0);
  for (std::size_t u = 0; u < model.units.size(); ++u)
    if (model.units[u].services.visits && last_day > first_day)
      visits[u] =
          stats.visit_ledgers[u].mean(first_day, last_day) * static_cast<double>(last_day - first_day);
  return visits;
}

void ServiceStatistics::reset_counts() {
  avoidance.assign(avoidance.size(), AvoidanceCounts{});
  readmission.assign(readmission.size(), ReadmissionCounts{});
  for (auto& exits : exits_by_unit) exits.assign(exits.size(), 0);
  electives.assign(electives.size(), ElectiveCounts{});
}

namespace {

// Subtracts each of the named counters of 'earlier' from those of 'counts'.
template <class Counts, class... Counters>
void subtract(Counts& counts, const Counts& earlier, Counters... counters) {
  ((counts.*counters -= earlier.*counters), ...);
}

}  // namespace

ServiceStatistics counted_between(const ServiceStatistics& earlier, const ServiceStatistics& later) {
  ServiceStatistics d = later;
  for (std::size_t u = 0; u < d.avoidance.size(); ++u)
    subtract(d.avoidance[u], earlier.avoidance[u], &AvoidanceCounts::referred, &AvoidanceCounts::seen,
             &AvoidanceCounts::bypassed_when_full, &AvoidanceCounts::resolved,
             &AvoidanceCounts::passed_on);
  for (std::size_t u = 0; u < d.readmission.size(); ++u)
    subtract(d.readmission[u], earlier.readmission[u], &ReadmissionCounts::discharges,
             &ReadmissionCounts::readmissions, &ReadmissionCounts::returned);
  for (std::size_t u = 0; u < d.exits_by_unit.size(); ++u)
    for (std::size_t x = 0; x < d.exits_by_unit[u].size(); ++x)
      d.exits_by_unit[u][x] -= earlier.exits_by_unit[u][x];
  for (std::size_t s = 0; s < d.electives.size(); ++s)
    subtract(d.electives[s], earlier.electives[s], &ElectiveCounts::booked, &ElectiveCounts::attempts,
             &ElectiveCounts::admitted, &ElectiveCounts::cancelled, &ElectiveCounts::given_up);
  return d;
}

void report_service_metrics(const ModelDefinition& model, const ServiceStatistics& stats,
                            std::vector<Metric>& metrics) {
  report_service_metrics(model, stats, model.run.warmup_days, model.run.horizon_days, metrics);
}

void report_service_metrics(const ModelDefinition& model, const ServiceStatistics& stats,
                            double start_day, double end_day, std::vector<Metric>& metrics) {
  const auto add = [&metrics](std::string name, double value) {
    metrics.push_back(Metric{std::move(name), value});
  };
  const auto [first_day, last_day] = whole_days(start_day, end_day);

  for (std::size_t u = 0; u < model.units.size(); ++u) {
    const UnitDefinition& unit = model.units[u];
    const std::string name = unit.name;
    if (const auto& visits = unit.services.visits) {
      const VisitLedger& ledger = stats.visit_ledgers[u];
      const double mean = ledger.mean(first_day, last_day);
      add("unit." + name + ".visits_mean_per_day", mean);
      add("unit." + name + ".visits_peak_per_day",
          static_cast<double>(ledger.peak(first_day, last_day)));
      if (visits->visits_per_day != kUnlimited) {
        add("unit." + name + ".visit_utilisation",
            ratio_or_zero(mean, static_cast<double>(visits->visits_per_day)));
        // Days on which every visit available was made: the service could
        // start nobody more that day.
        add("unit." + name + ".visit_limit_days_share",
            ratio_or_zero(static_cast<double>(
                              ledger.days_at_or_above(first_day, last_day, visits->visits_per_day)),
                          static_cast<double>(last_day - first_day)));
      }
    }
    if (unit.services.avoidance) {
      const AvoidanceCounts& a = stats.avoidance[u];
      const std::string p = "avoidance." + name + ".";
      add(p + "referred", count(a.referred));
      add(p + "seen", count(a.seen));
      add(p + "bypassed_when_full", count(a.bypassed_when_full));
      add(p + "p_bypassed_when_full", ratio_or_zero(count(a.bypassed_when_full), count(a.referred)));
      add(p + "resolved", count(a.resolved));
      add(p + "passed_on", count(a.passed_on));
      add(p + "resolved_share_of_seen",
          ratio_or_zero(count(a.resolved), count(a.resolved + a.passed_on)));
      // A resolved patient does not take the usual route: an avoided admission
      // (or attendance) there.
      add(p + "admissions_avoided", count(a.resolved));
    }
    if (unit.services.readmission) {
      const ReadmissionCounts& r = stats.readmission[u];
      const std::string p = "readmission." + name + ".";
      add(p + "discharges", count(r.discharges));
      add(p + "readmissions", count(r.readmissions));
      add(p + "rate", ratio_or_zero(count(r.readmissions), count(r.discharges)));
      add(p + "returned", count(r.returned));
    }
  }

  for (std::size_t e = 0; e < model.electives.size(); ++e) {
    const ElectiveCounts& c = stats.electives[e];
    const std::string p = "elective." + model.electives[e].name + ".";
    add(p + "booked", count(c.booked));
    add(p + "scheduled", count(c.attempts));
    add(p + "admitted", count(c.admitted));
    add(p + "cancelled", count(c.cancelled));
    add(p + "cancellation_rate", ratio_or_zero(count(c.cancelled), count(c.attempts)));
    add(p + "given_up", count(c.given_up));
  }

  // Departures by exit (deaths among them): where they happened.
  for (std::size_t e = 0; e < model.exits.size(); ++e) {
    const std::string p = "exit." + model.exits[e] + ".";
    std::uint64_t total = 0;
    std::uint64_t hospital = 0;
    for (std::size_t u = 0; u < model.units.size(); ++u) {
      const std::uint64_t n = stats.exits_by_unit[u][e];
      total += n;
      if (traits(model.units[u].kind).in_hospital) hospital += n;
    }
    add(p + "total", count(total));
    add(p + "in_hospital", count(hospital));
    add(p + "outside_hospital", count(total - hospital));
    for (std::size_t u = 0; u < model.units.size(); ++u)
      if (routes_to_exit(model.units[u], e))
        add(p + model.units[u].name, count(stats.exits_by_unit[u][e]));
  }
}

}  // namespace flowsim::models
