#!/usr/bin/env bash
# The test command: starts whatever of PostgreSQL, Kafka, Keycloak and SMTP is not already running,
# runs every test (./mvnw -B verify, extra Maven arguments passed through), then stops only
# what it started.
set -uo pipefail
source "$(dirname "$0")/env.sh"

before=()
for part in postgres kafka keycloak smtp; do running "$part" && before+=("$part"); done

"$ANAISS_ROOT/deploy/local/infra.sh" up || { log "infrastructure did not start"; exit 1; }

started=()
for part in postgres kafka keycloak smtp; do
  if running "$part" && [[ ! " ${before[*]} " =~ " $part " ]]; then started+=("$part"); fi
done
cleanup() {
  [ ${#started[@]} -gt 0 ] && "$ANAISS_ROOT/deploy/local/infra.sh" down "${started[@]}"
}
trap cleanup EXIT

cd "$ANAISS_ROOT" && ./mvnw -B verify "$@"
