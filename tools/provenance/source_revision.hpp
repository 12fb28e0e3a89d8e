#pragma once
// The git commit flowsim was built from, captured by CMake at build time
// (cmake/flowsim_source_revision.cmake); unknown when it was not built from
// a git checkout.
#include <optional>
#include <string>

namespace flowsim::tools {

struct SourceRevision {
  std::optional<std::string> commit;  // 40 hex digits
  std::optional<bool> dirty;          // tracked files differed from the commit
};

[[nodiscard]] SourceRevision source_revision();

}  // namespace flowsim::tools
