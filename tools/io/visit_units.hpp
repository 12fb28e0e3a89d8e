#pragma once
// Units limited by carer visits a day rather than by places (home care and
// reablement with services.visits and a finite per_day). Their capacity is
// visits, so `run`, `check` and `validate` show visits needed or made
// against visits available, not an occupancy of places they do not have.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "models/traffic.hpp"

namespace flowsim::tools {

// The unit's visits a day, or nothing when it has no visit limit.
[[nodiscard]] std::optional<std::int64_t> visit_limit(const models::UnitDefinition& unit);

// Its cell in a table's capacity column: "1275 v/d" (carer visits a day).
[[nodiscard]] std::string visit_capacity_cell(std::int64_t visits_per_day);

// A count with thousands separators, as planners write it: 1,275.
[[nodiscard]] std::string with_thousands(double value);

// What `check` and `validate` print under their table for each unit with a
// visit limit: its capacity in visits and the visits a day its arrivals need
// (traffic equations × mean visits of a stay). Empty when there is none.
[[nodiscard]] std::string visit_load_notes(const models::ModelDefinition& model,
                                           const std::vector<models::UnitLoad>& loads);

}  // namespace flowsim::tools
