// Key-path syntax, matching, and the explanation of a path that matches nothing.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <fmt/format.h>

#include "models/scenario/overlay_path.hpp"

namespace sc = flowsim::scenario;

namespace {

sc::TreeNode parse(const std::string& yaml) {
  sc::Diagnostics diagnostics;
  auto tree = sc::parse_tree(yaml, "t.yaml", diagnostics);
  REQUIRE(tree);
  return *tree;
}

std::string parse_error(const std::string& path) {
  std::string error;
  CHECK_FALSE(sc::parse_key_path(path, error));
  return error;
}

}  // namespace

TEST_CASE("Key paths parse into steps and print back the same", "[overlay]") {
  for (const std::string text : {"units.acute.capacity", "units.*.los", "exits[2]",
                                 "units.acute.los.frail_p0.components[*].mean", "[0]", "a[1][2].b"}) {
    std::string error;
    const auto path = sc::parse_key_path(text, error);
    INFO(text << ": " << error);
    REQUIRE(path);
    CHECK(sc::format_key_path(*path) == text);
  }
  CHECK(parse_error("") == "the key path is empty");
  CHECK(parse_error("a..b") == "empty key at character 3 of 'a..b'");
  CHECK(parse_error("a.") == "empty key at character 3 of 'a.'");
  CHECK(parse_error("a[x]") == "expected a list index such as [0] or [*], got [x] in 'a[x]'");
  CHECK(parse_error("a[1") == "'[' without ']' in 'a[1'");
  CHECK(parse_error("a]b") == "unexpected ']' at character 2 of 'a]b'");
}

TEST_CASE("Matching: keys, '*', list items; a '*' branch without the rest is skipped", "[overlay]") {
  auto tree = parse("units: {a: {los: 1, extra: 2}, b: {los: 3}}\nexits: [home, died]\n");
  std::string error;
  const auto matches = sc::match_key_path(tree, *sc::parse_key_path("units.*.extra", error));
  REQUIRE(matches.size() == 1);
  CHECK(matches[0].path == "units.a.extra");
  CHECK(matches[0].node->scalar == "2");
  const auto all = sc::match_key_path(tree, *sc::parse_key_path("units.*.los", error));
  REQUIRE(all.size() == 2);
  CHECK(all[1].path == "units.b.los");
  const auto items = sc::match_key_path(tree, *sc::parse_key_path("exits[*]", error));
  REQUIRE(items.size() == 2);
  CHECK(items[1].path == "exits[1]");
  CHECK(items[1].position == 1);
  CHECK(items[1].node->scalar == "died");
}

TEST_CASE("A path that matches nothing is explained at the step that fails", "[overlay]") {
  auto tree = parse("units: {a: {los: 1}, b: {los: 3}}\nexits: [home, died]\n");
  const auto why = [&tree](const std::string& text) {
    std::string error;
    return sc::explain_no_match(tree, *sc::parse_key_path(text, error));
  };
  CHECK(why("units.a.lso") == "'units.a' has no key 'lso'; did you mean 'los'?");
  CHECK(why("units.*.capacity") ==
        "each of the 2 matches of 'units.*' has no key 'capacity'; its keys are: los");
  CHECK(why("exits[5]") == "'exits' has 2 items; [5] is out of range");
  CHECK(why("units[0]") == "'units' is a map, not a list");
  CHECK(why("exits.home") == "'exits' is a list, not a map with keys");
  CHECK(why("units.a.los.x") == "'units.a.los' is the value \"1\", not a map with keys");
}

TEST_CASE("Aliases expanded past the node limit are an error, not a memory blow-up", "[overlay]") {
  // Ten levels of ten aliases each: 10^10 values once expanded.
  std::string yaml = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level <= 10; ++level) {
    std::vector<std::string> items(10, fmt::format("*l{}", level - 1));
    yaml += fmt::format("l{0}: &l{0} [{1}]\n", level, fmt::join(items, ", "));
  }
  sc::Diagnostics diagnostics;
  CHECK_FALSE(sc::parse_tree(yaml, "bomb.yaml", diagnostics));
  CHECK(diagnostics.format().find("more than 2000000 values once aliases are expanded") !=
        std::string::npos);
}
