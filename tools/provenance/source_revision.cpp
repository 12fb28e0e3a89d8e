#include "tools/provenance/source_revision.hpp"

// Generated into the build directory; only this file includes it, so a new
// commit recompiles this file alone.
#include "flowsim_source_revision.hpp"

namespace flowsim::tools {

SourceRevision source_revision() {
  SourceRevision revision;
  const std::string commit = FLOWSIM_GIT_COMMIT;
  if (!commit.empty()) revision.commit = commit;
  if (FLOWSIM_GIT_DIRTY >= 0) revision.dirty = FLOWSIM_GIT_DIRTY == 1;
  return revision;
}

}  // namespace flowsim::tools
