#pragma once
// Before a run: how much work, memory and output a scenario will need,
// estimated from the traffic equations (arrivals per day at each unit and
// the offered load) so that a run that cannot finish, or that would be
// killed for memory, is refused with a reason instead of started.
#include <cstdint>
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "models/traffic.hpp"

namespace flowsim::models {

struct RunEstimate {
  double arrivals_per_replication = 0.0;       // all sources, growth included
  double largest_source_arrivals = 0.0;        // the busiest source, per replication
  double patients_per_replication = 0.0;       // arrivals plus the starting census
  double events_per_replication = 0.0;         // arrivals, stay ends, midnights, thinning draws
  double logged_events_per_replication = 0.0;  // lines of events.csv (--event-log)
  double peak_patients_present = 0.0;          // per replication: in beds and in queues
  double memory_bytes = 0.0;                   // whole run on the given threads
  double output_bytes = 0.0;                   // files written
  double event_log_bytes = 0.0;                // of which events.csv (--event-log)
  std::uint32_t replications = 0;
  [[nodiscard]] double total_events() const { return events_per_replication * replications; }
};

struct RunEstimateOptions {
  std::uint32_t replications = 1;
  unsigned threads = 1;
  std::uint32_t logged_replications = 0;  // replications whose events go to events.csv
  bool series = false;                    // series.csv: every replication's daily series
};

[[nodiscard]] RunEstimate estimate_run(const ModelDefinition& model, const std::vector<UnitLoad>& loads,
                                       const RunEstimateOptions& options);

struct RunLimits {
  double max_total_events = 2e10;  // about an hour on two cores at the measured speed
  double max_output_bytes = 10e9;
  double available_memory_bytes = 0.0;  // 0: not checked
  double memory_share = 0.8;            // of the available memory
};

struct LimitFindings {
  std::vector<std::string> hard;  // cannot be run correctly at all, even with --force
  std::vector<std::string> soft;  // refused unless the user insists (--force)
};

[[nodiscard]] LimitFindings check_limits(const RunEstimate& estimate, const RunLimits& limits);

// "1.2 GiB", "340 MiB": for messages.
[[nodiscard]] std::string format_bytes(double bytes);

}  // namespace flowsim::models
