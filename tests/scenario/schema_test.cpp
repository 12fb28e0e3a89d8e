// The declarative scenario schema (models/scenario/scenario_schema.hpp) is
// complete and consistent, and the JSON Schemas built from it accept every
// shipped scenario and overlay: each key they use is known and each value
// has the schema's type and lies within its bounds.
#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <set>

#include <yaml-cpp/yaml.h>

#include "models/scenario/scenario_schema.hpp"
#include "tests/fixture_files.hpp"
#include "tests/scenario/yaml_schema_check.hpp"
#include "tools/io/json_schema.hpp"

namespace fs = std::filesystem;
using flowsim::scenario::KeySpec;
using flowsim::scenario::ValueKind;

namespace {

bool has_row(const std::vector<KeySpec>& table, const std::string& path) {
  return std::any_of(table.begin(), table.end(), [&](const KeySpec& k) { return k.path == path; });
}

bool has_kind(const KeySpec& row, ValueKind kind) {
  return std::find(row.kinds.begin(), row.kinds.end(), kind) != row.kinds.end();
}

void check_table(const std::vector<KeySpec>& table) {
  std::set<std::string> paths;
  for (const auto& row : table) {
    INFO("row " << row.path);
    CHECK(paths.insert(row.path).second);
    CHECK_FALSE(row.kinds.empty());
    CHECK_FALSE(row.doc.empty());
    CHECK(row.doc.find('\n') == std::string::npos);
    const std::string parent = flowsim::scenario::parent_path(row.path);
    if (!parent.empty()) CHECK(has_row(table, parent));
    if (has_kind(row, ValueKind::NamedMap)) CHECK(has_row(table, row.path + ".*"));
    if (has_kind(row, ValueKind::List)) CHECK(has_row(table, row.path + "[]"));
    if (has_kind(row, ValueKind::Map))
      CHECK_FALSE(flowsim::scenario::known_keys(row.path, table).empty());
    CHECK(has_kind(row, ValueKind::Ref) == !row.ref.empty());
    if (!row.ref.empty()) CHECK(has_row(table, "@" + row.ref));
    CHECK((row.required == flowsim::scenario::Requirement::Conditional) == !row.required_when.empty());
  }
}

std::vector<fs::path> shipped_yaml() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(FLOWSIM_SOURCE_DIR) / "scenarios"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> problems_of(const std::string& yaml, const nlohmann::json& schema) {
  return test_schema::violations(YAML::Load(yaml), schema);
}

}  // namespace

TEST_CASE("The scenario and overlay schema tables are complete and consistent", "[scenario][schema]") {
  check_table(flowsim::scenario::scenario_schema());
  check_table(flowsim::scenario::overlay_schema());
  // The loader's lists, read from the table, in the order of its messages.
  CHECK(flowsim::scenario::known_keys("units.*.costs") ==
        std::vector<std::string>{"per_occupied_bed_day", "per_available_bed_day", "per_delayed_bed_day",
                                 "per_admission", "per_visit", "per_waiting_day", "per_diverted",
                                 "per_left_waiting"});
  CHECK(flowsim::scenario::required_keys("") ==
        std::vector<std::string>{"name", "run", "exits", "units", "arrivals"});
  CHECK(flowsim::scenario::known_keys("@trigger") ==
        std::vector<std::string>{"occupancy", "waiting", "ed_over_4h", "ed_over_12h"});
  CHECK_THROWS_AS(flowsim::scenario::key_spec("units.*.no_such_key"), std::logic_error);
}

