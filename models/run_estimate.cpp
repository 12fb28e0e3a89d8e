#include "models/run_estimate.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "models/patient.hpp"
#include "models/replication_result.hpp"
#include "sim/event_queue.hpp"

namespace flowsim::models {

namespace {

// Bytes per patient present: the pool slot, one pending event, a waiting-list
// slot, and the doubling slack of the vectors that hold them.
constexpr double kBytesPerPatient =
    2.0 * (sizeof(Patient) + sizeof(PatientWait) + sizeof(sim::Event) + 4.0);
// Metrics per unit and per exit (an over-estimate of report_metrics' count).
constexpr double kMetricsPerUnit = 40.0;
constexpr double kMetricsPerExit = 8.0;
constexpr double kBytesPerMetric = 64.0;          // name and value in memory
constexpr double kBytesPerReplicationRow = 60.0;  // replications.csv
constexpr double kBytesPerOccupancyRow = 160.0;   // occupancy.csv
constexpr double kBytesPerLoggedEventRow = 60.0;  // events.csv
constexpr double kBytesPerSeriesRow = 40.0;       // series.csv
// Patient numbers are 32-bit keys of their random draws: past 2^32 arrivals
// a source would repeat earlier patients' draws.
constexpr double kLargestSourceArrivals = 4294967296.0;

// Mean of (1 + g)^(t / 365) over [0, horizon]: the growth factor of the
// expected number of arrivals.
double mean_growth(double growth, double horizon_days) {
  if (growth == 0.0) return 1.0;
  const double log_rate = std::log1p(growth) / 365.0;
  return std::expm1(log_rate * horizon_days) / (log_rate * horizon_days);
}

}  // namespace

RunEstimate estimate_run(const ModelDefinition& model, const std::vector<UnitLoad>& loads,
                         const RunEstimateOptions& options) {
  RunEstimate e;
  e.replications = options.replications;
  const double horizon = model.run.horizon_days;
  double external_per_day = 0.0;
  double growth_at_end = 1.0;
  double thinning_draws = 0.0;
  for (const auto& source : model.sources) {
    const double growth = mean_growth(source.growth_per_year, horizon);
    const double arrivals = source.rate_per_day * horizon * growth;
    e.arrivals_per_replication += arrivals;
    e.largest_source_arrivals = std::max(e.largest_source_arrivals, arrivals);
    external_per_day += source.rate_per_day;
    const double end = std::pow(1.0 + source.growth_per_year, horizon / 365.0);
    growth_at_end = std::max(growth_at_end, end);
    if (!source.homogeneous()) {
      // Candidates at the peak rate, two uniforms each (see schedule_next_arrival).
      const double peak = *std::max_element(source.hour_of_day.begin(), source.hour_of_day.end()) *
                          *std::max_element(source.day_of_week.begin(), source.day_of_week.end()) *
                          std::max(1.0, end);
      thinning_draws += source.rate_per_day * peak * horizon;
    }
  }
  double census = 0.0;
  double visits_per_day = 0.0;
  double present = 0.0;
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    const auto& unit = model.units[u];
    census += static_cast<double>(unit.census.patients);
    visits_per_day += loads[u].arrivals_per_day;
    // Little's law for those in beds; an overloaded unit with an unlimited
    // queue adds the excess arrivals of the whole run to its queue.
    const double offered = loads[u].offered_load * growth_at_end;
    const double capacity = unit.unlimited() ? offered : static_cast<double>(unit.capacity);
    present += std::min(offered, capacity) + static_cast<double>(unit.census.patients);
    if (!unit.unlimited() && offered > capacity && loads[u].offered_load > 0.0) {
      const double excess_per_day =
          loads[u].arrivals_per_day * growth_at_end * (1.0 - capacity / offered);
      const double queue_room = unit.queue_limit == kUnlimited ? excess_per_day * horizon
                                                               : static_cast<double>(unit.queue_limit);
      present += std::min(excess_per_day * horizon, queue_room);
    }
  }
  const double visits_per_arrival = external_per_day > 0.0 ? visits_per_day / external_per_day : 0.0;
  e.patients_per_replication = e.arrivals_per_replication + census;
  e.events_per_replication =
      e.arrivals_per_replication * (1.0 + visits_per_arrival) + census + horizon + thinning_draws;
  e.peak_patients_present = present;
  // The log has a line per arrival, and per stay an admission, a fit-to-leave
  // and a move or exit (R1: 3.48 million lines a replication, this says 3.45).
  e.logged_events_per_replication =
      e.arrivals_per_replication * (1.0 + 3.0 * visits_per_arrival) + 3.0 * census;

