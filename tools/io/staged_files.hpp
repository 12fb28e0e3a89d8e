#pragma once
// Output files written under temporary names ('.NAME.partial') and renamed
// into place together by commit(), so an interrupted writer never leaves a
// file that looks finished. Staged files not committed are removed.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace flowsim::tools {

class StagedFiles {
 public:
  explicit StagedFiles(std::filesystem::path directory) : directory_(std::move(directory)) {}
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;
  ~StagedFiles();

  // Throws std::runtime_error with the path when the file cannot be created.
  [[nodiscard]] std::ofstream open(const std::string& name);
  void commit();

 private:
  std::filesystem::path directory_;
  std::vector<std::string> staged_;
};

// Closes 'out' and throws std::runtime_error naming 'name' if anything failed.
void close_checked(std::ofstream& out, const std::string& name);

}  // namespace flowsim::tools
