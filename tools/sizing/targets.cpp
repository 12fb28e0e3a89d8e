#include "tools/sizing/targets.hpp"

#include <algorithm>
#include <cmath>
#include <regex>

#include <fmt/format.h>

#include "models/scenario/diagnostics.hpp"
#include "models/unit_kinds.hpp"

namespace flowsim::tools {

namespace {

// Up to five known names closest to 'wanted', by edit distance to the whole
// name or to its last part (so "p_wiat" finds unit.ward.p_wait).
std::vector<std::string> similar_names(const std::string& wanted,
                                       const std::vector<std::string>& names) {
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (const auto& name : names) {
    const std::string last = name.substr(name.find_last_of('.') + 1);
    ranked.emplace_back(
        std::min(scenario::edit_distance(wanted, name), scenario::edit_distance(wanted, last)), name);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ranked.size() && i < 5; ++i) out.push_back(ranked[i].second);
  return out;
}

std::vector<std::string> emergency_departments(const models::ModelDefinition& model) {
  std::vector<std::string> names;
  for (const auto& unit : model.units)
    if (models::traits(unit.kind).emergency_department) names.push_back(unit.name);
  return names;
}

// The full names a written metric may stand for, most specific first.
std::vector<std::string> candidates(const std::string& written, const models::ModelDefinition& model,
                                    const std::string& unit) {
  std::vector<std::string> out{written};
  if (written == "occupancy.p95") out.push_back("unit." + unit + ".utilisation_p95");
  if (written == "occupancy.mean") out.push_back("unit." + unit + ".utilisation");
  if (written.rfind("ae.", 0) == 0) {
    const auto eds = emergency_departments(model);
    if (eds.size() == 1) out.push_back("ae." + eds.front() + "." + written.substr(3));
  }
  out.push_back("unit." + unit + "." + written);
  return out;
}

}  // namespace

bool is_fraction(const std::string& metric) {
  static const std::regex fraction(
      R"(.*\.((time|midnight_days)_at_or_above_[0-9]+pct|p_wait|p_diverted|p_delayed|within_4h|)"
      R"(utilisation|utilisation_p95|midnight_occupancy_mean|midnight_occupancy_p95|)"
      R"(delayed_share_of_occupied_bed_days|escalation_level_[0-9]+_time_share))");
  return std::regex_match(metric, fraction);
}

std::string mean_and_interval(const std::string& metric, const sim::Summary& summary) {
  if (is_fraction(metric))
    return fmt::format("{:.1f}% ({:.1f}% to {:.1f}%)", 100.0 * summary.mean, 100.0 * summary.low(),
                       100.0 * summary.high());
  return fmt::format("{:.4g} ({:.4g} to {:.4g})", summary.mean, summary.low(), summary.high());
}

Target parse_target(const std::string& text, const models::ModelDefinition& model,
                    const std::string& unit) {
  static const std::regex grammar(
      R"(^\s*([A-Za-z0-9_.\-]+)\s*(<=|>=|<|>|=)\s*([-+0-9.eE]+)\s*(%?)\s*$)");
  std::smatch parts;
  if (!std::regex_match(text, parts, grammar))
    throw TargetError(
        fmt::format("target '{}': expected METRIC <= NUMBER or METRIC >= NUMBER, for "
                    "example \"occupancy.p95 <= 0.92\" or \"ae.within_4h >= 95%\"",
                    text));
  const std::string op = parts[2];
  if (op != "<=" && op != ">=")
    throw TargetError(
        fmt::format("target '{}': use <= or >= (a target is met when the confidence "
                    "interval lies on its side), not '{}'",
                    text, op));
  Target target;
  target.text = text;
  target.bound = op == "<=" ? Bound::AtMost : Bound::AtLeast;
  try {
    std::size_t used = 0;
    target.value = std::stod(parts[3].str(), &used);
    if (used != parts[3].str().size() || !std::isfinite(target.value)) throw std::invalid_argument("");
  } catch (const std::exception&) {
    throw TargetError(fmt::format("target '{}': '{}' is not a number", text, parts[3].str()));
  }
  if (parts[4].length() > 0) target.value /= 100.0;

  const auto names = metric_names(model);
  for (const auto& name : candidates(parts[1], model, unit))
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      target.metric = name;
      if (is_fraction(name) && (target.value < 0.0 || target.value > 1.0))
        throw TargetError(
            fmt::format("target '{}': {} is a share between 0 and 1, not a percentage{}", text, name,
                        target.value > 1.0 && target.value <= 100.0 && parts[4].length() == 0
                            ? fmt::format("; write {:g} for {:g}% (or {:g}%)", target.value / 100.0,
                                          target.value, target.value)
                            : std::string()));
      return target;
    }
  std::string list;
  for (const auto& name : similar_names(parts[1], names)) list += "\n  " + name;
  throw TargetError(
      fmt::format("target '{}': unknown metric '{}'; similar metrics:{}\n(every metric "
                  "is listed in summary.csv of a run)",
                  text, parts[1].str(), list));
}

bool target_met(const Target& target, const sim::Summary& summary) {
  return target.bound == Bound::AtMost ? summary.high() <= target.value : summary.low() >= target.value;
}

bool target_failed(const Target& target, const sim::Summary& summary) {
  return target.bound == Bound::AtMost ? summary.low() > target.value : summary.high() < target.value;
}

const char* verdict_text(const Target& target, const sim::Summary& summary) {
  if (target_met(target, summary)) return "met";
  return target_failed(target, summary) ? "fails" : "undecided";
}

}  // namespace flowsim::tools
