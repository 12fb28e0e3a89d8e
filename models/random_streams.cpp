#include "models/random_streams.hpp"

#include <array>
#include <unordered_map>

#include "models/model_definition.hpp"
#include "sim/random_stream.hpp"

namespace flowsim::models::streams {

namespace {

// The words after "<unit>/", in UnitPurpose order.
constexpr std::array<std::string_view, 5> kUnitPurposeWords = {"stay", "visits", "readmission",
                                                               "discharge_window", "transfer_delay"};
// In SharedPurpose order.
constexpr std::array<std::string_view, 3> kSharedPurposeNames = {"group", "referral", "census/residual"};

std::string joined(std::string_view prefix, std::string_view name) {
  std::string text(prefix);
  text += name;
  return text;
}

template <class Hash>
std::optional<std::pair<std::string, std::string>> first_collision(const std::vector<std::string>& names,
                                                                   Hash hash) {
  std::unordered_map<decltype(hash(std::string_view{})), const std::string*> seen;
  for (const auto& name : names) {
    const auto [where, fresh] = seen.emplace(hash(name), &name);
    if (!fresh && *where->second != name) return std::make_pair(*where->second, name);
  }
  return std::nullopt;
}

}  // namespace

std::string arrival_times(std::string_view source) { return joined("arrivals/", source); }
std::string source_patients(std::string_view source) { return joined("patient/", source); }
std::string census_patients(std::string_view unit) { return joined("census/", unit); }
std::string elective_patients(std::string_view elective_stream) {
  return joined("elective/", elective_stream);
}

std::string purpose_name(std::string_view unit, UnitPurpose purpose) {
  std::string text(unit);
  text += '/';
  text += kUnitPurposeWords[static_cast<std::size_t>(purpose)];
  return text;
}

std::string_view purpose_name(SharedPurpose purpose) {
  return kSharedPurposeNames[static_cast<std::size_t>(purpose)];
}

std::uint32_t purpose_word(std::string_view name) {
  return static_cast<std::uint32_t>(sim::fnv1a64(name));
}
std::uint32_t purpose_word(std::string_view unit, UnitPurpose purpose) {
  return purpose_word(purpose_name(unit, purpose));
}
std::uint32_t purpose_word(SharedPurpose purpose) { return purpose_word(purpose_name(purpose)); }

std::vector<std::string> family_names(const ModelDefinition& model) {
  std::vector<std::string> names;
  names.reserve(2 * model.sources.size() + model.units.size() + model.electives.size());
  for (const auto& source : model.sources) {
    names.push_back(arrival_times(source.name));
    names.push_back(source_patients(source.name));
  }
  for (const auto& unit : model.units) names.push_back(census_patients(unit.name));
  for (const auto& elective : model.electives) names.push_back(elective_patients(elective.name));
  return names;
}

std::vector<std::string> purpose_names(const ModelDefinition& model) {
  std::vector<std::string> names;
  names.reserve(kSharedPurposeNames.size() + model.units.size() * kUnitPurposeWords.size());
  for (const auto name : kSharedPurposeNames) names.emplace_back(name);
  for (const auto& unit : model.units)
    for (std::size_t p = 0; p < kUnitPurposeWords.size(); ++p)
      names.push_back(purpose_name(unit.name, static_cast<UnitPurpose>(p)));
  return names;
}

std::optional<std::pair<std::string, std::string>> purpose_collision(
    const std::vector<std::string>& names) {
  return first_collision(names, [](std::string_view name) { return purpose_word(name); });
}

std::optional<std::pair<std::string, std::string>> family_collision(
    const std::vector<std::string>& names) {
  return first_collision(names, [](std::string_view name) { return sim::fnv1a64(name); });
}

}  // namespace flowsim::models::streams
