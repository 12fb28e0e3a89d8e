#include "models/model_definition.hpp"

#include <algorithm>

namespace flowsim::models {

bool ArrivalSource::homogeneous() const {
  const auto is_one = [](double m) { return m == 1.0; };
  return !replay && growth_per_year == 0.0 && rate_by_day.empty() && rate_by_hour.empty() &&
         std::all_of(hour_of_day.begin(), hour_of_day.end(), is_one) &&
         std::all_of(day_of_week.begin(), day_of_week.end(), is_one);
}

std::optional<std::uint32_t> ModelDefinition::find_unit(const std::string& unit_name) const {
  for (std::uint32_t i = 0; i < units.size(); ++i)
    if (units[i].name == unit_name) return i;
  return std::nullopt;
}

}  // namespace flowsim::models
