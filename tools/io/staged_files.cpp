#include "tools/io/staged_files.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <stdexcept>

#include <fmt/format.h>

namespace flowsim::tools {

namespace fs = std::filesystem;

namespace {

// Hidden siblings of the output directory left by a run that was killed
// (SIGKILL, power cut): removed once the process that made them is gone.
void remove_stale_staging(const fs::path& target) {
  const std::string prefix = "." + target.filename().string() + ".";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(target.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    const auto dash = rest.find('-');
    if (dash == std::string::npos) continue;
    const std::string kind = rest.substr(0, dash);
    if (kind != "partial" && kind != "old") continue;
    const pid_t pid = static_cast<pid_t>(std::strtol(rest.c_str() + dash + 1, nullptr, 10));
    if (pid <= 0 || (::kill(pid, 0) == -1 && errno == ESRCH)) fs::remove_all(entry.path(), ec);
  }
}

}  // namespace

StagedFiles::StagedFiles(fs::path directory, std::vector<std::string> result_names)
    : target_(fs::absolute(std::move(directory)).lexically_normal()),
      result_names_(std::move(result_names)) {
  // A trailing slash leaves an empty file name; the directory is its parent.
  if (target_.filename().empty()) target_ = target_.parent_path();
  fs::create_directories(target_.parent_path());
  remove_stale_staging(target_);
  const std::string pid = std::to_string(::getpid());
  staging_ = target_.parent_path() / ("." + target_.filename().string() + ".partial-" + pid);
  old_ = target_.parent_path() / ("." + target_.filename().string() + ".old-" + pid);
  fs::remove_all(staging_);
  fs::create_directories(staging_);
}

StagedFiles::~StagedFiles() {
  std::error_code ignored;
  if (!committed_) fs::remove_all(staging_, ignored);
}

std::ofstream StagedFiles::open(const std::string& name) {
  const fs::path path = staging_ / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
  staged_.push_back(name);
  return out;
}

void StagedFiles::write(const std::string& name, const std::string& contents) {
  auto out = open(name);
  out << contents;
  close_checked(out, name);
}

void StagedFiles::commit() {
  if (std::find(staged_.begin(), staged_.end(), "run.json") == staged_.end())
    throw std::logic_error("a staged result set must include run.json");
  if (!fs::exists(target_)) {
    fs::rename(staging_, target_);
  } else if (swappable()) {
    fs::rename(target_, old_);
    fs::rename(staging_, target_);
    fs::remove_all(old_);
  } else {
    fs::remove(target_ / "run.json");
    for (const auto& name : staged_)
      if (name != "run.json") fs::rename(staging_ / name, target_ / name);
    for (const auto& name : result_names_)
      if (std::find(staged_.begin(), staged_.end(), name) == staged_.end())
        fs::remove(target_ / name);  // e.g. events.csv of an earlier run
    fs::rename(staging_ / "run.json", target_ / "run.json");
    fs::remove_all(staging_);
  }
  committed_ = true;
}

bool StagedFiles::is_result_file(const std::string& name) const {
  return std::find(result_names_.begin(), result_names_.end(), name) != result_names_.end();
}

bool StagedFiles::swappable() const {
  std::error_code ec;
  if (fs::equivalent(target_, fs::current_path(), ec)) return false;
  for (const auto& entry : fs::directory_iterator(target_))
    if (!entry.is_regular_file() || !is_result_file(entry.path().filename().string())) return false;
  return true;
}

std::ofstream StagedFileSet::open(const std::string& name) {
  const fs::path partial = directory_ / ("." + name + ".partial");
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", partial.string()));
  staged_.push_back(name);
  return out;
}

void StagedFileSet::commit() {
  for (const auto& name : staged_) fs::rename(directory_ / ("." + name + ".partial"), directory_ / name);
  staged_.clear();
}

StagedFileSet::~StagedFileSet() {
  std::error_code ignored;
  for (const auto& name : staged_) fs::remove(directory_ / ("." + name + ".partial"), ignored);
}

bool holds_any(const std::string& directory, const std::vector<std::string>& result_names) {
  std::error_code ec;
  for (const auto& name : result_names)
    if (fs::exists(fs::path(directory) / name, ec)) return true;
  return false;
}

void close_checked(std::ofstream& out, const std::string& name) {
  out.close();
  if (!out) throw std::runtime_error(fmt::format("failed while writing {}", name));
}

}  // namespace flowsim::tools
