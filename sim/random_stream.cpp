#include "sim/random_stream.hpp"

namespace flowsim::sim {

StreamKey::StreamKey(std::uint64_t master_seed, std::string_view name)
    : key_(splitmix64(master_seed ^ fnv1a64(name))) {}

double SequentialStream::next() {
  const std::uint64_t n = draws_++;
  if (n % 2 == 1) return spare_;
  // Counter: block number split over two words, so a stream never wraps in
  // practice (2^64 blocks), then replication and entity.
  const std::uint64_t block_no = n / 2;
  const auto block =
      philox_block(key_, static_cast<std::uint32_t>(block_no),
                   static_cast<std::uint32_t>(block_no >> 32) | 0x80000000U, replication_, entity_);
  spare_ = open_unit_interval(block_bits(block, 2));
  return open_unit_interval(block_bits(block, 0));
}

}  // namespace flowsim::sim
