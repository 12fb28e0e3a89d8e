#pragma once
// The benchmark programs name scenarios as r1_bench and event_set_bench do:
// a bare name is a file of scenarios/validation/ ("r1", "r1_x10",
// "r1_x100"); anything with a slash or ending in .yaml is a path.
#include <string>

namespace flowsim::bench {

inline std::string scenario_path(const std::string& name) {
  if (name.find('/') != std::string::npos || name.ends_with(".yaml")) return name;
  return FLOWSIM_SOURCE_DIR "/scenarios/validation/" + name + ".yaml";
}

}  // namespace flowsim::bench
