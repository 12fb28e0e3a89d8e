#pragma once
// A small converter from flowsim's event log (`flowsim run --event-log`,
// events.csv) to an episode extract, so that a simulated system can be fitted
// and the fit checked against the scenario that made it (docs/fitting.md,
// "Closing the loop"). Each admission to a unit opens an episode; a move or
// an exit closes it, its `to` the destination; a stay open at the end of the
// log is still in. The source is the arrival source for a first unit and the
// previous unit after a move. Times are days from the run's day 0, placed in
// the calendar at start_date.
#include <string>

namespace flowsim::fit {

struct EventLogConversion {
  std::string episodes_csv;  // the extract, with its header
  std::string error;         // non-empty when the log could not be read
  std::size_t episodes = 0;
};

// replication: which replication of the log to convert; dates_only: write
// dates without times, as many hospital extracts do (the fit then treats
// stays as whole days).
[[nodiscard]] EventLogConversion episodes_from_event_log(const std::string& events_csv_text,
                                                         const std::string& start_date, int replication,
                                                         bool dates_only = false);

}  // namespace flowsim::fit
