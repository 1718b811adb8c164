#!/usr/bin/env bash
# Kubernetes executor benchmark: submissions per second into a simulated cluster (fabric8 CRUD mock
# API server + simulated kubelet, loopback) and status-propagation latency (kubelet's Job status
# write → store row moved). Needs the PostgreSQL of scripts/ensure-services.sh.
#
# Usage: scripts/bench-kubernetes.sh
# Environment (all optional): BENCH_SEQUENTIAL=100 BENCH_CONCURRENT=200 BENCH_THREADS=8
# Figures: stdout and executors-kubernetes/target/k8s-bench.txt
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -q -B verify -pl executors-kubernetes -am -Dtest=KubernetesExecutorBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.sequential=${BENCH_SEQUENTIAL:-100} -Dbench.concurrent=${BENCH_CONCURRENT:-200} -Dbench.threads=${BENCH_THREADS:-8}" >&2
cat executors-kubernetes/target/k8s-bench.txt
