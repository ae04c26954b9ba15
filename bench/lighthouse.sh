#!/usr/bin/env bash
# Lighthouse scores (mobile) for every page type of the browser gate's registry
# (tests/browser/pages.py), in Indonesian and English. A benchmark, not a CI test.
#
#   bash bench/lighthouse.sh                      # serves the site itself (gunicorn, demo data)
#   bash bench/lighthouse.sh http://127.0.0.1:8000   # or scores a site already running
#   ONLY="home-id thread-en" bash bench/lighthouse.sh   # only these pages
#
# Prints one line per page:  page  performance accessibility best-practices seo
# Lighthouse 12.2.3 is pinned in bench/package-lock.json and installed here with `npm ci`
# (never globally); Chromium is Debian's (/usr/bin/chromium). Full JSON reports are kept in
# bench/results/ (git-ignored). Target: 100 100 100 100.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
RETRIES=${RETRIES:-3}
# The flags that work on these machines (shared/STACK-NOTES.md).
CHROME_FLAGS="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync"

[ -x "$CHROME_PATH" ] || { echo "lighthouse.sh: no Chromium at $CHROME_PATH (bash scripts/install-browser-deps.sh)" >&2; exit 1; }

lh=bench/node_modules/.bin/lighthouse
if [ ! -x "$lh" ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  npm ci --prefix bench --ignore-scripts --no-audit --no-fund --loglevel=error >&2
fi

server_pid=""
workdir=$(mktemp -d -t serambi-lighthouse-XXXXXX)
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT

BASE_URL=${1:-}
if [ -z "$BASE_URL" ]; then
  echo "serving the site (migrate, collectstatic, seed_demo, gunicorn)…" >&2
  "$PY" -m tests.browser.server >"$workdir/url" 2>"$workdir/server.log" &
  server_pid=$!
  for _ in $(seq 1 600); do
    [ -s "$workdir/url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$workdir/server.log" >&2; exit 1; }
    sleep 0.5
  done
  BASE_URL=$(head -1 "$workdir/url")
  [ -n "$BASE_URL" ] || { echo "lighthouse.sh: the site did not start" >&2; cat "$workdir/server.log" >&2; exit 1; }
fi
BASE_URL=${BASE_URL%/}
echo "scoring $BASE_URL with Lighthouse $("$lh" --version), $("$CHROME_PATH" --version 2>/dev/null)" >&2

mkdir -p bench/results
printf '%-22s %11s %13s %14s %4s\n' page performance accessibility best-practices seo
"$PY" -m tests.browser.pages "$BASE_URL" | while IFS=$'\t' read -r name lang path status; do
  label="$name-$lang"
  case " ${ONLY:-$label} " in *" $label "*) ;; *) continue ;; esac
  report="bench/results/$label.json"
  scores="ERR"
  for attempt in $(seq 1 "$RETRIES"); do
    rm -f "$report"
    # Lighthouse exits non-zero on a runtime error but still writes the report: read it.
    "$lh" "$BASE_URL$path" --quiet --output=json --output-path="$report" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="$CHROME_FLAGS" </dev/null >"$workdir/lh.log" 2>&1 || true
    if [ -s "$report" ]; then
      scores=$(node -e '
        const r = require(process.argv[1]);
        if (r.runtimeError && r.runtimeError.code) { console.log("ERR " + r.runtimeError.code); process.exit(); }
        const c = r.categories, s = k => c[k].score === null ? "ERR" : Math.round(c[k].score * 100);
        console.log([s("performance"), s("accessibility"), s("best-practices"), s("seo")].join(" "));
      ' "$PWD/$report" </dev/null)
    else
      scores="ERR $(grep -o -m1 'NO_NAVSTART\|[A-Z_]*ERROR[A-Z_]*' "$workdir/lh.log" || echo no-report)"
    fi
    case "$scores" in
      *ERRORED_DOCUMENT_REQUEST*)
        # Lighthouse scores no page that answers an error status; a 404 page type is
        # expected to. Its accessibility and weight are checked by the browser gate.
        if [ "$status" != 200 ]; then scores="- - - - (HTTP $status: Lighthouse scores no error page)"; break; fi ;;
      *ERR*) ;;
      *) break ;;
    esac
    echo "  $label: attempt $attempt failed ($scores), retrying" >&2
    sleep 1
  done
  # shellcheck disable=SC2086
  set -- $scores
  printf '%-22s %11s %13s %14s %4s' "$label" "$1" "${2:-}" "${3:-}" "${4:-}"
  shift "$(( $# < 4 ? $# : 4 ))"
  [ $# -gt 0 ] && printf '  %s' "$*"
  printf '\n'
done
