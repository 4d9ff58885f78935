#!/usr/bin/env bash
# Stops everything deploy/local/run.sh or infra.sh started (pid files in .local/pids), nothing else.
set -uo pipefail
source "$(dirname "$0")/env.sh"
for s in gateway case-service outreach-service stats-service; do stop_bg "$s"; done
"$ANAISS_ROOT/deploy/local/infra.sh" down
