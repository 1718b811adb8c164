#!/usr/bin/env bash
# Webhook delivery benchmark (benchmarks/README.md "Webhooks"): deliveries per second to a healthy
# local receiver, and job-finished → webhook-received latency p50/p99, with the real outbox, delivery
# worker and job state machine on a fresh database of the machine's PostgreSQL.
#   scripts/bench-webhooks.sh [--deliveries 20000] [--jobs 500] [--rate 50] [--parallelism 8] [--batch 32]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/ensure-services.sh
# one Maven session: the reactor's own jars resolve only next to the package phase that builds them
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f benchmarks/target/classpath.txt ]]; then
  mvn -q -B -DskipTests package dependency:build-classpath -pl benchmarks -am -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$ROOT/benchmarks/target/classpath.txt" >&2
fi
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
exec java ${BENCH_JAVA_OPTS:-} -cp "$CP" io.aitip.bench.WebhookBenchmark "$@"
