#pragma once
// The parts of model.json that say how patients are served beyond beds and
// stays, so that the report's STRESS-DES record states what the model does
// rather than a fixed text: each unit's waiting-list order (priorities),
// capacity calendar, discharge window, transfer delays, seasonal stays and
// services; each source's seasonality and referral; the run's calendar and
// elective streams. Absent rules are written as null or empty, never left out.
#include <cstddef>

#include <nlohmann/json.hpp>

#include "models/model_definition.hpp"

namespace flowsim::tools {

// Keys added to unit 'u' of model.json: waiting_list, capacity_calendar,
// discharge_window, transfer_delays, seasonal_stays, services.
void describe_unit_rules(const models::ModelDefinition& model, std::size_t u,
                         nlohmann::ordered_json& unit);

// Keys added to source 's': seasonal, referral.
void describe_source_rules(const models::ModelDefinition& model, std::size_t s,
                           nlohmann::ordered_json& source);

// {"start_weekday": "Monday", "start_date": "2016-04-01" or null}.
[[nodiscard]] nlohmann::ordered_json describe_calendar(const models::RunSettings& run);

// The scheduled elective admissions, one entry a stream.
[[nodiscard]] nlohmann::ordered_json describe_electives(const models::ModelDefinition& model);

}  // namespace flowsim::tools
