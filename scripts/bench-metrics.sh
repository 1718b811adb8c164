#!/usr/bin/env bash
# Metrics benchmark: ingestion rate (points/s) through the MLflow-compatible API and
# experiment_compare latency for 10 runs x 10k points through the tool pipeline, against a real
# AITIP server on its embedded PostgreSQL (see benchmarks/README.md).
#
# Usage: scripts/bench-metrics.sh [extra MetricsBenchmark options, e.g. --clients 8]
# Environment (all optional):
#   BENCH_RUNS=10 BENCH_POINTS=10000 BENCH_CLIENTS=4 BENCH_COMPARE_ITERATIONS=50 BENCH_LONG_POINTS=100000
#   BENCH_SERVER_JAVA_OPTS       JVM options for the server
#   BENCH_JSON_OUT=benchmarks/target/metrics-bench.json
#   BENCH_SKIP_BUILD=1           reuse what is built
#   AITIP_DB_URL                 measure against an external PostgreSQL instead of the embedded one
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JSON_OUT="${BENCH_JSON_OUT:-benchmarks/target/metrics-bench.json}"
log() { echo "[bench-metrics] $*" >&2; }

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  log "building benchmarks,mcp-server"
  mvn -q -B -DskipTests package -pl benchmarks,mcp-server -am
fi
mvn -q -B dependency:build-classpath -pl benchmarks -Dmdep.outputFile=target/classpath.txt
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
JAR=mcp-server/target/aitip.jar
[[ -f "$JAR" ]] || { log "$JAR not found: build mcp-server first"; exit 1; }

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
WORK_DIR="$(mktemp -d -t aitip-bench-metrics.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  # an embedded PostgreSQL left behind by a killed server runs from under our temporary home
  for pid in $(pgrep -f -- "$WORK_DIR" 2>/dev/null || true); do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$WORK_DIR/home"
log "starting AITIP on 127.0.0.1:$PORT (AITIP_HOME=$WORK_DIR/home)"
# shellcheck disable=SC2086
AITIP_HOME="$WORK_DIR/home" AITIP_PORT="$PORT" AITIP_BOOTSTRAP_TOKEN="$TOKEN" \
  "$JAVA" ${BENCH_SERVER_JAVA_OPTS:-} -jar "$JAR" serve >"$WORK_DIR/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  kill -0 "$SERVER_PID" 2>/dev/null || break
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/readyz" || true)" == 200 ]] && break
  sleep 0.5
done
if [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/readyz" || true)" != 200 ]]; then
  log "server did not become ready; last log lines:"; tail -n 40 "$WORK_DIR/server.log" >&2; exit 1
fi

"$JAVA" -cp "$CP" io.aitip.bench.MetricsBenchmark --url "http://127.0.0.1:$PORT" --token "$TOKEN" \
  --runs "${BENCH_RUNS:-10}" --points "${BENCH_POINTS:-10000}" --clients "${BENCH_CLIENTS:-4}" \
  --compare-iterations "${BENCH_COMPARE_ITERATIONS:-50}" --long-points "${BENCH_LONG_POINTS:-100000}" \
  --json-out "$JSON_OUT" "$@"
