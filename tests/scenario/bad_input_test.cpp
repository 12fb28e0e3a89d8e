// Bad-input fixtures: tests/data/bad/<case>.yaml is loaded as if from a file
// named <case>.yaml, and Diagnostics::format() must equal <case>.expected
// exactly (file:line:column: error: message, then the key path).
#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "models/scenario/loader.hpp"
#include "tests/fixture_files.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kBadDir = fs::path(FLOWSIM_SOURCE_DIR) / "tests" / "data" / "bad";

using test_files::slurp;

std::vector<fs::path> files_with(const std::string& extension) {
  return test_files::files_with(kBadDir, extension);
}

}  // namespace

TEST_CASE("Every bad-input fixture gives exactly the expected diagnostics", "[scenario]") {
  const auto fixtures = files_with(".yaml");
  // One per kind of error; see the file names.
  REQUIRE(fixtures.size() >= 17);
  for (const auto& yaml : fixtures) {
    const std::string name = yaml.filename().string();
    INFO("fixture " << name);
    fs::path expected_path = yaml;
    expected_path.replace_extension(".expected");
    REQUIRE(fs::exists(expected_path));
    const auto result = flowsim::scenario::load_scenario_text(slurp(yaml), name);
    CHECK_FALSE(result.ok());
    CHECK(result.model == nullptr);
    CHECK(result.diagnostics.has_errors());
    CHECK(result.diagnostics.format() == slurp(expected_path));
  }
  // ... and no expected text without its fixture.
  for (const auto& expected : files_with(".expected")) {
    fs::path yaml = expected;
    yaml.replace_extension(".yaml");
    INFO(expected.filename().string());
    CHECK(fs::exists(yaml));
  }
}

TEST_CASE("Diagnostics are sorted by line and column and all carry a position", "[scenario]") {
  for (const auto& yaml : files_with(".yaml")) {
    const std::string name = yaml.filename().string();
    INFO("fixture " << name);
    const auto diagnostics = flowsim::scenario::load_scenario_text(slurp(yaml), name).diagnostics;
    const auto sorted = diagnostics.sorted();
    REQUIRE_FALSE(sorted.empty());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      CHECK(sorted[i].location.file == name);
      CHECK(sorted[i].location.line > 0);
      CHECK(sorted[i].location.column > 0);
      if (i > 0) {
        const auto& a = sorted[i - 1].location;
        const auto& b = sorted[i].location;
        CHECK((a.line < b.line || (a.line == b.line && a.column <= b.column)));
      }
    }
  }
}

TEST_CASE("Several errors are all reported in one pass", "[scenario]") {
  const auto text = slurp(kBadDir / "several_errors.yaml");
  const auto diagnostics =
      flowsim::scenario::load_scenario_text(text, "several_errors.yaml").diagnostics;
  // Every section of the file contributes, though arrivals come first in the file.
  std::set<std::string> sections;
  for (const auto& d : diagnostics.sorted()) sections.insert(d.key_path.substr(0, d.key_path.find('.')));
  CHECK(sections == std::set<std::string>{"arrivals", "run", "units"});
  CHECK(diagnostics.sorted().size() >= 8);
  CHECK(diagnostics.sorted().front().key_path.rfind("arrivals.", 0) == 0);
  CHECK(diagnostics.sorted().back().key_path.rfind("run.", 0) == 0);
}

TEST_CASE("A file that cannot be opened is reported, not thrown", "[scenario]") {
  const auto result = flowsim::scenario::load_scenario_file(
      (fs::path(FLOWSIM_TEST_OUTPUT_DIR) / "no_such_scenario.yaml").string());
  CHECK_FALSE(result.ok());
  CHECK(result.diagnostics.format().find("cannot open the scenario file") != std::string::npos);
}

TEST_CASE("Edit distance and did-you-mean suggestions", "[scenario]") {
  using flowsim::scenario::closest_match;
  using flowsim::scenario::edit_distance;
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("capcity", "capacity") == 1);
  CHECK(closest_match("capcity", {"kind", "capacity", "queue_limit"}) == "capacity");
  CHECK(closest_match("zzz", {"kind", "capacity"}).empty());  // nothing within 2
  CHECK(closest_match("los", {"lot", "low"}) == "lot");       // ties: the first
}

TEST_CASE("Did-you-mean gives up early on words far from every candidate", "[scenario]") {
  using flowsim::scenario::closest_match;
  using flowsim::scenario::edit_distance;
  // The same choice as the full edit distance: the nearest within 2, ties
  // to the first, on words near and far, short and long.
  const std::vector<std::string> candidates = {"capacity", "kind",  "los", "routes",
                                               "lot",      "queue", "",    "initial_patients"};
  const std::vector<std::string> words = {"",        "x",     "lo",          "lso",   "capcity",
                                          "cpacity", "kinds", "queue_limit", "route", "initial_patient",
                                          "zzzzzzz", "lots",  "los"};
  for (const auto& word : words) {
    std::string expected;
    std::size_t best = 3;
    for (const auto& candidate : candidates)
      if (edit_distance(word, candidate) < best) {
        best = edit_distance(word, candidate);
        expected = candidate;
      }
    CHECK(closest_match(word, candidates) == expected);
  }
  // A fuzzed key of a megabyte against a schema's keys: the full table is
  // 45 million cells a key, and aliases can repeat such a key thousands of
  // times (fuzz/scenario_loader_fuzzer spent most of its time here).
  const std::string huge(1 << 20, 'k');
  const std::clock_t start = std::clock();
  for (int i = 0; i < 20; ++i) CHECK(closest_match(huge, candidates).empty());
  const double cpu_seconds =
      static_cast<double>(std::clock() - start) / static_cast<double>(CLOCKS_PER_SEC);
  CHECK(cpu_seconds < 0.05);
}
