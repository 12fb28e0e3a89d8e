#include "tools/fit/fit_scope.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "tools/fit/date_time.hpp"

namespace flowsim::fit {

bool FitScope::fitted(const std::string& unit) const {
  return std::find(units.begin(), units.end(), unit) != units.end();
}

std::string FitScope::group_of(const Episode& e) const {
  return by_group ? (e.group.empty() ? "unknown" : e.group) : "all";
}

FitScope fit_scope(const Extract& extract, const std::string& unit, const std::string& by,
                   const std::string& window_start) {
  FitScope scope;
  scope.extract_moment = extract.extract_moment;
  for (const auto& e : extract.episodes)
    if (!scope.fitted(e.unit)) scope.units.push_back(e.unit);
  if (!unit.empty()) {
    if (!scope.fitted(unit))
      throw std::invalid_argument(fmt::format("--unit {}: no episode is in that unit; the units are {}",
                                              unit, fmt::join(scope.units, ", ")));
    scope.units = {unit};
  }
  if (!by.empty() && by != "group")
    throw std::invalid_argument(fmt::format("--by {}: the only grouping is 'group'", by));
  scope.by_group = !by.empty();
  if (scope.by_group && !extract.has_group)
    throw std::invalid_argument("--by group: the extract has no group column");
  std::set<std::string> groups;
  for (const auto& e : extract.episodes) groups.insert(scope.group_of(e));
  scope.groups.assign(groups.begin(), groups.end());
  scope.window_start = std::numeric_limits<double>::infinity();
  for (const auto& e : extract.episodes) scope.window_start = std::min(scope.window_start, e.admitted);
  if (!window_start.empty()) {
    const auto m = parse_moment(window_start);
    if (!m)
      throw std::invalid_argument(
          fmt::format("--window-start: expected an ISO 8601 date, got \"{}\"", window_start));
    scope.window_start = m->days;
    scope.window_given = true;
  }
  if (!(scope.window_start < scope.extract_moment))
    throw std::invalid_argument("the extract window is empty: its start is not before the extract date");
  return scope;
}

std::vector<const Episode*> episodes_of(const Extract& extract, const FitScope& scope,
                                        const std::string& unit, const std::string& group) {
  std::vector<const Episode*> out;
  for (const auto& e : extract.episodes)
    // Stays over before the window opened are outside it.
    if (e.unit == unit && (group.empty() || scope.group_of(e) == group) &&
        !(e.discharged && *e.discharged < scope.window_start))
      out.push_back(&e);
  return out;
}

}  // namespace flowsim::fit
