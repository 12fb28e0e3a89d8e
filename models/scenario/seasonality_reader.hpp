#pragma once
// Reads a seasonal block: multipliers by month of the year, by date range
// (winter) and by named date (bank holidays), used on an arrival source's
// rate (arrivals.<source>.seasonal) and on a unit's lengths of stay
// (units.<unit>.los_seasonal). They compose by multiplication, with each
// other and with the hour-of-day and day-of-week profiles.
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "models/model_definition.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace flowsim::scenario {

// The multiplier in force on each day of the run (day d covers [d, d + 1)),
// ceil(horizon_days) of them; std::nullopt after reporting a problem. Needs
// run.start_date, read before.
[[nodiscard]] std::optional<std::vector<double>> read_daily_multipliers(const YamlReader& reader,
                                                                        const YAML::Node& node,
                                                                        const std::string& path,
                                                                        const models::RunSettings& run);

}  // namespace flowsim::scenario
