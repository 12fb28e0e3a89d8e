#pragma once
// Money as NHS finance counts it, per unit over one measured period:
//  - fixed: staffed capacity in force, paid whether a bed is used or not
//    (available bed-days x per_available_bed_day); it falls only when
//    capacity closes, so a difference here is cash-releasing;
//  - variable: what each patient adds (occupied and delayed bed-days,
//    admissions or A&E attendances, home-care visits); a difference here
//    with capacity unchanged frees bed-days but releases no cash;
//  - unserved: demand the system did not serve, which is never free
//    (patient-days waiting at the door for a bed, arrivals turned away,
//    patients the period leaves waiting at the door).
// Callers pass the statistics of whichever period they report, so results
// split by period use the same arithmetic as the whole run.
#include <cstdint>
#include <vector>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"
#include "models/unit_statistics.hpp"

namespace flowsim::models {

struct UnitCost {
  double fixed_gbp = 0.0;
  double variable_gbp = 0.0;
  double unserved_gbp = 0.0;
};

// One unit's money over the period of 's'; 'visits' is the home-care visits
// made there in that period (0 for units without visits).
[[nodiscard]] UnitCost unit_cost(const UnitDefinition& unit, const UnitStatistics& s, double visits);

// Appends cost.<unit>.{fixed,variable,gbp}_gbp (and unserved_gbp where the
// unit prices unserved demand), cost.patients_served, the system totals
// cost.{fixed,variable,unserved,total}_gbp and their _per_year variants
// (scaled to 365 days of 'measured_days'). 'visits' is per unit, empty for
// none. The names depend only on the scenario.
void add_cost_metrics(const ModelDefinition& model, const std::vector<UnitStatistics>& stats,
                      const std::vector<double>& visits, double measured_days,
                      std::vector<Metric>& metrics);

}  // namespace flowsim::models
