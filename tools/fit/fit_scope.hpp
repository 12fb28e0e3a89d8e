#pragma once
// What one `flowsim fit` fits: which units (all in the extract, or the one
// named by --unit), whether by group, and the window the extract covers.
// Episodes in other units are outside: their names become arrival sources
// (when patients come from them) and exits (when patients go to them).
#include <string>
#include <vector>

#include "tools/fit/episode_reader.hpp"

namespace flowsim::fit {

struct FitScope {
  std::vector<std::string> units;   // fitted units, in order of first appearance
  std::vector<std::string> groups;  // {"all"} unless fitted by group
  bool by_group = false;
  // Days since 1970: --window-start, where earlier admissions are
  // left-truncated; without it the first admission (nothing truncated), and
  // each file's arrivals are counted from its own first admission.
  double window_start = 0.0;
  bool window_given = false;
  double extract_moment = 0.0;
  [[nodiscard]] bool fitted(const std::string& unit) const;
  [[nodiscard]] std::string group_of(const Episode& e) const;  // "all" unless by group
  [[nodiscard]] double window_days() const { return extract_moment - window_start; }
};

// window_start: --window-start text, or empty for the earliest admission.
// Throws std::invalid_argument on a bad --unit, --by or --window-start.
[[nodiscard]] FitScope fit_scope(const Extract& extract, const std::string& unit, const std::string& by,
                                 const std::string& window_start);

// The episodes of one fitted unit (and group, unless empty).
[[nodiscard]] std::vector<const Episode*> episodes_of(const Extract& extract, const FitScope& scope,
                                                      const std::string& unit, const std::string& group);

}  // namespace flowsim::fit
