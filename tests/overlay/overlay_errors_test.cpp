// Bad-overlay fixtures: tests/data/bad_overlays/<case>.yaml is applied to
// tests/data/overlays/base.yaml (named base.yaml) as an overlay named
// <case>.yaml, and the diagnostics must equal <case>.expected exactly: the
// overlay's file, line and column, the message and the key path.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "overlay_test_support.hpp"
#include "tests/fixture_files.hpp"

namespace fs = std::filesystem;
namespace sc = flowsim::scenario;

namespace {

const fs::path kBadDir = overlay_test::kSourceDir / "tests/data/bad_overlays";

std::vector<fs::path> files_with(const std::string& extension) {
  return test_files::files_with(kBadDir, extension);
}

}  // namespace

TEST_CASE("Every bad-overlay fixture gives exactly the expected diagnostics", "[overlay]") {
  const auto fixtures = files_with(".yaml");
  REQUIRE(fixtures.size() >= 20);
  for (const auto& yaml : fixtures) {
    const std::string name = yaml.filename().string();
    INFO("fixture " << name);
    fs::path expected = yaml;
    expected.replace_extension(".expected");
    REQUIRE(fs::exists(expected));
    const auto result = sc::load_scenario_text_with_overlays(overlay_test::base_text(), "base.yaml",
                                                             {{name, overlay_test::slurp(yaml)}});
    CHECK_FALSE(result.ok());
    CHECK(result.diagnostics.format() == overlay_test::slurp(expected));
    // Every error is in the overlay, never in the (valid) base.
    for (const auto& d : result.diagnostics.sorted()) {
      CHECK(d.location.file == name);
      CHECK(d.location.line > 0);
    }
  }
  for (const auto& expected : files_with(".expected")) {
    fs::path yaml = expected;
    yaml.replace_extension(".yaml");
    INFO(expected.filename().string());
    CHECK(fs::exists(yaml));
  }
}

TEST_CASE("A later overlay's error names its own file; an unreadable file is reported", "[overlay]") {
  const auto result = sc::load_scenario_text_with_overlays(
      overlay_test::base_text(), "base.yaml",
      {{"good.yaml", "overlay: good\nchanges:\n  - set: units.ward.capacity\n    to: 30\n"},
       {"bad.yaml", "overlay: bad\nchanges:\n  - set: units.ward.capacity\n    to: -1\n"}});
  CHECK(result.diagnostics.format() ==
        "bad.yaml:4:9: error: expected an integer >= 0 or 'unlimited', got -1\n"
        "    at units.ward.capacity\n");
  const auto missing =
      sc::load_scenario_with_overlays(overlay_test::kBasePath.string(), {"no/such/overlay.yaml"});
  CHECK(missing.diagnostics.format() == "no/such/overlay.yaml: error: cannot open the overlay file\n");
}

TEST_CASE("Errors already in the base keep their base position when overlays apply", "[overlay]") {
  std::string base = overlay_test::base_text();
  const std::string from = "    capacity: 20\n";
  const auto at = base.find(from);
  REQUIRE(at != std::string::npos);
  base.replace(at, from.size(), "    capacity: twenty\n");
  const auto result = sc::load_scenario_text_with_overlays(
      base, "base.yaml",
      {{"o.yaml", "overlay: o\nchanges:\n  - set: units.ward.capacity\n    to: 30\n"}});
  const std::string expected =
      "base.yaml:25:15: error: expected an integer >= 0 or 'unlimited', got \"twenty\"\n"
      "    at units.rehab.capacity\n";
  CHECK(result.diagnostics.format() == expected);
  // ... exactly what loading the base alone reports.
  CHECK(sc::load_scenario_text(base, "base.yaml").diagnostics.format() == expected);
}

TEST_CASE("Through the overlay path, every loader fixture reports exactly what the loader does",
          "[overlay]") {
  // The effective scenario is regenerated YAML; mapping positions back must
  // be exact, so each bad scenario of tests/data/bad, loaded through the
  // tree with no change, gives the same file, line, column and message.
  const fs::path bad_dir = overlay_test::kSourceDir / "tests/data/bad";
  std::size_t compared = 0;
  for (const auto& entry : fs::directory_iterator(bad_dir)) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string name = entry.path().filename().string();
    INFO("fixture " << name);
    const std::string text = overlay_test::slurp(entry.path());
    const auto effective = sc::apply_overlays(text, name, {});
    const auto direct = sc::load_scenario_text(text, name);
    if (name == "alias_bomb.yaml") {
      // The tree expands aliases into copies, so it meets the bomb first and
      // reports it in its own words (its budget counts nodes, the loader's
      // counts visits); either way the file is refused.
      CHECK_FALSE(sc::load_effective_scenario(effective).ok());
      CHECK_THAT(sc::load_effective_scenario(effective).diagnostics.format(),
                 Catch::Contains("aliases are expanded"));
      continue;
    }
    CHECK(sc::load_effective_scenario(effective).diagnostics.format() == direct.diagnostics.format());
    ++compared;
  }
  CHECK(compared >= 17);
}
