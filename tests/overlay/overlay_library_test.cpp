// The intervention library (scenarios/interventions/*.yaml): each overlay
// applies cleanly to the LLR 2016/17 baseline and the result validates; a
// change that changes nothing gives exactly the baseline's model.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "models/scenario/loader.hpp"
#include "overlay_test_support.hpp"

namespace fs = std::filesystem;
namespace sc = flowsim::scenario;
namespace fm = flowsim::models;

namespace {

const fs::path kBaseline = overlay_test::kSourceDir / "scenarios/llr_2016_baseline.yaml";
const fs::path kLibrary = overlay_test::kSourceDir / "scenarios/interventions";

std::vector<fs::path> library() { return test_files::files_with(kLibrary, ".yaml"); }

sc::EffectiveScenario on_baseline(const std::vector<fs::path>& overlays) {
  std::vector<sc::OverlayText> texts;
  for (const auto& path : overlays)
    texts.push_back({path.filename().string(), overlay_test::slurp(path)});
  // The baseline's real path: files an overlay names (arrival data) are
  // found next to it, as when flowsim runs it.
  return sc::apply_overlays(overlay_test::slurp(kBaseline), kBaseline.string(), texts);
}

// Whether the loader knows capacity calendars (coordination.md section 2,
// from issue-realism); until it does, overlays that use them can only be shown.
bool loader_has_capacity_changes() {
  const auto probe = sc::load_scenario_text(R"(
name: probe
run: {horizon_days: 10, warmup_days: 1, replications: 1, seed: 1}
exits: [home]
units:
  ward:
    capacity: 2
    capacity_changes: [{day: 5, capacity: 1}]
    los: {dist: fixed, value: 1, unit: days}
    routes: {home: 1}
arrivals:
  a: {to: ward, rate_per_day: 1}
)",
                                            "probe.yaml");
  return probe.ok();
}

void same_distribution(const flowsim::sim::Distribution& a, const flowsim::sim::Distribution& b) {
  CHECK(a.describe() == b.describe());
  for (const double u : {0.01, 0.3, 0.5, 0.77, 0.99}) CHECK(a.quantile(u) == b.quantile(u));
}

void same_model(const fm::ModelDefinition& a, const fm::ModelDefinition& b) {
  CHECK(a.name == b.name);
  CHECK(a.description == b.description);
  REQUIRE(a.groups.size() == b.groups.size());
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    CHECK(a.groups[g].name == b.groups[g].name);
    CHECK(a.groups[g].share == b.groups[g].share);
  }
  CHECK(a.group_cumulative == b.group_cumulative);
  CHECK(a.exits == b.exits);
  CHECK(a.run.horizon_days == b.run.horizon_days);
  CHECK(a.run.warmup_days == b.run.warmup_days);
  CHECK(a.run.replications == b.run.replications);
  CHECK(a.run.seed == b.run.seed);
  REQUIRE(a.units.size() == b.units.size());
  for (std::size_t u = 0; u < a.units.size(); ++u) {
    const auto& x = a.units[u];
    const auto& y = b.units[u];
    INFO("unit " << x.name);
    CHECK(x.name == y.name);
    CHECK(x.kind == y.kind);
    CHECK(x.capacity == y.capacity);
    CHECK(x.queue_limit == y.queue_limit);
    CHECK(x.stay_purpose == y.stay_purpose);
    CHECK(x.census.patients == y.census.patients);
    CHECK(x.census.elapsed_days == y.census.elapsed_days);
    CHECK(x.costs.per_occupied_bed_day_gbp == y.costs.per_occupied_bed_day_gbp);
    CHECK(x.costs.per_available_bed_day_gbp == y.costs.per_available_bed_day_gbp);
    CHECK(x.costs.per_delayed_bed_day_gbp == y.costs.per_delayed_bed_day_gbp);
    CHECK(x.costs.per_admission_gbp == y.costs.per_admission_gbp);
    CHECK(x.costs.per_visit_gbp == y.costs.per_visit_gbp);
    CHECK(x.costs.per_waiting_day_gbp == y.costs.per_waiting_day_gbp);
    CHECK(x.costs.per_diverted_gbp == y.costs.per_diverted_gbp);
    REQUIRE(x.los_by_group.size() == y.los_by_group.size());
    for (std::size_t g = 0; g < x.los_by_group.size(); ++g)
      same_distribution(x.los_by_group[g], y.los_by_group[g]);
    REQUIRE(x.routes_by_group.size() == y.routes_by_group.size());
    for (std::size_t g = 0; g < x.routes_by_group.size(); ++g) {
      CHECK(x.routes_by_group[g].destinations == y.routes_by_group[g].destinations);
      CHECK(x.routes_by_group[g].cumulative == y.routes_by_group[g].cumulative);
    }
  }
  REQUIRE(a.sources.size() == b.sources.size());
  for (std::size_t s = 0; s < a.sources.size(); ++s) {
    const auto& x = a.sources[s];
    const auto& y = b.sources[s];
    CHECK(x.name == y.name);
    CHECK(x.unit == y.unit);
    CHECK(x.rate_per_day == y.rate_per_day);
    CHECK(x.hour_of_day == y.hour_of_day);
    CHECK(x.day_of_week == y.day_of_week);
    CHECK(x.growth_per_year == y.growth_per_year);
    CHECK(x.group_cumulative == y.group_cumulative);
  }
}

}  // namespace

