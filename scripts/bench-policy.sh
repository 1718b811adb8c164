#!/usr/bin/env bash
# Policy decision latency in-process (Cedar, shipped policies), see benchmarks/README.md.
#
# Usage: scripts/bench-policy.sh [--warmup-seconds 60] [--seconds 10]
#   BENCH_SKIP_BUILD=1   reuse what is built
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# one Maven run packages the reactor modules and writes the classpath (reactor jars resolve only
# when they are packaged in the same run)
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f benchmarks/target/classpath.txt ]]; then
  echo "[bench-policy] building benchmarks" >&2
  mvn -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl benchmarks -am
fi
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
exec "$JAVA" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" io.aitip.bench.PolicyBenchmark "$@"
