#include "tools/io/visit_units.hpp"

#include <cmath>

#include <fmt/format.h>

namespace flowsim::tools {

std::optional<std::int64_t> visit_limit(const models::UnitDefinition& unit) {
  const auto& visits = unit.services.visits;
  if (!visits || visits->visits_per_day == models::kUnlimited) return std::nullopt;
  return visits->visits_per_day;
}

std::string visit_capacity_cell(std::int64_t visits_per_day) {
  return fmt::format("{} v/d", visits_per_day);
}

std::string with_thousands(double value) {
  const std::string digits = fmt::format("{:.0f}", std::abs(value));
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return (value < 0.0 && digits != "0" ? "-" : "") + grouped;
}

std::string visit_load_notes(const models::ModelDefinition& model,
                             const std::vector<models::UnitLoad>& loads) {
  std::string notes;
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    const auto& unit = model.units[u];
    const auto limit = visit_limit(unit);
    if (!limit) continue;
    const models::UnitLoad& load = loads[u];
    const double share = load.offered_visits_per_day / static_cast<double>(*limit);
    const double per_stay =
        load.arrivals_per_day > 0.0 ? load.offered_visits_per_day / load.arrivals_per_day : 0.0;
    notes += fmt::format(
        "{} is limited by carer visits{}: capacity {} carer visits a day (v/d);\n  its {:.2f} "
        "referrals a day × {:.1f} visits a stay need {} visits a day, {:.1f}% of those "
        "available{}.\n",
        unit.name,
        unit.unlimited() ? ", not places" : fmt::format(" as well as {} places", unit.capacity),
        with_thousands(static_cast<double>(*limit)), load.arrivals_per_day, per_stay,
        with_thousands(load.offered_visits_per_day), 100.0 * share,
        share >= 1.0 ? "; more visits are needed than are available, so people will wait for a "
                       "package"
                     : "");
  }
  return notes;
}

}  // namespace flowsim::tools