TEST_CASE("Every shipped intervention applies to the baseline and validates", "[overlay][library]") {
  const auto files = library();
  REQUIRE(files.size() >= 11);
  const bool calendars = loader_has_capacity_changes();
  for (const auto& file : files) {
    INFO(file.filename().string());
    const auto effective = on_baseline({file});
    INFO(effective.diagnostics.format());
    REQUIRE(effective.ok());
    REQUIRE(effective.overlays.size() == 1);
    CHECK_FALSE(effective.overlays[0].name.empty());
    CHECK_FALSE(effective.changes.empty());
    sc::Diagnostics diagnostics;
    const auto overlay = sc::read_overlay({file.string(), overlay_test::slurp(file)}, diagnostics);
    REQUIRE(overlay);
    CHECK_FALSE(overlay->sources.empty());  // every intervention says where its numbers come from
    CHECK_FALSE(overlay->description.empty());
    const bool needs_calendar = effective.yaml.find("capacity_changes") != std::string::npos;
    if (needs_calendar && !calendars) continue;  // checked by the next test case
    const auto loaded = sc::load_effective_scenario(effective);
    INFO(loaded.diagnostics.format());
    CHECK(loaded.ok());
  }
}

TEST_CASE("The phased bed reduction writes its capacity calendar", "[overlay][library]") {
  // Until issue-realism's capacity_changes is merged, only the effective
  // scenario can be checked; the case above validates it once it is.
  const auto effective = on_baseline({kLibrary / "llr_acute_beds_phased.yaml"});
  REQUIRE(effective.ok());
  const auto& steps = overlay_test::at(effective.tree, {"units", "acute", "capacity_changes"});
  REQUIRE(steps.items.size() == 3);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"545", "1219"}, {"910", "1138"}, {"1275", "1057"}};
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(steps.items[i].find("day")->scalar == expected[i].first);
    CHECK(steps.items[i].find("capacity")->scalar == expected[i].second);
  }
  CHECK(overlay_test::number_at(effective.tree, {"run", "horizon_days"}) == 2005);
}

TEST_CASE("Home First moves P2/P3 shares to P1 in every share map and keeps each sum",
          "[overlay][library]") {
  const auto effective = on_baseline({kLibrary / "home_first.yaml"});
  REQUIRE(effective.ok());
  const auto& gp = overlay_test::at(effective.tree, {"arrivals", "gp_direct_admissions", "groups"});
  CHECK(std::stod(gp.find("frail_p2")->scalar) == Approx(0.0365 * 0.75));
  CHECK(std::stod(gp.find("frail_p3")->scalar) == Approx(0.005));
  CHECK(std::stod(gp.find("frail_p1")->scalar) == Approx(0.1325 + 0.0365 * 0.25 + 0.005));
  CHECK(std::stod(gp.find("other_p1")->scalar) == Approx(0.0175 + 0.0035 * 0.25));
  for (const auto& keys :
       std::vector<std::vector<std::string>>{{"groups"},
                                             {"arrivals", "ae_attendances", "groups"},
                                             {"arrivals", "gp_direct_admissions", "groups"}}) {
    double sum = 0.0;
    for (const auto& entry : overlay_test::at(effective.tree, keys).entries)
      sum += std::stod(entry.value.scalar);
    CHECK(sum == Approx(1.0).margin(1e-12));
  }
  const auto loaded = sc::load_effective_scenario(effective);
  REQUIRE(loaded.ok());
  CHECK(loaded.model->units[*loaded.model->find_unit("p1_ics")].capacity == 280);
}

