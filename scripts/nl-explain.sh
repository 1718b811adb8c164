#!/usr/bin/env bash
# Prints how the NL router's intent classifier reads each line of FILE: the masked reading, the
# decision, and the five best intents with their scores and nearest examples. A debugging aid for
# the example store and the head; never feed it the held-out half of the labelled set.
#   scripts/nl-explain.sh FILE
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -eq 1 && -f "$1" ]] || { echo "usage: scripts/nl-explain.sh FILE (one sentence a line)" >&2; exit 2; }
FILE="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
cd "$ROOT"
mvn -o -q -B verify -pl mcp-server -am -Dtest=NlExplainTest -Dsurefire.failIfNoSpecifiedTests=false -Dnl.explain="$FILE" ${NL_OPTS:-} >&2 \
    || { echo "nl-explain: the run failed (see mcp-server/target/surefire-reports)" >&2; exit 1; }
cat mcp-server/target/nl-explain.txt
