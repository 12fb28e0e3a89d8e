#pragma once
// SHA-256 (FIPS 180-4) of a byte string, as lowercase hex: the hash every
// result file records of its scenario and overlays, so that anyone can check
// a file against a run record with sha256sum. No library already linked into
// flowsim offers SHA-256 (SQLite's is in its shell only, Boost has SHA-1), so
// this small implementation is checked against the NIST test vectors
// (tests/cli/sha256_test.cpp).
#include <string>
#include <string_view>

namespace flowsim::tools {

[[nodiscard]] std::string sha256_hex(std::string_view bytes);

}  // namespace flowsim::tools
