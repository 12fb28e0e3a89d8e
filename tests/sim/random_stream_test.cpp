#include <catch2/catch.hpp>

#include "sim/random_stream.hpp"

using namespace flowsim::sim;

TEST_CASE("Philox4x32-10 matches the Random123 known-answer vector", "[sim]") {
  // Counter 0, key 0: from Random123's kat_vectors.
  const auto block = philox_block(0, 0, 0, 0, 0);
  CHECK(block[0] == 0x6627e8d5U);
  CHECK(block[1] == 0xe169c58dU);
  CHECK(block[2] == 0xbc57ac4cU);
  CHECK(block[3] == 0x9b00dbd8U);
}

TEST_CASE("A draw depends only on its coordinates", "[sim]") {
  const StreamKey key(42, "patient/ae_walk_in");
  const double a = uniform_at(key, 7, 0, 3, 1000);
  const StreamKey same(42, "patient/ae_walk_in");
  CHECK(uniform_at(same, 7, 0, 3, 1000) == a);
  CHECK(uniform_at(key, 7, 0, 4, 1000) != a);                                  // another replication
  CHECK(uniform_at(key, 7, 0, 3, 1001) != a);                                  // another patient
  CHECK(uniform_at(StreamKey(43, "patient/ae_walk_in"), 7, 0, 3, 1000) != a);  // another seed
  CHECK(uniform_at(StreamKey(42, "patient/gp"), 7, 0, 3, 1000) != a);          // another name
}

TEST_CASE("Uniforms lie strictly inside (0, 1) and average one half", "[sim]") {
  SequentialStream stream(StreamKey(1, "arrivals/x"), 0);
  double sum = 0.0;
  constexpr int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double u = stream.next();
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
    sum += u;
  }
  // Mean of n uniforms has sd 1/sqrt(12 n) ~ 0.00065; 5 sd is 0.0032.
  CHECK(sum / n == Approx(0.5).margin(0.0033));
  CHECK(open_unit_interval(0) > 0.0);
  CHECK(open_unit_interval(~0ULL) < 1.0);
}

TEST_CASE("Stream names hash stably across platforms", "[sim]") {
  // FNV-1a 64 reference values.
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
}

TEST_CASE("splitmix64 is the SplitMix64 finaliser", "[sim]") {
  // The first outputs of Steele, Lea and Flood's SplitMix64 seeded 0 and 1.
  CHECK(splitmix64(0) == 0xe220a8397b1dcdafULL);
  CHECK(splitmix64(1) == 0x910a2dec89025cc1ULL);
}

TEST_CASE("block_bits joins two words, the higher one on top", "[sim]") {
  const r123::Philox4x32::ctr_type block = {{0x11111111U, 0x22222222U, 0x33333333U, 0x44444444U}};
  CHECK(block_bits(block, 0) == 0x2222222211111111ULL);
  CHECK(block_bits(block, 2) == 0x4444444433333333ULL);
}

TEST_CASE("uniform_pair_at gives the two halves of one block", "[sim]") {
  const StreamKey key(7, "patient/ae");
  const auto pair = uniform_pair_at(key, 3, 1, 2, 99);
  // The first is the single draw at the same coordinates, the second the
  // block's other half.
  CHECK(pair.first == uniform_at(key, 3, 1, 2, 99));
  const auto block = philox_block(key.value(), 3, 1, 2, 99);
  CHECK(pair.second == open_unit_interval(block_bits(block, 2)));
  CHECK(pair.first != pair.second);
}
