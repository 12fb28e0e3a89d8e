#pragma once
// Counter-based random streams (Random123 Philox4x32-10).
//
// A stream is identified by names, never by construction order: the key is
// derived from (master seed, stream name), and the counter from (purpose,
// draw index, replication, entity). Any draw can therefore be recomputed from
// its coordinates alone, which gives
//   - identical results on any thread count (no shared generator), and
//   - common random numbers: patient k of a source draws the same uniforms in
//     a baseline and in an intervention, whatever else changed.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <Random123/philox.h>

namespace flowsim::sim {

// 64-bit FNV-1a: stable across platforms and compilers, used to turn names
// into numbers.
[[nodiscard]] constexpr std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// SplitMix64 finaliser: mixes a 64-bit value so nearby inputs give unrelated keys.
[[nodiscard]] constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Uniform in the open interval (0, 1) from 64 random bits: 52 bits plus half
// a step, so the extremes are 2^-53 and 1 - 2^-53, both exactly
// representable; neither 0 nor 1 can occur (inversion of unbounded
// distributions needs both excluded). With 53 bits the top value would round
// to 1.0.
[[nodiscard]] inline double open_unit_interval(std::uint64_t bits) {
  constexpr double kStep = 1.0 / 4503599627370496.0;  // 2^-52
  return (static_cast<double>(bits >> 12) + 0.5) * kStep;
}

// The key of one named stream family under one master seed.
class StreamKey {
 public:
  StreamKey() = default;
  StreamKey(std::uint64_t master_seed, std::string_view name);
  [[nodiscard]] std::uint64_t value() const { return key_; }

 private:
  std::uint64_t key_ = 0;
};

// Raw Philox block for explicit coordinates. Inline because every random
// draw of a run passes here (a sixth of R1's instructions).
[[nodiscard]] inline r123::Philox4x32::ctr_type philox_block(std::uint64_t key, std::uint32_t c0,
                                                             std::uint32_t c1, std::uint32_t c2,
                                                             std::uint32_t c3) {
  const r123::Philox4x32 generator;
  const r123::Philox4x32::ctr_type counter = {{c0, c1, c2, c3}};
  const r123::Philox4x32::key_type philox_key = {
      {static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)}};
  return generator(counter, philox_key);
}

// The 64 bits of words 'lo' and 'lo + 1' of a block.
[[nodiscard]] inline std::uint64_t block_bits(const r123::Philox4x32::ctr_type& block, std::size_t lo) {
  return (static_cast<std::uint64_t>(block[lo + 1]) << 32) | block[lo];
}

// One uniform from a stream family at coordinates (purpose, index, replication, entity).
// 'entity' is 32 bits: the patient's arrival index within its source.
[[nodiscard]] inline double uniform_at(const StreamKey& key, std::uint32_t purpose, std::uint32_t index,
                                       std::uint32_t replication, std::uint32_t entity) {
  return open_unit_interval(
      block_bits(philox_block(key.value(), purpose, index, replication, entity), 0));
}

// Both uniforms of one Philox block at those coordinates: two independent
// draws for the price of one block.
struct UniformPair {
  double first;
  double second;
};
[[nodiscard]] inline UniformPair uniform_pair_at(const StreamKey& key, std::uint32_t purpose,
                                                 std::uint32_t index, std::uint32_t replication,
                                                 std::uint32_t entity) {
  const auto block = philox_block(key.value(), purpose, index, replication, entity);
  return {open_unit_interval(block_bits(block, 0)), open_unit_interval(block_bits(block, 2))};
}

// A sequential stream: successive draws of one (family, replication, entity).
// Used for arrival processes, where draw n is the n-th uniform of the source.
class SequentialStream {
 public:
  SequentialStream() = default;
  SequentialStream(const StreamKey& key, std::uint32_t replication, std::uint32_t entity = 0)
      : key_(key.value()), replication_(replication), entity_(entity) {}

  // Each Philox block yields two uniforms; the second is kept for the next call.
  double next();
  [[nodiscard]] std::uint64_t draws() const { return draws_; }

 private:
  std::uint64_t key_ = 0;
  std::uint32_t replication_ = 0;
  std::uint32_t entity_ = 0;
  std::uint64_t draws_ = 0;
  double spare_ = 0.0;
};

}  // namespace flowsim::sim
