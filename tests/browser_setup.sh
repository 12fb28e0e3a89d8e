# Sourced by the browser tests (tests/report, tests/server) after setting
# 'source' (the source tree) and 'out' (their output directory): finds
# Debian's chromium (into 'chromium'), checks node and puppeteer-core, and
# empties OUT with a screenshots/ folder.
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "the browser test needs Debian's chromium: run bash tools/install_deps.sh" >&2
  exit 1
fi
if ! command -v node >/dev/null || [ ! -d "$source/tools/report/web/node_modules/puppeteer-core" ]; then
  echo "the browser test needs node and puppeteer-core: run bash tools/install_deps.sh" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out/screenshots"
