#include "tools/experiments/compare_console.hpp"

#include <cmath>
#include <map>
#include <utility>

#include <fmt/format.h>

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
                                  : unit.kind != models::UnitKind::EmergencyDepartment && !unit.unlimited();
    if (!wanted) continue;
    const std::string p = "unit." + unit.name + ".";
    keys.push_back({p + "occupancy_mean", unit.name + " occupied beds", 1.0, 1});
    keys.push_back({p + "time_at_or_above_92pct", unit.name + " time at >= 92% (%)", 100.0, 1});
  }
  for (const auto& unit : model.units) {
    if (unit.kind != models::UnitKind::EmergencyDepartment) continue;
    const std::string p = "ae." + unit.name + ".";
    keys.push_back({p + "within_4h", "A&E " + unit.name + " within 4 h (%)", 100.0, 2});
    keys.push_back({p + "over_12h", "A&E " + unit.name + " over 12 h (patients)", 1.0, 0});
  }
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
  else
    text += " (too few pairs for a 95% interval)";
  return text;
}

// One line per scenario with gridlocked replications, and what was done
// with them.
std::string gridlock_lines(const std::vector<std::string>& labels, const CompareInfo& info) {
  std::string out;
  for (std::size_t s = 0; s < info.gridlocked.size() && s < labels.size(); ++s) {
    if (info.gridlocked[s].empty()) continue;
    out += fmt::format("{}: {}\n", labels[s],
                       gridlock_sentence(info.gridlocked[s], info.replications_run));
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

}  // namespace

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
          median = fmt::format("{:<38} median difference {}\n", "",
                               median_line(*row.median_difference, key));
      }
      out += fmt::format("{:<38} {:>20} {:>20} {:>23} {:>19}\n", key.label,
                         side(base, by_key.end()), side(variant, by_key.end()), difference, unpaired);
      out += median;
    }
  }
  return out;
}

}  // namespace flowsim::tools
