#!/usr/bin/env bash
# MCP tools/call benchmark: the whole AITIP pipeline vs a bare MCP Java SDK echo server, both over
# Streamable HTTP on loopback, at 16 and 64 concurrent clients (see benchmarks/README.md).
#
# Usage: scripts/bench-mcp.sh [extra McpBenchmark options]
# Environment (all optional):
#   BENCH_TARGET=aitip|bare      what to compare against the baseline (bare: a second bare echo
#                                server, to check the load generator without the AITIP server)
#   BENCH_TOOL=dataset_list  BENCH_ARGS='{"limit":5}'   the read-only tool called on AITIP
#   BENCH_CLIENTS=16,64  BENCH_SECONDS=10  BENCH_WARMUP_SECONDS=3  BENCH_SERVER_WARMUP_SECONDS=120
#   BENCH_SERVER_JAVA_OPTS       JVM options for both servers (e.g. "-Xmx1g")
#   BENCH_JSON_OUT=benchmarks/target/mcp-bench.json
#   BENCH_SKIP_BUILD=1           reuse what is built
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TARGET="${BENCH_TARGET:-aitip}"
CLIENTS="${BENCH_CLIENTS:-16,64}"
SECONDS_MEASURED="${BENCH_SECONDS:-10}"
WARMUP="${BENCH_WARMUP_SECONDS:-3}"
SERVER_WARMUP="${BENCH_SERVER_WARMUP_SECONDS:-120}"
JSON_OUT="${BENCH_JSON_OUT:-benchmarks/target/mcp-bench.json}"
export BENCH_SERVER_JAVA_OPTS="${BENCH_SERVER_JAVA_OPTS:-}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

log() { echo "[bench-mcp] $*" >&2; }

if [[ "$TARGET" != aitip && "$TARGET" != bare ]]; then
  log "BENCH_TARGET must be aitip or bare"; exit 2
fi

# --- build ---------------------------------------------------------------------------------------
# one Maven run packages the reactor modules and writes the classpath (reactor jars resolve only
# when they are packaged in the same run)
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f benchmarks/target/classpath.txt ]]; then
  if [[ "$TARGET" == aitip ]]; then modules=benchmarks,mcp-server; else modules=benchmarks; fi
  log "building $modules"
  mvn -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl "$modules" -am
fi
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

# --- helpers -------------------------------------------------------------------------------------
free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
  else
    local p
    while :; do
      p=$((20000 + RANDOM % 40000))
      (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
  fi
}

SERVER_PID=""
WORK_DIR="$(mktemp -d -t aitip-bench.XXXXXX)"
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    log "stopping server (pid $SERVER_PID)"
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

# --- target server -------------------------------------------------------------------------------
PORT="$(free_port)"
TOKEN=""
if [[ "$TARGET" == aitip ]]; then
  JAR=mcp-server/target/aitip.jar
  [[ -f "$JAR" ]] || { log "$JAR not found: build mcp-server first"; exit 1; }
  TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  mkdir -p "$WORK_DIR/home"
  log "starting AITIP on 127.0.0.1:$PORT (AITIP_HOME=$WORK_DIR/home, log $WORK_DIR/server.log)"
  # shellcheck disable=SC2086  # options are meant to split
  # the rate limiter still counts every call; its limits are only set above what the generator sends
  AITIP_HOME="$WORK_DIR/home" AITIP_PORT="$PORT" AITIP_BOOTSTRAP_TOKEN="$TOKEN" \
    AITIP_RATELIMIT_PERPRINCIPAL="${AITIP_RATELIMIT_PERPRINCIPAL:-1000000000}" \
    AITIP_RATELIMIT_PERTOOL="${AITIP_RATELIMIT_PERTOOL:-1000000000}" \
    "$JAVA" $BENCH_SERVER_JAVA_OPTS -jar "$JAR" serve >"$WORK_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  READY_URL="http://127.0.0.1:$PORT/readyz"
  TOOL="${BENCH_TOOL:-dataset_list}"
  DEFAULT_ARGS='{"limit":5}'
  ARGS="${BENCH_ARGS:-$DEFAULT_ARGS}"
  LABEL=aitip-pipeline
else
  log "starting a second bare echo server as the target on 127.0.0.1:$PORT"
  # shellcheck disable=SC2086
  "$JAVA" $BENCH_SERVER_JAVA_OPTS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
    io.aitip.bench.BareEchoServer --port "$PORT" >"$WORK_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  READY_URL=""
  TOOL="${BENCH_TOOL:-echo}"
  DEFAULT_ARGS='{"text":"hi"}'
  ARGS="${BENCH_ARGS:-$DEFAULT_ARGS}"
  LABEL=bare-echo-2nd
fi

log "waiting for the server (up to 60 s)"
ready=0
for _ in $(seq 1 120); do
  kill -0 "$SERVER_PID" 2>/dev/null || break
  if [[ -n "$READY_URL" ]]; then
    code="$(curl -s -o /dev/null -w '%{http_code}' "$READY_URL" || true)"
    [[ "$code" == 200 ]] && { ready=1; break; }
  elif grep -q '^LISTENING ' "$WORK_DIR/server.log"; then
    ready=1; break
  fi
  sleep 0.5
done
if [[ "$ready" != 1 ]]; then
  log "server did not become ready; last log lines:"; tail -n 40 "$WORK_DIR/server.log" >&2; exit 1
fi

# --- benchmark -----------------------------------------------------------------------------------
log "running the benchmark against http://127.0.0.1:$PORT/mcp ($TOOL $ARGS)"
set +e
"$JAVA" -cp "$CP" io.aitip.bench.McpBenchmark \
  --target-url "http://127.0.0.1:$PORT/mcp" --target-label "$LABEL" --token "$TOKEN" \
  --tool "$TOOL" --args "$ARGS" --clients "$CLIENTS" \
  --server-warmup-seconds "$SERVER_WARMUP" --warmup-seconds "$WARMUP" --seconds "$SECONDS_MEASURED" \
  --json-out "$JSON_OUT" "$@"
rc=$?
set -e
if [[ $rc != 0 ]]; then
  if kill -0 "$SERVER_PID" 2>/dev/null; then state="still running"; else state="NOT running any more"; fi
  log "benchmark exited with $rc; the target server is $state; last server log lines:"
  tail -n 20 "$WORK_DIR/server.log" >&2
fi
exit $rc
