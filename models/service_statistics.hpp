#pragma once
// Tallies of the services beyond plain beds (visits, admission avoidance,
// readmissions, electives) and of departures by exit, for one replication.
// Counters count from the end of the warm-up (RunStatistics drops what came
// before); the visit ledger keeps every day and is read over the measured days
// when reported.
#include <cstdint>
#include <vector>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"
#include "models/visit_capacity.hpp"

namespace flowsim::models {

struct AvoidanceCounts {
  std::uint64_t referred = 0;            // patients who arrived at the service
  std::uint64_t seen = 0;                // of those, started by it
  std::uint64_t bypassed_when_full = 0;  // not started: sent on by the usual route at once
  std::uint64_t resolved = 0;            // seen, then resolved (no usual route)
  std::uint64_t passed_on = 0;           // seen, then sent on by the usual route
};

struct ReadmissionCounts {
  std::uint64_t discharges = 0;    // departures to an exit that can lead to a readmission
  std::uint64_t readmissions = 0;  // of those, drawn to come back
  std::uint64_t returned = 0;      // readmitted patients who arrived in the measured period
};

struct ElectiveCounts {
  std::uint64_t booked = 0;    // new operations scheduled
  std::uint64_t attempts = 0;  // operations due, rebooked ones included
  std::uint64_t admitted = 0;
  std::uint64_t cancelled = 0;  // no free bed on the day
  std::uint64_t given_up = 0;   // cancelled after max_rebookings rebookings
};

struct ServiceStatistics {
  explicit ServiceStatistics(const ModelDefinition& model)
      : visit_ledgers(model.units.size()),
        avoidance(model.units.size()),
        readmission(model.units.size()),
        exits_by_unit(model.units.size(), std::vector<std::uint64_t>(model.exits.size(), 0)),
        electives(model.electives.size()) {}

  std::vector<VisitLedger> visit_ledgers;  // used by units with visits
  std::vector<AvoidanceCounts> avoidance;
  std::vector<ReadmissionCounts> readmission;
  std::vector<std::vector<std::uint64_t>> exits_by_unit;  // [unit][exit]
  std::vector<ElectiveCounts> electives;

  // Zeroes the counters; the visit ledgers, which admissions consult, stay.
  void reset_counts();
};

// The counters of 'later' less those of 'earlier' (taken before it from the
// same run); the visit ledgers are 'later's.
[[nodiscard]] ServiceStatistics counted_between(const ServiceStatistics& earlier,
                                                const ServiceStatistics& later);

// Home-care visits made in each unit over the whole days of [start_day,
// end_day) (0 where a unit has no visits); priced by costs.per_visit.
[[nodiscard]] std::vector<double> visits_made(const ModelDefinition& model,
                                              const ServiceStatistics& stats, double start_day,
                                              double end_day);

// Appends the metrics of these services (section 10 of the scenario
// reference) for the measured period [warmup_days, horizon_days).
void report_service_metrics(const ModelDefinition& model, const ServiceStatistics& stats,
                            std::vector<Metric>& metrics);
// The same for the days [start_day, end_day) of the run (a period of it).
void report_service_metrics(const ModelDefinition& model, const ServiceStatistics& stats,
                            double start_day, double end_day, std::vector<Metric>& metrics);

}  // namespace flowsim::models
