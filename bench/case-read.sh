#!/usr/bin/env bash
# Issue 3 benchmark: GET of one case through the gateway with a real token (each read writes its
# audit record), 32 connections, next to pgbench running the same SQL (the case select and the
# audit insert, in one transaction) with 32 connections, in the same run.
#   bench/case-read.sh [seconds [warm-up seconds]]   (default 30 and 60; needs wrk and pgbench)
# Both JVMs are warmed up first: on two shared cores the JIT needs about a minute.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION=${1:-30}
WARMUP=${2:-60}
CONNECTIONS=32
bench_require wrk pgbench curl
"$ANAISS_ROOT/deploy/local/infra.sh" up postgres kafka keycloak >/dev/null
trap bench_stop EXIT

# the API gets as many database connections as pgbench
bench_start case-service "$BENCH_CASE_PORT" ANAISS_CASES_DB_POOL=$CONNECTIONS
# one user at full speed: the per-client rate limit would measure itself, not the path
bench_start gateway "$BENCH_GATEWAY_PORT" ANAISS_GATEWAY_RATE_LIMITING=false
TOKEN=$(token alice)
GW="http://localhost:$BENCH_GATEWAY_PORT"
NIR_BODY=$(printf '2%02d%02d69%03d%03d' 75 6 $((RANDOM % 999 + 1)) $((RANDOM % 999 + 1)))
NIR="$NIR_BODY$(printf '%02d' $((97 - NIR_BODY % 97)))"
PERSON=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"lastName\":\"Bench$RANDOM$RANDOM\",\"firstName\":\"Eve\",\"birthDate\":\"1975-06-01\",\"sex\":\"FEMALE\",\"nir\":\"$NIR\"}" \
  "$GW/api/cases/persons" | sed -E 's/.*"id":"([^"]+)".*/\1/')
CASE=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"personId\":\"$PERSON\",\"theme\":\"JOB_RETENTION\",\"origin\":\"SELF\",\"assignedTo\":\"alice\"}" \
  "$GW/api/cases" | sed -E 's/^\{"id":"([0-9a-f-]{36})".*/\1/')
log "case $CASE: warming up (${WARMUP}s)"
wrk -t2 -c$CONNECTIONS -d"${WARMUP}s" -H "Authorization: Bearer $TOKEN" "$GW/api/cases/$CASE" >/dev/null

OUT=$(mktemp -d)
log "API through the gateway: ${DURATION}s, $CONNECTIONS connections"
wrk -t2 -c$CONNECTIONS -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$GW/api/cases/$CASE" > "$OUT/wrk.txt"
CASE_RSS=$(rss_mb "${BENCH_PIDS[0]}"); GW_RSS=$(rss_mb "${BENCH_PIDS[1]}")
grep -q "Non-2xx" "$OUT/wrk.txt" && { cat "$OUT/wrk.txt"; die "the API answered errors during the run"; }

cat > "$OUT/read.sql" <<SQL
BEGIN;
SELECT c.*, p.* FROM support_case c JOIN person p ON p.id = c.person_id WHERE c.id = '$CASE';
INSERT INTO audit_record (actor, actor_role, action, record_type, record_id, case_id, person_id, request_id)
  VALUES ('alice', 'social-worker', 'READ', 'CASE', '$CASE', '$CASE', '$PERSON', 'pgbench');
COMMIT;
SQL
log "pgbench, same SQL: ${DURATION}s, $CONNECTIONS connections"
PGPASSWORD="${ANAISS_CASES_DB_PASSWORD:-cases-local-only}" pgbench -h "$ANAISS_PG_HOST" -p "$ANAISS_PG_PORT" -U cases -n \
  -c $CONNECTIONS -j 2 -T "$DURATION" -r -f "$OUT/read.sql" cases > "$OUT/pgbench.txt" 2>&1

read -r RPS P50 P99 <<<"$(wrk_summary "$OUT/wrk.txt")"
TPS=$(awk '/^tps/ {print $3; exit}' "$OUT/pgbench.txt")
PG_LAT=$(awk '/latency average/ {print $4 " " $5}' "$OUT/pgbench.txt")
RATIO=$(awk -v a="$RPS" -v b="$TPS" 'BEGIN {printf "%.0f", 100 * a / b}')
cat <<RES

GET /api/cases/{id} through the gateway ($CONNECTIONS connections, ${DURATION}s, $(nproc) cores shared by all processes)
  API      $RPS requests/s   p50 $P50   p99 $P99
  pgbench  $TPS transactions/s   average latency $PG_LAT
  API / pgbench = $RATIO %   (target: at least 40 %)
  memory after the run: case-service ${CASE_RSS} MB, gateway ${GW_RSS} MB (RSS)
RES
