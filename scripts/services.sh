#!/usr/bin/env bash
# Local services for the test suite and the benches: PostgreSQL and Redis on loopback.
#
#   bash scripts/services.sh start     # install when missing (Debian, needs root), then start
#   bash scripts/services.sh status
#
# Idempotent. The machine kinds this project runs on do not start either server: this script
# installs them from Debian's packages (`postgresql`, `redis-server`), starts them and makes
# PostgreSQL reachable the way the README and the benches expect, as
# postgres://postgres@127.0.0.1:5432/… : `trust` for TCP from 127.0.0.1 and ::1 only
# (a throwaway CI/dev machine; production uses a password in DATABASE_URL, see
# docs/operations.md). Redis listens on 127.0.0.1:6379 without persistence.
set -euo pipefail

PG_PORT=${PG_PORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}

need_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "services: need root to $*" >&2
    exit 1
  fi
}

apt_install() {
  need_root "apt-get install $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_version() { ls /etc/postgresql 2>/dev/null | sort -V | tail -1; }

start_postgres() {
  if pg_isready -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then
    echo "services: postgresql already answers on $PG_PORT"
    return
  fi
  command -v pg_ctlcluster >/dev/null 2>&1 && [ -n "$(pg_version)" ] \
    || apt_install postgresql postgresql-contrib
  local version
  version=$(pg_version)
  if ! pg_lsclusters -h | awk '{print $2}' | grep -qx main; then
    need_root "create the PostgreSQL cluster"
    pg_createcluster "$version" main >/dev/null
  fi
  local hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! grep -q '^# serambi: loopback trust' "$hba"; then
    need_root "edit $hba"
    # First matching line wins: put the loopback trust lines before Debian's defaults.
    { echo "# serambi: loopback trust (CI and dev machines only)"
      echo "host all all 127.0.0.1/32 trust"
      echo "host all all ::1/128 trust"
      cat "$hba"; } > "$hba.new"
    mv "$hba.new" "$hba"
    chown postgres:postgres "$hba"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p "$PG_PORT"
}

start_redis() {
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    echo "services: redis already answers on $REDIS_PORT"
    return
  fi
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" \
    --appendonly no --dir /var/lib/redis --logfile /var/log/redis/serambi.log
  for _ in $(seq 1 20); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.5
  done
  echo "services: redis $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping)"
}

case "${1:-start}" in
  start) start_postgres; start_redis ;;
  status)
    pg_isready -h 127.0.0.1 -p "$PG_PORT" || true
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping || true
    ;;
  *) echo "usage: $0 start|status" >&2; exit 2 ;;
esac
