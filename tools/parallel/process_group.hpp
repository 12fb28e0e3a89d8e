#pragma once
// The processes that share one command's work: every rank when flowsim was
// started by an MPI launcher (mpirun, srun) and built with FLOWSIM_WITH_MPI,
// otherwise this process alone. Rank 0 is the root: it reads and writes every
// file and speaks for the group. This is the only interface to MPI, so the
// rest of flowsim builds and runs the same without it.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/replication_result.hpp"

namespace flowsim::tools {

// What one rank sends to the root after a share of work.
struct RankShare {
  std::vector<models::ReplicationResult> results;
  std::string failure;  // empty when the share succeeded
};

class ProcessGroup {
 public:
  // The group of this process. MPI is started on first use, and only when an
  // MPI launcher started this process, so a plain run never pays for it.
  [[nodiscard]] static const ProcessGroup& world();

  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;
  ~ProcessGroup();

  [[nodiscard]] int rank() const { return rank_; }
  [[nodiscard]] int size() const { return size_; }
  [[nodiscard]] bool is_root() const { return rank_ == 0; }

  // The root's values, on every rank.
  [[nodiscard]] std::vector<std::uint64_t> broadcast(std::vector<std::uint64_t> values) const;
  // The root receives every rank's share in rank order (its own first);
  // the other ranks receive nothing.
  [[nodiscard]] std::vector<RankShare> gather(RankShare mine) const;

 private:
  struct Mpi;
  ProcessGroup();
  std::unique_ptr<Mpi> mpi_;  // null when this process runs alone
  int rank_ = 0;
  int size_ = 1;
};

// Items [0, count) dealt round-robin: rank r takes r, r + size, r + 2 size...
// A static deal keeps the result independent of timing.
[[nodiscard]] std::vector<std::size_t> items_of_rank(std::size_t count, int rank, int size);

// Silences std::cout and std::cerr on every rank but the root while alive,
// so that messages appear once, not once per rank.
class RootSpeaksOnly {
 public:
  explicit RootSpeaksOnly(const ProcessGroup& group);
  RootSpeaksOnly(const RootSpeaksOnly&) = delete;
  RootSpeaksOnly& operator=(const RootSpeaksOnly&) = delete;
  ~RootSpeaksOnly();

 private:
  std::streambuf* out_ = nullptr;
  std::streambuf* err_ = nullptr;
};

}  // namespace flowsim::tools
