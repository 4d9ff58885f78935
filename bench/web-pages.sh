#!/usr/bin/env bash
# Issue 19 benchmark: the staff application's pages at 16 concurrent signed-in users. Starts
# case-service and the gateway on benchmark ports, signs 16 users in through Keycloak's login page (code
# flow with PKCE, as a browser), then each loops over the pages without pause. Reports per page the
# server time on loopback (p50, p99; target p99 under 100 ms) and the compressed bytes of a first and a
# repeat visit (target: first visit under 300 KB). Needs only the JDK (the load driver is Java).
#   bench/web-pages.sh [seconds [warm-up seconds [users [think ms]]]]   (default 60, 30, 16, 0)
# think ms: each user's pause between two pages. 0 is a stress test (16 loops without pause: about 360 pages/s
# on 2 shared cores, where the p99 measures queueing); 1000 is still a page a second per person.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION=${1:-60}
WARMUP=${2:-30}
USERS=${3:-16}
THINK_MS=${4:-0}
bench_require curl java
"$ANAISS_ROOT/deploy/local/infra.sh" up postgres kafka keycloak >/dev/null
trap bench_stop EXIT

bench_start case-service "$BENCH_CASE_PORT"
# several pages per second per person: the per-client limit would measure itself, not the pages
bench_start gateway "$BENCH_GATEWAY_PORT" ANAISS_GATEWAY_RATE_LIMITING=false
GW="http://localhost:$BENCH_GATEWAY_PORT"
java "$ANAISS_ROOT/deploy/local/tools/KeycloakRedirect.java" "$ANAISS_KEYCLOAK_URL" "$GW"

# lists worth reading: 40 cases of the team, half of them alice's
TOKEN=$(token alice)
api() { curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$2" "$GW$1"; }
for i in $(seq 1 40); do
  PERSON=$(api /api/cases/persons "{\"lastName\":\"Bench$RANDOM$RANDOM\",\"firstName\":\"Eve\",\"birthDate\":\"1975-06-01\",\"sex\":\"FEMALE\"}" \
    | sed -E 's/.*"id":"([^"]+)".*/\1/')
  ASSIGN=$([ $((i % 2)) = 0 ] && echo ',"assignedTo":"alice"' || echo '')
  CASE=$(api /api/cases "{\"personId\":\"$PERSON\",\"theme\":\"JOB_RETENTION\",\"origin\":\"SELF\"$ASSIGN}" \
    | sed -E 's/^\{"id":"([0-9a-f-]{36})".*/\1/')
done
api "/api/cases/$CASE/contacts" "{\"occurredAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"mode\":\"PHONE\",\"notes\":\"Appel de suivi.\"}" >/dev/null
api "/api/cases/$CASE/plan-steps" '{"text":"Demander la RQTH"}' >/dev/null
log "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Dthink.ms="$THINK_MS" "$ANAISS_ROOT/bench/web/WebPagesBench.java" "$GW" "$USERS" "$WARMUP" "$DURATION" "$CASE" "$PERSON" alice bruno
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)   gateway RSS $(rss_mb "${BENCH_PIDS[1]}") MB, case-service RSS $(rss_mb "${BENCH_PIDS[0]}") MB"
