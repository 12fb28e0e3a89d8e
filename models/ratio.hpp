#pragma once

namespace flowsim::models {

// A share or rate in a report: numerator / denominator, or 0 where nothing
// was measured (a unit with no admissions reports no delayed share rather
// than NaN).
inline double ratio_or_zero(double numerator, double denominator) {
  return denominator > 0.0 ? numerator / denominator : 0.0;
}

}  // namespace flowsim::models
