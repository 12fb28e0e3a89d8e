#include "tools/experiments/compare_console.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "models/unit_kinds.hpp"
#include "tools/experiments/compare_money.hpp"
#include "tools/io/visit_units.hpp"

namespace flowsim::tools {

namespace {

struct KeyMetric {
  std::string name;
  std::string label;
  double scale = 1.0;
  int decimals = 1;
};

std::vector<KeyMetric> key_metrics(const models::ModelDefinition& model) {
  std::vector<KeyMetric> keys;
  bool any_acute = false;
  for (const auto& unit : model.units) any_acute = any_acute || unit.kind == models::UnitKind::Acute;
  for (const auto& unit : model.units) {
    const bool wanted = any_acute ? unit.kind == models::UnitKind::Acute
                                  : !models::traits(unit.kind).emergency_department && !unit.unlimited();
    if (!wanted) continue;
    const std::string p = "unit." + unit.name + ".";
    keys.push_back({p + "occupancy_mean", unit.name + " occupied beds", 1.0, 1});
    keys.push_back({p + "time_at_or_above_92pct", unit.name + " time at >= 92% (%)", 100.0, 1});
  }
  // A unit limited by carer visits rather than places (reablement, home
  // care): where a home-first change shows, in its visits and in the people
  // waiting for a package (in a hospital bed, or at home).
  for (const auto& unit : model.units) {
    if (!visit_limit(unit) || !unit.unlimited()) continue;
    const std::string p = "unit." + unit.name + ".";
    keys.push_back({p + "visits_mean_per_day", unit.name + " visits made a day", 1.0, 1});
    keys.push_back({p + "visit_utilisation", unit.name + " visits used (%)", 100.0, 1});
    keys.push_back(
        {"pathway." + unit.name + ".delayed_mean", unit.name + " waiting in a bed elsewhere", 1.0, 1});
    keys.push_back({p + "queue_mean", unit.name + " waiting at home", 1.0, 1});
    keys.push_back(
        {p + "midnights_with_waiting_share", unit.name + " nights with a wait (%)", 100.0, 1});
  }
  for (const auto& unit : model.units) {
    if (!models::traits(unit.kind).emergency_department) continue;
    const std::string p = "ae." + unit.name + ".";
    keys.push_back({p + "within_4h", "A&E " + unit.name + " within 4 h (%)", 100.0, 2});
    keys.push_back({p + "over_12h", "A&E " + unit.name + " over 12 h (patients)", 1.0, 0});
  }
  // What a bed cut costs in operations, and the escalation that holds it off.
  for (const auto& stream : model.electives) {
    const std::string p = "elective." + stream.name + ".";
    keys.push_back({p + "admitted", "electives " + stream.name + " admitted", 1.0, 0});
    keys.push_back({p + "cancelled", "electives " + stream.name + " cancelled", 1.0, 0});
  }
  for (const auto& unit : model.units)
    if (unit.escalation.enabled())
      keys.push_back(
          {"unit." + unit.name + ".escalation_bed_days", unit.name + " escalation bed-days", 1.0, 0});
  keys.push_back({"system.delayed_bed_days", "delayed bed-days", 1.0, 0});
  keys.push_back({"cost.total_gbp_per_year", "cost (GBP million a year)", 1e-6, 2});
  return keys;
}

std::string plus_minus(double mean, double half_width, const KeyMetric& key) {
  return fmt::format("{:.{}f} ± {:.{}f}", mean * key.scale, key.decimals, half_width * key.scale,
                     key.decimals);
}

// "-12 (-30 to -4), sign test 96.2%": the paired median difference.
std::string median_line(const sim::MedianDifference& m, const KeyMetric& key) {
  std::string text = fmt::format("{:+.{}f}", m.median * key.scale, key.decimals);
  if (m.low && m.high)
    text += fmt::format(" ({:.{}f} to {:.{}f}), sign test {:.1f}%", *m.low * key.scale, key.decimals,
                        *m.high * key.scale, key.decimals, 100.0 * m.coverage);
  else text += " (too few pairs for a 95% interval)";
  return text;
}

// One line per scenario with gridlocked replications, and what was done
// with them.
std::string gridlock_lines(const std::vector<std::string>& labels, const CompareInfo& info) {
  std::string out;
  for (std::size_t s = 0; s < info.gridlocked.size() && s < labels.size(); ++s) {
    if (info.gridlocked[s].empty()) continue;
    out +=
        fmt::format("{}: {}\n", labels[s], gridlock_sentence(info.gridlocked[s], info.replications_run));
  }
  if (out.empty()) return out;
  if (info.gridlocked_excluded) {
    std::string which;
    for (const auto r : info.excluded) which += (which.empty() ? "" : ", ") + std::to_string(r);
    out += fmt::format("left out of every scenario (--exclude-gridlocked): replication{} {}\n",
                       info.excluded.size() == 1 ? "" : "s", which);
  } else {
    out += "included below (--exclude-gridlocked leaves them out); see the median differences\n";
  }
  return out;
}

std::string optional_text(const std::optional<std::int64_t>& value, const char* suffix = "") {
  return value ? std::to_string(*value) + suffix : std::string("-");
}

// Why beds that can close and occupied beds fewer differ, in words.
std::string headroom_sentence(std::int64_t can_close, double fewer_occupied, const std::string& unit) {
  const double headroom = static_cast<double>(can_close) - fewer_occupied;
  if (std::abs(headroom) < 0.5)
    return "  The two agree: the headroom kept empty for busy days is unchanged.\n";
  return fmt::format(
      "  The two differ by {:.0f} bed{}: the change in the headroom {} keeps empty for busy days\n"
      "  (capacity must cover the busy days, not the average one).\n",
      std::abs(headroom), std::abs(headroom) < 1.5 ? "" : "s", unit);
}

}  // namespace

std::string format_beds_to_close(const std::vector<std::string>& labels, const CompareSizing& sizing) {
  const std::string targets = targets_text(sizing.targets);
  std::string out = fmt::format(
      "\nBeds that can close: {} sized on each scenario to keep {}\n(the search of flowsim size: "
      "{} replications per capacity, the same seed in each)\n{:<38} {:>9} {:>30} {:>16} {:>22}\n",
      sizing.unit, targets, sizing.replications, "scenario", "now", "needed (met with confidence)",
      "undecided", "fails with confidence");
  for (std::size_t s = 0; s < sizing.scenarios.size() && s < labels.size(); ++s) {
    const auto& side = sizing.scenarios[s];
    const auto undecided = side.result.undecided();
    out += fmt::format("{:<38} {:>9} {:>30} {:>16} {:>22}\n", labels[s],
                       side.current_capacity ? std::to_string(*side.current_capacity) : "unlimited",
                       optional_text(side.result.capacity), undecided ? range_text(*undecided) : "-",
                       optional_text(side.result.fails_with_confidence, " or fewer"));
  }
  for (std::size_t v = 0; v < sizing.beds.size() && v + 1 < labels.size(); ++v) {
    const auto& beds = sizing.beds[v];
    const auto& occupied = sizing.occupied_difference[v];
    out += fmt::format("\n{} vs {}:\n", labels[v + 1], labels.front());
    if (occupied) {
      // Said as a count of fewer (or more) beds, its interval in the same sense.
      const double sign = occupied->mean > 0.0 ? 1.0 : -1.0;
      const double low = std::min(sign * occupied->low(), sign * occupied->high());
      const double high = std::max(sign * occupied->low(), sign * occupied->high());
      out +=
          fmt::format("  {:.1f} {} occupied beds of {} on average (paired 95% CI {:.1f} to {:.1f})\n",
                      std::abs(occupied->mean), sign > 0.0 ? "more" : "fewer", sizing.unit, low, high);
    }
    if (!beds.beds) {
      for (const std::size_t s : {std::size_t{0}, v + 1}) {
        const auto& r = sizing.scenarios[s].result;
        if (!r.capacity)
          out += fmt::format(
              "  beds that can close: unknown, because {} has no capacity meeting the targets\n",
              labels[s]);
        else if (r.lower_end_met)
          out += fmt::format(
              "  beds that can close: unknown, because the low end of --size-range already "
              "meets the targets on {} (widen the range)\n",
              labels[s]);
      }
      continue;
    }
    out += *beds.beds < 0 ? fmt::format("  {} more beds are needed to keep {}", -*beds.beds, targets)
                          : fmt::format("  {} beds can close while keeping {}", *beds.beds, targets);
    if (beds.band)
      out += fmt::format(" (band {}; {} if the two searches' uncertainties were unrelated)",
                         range_text(*beds.band), range_text(*beds.widest));
    else out += " (band unknown: a search found no capacity failing with confidence)";
    out += "\n";
    if (occupied) out += headroom_sentence(*beds.beds, -occupied->mean, sizing.unit);
  }
  return out;
}

std::string format_comparison(const models::ModelDefinition& baseline,
                              const std::vector<std::string>& labels,
                              const std::vector<ComparisonRow>& rows, const CompareInfo& info) {
  std::map<std::pair<std::string, std::size_t>, const ComparisonRow*> by_key;
  for (const auto& row : rows) by_key[{row.metric, row.scenario}] = &row;
  const std::size_t reps = rows.empty() ? 0 : rows.front().value.n;
  std::string out = fmt::format(
      "Paired comparison with {} ({}): {} replications each, the same synthetic patients in "
      "every scenario\nmean ± 95% CI half-width; * marks a difference whose paired CI excludes 0;\n"
      "! marks paired differences heavily skewed across replications, followed by their median\n",
      labels.front(), baseline.name, reps);
  const std::string gridlock = gridlock_lines(labels, info);
  if (!gridlock.empty()) out += "\n" + gridlock;
  const auto keys = key_metrics(baseline);
  for (std::size_t s = 1; s < labels.size(); ++s) {
    out += fmt::format("\n{:<38} {:>20} {:>20} {:>22} {:>20}\n", labels[s] + " vs " + labels.front(),
                       "baseline", "variant", "difference (paired)", "unpaired CI ±");
    for (const auto& key : keys) {
      const auto base = by_key.find({key.name, 0});
      const auto variant = by_key.find({key.name, s});
      if (base == by_key.end() && variant == by_key.end()) continue;
      const auto side = [&key](const auto& it, const auto& end) {
        return it == end ? std::string("-")
                         : plus_minus(it->second->value.mean, it->second->value.half_width, key);
      };
      std::string difference = "-";
      std::string unpaired = "-";
      std::string median;
      if (variant != by_key.end() && variant->second->difference) {
        const auto& row = *variant->second;
        const auto& d = *row.difference;
        const bool excludes_zero = d.paired.low() > 0.0 || d.paired.high() < 0.0;
        difference = plus_minus(d.paired.mean, d.paired.half_width, key) +
                     (excludes_zero ? " *" : "  ") + (row.difference_skewed ? "!" : " ");
        unpaired = fmt::format("{:.{}f}", d.unpaired_half_width * key.scale, key.decimals);
        if (row.difference_skewed && row.median_difference)
          median =
              fmt::format("{:<38} median difference {}\n", "", median_line(*row.median_difference, key));
      }
      out += fmt::format("{:<38} {:>20} {:>20} {:>23} {:>19}\n", key.label, side(base, by_key.end()),
                         side(variant, by_key.end()), difference, unpaired);
      out += median;
    }
    for (const auto& answer : money_answers(labels, rows))
      if (answer.variant == labels[s]) out += format_money(answer, labels.front());
  }
  return out;
}

}  // namespace flowsim::tools
