#!/usr/bin/env bash
# A real Elasticsearch 8 node (or a three-node cluster) on loopback for the live search tests,
# built only from Maven Central artefacts (see scripts/elasticsearch/pom.xml):
#
#   bash scripts/elasticsearch.sh start [1|3]    # default 1 node; prints the URL(s)
#   bash scripts/elasticsearch.sh stop           # every node this script started
#   bash scripts/elasticsearch.sh status
#   bash scripts/elasticsearch.sh stop-node I    # node I (1..3) of the three-node cluster
#   bash scripts/elasticsearch.sh start-node I   #   (the node-loss test uses these two)
#
# The node is Elastic's integration-test distribution of Elasticsearch
# (org.elasticsearch.distribution.integ-test-zip:elasticsearch) plus serambi-analysis, our
# analysis plugin, which provides what that distribution lacks (asciifolding, the
# Indonesian stemmer, synonym_graph, edge_ngram) under their standard names. A production
# office runs Elastic's normal distribution, which has them built in: docs/operations.md.
#
# Idempotent: builds (mvn, offline when everything is cached), unpacks and installs only
# what is missing; starts only nodes that are not running. Ports: HTTP 9200.., transport
# 9300.. (SERAMBI_ES_HTTP_PORT / SERAMBI_ES_TRANSPORT_PORT move them). Files live in
# SERAMBI_ES_DIR (default /tmp/serambi-es), never in the repository. Elasticsearch refuses
# to run as root: as root the script runs the nodes as the system user serambi-es
# (created when missing); as any other user it runs them as that user.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROJECT="$ROOT/scripts/elasticsearch"
VERSION=8.19.21
BASE=${SERAMBI_ES_DIR:-/tmp/serambi-es}
HTTP_PORT=${SERAMBI_ES_HTTP_PORT:-9200}
TRANSPORT_PORT=${SERAMBI_ES_TRANSPORT_PORT:-9300}
HEAP=${SERAMBI_ES_HEAP:-512m}
# The JVM's quick (C1) compiler only: a node starts in ~20 s instead of 70-100 s on the
# 2-core CI machine under load, at some cost in peak speed. SERAMBI_ES_JIT=full for
# benchmarks (bench/search.py --engine elasticsearch).
JIT=${SERAMBI_ES_JIT:-quick}
START_TIMEOUT=${SERAMBI_ES_START_TIMEOUT:-180}
ES_USER=serambi-es
CLUSTER=serambi-test
DIST="$BASE/elasticsearch-$VERSION"