TEST_CASE("Every shipped scenario and overlay satisfies the JSON Schema", "[scenario][schema]") {
  const auto scenario_schema = flowsim::tools::scenario_json_schema();
  const auto overlay_schema = flowsim::tools::overlay_json_schema();
  std::size_t scenarios = 0;
  std::size_t overlays = 0;
  for (const auto& file : shipped_yaml()) {
    INFO(file.string());
    const YAML::Node root = YAML::LoadFile(file.string());
    // A standalone sweep file ('sweep: NAME') is not a scenario (sweeps_and_clusters.md).
    if (root["sweep"] && root["sweep"].IsScalar()) continue;
    const bool overlay = static_cast<bool>(root["overlay"]);
    (overlay ? overlays : scenarios) += 1;
    CHECK(test_schema::violations(root, overlay ? overlay_schema : scenario_schema) ==
          std::vector<std::string>{});
  }
  CHECK(scenarios >= 15);
  CHECK(overlays >= 10);
}

TEST_CASE("The JSON Schema refuses unknown keys, wrong types and values out of bounds",
          "[scenario][schema]") {
  const auto schema = flowsim::tools::scenario_json_schema();
  const std::string good =
      "name: t\nrun: {horizon_days: 10, warmup_days: 1, replications: 2, seed: 1}\nexits: [home]\n"
      "units:\n  ward: {capacity: 5, los: {dist: exponential, mean: 2, unit: days}, routes: {home: 1}}\n"
      "arrivals:\n  a: {to: ward, rate_per_day: 2}\n";
  CHECK(problems_of(good, schema).empty());
  CHECK(problems_of(good + "colour: red\n", schema).size() == 1);  // unknown top-level key
  const auto replace = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    text.replace(text.find(from), from.size(), to);
    return problems_of(text, schema);
  };
  CHECK(replace("capacity: 5", "capacity: -1").size() == 1);
  CHECK(replace("capacity: 5", "capacity: unlimited").empty());
  CHECK(replace("capacity: 5", "capacity: lots").size() == 1);
  CHECK(replace("capacity: 5", "capacty: 5").size() == 2);  // unknown key, and capacity missing
  CHECK(replace("unit: days", "unit: fortnights").size() == 1);
  CHECK(replace("horizon_days: 10", "horizon_days: 0").size() == 1);
  CHECK(replace("home: 1", "home: 1.5").size() == 1);
  CHECK(replace("rate_per_day: 2", "rate_per_day: \"2\"").size() == 1);  // quoted: text
  // A distribution takes the keys of its kind only, and a unit unless it is a mixture.
  CHECK(replace("mean: 2,", "mean: 2, sd: 1,").size() == 1);
  CHECK(replace("dist: exponential, mean: 2,", "dist: gamma, shape: 2, scale: 1,").empty());
  CHECK(replace(", unit: days}", "}").size() == 1);
  CHECK(replace(
            "{dist: exponential, mean: 2, unit: days}",
            "{dist: mixture, unit: days, components: [{dist: fixed, value: 1, unit: days, weight: 1}]}")
            .size() == 1);
  const auto overlay = flowsim::tools::overlay_json_schema();
  CHECK(problems_of("overlay: x\nchanges:\n  - {set: units.ward.capacity, to: 6}\n", overlay).empty());
  CHECK(problems_of("overlay: x\nchanges:\n  - {sett: units.ward.capacity, to: 6}\n", overlay).size() ==
        1);
}

TEST_CASE("The keys below a path come from an index built once", "[scenario]") {
  // The loader asks for every distribution it reads; scanning the table of
  // several hundred rows each time took 0.15 s of CPU time for these 20,000
  // questions in the release build (an index lookup: milliseconds).
  const auto& table = flowsim::scenario::scenario_schema();
  const std::size_t expected = flowsim::scenario::child_specs("@distribution", table).size();
  const std::clock_t start = std::clock();
  std::size_t rows = 0;
  for (int i = 0; i < 20000; ++i) rows += flowsim::scenario::child_specs("@distribution", table).size();
  const double cpu_seconds =
      static_cast<double>(std::clock() - start) / static_cast<double>(CLOCKS_PER_SEC);
  CHECK(rows == 20000 * expected);
  CHECK(cpu_seconds < 0.05);
}
