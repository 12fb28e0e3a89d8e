#include "tools/io/staged_files.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace flowsim::tools {

namespace fs = std::filesystem;

namespace {
fs::path partial_path(const fs::path& directory, const std::string& name) {
  return directory / ("." + name + ".partial");
}
}  // namespace

StagedFiles::StagedFiles(fs::path directory) : directory_(std::move(directory)) {}

StagedFiles::~StagedFiles() {
  std::error_code ignored;
  for (const auto& name : staged_) fs::remove(partial_path(directory_, name), ignored);
}

std::ofstream StagedFiles::open(const std::string& name) {
  const fs::path partial = partial_path(directory_, name);
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", partial.string()));
  staged_.push_back(name);
  return out;
}

void StagedFiles::write(const std::string& name, const std::string& contents) {
  auto out = open(name);
  out << contents;
  close_checked(out, name);
}

void StagedFiles::commit() {
  for (const auto& name : staged_) fs::rename(partial_path(directory_, name), directory_ / name);
  staged_.clear();
}

void close_checked(std::ofstream& out, const std::string& name) {
  out.close();
  if (!out) throw std::runtime_error(fmt::format("failed while writing {}", name));
}

}  // namespace flowsim::tools