say() { printf 'elasticsearch: %s\n' "$*"; }
die() { printf 'elasticsearch: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

java_home() {
  if [ -n "${ES_JAVA_HOME:-}" ]; then echo "$ES_JAVA_HOME"; return; fi
  local jdk
  for jdk in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-arm64 \
             /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-arm64; do
    [ -x "$jdk/bin/java" ] && { echo "$jdk"; return; }
  done
  command -v java >/dev/null 2>&1 || return 1
  dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}

ensure_tools() {
  local missing=()
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  java_home >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  command -v unzip >/dev/null 2>&1 || missing+=(unzip)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ ${#missing[@]} = 0 ] && return
  is_root || die "missing ${missing[*]} (install them, or run as root)"
  say "installing ${missing[*]} from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

ensure_user() {
  is_root || return 0
  id -u "$ES_USER" >/dev/null 2>&1 && return
  say "creating system user $ES_USER"
  useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
}

as_es() {
  if is_root; then runuser -u "$ES_USER" -- "$@"; else "$@"; fi
}

# --- build and install -------------------------------------------------------------------

sources_stamp() {
  (cd "$PROJECT" && find pom.xml src -type f -print0 | sort -z | xargs -0 sha256sum) \
    | sha256sum | cut -c1-16
}

build() {
  local stamp zip="$PROJECT/target/serambi-analysis-1.0.0.zip"
  stamp=$(sources_stamp)
  if [ -f "$zip" ] && [ -f "$PROJECT/target/elasticsearch-$VERSION.zip" ] \
     && [ "$(cat "$PROJECT/target/.stamp" 2>/dev/null)" = "$stamp" ]; then
    return
  fi
  ensure_tools
  say "building serambi-analysis and resolving Elasticsearch $VERSION (Maven Central)"
  local mvn=(mvn -B -q -Dstyle.color=never -f "$PROJECT/pom.xml")
  if ! "${mvn[@]}" -o package >/dev/null 2>&1; then
    "${mvn[@]}" package
  fi
  echo "$stamp" > "$PROJECT/target/.stamp"
}

install_dist() {
  build
  local stamp
  stamp=$(cat "$PROJECT/target/.stamp")
  if [ "$(cat "$DIST/.serambi-plugin" 2>/dev/null)" = "$stamp" ]; then
    return
  fi
  mkdir -p "$BASE"
  chmod 755 "$BASE"
  rm -rf "$DIST"
  say "unpacking into $DIST and installing serambi-analysis"
  unzip -q "$PROJECT/target/elasticsearch-$VERSION.zip" -d "$BASE"
  ES_JAVA_HOME=$(java_home) "$DIST/bin/elasticsearch-plugin" install --batch --silent \
    "file://$PROJECT/target/serambi-analysis-1.0.0.zip" >/dev/null
  chmod -R a+rX "$DIST"
  echo "$stamp" > "$DIST/.serambi-plugin"
}

# --- nodes -----------------------------------------------------------------------------------

node_dir() { echo "$BASE/cluster-$1/node-$2"; }  # nodes, index
http_port() { echo $((HTTP_PORT + $1 - 1)); }
transport_port() { echo $((TRANSPORT_PORT + $1 - 1)); }

node_pid() {  # dir → the live PID, or nothing
  local pid
  pid=$(cat "$1/pid" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
  return 0
}

running_layouts() {  # the cluster sizes that have a live node
  local n i
  for n in 1 3; do
    for i in $(seq 1 "$n"); do
      if [ -n "$(node_pid "$(node_dir "$n" "$i")")" ]; then echo "$n"; break; fi
    done
  done
}

launch_node() {  # nodes index: start one node in the background (daemonised by ES itself)
  local n=$1 i=$2 dir
  dir=$(node_dir "$n" "$i")
  if [ -n "$(node_pid "$dir")" ]; then
    return
  fi
  mkdir -p "$dir/data" "$dir/logs"
  if [ ! -f "$dir/config/jvm.options" ]; then
    rm -rf "$dir/config"
    cp -r "$DIST/config" "$dir/config"
  fi
  is_root && chown -R "$ES_USER:" "$dir"
  local settings=(
    -Ecluster.name="$CLUSTER-$n" -Enode.name="node-$i"
    -Epath.data="$dir/data" -Epath.logs="$dir/logs"
    -Enetwork.host=127.0.0.1 -Ehttp.port="$(http_port "$i")"
    -Etransport.port="$(transport_port "$i")"
    -Expack.security.enabled=false
    -Eaction.destructive_requires_name=false
  )
  if [ "$n" = 1 ]; then
    settings+=(-Ediscovery.type=single-node)
  else
    local seeds masters j
    for j in $(seq 1 "$n"); do
      seeds+="${seeds:+,}127.0.0.1:$(transport_port "$j")"
      masters+="${masters:+,}node-$j"
    done
    settings+=(-Ediscovery.seed_hosts="$seeds")
    # Only to form the cluster the first time (Elastic warns when it is left set).
    [ -d "$dir/data/_state" ] || settings+=(-Ecluster.initial_master_nodes="$masters")
  fi
  local jit_opts=""
  [ "$JIT" = full ] || jit_opts=" -XX:TieredStopAtLevel=1"
  rm -f "$dir/pid"
  as_es env ES_JAVA_HOME="$(java_home)" ES_PATH_CONF="$dir/config" \
    ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP${jit_opts}" CLI_JAVA_OPTS="${jit_opts# }" \
    "$DIST/bin/elasticsearch" -d -p "$dir/pid" "${settings[@]}" \
    >"$dir/launch.log" 2>&1
}

wait_health() {  # nodes
  local n=$1 url deadline
  url="http://127.0.0.1:$(http_port 1)"
  deadline=$((SECONDS + START_TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    if curl -fsS -o /dev/null --max-time 5 \
         "$url/_cluster/health?wait_for_status=yellow&wait_for_nodes=$n&timeout=5s" 2>/dev/null
    then
      return 0
    fi
    sleep 1
  done
  return 1
}

urls() {
  local n=$1 i out=""
  for i in $(seq 1 "$n"); do out+="${out:+,}http://127.0.0.1:$(http_port "$i")"; done
  echo "$out"
}

start() {
  local n=${1:-1} layout began=$SECONDS
  case "$n" in 1|3) ;; *) die "nodes must be 1 or 3, not $n" ;; esac
  for layout in $(running_layouts); do
    if [ "$layout" != "$n" ]; then
      say "a $layout-node cluster is running on the same ports: stopping it first"
      stop_layout "$layout"
    fi
  done
  ensure_tools
  ensure_user
  install_dist
  local i pids=()
  for i in $(seq 1 "$n"); do
    launch_node "$n" "$i" &
    pids+=($!)
  done
  local failed=0
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed=1; done
  if [ $failed = 1 ] || ! wait_health "$n"; then
    for i in $(seq 1 "$n"); do
      local dir
      dir=$(node_dir "$n" "$i")
      echo "--- node-$i: $dir/launch.log and the end of its log" >&2
      cat "$dir/launch.log" >&2 2>/dev/null || true
      tail -n 30 "$dir/logs/$CLUSTER-$n.log" >&2 2>/dev/null || true
    done
    [ $failed = 1 ] && die "a node failed to start"
    die "the cluster did not reach yellow within ${START_TIMEOUT}s"
  fi
  say "$n node(s) up in $((SECONDS - began))s: $(urls "$n")"
  curl -fsS "http://127.0.0.1:$(http_port 1)/_cat/health?h=status,node.total" || true
}

stop_dir() {  # dir
  local pid
  pid=$(node_pid "$1")
  [ -z "$pid" ] && return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$1/pid"; return 0; }
    sleep 0.5
  done
  say "pid $pid did not stop in 30s: killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$1/pid"
}

stop_layout() {
  local n=$1 i
  for i in $(seq 1 "$n"); do stop_dir "$(node_dir "$n" "$i")" & done
  wait
}

stop() {
  local layout stopped=0
  for layout in $(running_layouts); do
    stop_layout "$layout"
    stopped=1
    say "stopped the $layout-node cluster"
  done
  [ $stopped = 1 ] || say "no node running"
}

status() {
  local layout i dir pid any=0
  for layout in $(running_layouts); do
    any=1
    for i in $(seq 1 "$layout"); do
      dir=$(node_dir "$layout" "$i")
      pid=$(node_pid "$dir")
      if [ -n "$pid" ]; then pid="running, pid $pid"; else pid=stopped; fi
      say "node-$i of $layout: $pid, http://127.0.0.1:$(http_port "$i")"
    done
    curl -fsS --max-time 5 "http://127.0.0.1:$(http_port 1)/_cat/health?v" || true
  done
  [ $any = 1 ] || { say "no node running"; return 3; }
}

node_index() {
  case "${1:-}" in 1|2|3) echo "$1" ;; *) die "node must be 1, 2 or 3" ;; esac
}

case "${1:-}" in
  start) start "${2:-1}" ;;
  stop) stop ;;
  status) status ;;
  stop-node) stop_dir "$(node_dir 3 "$(node_index "${2:-}")")"; say "node-$2 stopped" ;;
  start-node)
    i=$(node_index "${2:-}")
    ensure_user
    install_dist
    launch_node 3 "$i"
    say "node-$i started (pid $(cat "$(node_dir 3 "$i")/pid"))"
    ;;
  *) die "usage: $0 start [1|3] | stop | status | stop-node I | start-node I" ;;
esac
