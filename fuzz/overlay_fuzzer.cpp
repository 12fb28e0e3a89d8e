// libFuzzer target: any bytes as an overlay applied to a small valid base
// scenario (fuzz/seeds/every_distribution.yaml, compiled in). Applying the
// overlay and loading the effective scenario must end in a valid model or
// in diagnostics, never a crash, hang, abort or exhaustion of memory.
// Overlays that reference themselves, paths that match nothing and values
// of every type come from mutating the seed overlays in fuzz/overlay_seeds/.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "models/scenario/overlay.hpp"

namespace {

const std::string& base_scenario() {
  static const std::string text = [] {
    std::ifstream in(FLOWSIM_FUZZ_BASE_SCENARIO, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }();
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // The same overlay twice: composition, and changes that undo each other.
  const auto loaded = flowsim::scenario::load_scenario_text_with_overlays(
      base_scenario(), "base.yaml", {{"fuzz_overlay.yaml", text}, {"fuzz_overlay_again.yaml", text}});
  flowsim::fuzz::check_load_result(loaded);
  return 0;
}
