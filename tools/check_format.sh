#!/usr/bin/env bash
# The format check (ctest 'format', label 'format'; docs/architecture.md,
# "Habits"): every C++ file of the tree is laid out as the committed
# .clang-format says. The whole tree was formatted in one commit of its own
# (listed in .git-blame-ignore-revs, so `git blame` skips it).
#   bash tools/check_format.sh [SOURCE_DIR]
# Exit status 0: all formatted; 1: files to format (each named, with the
# number of its lines that would change; fix with clang-format -i FILE);
# 77: no clang-format on this machine (ctest counts the test as skipped).
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
# Version 14 first: another major version lays out a few constructs
# differently, which would fail the check on lines nobody touched.
formatter=${CLANG_FORMAT:-$(command -v clang-format-14 || command -v clang-format || true)}
if [ -z "$formatter" ]; then
  echo "check_format: clang-format not found; skipped" >&2
  exit 77
fi
if [ -d .git ] || git rev-parse --git-dir > /dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
else
  mapfile -t files < <(find sim models tools tests benchmarks fuzz python -name '*.cpp' -o -name '*.hpp' -o -name '*.h' | sort)
fi
bad=0
checked=0
for file in "${files[@]}"; do
  [ -f "$file" ] || continue
  checked=$((checked + 1))
  changed=$("$formatter" --style=file "$file" | diff "$file" - | grep -c '^<' || true)
  if [ "$changed" -gt 0 ]; then
    echo "check_format: $file: $changed line(s) not as .clang-format lays them out"
    bad=$((bad + 1))
  fi
done
echo "check_format: $checked file(s) checked, $bad to format"
[ "$bad" -eq 0 ]
