// The parts of ProcessGroup that do not depend on MPI.
#include <iostream>

#include "tools/parallel/process_group.hpp"

namespace flowsim::tools {

std::vector<std::size_t> items_of_rank(std::size_t count, int rank, int size) {
  std::vector<std::size_t> items;
  for (std::size_t i = static_cast<std::size_t>(rank); i < count; i += static_cast<std::size_t>(size))
    items.push_back(i);
  return items;
}

namespace {
// Discards everything written to it.
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};
}  // namespace

RootSpeaksOnly::RootSpeaksOnly(const ProcessGroup& group) {
  if (group.is_root()) return;
  static NullBuffer discard;  // stateless, so sharing it is harmless
  out_ = std::cout.rdbuf(&discard);
  err_ = std::cerr.rdbuf(&discard);
}

RootSpeaksOnly::~RootSpeaksOnly() {
  if (out_ != nullptr) std::cout.rdbuf(out_);
  if (err_ != nullptr) std::cerr.rdbuf(err_);
}

}  // namespace flowsim::tools
