// ProcessGroup over Boost.MPI. Results travel as Boost.Serialization
// archives, which carry doubles bit for bit, so the root writes exactly what
// a single process would.
#include <cstdlib>

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

#include "tools/parallel/process_group.hpp"

namespace boost::serialization {

template <class Archive>
void serialize(Archive& archive, flowsim::models::Metric& metric, unsigned /*version*/) {
  archive& metric.name& metric.value;
}

template <class Archive>
void serialize(Archive& archive, flowsim::models::LoggedEvent& event, unsigned /*version*/) {
  archive& event.time_days& event.source& event.entity& event.what& event.unit& event.other;
}

template <class Archive>
void serialize(Archive& archive, flowsim::models::ReplicationResult& result, unsigned /*version*/) {
  // Every field: a result sent between ranks must equal the one computed in
  // one process, byte for byte in the outputs.
  archive& result.replication& result.metrics& result.daily_census& result.daily_peak& result
      .daily_delayed_for& result.daily_waiting_arrivals& result.daily_capacity& result
      .daily_escalation_level& result.time_at_occupancy& result.period_metrics& result.events& result
      .patients_created& result.patients_present_at_end& result.flow_balanced& result.event_log;
}

template <class Archive>
void serialize(Archive& archive, flowsim::tools::RankShare& share, unsigned /*version*/) {
  archive& share.results& share.failure;
}

}  // namespace boost::serialization

namespace flowsim::tools {

struct ProcessGroup::Mpi {
  // MPI calls come only from the thread that runs the command; worker
  // threads only simulate.
  boost::mpi::environment environment{boost::mpi::threading::funneled};
  boost::mpi::communicator world;
};

namespace {
// Set by mpirun (OpenMPI), by PMI launchers (MPICH, Slurm srun) or by PMIx.
bool started_by_mpi_launcher() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(variable) != nullptr) return true;
  return false;
}
}  // namespace

ProcessGroup::ProcessGroup() {
  if (!started_by_mpi_launcher()) return;
  mpi_ = std::make_unique<Mpi>();
  rank_ = mpi_->world.rank();
  size_ = mpi_->world.size();
}

ProcessGroup::~ProcessGroup() = default;

const ProcessGroup& ProcessGroup::world() {
  static const ProcessGroup group;
  return group;
}

std::vector<std::uint64_t> ProcessGroup::broadcast(std::vector<std::uint64_t> values) const {
  if (mpi_) boost::mpi::broadcast(mpi_->world, values, 0);
  return values;
}

std::vector<RankShare> ProcessGroup::gather(RankShare mine) const {
  std::vector<RankShare> all;
  if (!mpi_) {
    all.push_back(std::move(mine));
    return all;
  }
  boost::mpi::gather(mpi_->world, mine, all, 0);
  return all;
}

}  // namespace flowsim::tools
