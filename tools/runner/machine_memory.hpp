#pragma once
// How much memory this process may use: the smaller of the memory the
// kernel reports available (MemAvailable) and the cgroup's limit, if any.
namespace flowsim::tools {

// In bytes; 0 when it cannot be determined (then memory is not checked).
[[nodiscard]] double available_memory_bytes();

}  // namespace flowsim::tools
