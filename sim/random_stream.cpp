#include "sim/random_stream.hpp"

namespace flowsim::sim {

StreamKey::StreamKey(std::uint64_t master_seed, std::string_view name)
    : key_(splitmix64(master_seed ^ fnv1a64(name))) {}

r123::Philox4x32::ctr_type philox_block(std::uint64_t key, std::uint32_t c0, std::uint32_t c1,
                                        std::uint32_t c2, std::uint32_t c3) {
  const r123::Philox4x32 generator;
  const r123::Philox4x32::ctr_type counter = {{c0, c1, c2, c3}};
  const r123::Philox4x32::key_type philox_key = {
      {static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)}};
  return generator(counter, philox_key);
}

namespace {
std::uint64_t join(std::uint32_t lo, std::uint32_t hi) {
  return (static_cast<std::uint64_t>(hi) << 32) | lo;
}
}  // namespace

double uniform_at(const StreamKey& key, std::uint32_t purpose, std::uint32_t index,
                  std::uint32_t replication, std::uint32_t entity) {
  const auto block = philox_block(key.value(), purpose, index, replication, entity);
  return open_unit_interval(join(block[0], block[1]));
}

UniformPair uniform_pair_at(const StreamKey& key, std::uint32_t purpose, std::uint32_t index,
                            std::uint32_t replication, std::uint32_t entity) {
  const auto block = philox_block(key.value(), purpose, index, replication, entity);
  return {open_unit_interval(join(block[0], block[1])), open_unit_interval(join(block[2], block[3]))};
}

double SequentialStream::next() {
  const std::uint64_t n = draws_++;
  if (n % 2 == 1) return spare_;
  // Counter: block number split over two words, so a stream never wraps in
  // practice (2^64 blocks), then replication and entity.
  const std::uint64_t block_no = n / 2;
  const auto block = philox_block(key_, static_cast<std::uint32_t>(block_no),
                                  static_cast<std::uint32_t>(block_no >> 32) | 0x80000000U,
                                  replication_, entity_);
  spare_ = open_unit_interval(join(block[2], block[3]));
  return open_unit_interval(join(block[0], block[1]));
}

}  // namespace flowsim::sim
