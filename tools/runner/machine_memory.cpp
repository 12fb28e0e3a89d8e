#include "tools/runner/machine_memory.hpp"

#include <algorithm>
#include <fstream>
#include <string>

namespace flowsim::tools {

namespace {

double meminfo_available() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  double kib = 0.0;
  std::string unit;
  while (in >> key >> kib >> unit)
    if (key == "MemAvailable:") return kib * 1024.0;
  return 0.0;
}

// cgroup v2 limit of this process's group ("max" when unlimited).
double cgroup_limit() {
  std::ifstream in("/sys/fs/cgroup/memory.max");
  std::string value;
  if (!(in >> value) || value == "max") return 0.0;
  try {
    return std::stod(value);
  } catch (...) {
    return 0.0;
  }
}

}  // namespace

double available_memory_bytes() {
  const double available = meminfo_available();
  const double limit = cgroup_limit();
  if (available > 0.0 && limit > 0.0) return std::min(available, limit);
  return std::max(available, limit);
}

}  // namespace flowsim::tools
