// Aliases expanded into an overlay tree: the limits on values and nesting
// are reported as before, but an alias bomb or an alias cycle is rejected
// without copying what it expands to (fuzz/overlay_fuzzer spent most of its
// time on such inputs, seconds each).
#include <catch2/catch.hpp>

#include <ctime>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/scenario/overlay_tree.hpp"

namespace sc = flowsim::scenario;

namespace {

// A list of 8^levels "x" values written with 'levels' nested anchors.
std::string bomb_levels(int levels) {
  std::string yaml = "&l0 [x, x, x, x, x, x, x, x]";
  for (int level = 1; level < levels; ++level)
    yaml = fmt::format("&l{0} [{1}, *l{2}, *l{2}, *l{2}, *l{2}, *l{2}, *l{2}, *l{2}]", level, yaml,
                       level - 1);
  return yaml;
}

// Copying the two million values the limit allows took 0.4 s of CPU time in
// the release build (seconds under the fuzzers' sanitizers). Walking each
// anchor once and counting each alias to it takes milliseconds; the bound is
// CPU time, not wall time, so a busy machine does not make it fail.
constexpr double kQuickSeconds = 0.15;

// 'yaml' is rejected with exactly 'errors' (the errors a copy that checked
// as it went met first), within kQuickSeconds of CPU time.
void check_rejected_quickly(const std::string& yaml, const std::string& errors) {
  sc::Diagnostics diagnostics;
  const std::clock_t start = std::clock();
  CHECK_FALSE(sc::parse_tree(yaml, "bomb.yaml", diagnostics));
  const double cpu_seconds =
      static_cast<double>(std::clock() - start) / static_cast<double>(CLOCKS_PER_SEC);
  CHECK(diagnostics.format() == errors);
  CHECK(cpu_seconds < kQuickSeconds);
}

const std::string kTooManyValues =
    "error: the document has more than 2000000 values once aliases are expanded\n";

}  // namespace

TEST_CASE("An alias cycle is rejected at the nesting limit without copying each level", "[overlay]") {
  // Each turn of the cycle repeats a list of 8^4 = 4,096 values (4,681 with
  // the lists), so the 600 levels before the nesting limit hold about 2.8
  // million values: past the value limit, which is reached first.
  check_rejected_quickly(fmt::format("top: &top [{}, *top]\n", bomb_levels(4)),
                         "bomb.yaml:1:44: " + kTooManyValues);
  // A small body: the nesting limit is reached first, at the first value of
  // the body 601 levels down.
  check_rejected_quickly(fmt::format("top: &top [{}, *top]\n", bomb_levels(2)),
                         "bomb.yaml:1:22: error: aliases nest more than 600 levels deep: an alias "
                         "(*name) inside its own anchor (&name) refers to itself\n");
}

TEST_CASE("An alias bomb is rejected at the value limit without copying two million values",
          "[overlay]") {
  // 8^9 = 134 million values once expanded.
  check_rejected_quickly(fmt::format("a: 1\nbomb: {}\n", bomb_levels(9)),
                         "bomb.yaml:2:58: " + kTooManyValues);
}

TEST_CASE("Aliases within the limits are copied in full, each copy independent", "[overlay]") {
  sc::Diagnostics diagnostics;
  auto tree = sc::parse_tree(fmt::format("a: {}\nb: *l2\n", bomb_levels(3)), "t.yaml", diagnostics);
  REQUIRE(tree);
  const auto* a = tree->find("a");
  const auto* b = tree->find("b");
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(a->items.size() == 8);
  REQUIRE(b->items.size() == 8);
  CHECK(b->items[7].items[7].items[7].scalar == "x");
  tree->find("b")->items[0].items[0].items[0].scalar = "changed";
  CHECK(a->items[0].items[0].items[0].scalar == "x");
  CHECK(sc::tree_to_flow_yaml(*tree).size() > 2 * 512 * 3);
}
