#pragma once
// Moments in an extract, as ISO 8601 text ("2019-01-31", "2019-01-31 14:05",
// "2019-01-31T14:05:30"), held as days since 1970-01-01 00:00 (a double, so
// the arithmetic of stays is plain subtraction).
#include <optional>
#include <string>

namespace flowsim::fit {

struct Moment {
  double days = 0.0;       // since 1970-01-01 00:00
  bool date_only = false;  // no time of day was given
};

// Nullopt unless the text is a real date, optionally with a time of day.
[[nodiscard]] std::optional<Moment> parse_moment(const std::string& text);
// "YYYY-MM-DD HH:MM:SS" (seconds rounded), or "YYYY-MM-DD" for a whole day.
[[nodiscard]] std::string format_moment(double days, bool date_only);

}  // namespace flowsim::fit
