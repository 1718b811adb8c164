#!/usr/bin/env bash
# The quick loop for tuning the NL router's example store and intent head without the held-out half:
# intent accuracy on the TRAIN half of the labelled set (in process, at the router's tuning) and the
# 5-fold store cross-validation; the store examples it gets wrong, most frequent confusions first, go to
# mcp-server/target/nl-store-cv-misses.txt. Then run scripts/nl-eval.sh once for every figure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -o -q -B verify -pl mcp-server -am -Dtest=NlHeadSweepTest -Dsurefire.failIfNoSpecifiedTests=false -Dnl.heads=true "$@" >&2 \
    || { echo "nl-dev: the run failed (see mcp-server/target/surefire-reports)" >&2; exit 1; }
cat mcp-server/target/nl-heads-report.txt
