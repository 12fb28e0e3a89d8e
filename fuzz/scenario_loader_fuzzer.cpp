// libFuzzer target: any bytes as a scenario file. The loader and validator
// must end in a valid model or in diagnostics, never crash, hang, abort or
// exhaust memory. A valid model is also estimated and, when it is small,
// simulated for one replication, so that values the loader accepts are
// values the engine can run.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "models/scenario/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto loaded = flowsim::scenario::load_scenario_text(text, "fuzz.yaml");
  flowsim::fuzz::check_load_result(loaded);
  return 0;
}
