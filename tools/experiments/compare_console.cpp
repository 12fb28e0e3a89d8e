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

}  // namespace

std::string format_comparison(const models::ModelDefinition& baseline,
                              const std::vector<std::string>& labels,
                              const std::vector<ComparisonRow>& rows) {
  std::map<std::pair<std::string, std::size_t>, const ComparisonRow*> by_key;
  for (const auto& row : rows) by_key[{row.metric, row.scenario}] = &row;
  const std::size_t reps = rows.empty() ? 0 : rows.front().value.n;
  std::string out = fmt::format(
      "Paired comparison with {} ({}): {} replications each, the same synthetic patients in "
      "every scenario\nmean ± 95% CI half-width; * marks a difference whose paired CI excludes 0\n",
      labels.front(), baseline.name, reps);
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
      if (variant != by_key.end() && variant->second->difference) {
        const auto& d = *variant->second->difference;
        const bool excludes_zero = d.paired.low() > 0.0 || d.paired.high() < 0.0;
        difference = plus_minus(d.paired.mean, d.paired.half_width, key) + (excludes_zero ? " *" : "  ");
        unpaired = fmt::format("{:.{}f}", d.unpaired_half_width * key.scale, key.decimals);
      }
      out += fmt::format("{:<38} {:>20} {:>20} {:>22} {:>20}\n", key.label,
                         side(base, by_key.end()), side(variant, by_key.end()), difference, unpaired);
    }
  }
  return out;
}

}  // namespace flowsim::tools
