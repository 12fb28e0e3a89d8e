#pragma once
// The dense indices a patient carries, and how many of each their storage
// can tell apart. A patient is small (patient.hpp) because thousands are in
// the system at once, so its group and source are narrow integers; the
// loader refuses a scenario with more of either than these limits
// (scenario/name_limits.hpp) rather than let an index wrap and one group or
// source silently take another's place.
#include <cstddef>
#include <cstdint>
#include <limits>

namespace flowsim::models {

// Patient group: an index into ModelDefinition::groups.
using GroupId = std::uint8_t;
// Where a patient's random draws come from: arrival sources first, then
// one per unit (its census), then one per elective stream.
using SourceId = std::uint16_t;
// A unit a patient is in or waits for; negative for none (kNoUnit).
using UnitId = std::int32_t;

template <class Id>
inline constexpr std::size_t kDistinctIds = std::size_t{std::numeric_limits<Id>::max()} + 1;

inline constexpr std::size_t kMostGroups = kDistinctIds<GroupId>;
inline constexpr std::size_t kMostPatientSources = kDistinctIds<SourceId>;
// Every unit takes a source id for its census, so the source limit bounds
// the units too; a unit index must also fit UnitId.
inline constexpr std::size_t kMostUnits = kMostPatientSources;
static_assert(kMostGroups == 256, "GroupId is 8 bits: 256 groups");
static_assert(kMostPatientSources == 65536, "SourceId is 16 bits");
static_assert(kMostUnits - 1 <= std::size_t{std::numeric_limits<UnitId>::max()},
              "every unit index fits UnitId");

}  // namespace flowsim::models
