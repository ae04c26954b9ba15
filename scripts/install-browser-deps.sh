#!/usr/bin/env bash
# System-level tools for the browser gate (tests/browser) and bench/lighthouse.sh.
# Idempotent: installs only what is missing. Needs root for apt-get (CI and these machines run
# as root). Never downloads a browser of its own: Debian's chromium is the browser.
#
#   - Debian chromium + chromium-driver        (when /usr/bin/chromium is missing)
#   - a Java runtime for the Nu HTML checker   (when `java` is missing)
#   - pango and DejaVu fonts for WeasyPrint    (the site's PDF letters: receipt, decision,
#     case file of the public-information path; needed by the app itself, not only the gate)
#   - tests/browser/node_modules: axe-core and vnu.jar, pinned by tests/browser/package-lock.json
#     (npm ci, only when missing or older than the lock file)
#
# Python packages (playwright, brotli) come from pyproject's `browser` extra (`make install`);
# Lighthouse is installed by bench/lighthouse.sh itself into bench/node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium chromium-driver)
command -v java >/dev/null 2>&1 || apt_packages+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || apt_packages+=(nodejs npm)
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || apt_packages+=("$pkg")
done

if [ ${#apt_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-browser-deps: need root to apt-get install ${apt_packages[*]}" >&2
    exit 1
  fi
  echo "install-browser-deps: apt-get install ${apt_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null | head -1
java -version 2>&1 | head -1

gate=tests/browser
stamp="$gate/node_modules/.package-lock.json"
if [ ! -f "$gate/node_modules/vnu-jar/build/dist/vnu.jar" ] \
   || [ ! -f "$gate/node_modules/axe-core/axe.min.js" ] \
   || [ ! -f "$stamp" ] || [ "$gate/package-lock.json" -nt "$stamp" ]; then
  echo "install-browser-deps: npm ci in $gate (axe-core, vnu-jar)"
  # --ignore-scripts: vnu-jar's postinstall would try to fetch a Java runtime; the jar
  # itself ships in the package, and Java comes from Debian.
  npm ci --prefix "$gate" --ignore-scripts --no-audit --no-fund --loglevel=error
fi
echo "install-browser-deps: ok"
