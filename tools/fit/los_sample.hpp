#pragma once
// Lengths of stay as a likelihood sees them. A stay is observed exactly
// (date-times, discharged), or only as "longer than" (still in at the extract
// moment: right censoring); with date-only columns it is known only as a
// whole number of days (interval censoring); a stay that began before the
// extract window is seen only because it lasted until the window opened
// (left truncation). Equal observations are merged, with a count, so that a
// million episodes cost what their distinct values cost.
#include <vector>

#include "tools/fit/episode_reader.hpp"

namespace flowsim::fit {

enum class Observed {
  Exact,             // the stay, in days
  AtLeast,           // still in: the stay is longer than value
  WholeDays,         // dates only: discharge date - admission date = value
  WholeDaysAtLeast,  // dates only, still in: the day count will be >= value
};

struct Observation {
  Observed kind = Observed::Exact;
  double value = 0.0;
  // Left truncation: the stay is known to exceed entry (days; whole days for
  // the WholeDays kinds: the day count is >= entry); 0 when not truncated.
  double entry = 0.0;
  double count = 1.0;
};

struct LosSample {
  std::vector<Observation> observations;  // merged, sorted
  double episodes = 0.0;
  double censored = 0.0;    // still in
  double truncated = 0.0;   // begun before the window
  double whole_days = 0.0;  // dates without times
  [[nodiscard]] double events() const { return episodes - censored; }
};

// The sample of the given episodes (a stay still in is censored at its
// file's extract moment); window_start (days since 1970) is the start of the
// extract window: earlier admissions are left-truncated there.
[[nodiscard]] LosSample los_sample(const std::vector<const Episode*>& episodes, double window_start);
// Merges equal observations (same kind, value and entry) and sorts them.
void merge_observations(LosSample& sample);

}  // namespace flowsim::fit
