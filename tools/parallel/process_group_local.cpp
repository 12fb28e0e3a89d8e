// ProcessGroup without MPI (FLOWSIM_WITH_MPI off): always this process alone.
#include "tools/parallel/process_group.hpp"

namespace flowsim::tools {

struct ProcessGroup::Mpi {};

ProcessGroup::ProcessGroup() = default;
ProcessGroup::~ProcessGroup() = default;

const ProcessGroup& ProcessGroup::world() {
  static const ProcessGroup group;
  return group;
}

std::vector<std::uint64_t> ProcessGroup::broadcast(std::vector<std::uint64_t> values) const {
  return values;
}

std::vector<RankShare> ProcessGroup::gather(RankShare mine) const {
  std::vector<RankShare> all;
  all.push_back(std::move(mine));
  return all;
}

}  // namespace flowsim::tools
