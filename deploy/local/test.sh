#!/usr/bin/env bash
# The test command: starts whatever of PostgreSQL, Kafka, Keycloak and SMTP is not already running,
# installs Chromium for the browser tests if missing, runs every test (./mvnw -B verify, extra Maven
# arguments passed through), then stops only what it started.
set -uo pipefail
source "$(dirname "$0")/env.sh"

# The browser tests (system-tests) use Debian's Chromium and its driver: installed here when missing.
"$ANAISS_ROOT/deploy/local/browser.sh" || { log "Chromium is needed by the browser tests"; exit 1; }
check_prerequisites tests || exit 1

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
