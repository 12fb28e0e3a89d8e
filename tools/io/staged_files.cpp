#include "tools/io/staged_files.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace flowsim::tools {

namespace fs = std::filesystem;

std::ofstream StagedFiles::open(const std::string& name) {
  const fs::path partial = directory_ / ("." + name + ".partial");
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", partial.string()));
  staged_.push_back(name);
  return out;
}

void StagedFiles::commit() {
  for (const auto& name : staged_)
    fs::rename(directory_ / ("." + name + ".partial"), directory_ / name);
  staged_.clear();
}

StagedFiles::~StagedFiles() {
  std::error_code ignored;
  for (const auto& name : staged_) fs::remove(directory_ / ("." + name + ".partial"), ignored);
}

void close_checked(std::ofstream& out, const std::string& name) {
  out.close();
  if (!out) throw std::runtime_error(fmt::format("failed while writing {}", name));
}

}  // namespace flowsim::tools
