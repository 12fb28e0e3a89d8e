#pragma once
// Unit kinds' traits, in one table.
//
// A unit's kind decides how the scenario names it, how the network diagram
// draws it and what it reports. Every such trait is a column of kUnitKinds
// below, and every place that depends on a kind reads the table (the loader,
// tools/io/model_description.cpp, tools/io/network_dot.cpp, the metrics
// reports, the console and the run report), so adding a kind is two edits:
// its value in UnitKind (models/model_definition.hpp, before Other, the
// default kind) and its row here (docs/architecture.md, "Adding a unit kind").
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "models/model_definition.hpp"

namespace flowsim::models {

struct UnitKindTraits {
  UnitKind kind;
  std::string_view key;    // in scenario files (units.NAME.kind) and model.json
  std::string_view label;  // in the network diagram, under the unit's name
  std::string_view fill;   // the diagram's fill colour for units of the kind
  // Reports A&E measures (ae.<unit>.*: attendances, time in department,
  // within 4 hours, over 12 hours) and starts the A&E clock of an arrival.
  bool emergency_department;
  // Counted as a hospital bed in delayed transfers of care (as in the NHS
  // return): not A&E trolleys, home-based places or care-home places.
  bool hospital_bed;
  // A death here is a death in hospital (services_report).
  bool in_hospital;
  // Leads the run report's headline (occupied beds, share of beds).
  bool headline_beds;
};

// In UnitKind order (checked below). Aligned by hand, as a table.
// clang-format off
inline constexpr std::array<UnitKindTraits, 6> kUnitKinds = {{
    // kind                        key                     label        fill       A&E    bed    hospital headline
    {UnitKind::EmergencyDepartment, "emergency_department", "A&E",       "#fde0dd", true,  false, true,  false},
    {UnitKind::Acute,               "acute",                "acute",     "#fbb4ae", false, true,  true,  true},
    {UnitKind::Community,           "community",            "community", "#b3cde3", false, true,  true,  true},
    {UnitKind::HomeCare,            "home_care",            "home care", "#ccebc5", false, false, false, false},
    {UnitKind::CareHome,            "care_home",            "care home", "#decbe4", false, false, false, false},
    {UnitKind::Other,               "other",                "other",     "#f2f2f2", false, true,  true,  false},
}};
// clang-format on

// One row per kind, in UnitKind order, Other (the default, and the last
// value) last: a kind added to UnitKind without its row fails here.
[[nodiscard]] constexpr bool unit_kinds_in_order() {
  for (std::size_t i = 0; i < kUnitKinds.size(); ++i)
    if (static_cast<std::size_t>(kUnitKinds[i].kind) != i) return false;
  return kUnitKinds.back().kind == UnitKind::Other;
}
static_assert(unit_kinds_in_order(),
              "kUnitKinds lists the kinds in UnitKind order, one row each, Other last");

[[nodiscard]] constexpr const UnitKindTraits& traits(UnitKind kind) {
  return kUnitKinds[static_cast<std::size_t>(kind)];
}

// The kind a scenario names by 'key'; none if no kind has that key.
[[nodiscard]] constexpr std::optional<UnitKind> unit_kind_named(std::string_view key) {
  for (const auto& row : kUnitKinds)
    if (row.key == key) return row.kind;
  return std::nullopt;
}

}  // namespace flowsim::models
