#pragma once
// The fit's tables: fit_table.csv (tidy, one row per unit, group and
// distribution, the Kaplan-Meier values beside each), fit_arrivals.csv,
// fit_routes.csv, and the console text a modeller reads: per unit the ranked
// fits next to Kaplan-Meier.
#include <string>

#include "tools/fit/extract_fit.hpp"

namespace flowsim::fit {

[[nodiscard]] std::string fit_table_csv(const ExtractFit& fit);
[[nodiscard]] std::string arrivals_csv(const ExtractFit& fit);
[[nodiscard]] std::string routes_csv(const ExtractFit& fit);
[[nodiscard]] std::string console_text(const ExtractFit& fit);

}  // namespace flowsim::fit
