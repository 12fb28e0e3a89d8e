#!/usr/bin/env bash
# Installs everything flowsim needs to build and test: Debian 12 packages,
# then the report's JavaScript libraries from npm at the versions pinned by
# tools/report/web/package-lock.json (npm ci). Idempotent; run as root (or
# through sudo) when Debian packages are missing.
set -euo pipefail

packages=(
  build-essential cmake        # compiler and build system
  libboost-dev                 # Boost.Random/Math/Graph (header-only parts)
  libboost-program-options-dev # command-line parsing
  libboost-graph-dev           # reachability checks on the pathway network
  libyaml-cpp-dev              # scenario files
  librandom123-dev             # Philox counter-based random streams
  libfmt-dev                   # formatting (libstdc++ 12 has no std::format)
  nlohmann-json3-dev           # summary.json and run.json
  libeigen3-dev                # linear algebra (traffic equations)
  libnlopt-cxx-dev             # maximum-likelihood fits of lengths of stay (flowsim fit)
  catch2                       # unit tests (Catch2 v2)
  libsqlite3-dev               # sweep result store (resumable, queryable from Python and R)
  libcpp-httplib-dev           # flowsim serve: the browser front end's HTTP server (one header + library, loopback by default)
  libopenmpi-dev openmpi-bin   # MPI: run and sweep across machines under mpirun
  libboost-mpi-dev             # Boost.MPI (and Serialization) to send replication results
  graphviz                     # draws the pathway diagram (dot -Tsvg) at the head of the report
  chromium                     # the browser test opens each report.html in headless Chromium
  clang-14 libclang-rt-14-dev  # libFuzzer + sanitizer runtimes: fuzz build (tools/ci_checks.sh)
  clang-format-14              # the format check (ctest 'format', tools/check_format.sh; skipped without it)
  clang-tidy-14                # the checks in .clang-tidy (run by hand: docs/architecture.md, "Habits")
  pybind11-dev python3-pybind11 # the Python module flowsim (python/), C++ bindings
  python3-dev                  # Python.h, which the Python module compiles against
  python3-pandas               # the Python module's results are pandas DataFrames
  python3-pytest               # the Python module's tests (tests/python, under ctest)
  r-base-core                  # the R package flowsim (r/flowsim): R CMD INSTALL, and its tests
  r-cran-testthat              # the R package's tests (tests/r, under ctest)
  r-cran-jsonlite              # the R package reads run.json into $info
)

# Debian's nodejs and npm only where npm is missing (a newer node with its
# own npm is kept): npm installs the report's chart libraries below.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install_deps: all packages already installed"
elif [ "$(id -u)" -ne 0 ]; then
  echo "install_deps: needs root to install: ${missing[*]} (try: sudo $0)" >&2
  exit 1
else
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The report's chart libraries (vega, vega-lite, vega-embed: compiled into
# flowsim and inlined in every report.html) and the browser test's driver
# (puppeteer-core), exactly as package-lock.json pins them. Chromium comes
# from Debian above, so puppeteer downloads no browser.
web="$(cd "$(dirname "$0")" && pwd)/report/web"
if [ -f "$web/node_modules/.package-lock.json" ] && cmp -s "$web/package-lock.json" "$web/node_modules/.flowsim-lock"; then
  echo "install_deps: npm packages already installed"
else
  (cd "$web" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund)
  cp "$web/package-lock.json" "$web/node_modules/.flowsim-lock"
fi
