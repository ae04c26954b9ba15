#!/usr/bin/env bash
# Load test on loopback: gunicorn (production settings over plain HTTP, bench/bench_settings.py)
# + PostgreSQL database serambi_load (seeded with seed_demo) + locust headless, bounded in time.
#
#   bash bench/run.sh 3m 30        # duration, simulated people (bench/load.py has the mix)
#   BENCH_FRESH=1 bash bench/run.sh 10m 30   # recreate the database first
#
# Prints: requests/s, p95 by endpoint, 5xx count, lost/duplicated threads, comments and
# reports (bench/check.py), and every 30 s the RSS of the gunicorn workers and PostgreSQL's
# connection count.
# Locust lives in its own venv (bench/.venv, pinned in bench/requirements.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-2m}
USERS=${2:-30}
RATE=${3:-5}
PORT=${BENCH_PORT:-8100}
DB=${BENCH_DB:-serambi_load}
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
OUT=${BENCH_OUT:-/tmp/serambi-bench}
WORKERS=${BENCH_WORKERS:-3}
PY=.venv/bin/python
mkdir -p "$OUT"

export DJANGO_SETTINGS_MODULE=bench_settings PYTHONPATH=bench
export DATABASE_URL="$PG/$DB" STATIC_ROOT="$OUT/static" MEDIA_ROOT="$OUT/media"
export REDIS_URL=${BENCH_REDIS:-redis://127.0.0.1:6379/9}
export BENCH_ACK_FILE="$OUT/acknowledged.json"

if [ ! -x bench/.venv/bin/locust ]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install --quiet -r bench/requirements.txt
fi

psql_q() { psql "$PG/postgres" -Atqc "$1"; }
if [ "${BENCH_FRESH:-0}" = 1 ] || [ -z "$(psql_q "SELECT 1 FROM pg_database WHERE datname='$DB'")" ]; then
  psql_q "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
  psql_q "CREATE DATABASE $DB"
  $PY manage.py migrate --noinput -v 0
  $PY manage.py seed_demo > /dev/null
fi
$PY manage.py migrate --noinput -v 0
$PY bench/prepare.py
$PY manage.py collectstatic --noinput -v 0

.venv/bin/gunicorn forum_site.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --access-logfile /dev/null --error-logfile "$OUT/gunicorn.log" --pid "$OUT/gunicorn.pid" &
GUNICORN=$!
cleanup() {
  [ -n "${SAMPLER:-}" ] && kill "$SAMPLER" 2>/dev/null || true
  kill "$GUNICORN" 2>/dev/null || true
  wait "$GUNICORN" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 60); do curl -fso /dev/null "http://127.0.0.1:$PORT/" && break; sleep 1; done

sample() {
  while true; do
    local rss conns
    rss=$(ps -o rss= --ppid "$GUNICORN" | awk '{s+=$1} END {printf "%d", s/1024}')
    conns=$(psql_q "SELECT count(*) FROM pg_stat_activity WHERE datname='$DB'")
    echo "sample $(date -u +%H:%M:%S) gunicorn_workers_rss_mb=$rss pg_connections=$conns"
    sleep 30
  done
}
sample | tee "$OUT/samples.txt" &
SAMPLER=$!

bench/.venv/bin/locust -f bench/load.py --headless -u "$USERS" -r "$RATE" -t "$DURATION" \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/locust" --only-summary --stop-timeout 10 \
  > "$OUT/locust.txt" 2>&1 || true
kill "$SAMPLER" 2>/dev/null || true
SAMPLER=""

echo
echo "== $DURATION, $USERS users, $WORKERS gunicorn workers (machine shared with other work)"
$PY - "$OUT" <<'PYEOF'
import csv, sys
out = sys.argv[1]
rows = list(csv.DictReader(open(f"{out}/locust_stats.csv")))
print(f"{'endpoint':40} {'requests':>9} {'fail':>6} {'rps':>7} {'p50':>6} {'p95':>6} {'max':>7}")
for r in rows:
    print(f"{r['Type'] + ' ' + r['Name'] if r['Name'] != 'Aggregated' else 'ALL':40.40} "
          f"{r['Request Count']:>9} {r['Failure Count']:>6} {float(r['Requests/s']):>7.1f} "
          f"{r['50%']:>6} {r['95%']:>6} {float(r['Max Response Time']):>7.0f}")
fives = 0
for r in csv.DictReader(open(f"{out}/locust_failures.csv")):
    if "HTTPError('5" in r["Error"] or " 5" in r["Error"][:20]:
        fives += int(r["Occurrences"])
    print(f"failure: {r['Method']} {r['Name']}: {r['Error'][:120]} x{r['Occurrences']}")
print(f"5xx responses: {fives}")
PYEOF
$PY bench/check.py "$BENCH_ACK_FILE"
