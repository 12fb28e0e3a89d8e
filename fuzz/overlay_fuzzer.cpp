// libFuzzer target: any bytes as an overlay applied to a small valid base
// scenario (fuzz/seeds/every_distribution.yaml, compiled in). Applying the
// overlay and loading the effective scenario must end in a valid model or
// in diagnostics, never a crash, hang, abort or exhaustion of memory.
// Overlays that reference themselves, paths that match nothing and values
// of every type come from mutating the seed overlays in fuzz/overlay_seeds/.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "models/scenario/overlay.hpp"

namespace {

// The base, read into a tree once per process: each input starts from a
// copy, as load_scenario_text_with_overlays would after reading the base.
const flowsim::scenario::TreeNode& base_tree() {
  static const flowsim::scenario::TreeNode tree = [] {
    std::ifstream in(FLOWSIM_FUZZ_BASE_SCENARIO, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    flowsim::scenario::Diagnostics diagnostics;
    auto parsed = flowsim::scenario::parse_tree(text.str(), "base.yaml", diagnostics);
    if (!parsed) {
      std::fprintf(stderr, "overlay_fuzzer: cannot read the base scenario %s:\n%s",
                   FLOWSIM_FUZZ_BASE_SCENARIO, diagnostics.format().c_str());
      std::abort();
    }
    return std::move(*parsed);
  }();
  return tree;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // The same overlay twice: composition, and changes that undo each other.
  const auto loaded = flowsim::scenario::load_effective_scenario(flowsim::scenario::apply_overlays(
      base_tree(), "base.yaml", {{"fuzz_overlay.yaml", text}, {"fuzz_overlay_again.yaml", text}}));
  flowsim::fuzz::check_load_result(loaded);
  return 0;
}
