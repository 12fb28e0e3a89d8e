#pragma once
// Every random-stream name of flowsim, spelt once.
//
// A draw's coordinates are (family key, purpose, index, replication, entity)
// (sim/random_stream.hpp). The family key comes from a name such as
// "patient/<source>", the purpose from a name such as "<unit>/stay". The
// names decide which uniforms every patient draws: renaming one changes
// every result that uses it, and common random numbers between a baseline
// and an intervention hold only because the names depend on nothing but the
// source, unit or elective stream they belong to (never on an index or on
// what else the scenario contains). tests/models/random_streams_test.cpp
// pins a few draws of every kind, so a rename fails a test.
//
// The collision rule. A family key is a 64-bit hash of its name mixed with
// the master seed; a purpose is the low 32 bits of a 64-bit FNV-1a hash of
// its name. Every purpose is combined with every patient family, so two
// purposes of one scenario with the same 32 bits would give one patient the
// same uniforms for two different decisions. The purpose names a scenario
// generates (purpose_names below) must therefore have distinct 32-bit
// hashes, and its family names distinct 64-bit hashes; the tests check this
// for every shipped scenario. Names stay distinct as text because no
// purpose word contains '/', so the last '/' splits a purpose name uniquely.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flowsim::models {

struct ModelDefinition;

namespace streams {

// ---- Families: the names of sim::StreamKey --------------------------------
// The inter-arrival times of an arrival source.
[[nodiscard]] std::string arrival_times(std::string_view source);
// The draws of each patient of an arrival source (group, stays, routes...).
[[nodiscard]] std::string source_patients(std::string_view source);
// The draws of each patient of a unit's starting census.
[[nodiscard]] std::string census_patients(std::string_view unit);
// The draws of each patient of an elective stream.
[[nodiscard]] std::string elective_patients(std::string_view elective_stream);
// The points of a Latin hypercube sweep (tools/sweep/sweep_points.cpp).
inline constexpr std::string_view kSweepPoints = "sweep.latin_hypercube";

// ---- Purposes: the first counter word of a draw -----------------------------
// Decisions made at one unit: their names are "<unit>/<word>".
enum class UnitPurpose : std::uint8_t {
  Stay,             // length of stay and next route
  Visits,           // home-care visit rates
  Readmission,      // whether and when a discharged patient comes back
  DischargeWindow,  // whether a weekend discharge happens
  TransferDelay,    // the delay before a transfer
};
// Decisions not tied to a unit.
enum class SharedPurpose : std::uint8_t {
  Group,           // a patient's group
  Referral,        // whether an arrival is referred to admission avoidance
  CensusResidual,  // the remaining stay of a census patient
};

[[nodiscard]] std::string purpose_name(std::string_view unit, UnitPurpose purpose);
[[nodiscard]] std::string_view purpose_name(SharedPurpose purpose);
// The counter word of a purpose name: the low 32 bits of its FNV-1a hash.
[[nodiscard]] std::uint32_t purpose_word(std::string_view name);
[[nodiscard]] std::uint32_t purpose_word(std::string_view unit, UnitPurpose purpose);
[[nodiscard]] std::uint32_t purpose_word(SharedPurpose purpose);

// ---- What one scenario generates, for the collision rule ---------------------
[[nodiscard]] std::vector<std::string> family_names(const ModelDefinition& model);
[[nodiscard]] std::vector<std::string> purpose_names(const ModelDefinition& model);
// Two names whose purpose words are equal, the first such pair; none if
// every name has its own word.
[[nodiscard]] std::optional<std::pair<std::string, std::string>> purpose_collision(
    const std::vector<std::string>& names);
// The same for family names and their full 64-bit hashes.
[[nodiscard]] std::optional<std::pair<std::string, std::string>> family_collision(
    const std::vector<std::string>& names);

}  // namespace streams
}  // namespace flowsim::models
