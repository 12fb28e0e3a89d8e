// Each overlay op on a small base, composition order, and the exactness of
// scaling distributions and shifting shares.
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "models/scenario/loader.hpp"
#include "overlay_test_support.hpp"

using overlay_test::apply;
using overlay_test::at;
using overlay_test::number_at;
namespace sc = flowsim::scenario;

namespace {

sc::LoadResult load(const sc::EffectiveScenario& effective) {
  INFO(effective.diagnostics.format());
  REQUIRE(effective.ok());
  auto loaded = sc::load_effective_scenario(effective);
  INFO(loaded.diagnostics.format());
  REQUIRE(loaded.ok());
  return loaded;
}

const flowsim::models::UnitDefinition& unit(const sc::LoadResult& loaded, const std::string& name) {
  return loaded.model->units[*loaded.model->find_unit(name)];
}

}  // namespace

TEST_CASE("set replaces a value; the effective scenario validates", "[overlay]") {
  const auto effective = apply({R"(
overlay: fewer beds
changes:
  - set: units.ward.capacity
    to: 30
)"});
  const auto loaded = load(effective);
  CHECK(unit(loaded, "ward").capacity == 30);
  REQUIRE(effective.changes.size() == 1);
  CHECK(effective.changes[0].path == "units.ward.capacity");
  CHECK(effective.changes[0].before == "40");
  CHECK(effective.changes[0].after == "30");
  CHECK(effective.changes[0].location.file == "o1.yaml");
  CHECK(effective.changes[0].location.line == 4);
}

TEST_CASE("set with '*' replaces every match, and can write a whole map", "[overlay]") {
  const auto effective = apply({R"(
overlay: flat stays
changes:
  - set: units.ward.los.*
    to: {dist: fixed, value: 2, unit: days}
)"});
  const auto loaded = load(effective);
  for (const auto& d : unit(loaded, "ward").los_by_group) CHECK(d.mean() == 2.0);
  CHECK(effective.changes.size() == 4);
}

TEST_CASE("An alias becomes an independent copy: changing one use leaves the other", "[overlay]") {
  // frail_p1 and other_p1 share one anchored distribution in the base.
  const auto effective = apply({R"(
overlay: one group only
changes:
  - scale: units.ward.los.frail_p1
    by: 0.5
)"});
  const auto loaded = load(effective);
  const auto& ward = unit(loaded, "ward");
  CHECK(ward.los_by_group[0].mean() == Approx(2.0).epsilon(1e-12));  // frail_p1
  CHECK(ward.los_by_group[2].mean() == Approx(4.0).epsilon(1e-12));  // other_p1, unchanged
}

TEST_CASE("scale multiplies numbers, lists of numbers and maps of distributions", "[overlay]") {
  const auto effective = apply({R"(
overlay: scaled
changes:
  - scale: arrivals.*.rate_per_day
    by: 1.5
  - scale: units.*.capacity
    by: 1.1
    round: true
  - scale: units.ward.los
    by: 0.9
)"});
  const auto loaded = load(effective);
  CHECK(loaded.model->sources[0].rate_per_day == 12.0);
  CHECK(loaded.model->sources[1].rate_per_day == 3.0);
  CHECK(unit(loaded, "ward").capacity == 44);
  CHECK(unit(loaded, "rehab").capacity == 22);
  const auto base = sc::load_scenario_text(overlay_test::base_text(), "base.yaml");
  REQUIRE(base.ok());
  const auto& before = unit(base, "ward").los_by_group;
  const auto& after = unit(loaded, "ward").los_by_group;
  for (std::size_t g = 0; g < before.size(); ++g)
    CHECK(after[g].mean() == Approx(0.9 * before[g].mean()).epsilon(1e-12));
}

TEST_CASE("Scaling a distribution scales its mean by exactly 'by', for every kind", "[overlay]") {
  const std::vector<std::string> kinds = {
      "{dist: exponential, mean: 5, unit: days}",
      "{dist: lognormal, mean: 5, sd: 3, unit: days}",
      "{dist: lognormal, median: 4, p90: 9, unit: hours}",
      "{dist: gamma, mean: 6, sd: 2, unit: days}",
      "{dist: gamma, shape: 2.5, scale: 3, unit: days}",
      "{dist: weibull, shape: 1.7, scale: 4, unit: weeks}",
      "{dist: fixed, value: 3, unit: days}",
      "{dist: uniform, min: 1, max: 7, unit: days}",
      "{dist: triangular, min: 7, mode: 35, max: 42, unit: days}",
      "{dist: empirical, values: [1, 2, 2.5, 9], unit: days}",
      "{dist: histogram, edges: [0, 2, 5, 10], weights: [1, 3, 2], unit: days}",
      "{dist: coxian, phase_means: [1, 6, 20], continue: [0.5, 0.2], unit: days}",
      "{dist: mixture, components: [{dist: exponential, mean: 1, unit: weeks, weight: 3}, "
      "{dist: lognormal, median: 12, p90: 30, unit: hours, weight: 1}, "
      "{dist: mixture, weight: 2, components: [{dist: fixed, value: 2, unit: days, weight: 1}, "
      "{dist: uniform, min: 1, max: 3, unit: days, weight: 1}]}]}",
  };
  for (const double by : {0.9, 1.25, 3.0}) {
    for (const auto& kind : kinds) {
      INFO(kind << " by " << by);
      const std::string set_kind =
          fmt::format("overlay: stretch\nchanges:\n  - set: units.rehab.los\n    to: {}\n", kind);
      const auto effective =
          apply({fmt::format("{}  - scale: units.rehab.los\n    by: {}\n", set_kind, by)});
      const auto unscaled = apply({set_kind});
      const auto loaded1 = load(unscaled);
      const auto loaded2 = load(effective);
      const auto& d1 = unit(loaded1, "rehab").los_by_group[0];
      const auto& d2 = unit(loaded2, "rehab").los_by_group[0];
      CHECK(d2.mean() / d1.mean() == Approx(by).epsilon(1e-12));
      // Every quantile stretches too: the whole time axis is rescaled.
      for (const double u : {0.1, 0.5, 0.93})
        CHECK(d2.quantile(u) == Approx(by * d1.quantile(u)).epsilon(1e-9));
    }
  }
}

TEST_CASE("add puts in a new key, append grows or creates a list, remove takes a key out", "[overlay]") {
  const auto effective = apply({R"(
overlay: structure
changes:
  - add: units.step_down
    value:
      kind: community
      capacity: 5
      los: {dist: exponential, mean: 10, unit: days}
      routes: {home: 1.0}
  - set: units.ward.routes.other_p1
    to: {step_down: 0.2, home: 0.75, died: 0.05}
  - append: exits
    value: care_home
  - append: units.ward.notes
    value: first
  - append: units.ward.notes
    value: second
  - remove: units.ward.notes
  - remove: units.ward.costs
)"});
  const auto& tree = effective.tree;
  REQUIRE(at(tree, {"exits"}).items.size() == 3);
  CHECK(at(tree, {"exits"}).items[2].scalar == "care_home");
  CHECK(at(tree, {"units", "ward"}).find("costs") == nullptr);
  CHECK(at(tree, {"units", "ward"}).find("notes") == nullptr);
  const auto loaded = load(effective);
  CHECK(loaded.model->exits.size() == 3);
  CHECK(unit(loaded, "step_down").capacity == 5);
  CHECK(unit(loaded, "ward").costs.per_occupied_bed_day_gbp == 0.0);
  // The log records both appends, the second one seeing the first.
  REQUIRE(effective.changes.size() == 7);
  CHECK(effective.changes[3].before == "(absent)");
  CHECK(effective.changes[3].after == "[first]");
  CHECK(effective.changes[4].after == "[first, second]");
  CHECK(effective.changes[5].after == "(removed)");
}

TEST_CASE("remove of list items by index, backwards so that positions stay valid", "[overlay]") {
  const auto effective = apply({R"(
overlay: drop exits
changes:
  - append: exits
    value: a
  - append: exits
    value: b
  - remove: exits[*]
)"});
  REQUIRE(effective.ok());
  CHECK(at(effective.tree, {"exits"}).items.empty());
  REQUIRE(effective.changes.size() == 3 + 4 - 1);
  CHECK(effective.changes[2].path == "exits[0]");
  CHECK(effective.changes.back().path == "exits[3]");
}

TEST_CASE("shift moves a fraction between two shares and keeps every map's sum", "[overlay]") {
  const auto effective = apply({R"(
overlay: home first
changes:
  - shift: arrivals.*.groups
    from: frail_p2
    to: frail_p1
    fraction: 0.3
  - shift: groups
    from: frail_p2
    to: frail_p1
    fraction: 0.3
)"});
  REQUIRE(effective.ok());
  const auto& t = effective.tree;
  CHECK(number_at(t, {"arrivals", "front_door", "groups", "frail_p2"}) == Approx(0.14));
  CHECK(number_at(t, {"arrivals", "front_door", "groups", "frail_p1"}) == Approx(0.36));
  CHECK(number_at(t, {"arrivals", "gp", "groups", "frail_p2"}) == Approx(0.35));
  CHECK(number_at(t, {"arrivals", "gp", "groups", "frail_p1"}) == Approx(0.65));
  CHECK(number_at(t, {"groups", "frail_p1"}) == Approx(0.36));
  for (const auto& keys : std::vector<std::vector<std::string>>{
           {"arrivals", "front_door", "groups"}, {"arrivals", "gp", "groups"}, {"groups"}}) {
    double sum = 0.0;
    for (const auto& entry : at(t, keys).entries) sum += std::stod(entry.value.scalar);
    CHECK(std::abs(sum - 1.0) < 1e-15);
  }
  CHECK(load(effective).model->groups[0].share == Approx(0.36));
}

TEST_CASE("Overlays compose in order: the later one sees the earlier one's result", "[overlay]") {
  const std::string set_30 = "overlay: a\nchanges:\n  - set: units.ward.capacity\n    to: 30\n";
  const std::string scale_2 = "overlay: b\nchanges:\n  - scale: units.ward.capacity\n    by: 2\n";
  const auto set_then_scale = load(apply({set_30, scale_2}));
  const auto scale_then_set = load(apply({scale_2, set_30}));
  CHECK(unit(set_then_scale, "ward").capacity == 60);
  CHECK(unit(scale_then_set, "ward").capacity == 30);
  const auto both = apply({set_30, scale_2});
  REQUIRE(both.overlays.size() == 2);
  CHECK(both.overlays[0].file_name == "o1.yaml");
  CHECK(both.overlays[1].name == "b");
  CHECK(both.changes[1].before == "30");
  CHECK(both.changes[1].location.file == "o2.yaml");
}

TEST_CASE("A base read once into a tree takes overlays as its text does", "[overlay]") {
  const std::string set_30 = "overlay: a\nchanges:\n  - set: units.ward.capacity\n    to: 30\n";
  sc::Diagnostics diagnostics;
  const auto base = sc::parse_tree(overlay_test::base_text(), "base.yaml", diagnostics);
  REQUIRE(base);
  const auto from_tree = sc::apply_overlays(*base, "base.yaml", {{"o1.yaml", set_30}});
  const auto from_text = apply({set_30});
  CHECK(from_tree.ok());
  CHECK(from_tree.yaml == from_text.yaml);
  CHECK(sc::describe_changes(from_tree) == sc::describe_changes(from_text));
  CHECK(unit(load(from_tree), "ward").capacity == 30);
  // The base tree itself is left as it was, ready for the next overlay.
  CHECK(sc::tree_to_yaml(*base) == sc::apply_overlays(*base, "base.yaml", {}).yaml);
  CHECK(base->find("units")->find("ward")->find("capacity")->scalar != "30");
}

TEST_CASE("The effective YAML reads back to the same tree and names what changed", "[overlay]") {
  const auto effective = apply({"overlay: a\nchanges:\n  - set: units.ward.capacity\n    to: 30\n"});
  REQUIRE(effective.ok());
  const std::string shown = sc::effective_scenario_yaml(effective);
  CHECK(shown.find("# Effective scenario: base.yaml\n") == 0);
  CHECK(shown.find("#   1. o1.yaml \"a\" (FNV-1a 64 ") != std::string::npos);
  CHECK(shown.find("#   o1.yaml:3:10 set units.ward.capacity: 40 -> 30\n") != std::string::npos);
  CHECK(sc::describe_changes(effective) == "o1.yaml:3:10 set units.ward.capacity: 40 -> 30\n");
  // Comments are YAML comments: the shown text loads as the same scenario.
  const auto reloaded = sc::load_scenario_text(shown, "shown.yaml");
  INFO(reloaded.diagnostics.format());
  REQUIRE(reloaded.ok());
  CHECK(reloaded.model->units[0].capacity == 30);
}
