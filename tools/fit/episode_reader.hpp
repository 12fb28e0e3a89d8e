#pragma once
// The episode extract flowsim fit reads (docs/fitting.md): one row a stay in
// a unit, `episode_id, unit, admitted, discharged[, group, source,
// destination]`, or an A&E attendance extract, `arrived, departed,
// admitted_to`, read as stays in the unit `ae`. Every bad row is reported at
// once, with file:line:column and the column's name.
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/diagnostics.hpp"

namespace flowsim::fit {

struct Episode {
  std::string id;
  std::string unit;
  double admitted = 0.0;             // days since 1970-01-01
  std::optional<double> discharged;  // none: still in at the extract moment
  bool whole_days = false;           // admitted (and discharged) are dates without a time
  std::string group;                 // empty when the extract has no group column
  std::string source;                // empty: an admission from outside
  std::string destination;           // empty: not recorded
  int line = 0;
  std::size_t file = 0;      // index in Extract::files
  double censored_at = 0.0;  // its file's extract moment (when still in)
};

// Each file of an extract covers its own span: from its first admission to
// its extract moment (--extract-date, or by default its own latest date), so
// an A&E extract of one month beside two years of episodes is counted over
// its month.
struct ExtractFile {
  std::string name;
  double first_admission = 0.0;
  double extract_moment = 0.0;
};

struct Extract {
  std::vector<Episode> episodes;
  std::vector<ExtractFile> files;
  // The moment the extract was taken (the latest of its files'): the
  // census is taken here. A date means the end of that day.
  double extract_moment = 0.0;
  bool has_group = false;
  bool has_source = false;
  bool has_destination = false;
};

// The unit an attendance extract's rows are stays in.
inline constexpr const char* kAttendanceUnit = "ae";

// Reads one or more files (episodes or attendances, told apart by their
// header) into one extract; extract_date is `--extract-date` text or empty.
// Errors go to diagnostics and the result is then nullopt.
[[nodiscard]] std::optional<Extract> read_extracts(const std::vector<std::string>& paths,
                                                   const std::string& extract_date,
                                                   scenario::Diagnostics& diagnostics);
// The same from text, as if read from a file named display_name.
[[nodiscard]] std::optional<Extract> read_extract_text(const std::string& text,
                                                       const std::string& display_name,
                                                       const std::string& extract_date,
                                                       scenario::Diagnostics& diagnostics);

}  // namespace flowsim::fit