  const double units = static_cast<double>(model.units.size());
  const double days = std::floor(horizon + 1e-9);
  const double metrics =
      units * kMetricsPerUnit + static_cast<double>(model.exits.size()) * kMetricsPerExit;
  const double result_bytes = 2.0 * units * days * sizeof(double) + metrics * kBytesPerMetric;
  const double reps = static_cast<double>(options.replications);
  const double threads = std::min<double>(std::max(1U, options.threads), reps);
  const double logged_events =
      static_cast<double>(std::min(options.logged_replications, options.replications)) *
      e.logged_events_per_replication;
  e.memory_bytes = threads * (present * kBytesPerPatient + result_bytes) + reps * result_bytes +
                   logged_events * sizeof(LoggedEvent);
  e.output_bytes = reps * metrics * kBytesPerReplicationRow + units * days * kBytesPerOccupancyRow +
                   logged_events * kBytesPerLoggedEventRow +
                   (options.series ? reps * units * days * kBytesPerSeriesRow : 0.0);
  e.event_log_bytes = logged_events * kBytesPerLoggedEventRow;
  return e;
}

LimitFindings check_limits(const RunEstimate& e, const RunLimits& limits) {
  LimitFindings findings;
  // Written as !(x < limit) so that a NaN estimate is refused too.
  if (!(e.largest_source_arrivals < kLargestSourceArrivals))
    findings.hard.push_back(fmt::format(
        "one arrival source brings about {:.3g} patients in a replication; patients are numbered "
        "with 32 bits (at most {:.3g}), so their random draws would repeat",
        e.largest_source_arrivals, kLargestSourceArrivals));
  if (!(e.total_events() <= limits.max_total_events))
    findings.soft.push_back(fmt::format(
        "about {:.3g} events ({:.3g} patients a replication × {} replications) exceeds the limit "
        "of {:.3g} events (about an hour on two cores)",
        e.total_events(), e.patients_per_replication, e.replications, limits.max_total_events));
  if (limits.available_memory_bytes > 0.0 &&
      !(e.memory_bytes <= limits.memory_share * limits.available_memory_bytes))
    findings.soft.push_back(fmt::format(
        "it needs about {} of memory (up to {:.3g} patients present at once in each replication), "
        "more than {:.0f}% of the {} available",
        format_bytes(e.memory_bytes), e.peak_patients_present, limits.memory_share * 100.0,
        format_bytes(limits.available_memory_bytes)));
  if (!(e.output_bytes <= limits.max_output_bytes))
    findings.soft.push_back(fmt::format("it would write about {} of output files, more than {}",
                                        format_bytes(e.output_bytes),
                                        format_bytes(limits.max_output_bytes)));
  return findings;
}

std::string format_bytes(double bytes) {
  constexpr const char* kUnits[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
  std::size_t i = 0;
  while (bytes >= 1024.0 && i + 1 < std::size(kUnits)) {
    bytes /= 1024.0;
    ++i;
  }
  return i == 0 ? fmt::format("{:.0f} bytes", bytes) : fmt::format("{:.1f} {}", bytes, kUnits[i]);
}

}  // namespace flowsim::models
