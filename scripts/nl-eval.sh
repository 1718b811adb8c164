#!/usr/bin/env bash
# Evaluates the natural-language door on its labelled set (nl-router/eval/labelled-set.jsonl) over
# HTTP against a real server and the machine's PostgreSQL, and prints intent accuracy, slot F1,
# full-call exact match, clarification precision, out-of-scope precision/recall and latency per
# language, for the held-out and the train half; the router's in-process latency per request; and
# the server's memory with both models loaded.
# The server runs on the embedded default (embedded PostgreSQL, in-process entity index), as `aitip serve` does.
#   --sweep       also sweep alpha / min-score / ambiguity margin per language on the TRAIN half only
#   --machine-db  run on the machine's PostgreSQL with pgvector instead
# The train half's misses are written to mcp-server/target/nl-eval-train-misses.txt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SWEEP=false
MACHINE_DB=false
for arg in "$@"; do
  case "$arg" in
    --sweep) SWEEP=true ;;
    --machine-db) MACHINE_DB=true ;;
    *) echo "nl-eval: unknown option $arg (--sweep, --machine-db)" >&2; exit 2 ;;
  esac
done
mvn -o -q -B verify -pl mcp-server -am -Dtest=NlEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false -Dnl.eval=true \
    -Dnl.sweep="$SWEEP" -Dnl.machine-db="$MACHINE_DB" >&2 \
    || { echo "nl-eval: the run failed (see mcp-server/target/surefire-reports)" >&2; exit 1; }
cat mcp-server/target/nl-eval-report.txt
