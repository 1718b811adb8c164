#!/usr/bin/env bash
# The callbacks fault tests, with the server as real OS processes:
#  - CallbackFaultTest: 200 jobs with callback_url to a receiver that fails 30 % of deliveries, three
#    SIGKILLs with restarts; every job.* event must arrive (FAULT-REPORT line counts duplicates);
#  - TwoReplicasTest: two replicas on one PostgreSQL and Redis; a job on A streams to B's SSE clients,
#    1,000 deliveries split between both workers with zero duplicates (REPLICAS-REPORT line).
#   scripts/fault-callbacks.sh [-Daitip.fault.seed=N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/ensure-services.sh
scripts/provision-node.sh >/dev/null
mvn -q -B verify -pl mcp-server -am -Daitip.fault=true -Dtest='CallbackFaultTest,TwoReplicasTest' -Dsurefire.failIfNoSpecifiedTests=false "$@" \
  || { grep -h -E "FAULT-REPORT|REPLICAS-REPORT" mcp-server/target/surefire-reports/*-output.txt 2>/dev/null; exit 1; }
grep -h -E "FAULT-REPORT|REPLICAS-REPORT" mcp-server/target/surefire-reports/*-output.txt