TEST_CASE("Interventions compose: Home First, more reablement and SAFER together",
          "[overlay][library]") {
  const auto effective = on_baseline({kLibrary / "home_first.yaml", kLibrary / "more_reablement.yaml",
                                      kLibrary / "safer_shorter_stays.yaml"});
  REQUIRE(effective.ok());
  const auto loaded = sc::load_effective_scenario(effective);
  INFO(loaded.diagnostics.format());
  REQUIRE(loaded.ok());
  const auto& m = *loaded.model;
  // The later overlay wins on the key both set (reablement is limited by carer visits a day).
  const auto& reablement = m.units[*m.find_unit("p1_reablement")];
  REQUIRE(reablement.services.visits);
  CHECK(reablement.services.visits->visits_per_day == 1547);
  const auto base = sc::load_scenario_file(kBaseline.string());
  REQUIRE(base.ok());
  const auto& acute = m.units[*m.find_unit("acute")];
  const auto& base_acute = base.model->units[*base.model->find_unit("acute")];
  for (const std::size_t g : {1U, 2U, 5U, 6U})  // frail_p0, frail_p1, other_p0, other_p1
    CHECK(acute.los_by_group[g].mean() ==
          Approx(0.93 * base_acute.los_by_group[g].mean()).epsilon(1e-12));
  CHECK(acute.los_by_group[3].mean() == Approx(base_acute.los_by_group[3].mean()).epsilon(1e-12));
}

TEST_CASE("A no-op overlay gives exactly the baseline's model", "[overlay][library]") {
  const std::string no_op = R"(
overlay: changes nothing
changes:
  - set: units.acute.capacity
    to: 1300
  - scale: units.*.los
    by: 1
  - shift: arrivals.*.groups
    from: frail_p2
    to: frail_p1
    fraction: 0
  - add: units.acute.routes.frail_p0.readmitted
    value: 0.0
  - remove: units.acute.routes.frail_p0.readmitted
)";
  const auto effective = sc::apply_overlays(overlay_test::slurp(kBaseline), "llr_2016_baseline.yaml",
                                            {{"no_op.yaml", no_op}});
  REQUIRE(effective.ok());
  const auto through_overlay = sc::load_effective_scenario(effective);
  const auto direct = sc::load_scenario_file(kBaseline.string());
  REQUIRE(through_overlay.ok());
  REQUIRE(direct.ok());
  same_model(*through_overlay.model, *direct.model);
}

TEST_CASE("Each shipped intervention fits the scenarios its applies_to names and is refused on others",
          "[overlay][library]") {
  auto overlays = library();
  for (const auto& file : test_files::files_with(kLibrary / "whole_hospital", ".yaml"))
    overlays.push_back(file);
  const auto scenarios = test_files::files_with(overlay_test::kSourceDir / "scenarios", ".yaml");
  std::size_t fitted = 0;
  for (const auto& overlay_path : overlays) {
    sc::Diagnostics diagnostics;
    const auto overlay =
        sc::read_overlay({overlay_path.string(), overlay_test::slurp(overlay_path)}, diagnostics);
    REQUIRE(overlay);
    INFO(overlay_path.filename().string());
    // Every shipped intervention says what it was written for.
    CHECK_FALSE(overlay->applies_to.empty());
    for (const auto& scenario_path : scenarios) {
      const auto base = sc::load_scenario_file(scenario_path.string());
      REQUIRE(base.ok());
      INFO(scenario_path.filename().string());
      const auto effective =
          sc::apply_overlays(overlay_test::slurp(scenario_path), scenario_path.string(),
                             {{overlay_path.string(), overlay_test::slurp(overlay_path)}});
      const auto& names = overlay->applies_to;
      if (std::find(names.begin(), names.end(), base.model->name) == names.end()) {
        REQUIRE_FALSE(effective.ok());
        CHECK(effective.diagnostics.sorted().front().key_path == "applies_to");
        continue;
      }
      INFO(effective.diagnostics.format());
      REQUIRE(effective.ok());
      const auto loaded = sc::load_effective_scenario(effective);
      INFO(loaded.diagnostics.format());
      CHECK(loaded.ok());
      ++fitted;
    }
  }
  // Each name in an applies_to is a shipped scenario's (a misspelt one would fit nothing).
  std::size_t named = 0;
  for (const auto& overlay_path : overlays) {
    sc::Diagnostics diagnostics;
    named += sc::read_overlay({overlay_path.string(), overlay_test::slurp(overlay_path)}, diagnostics)
                 ->applies_to.size();
  }
  CHECK(fitted == named);
}
