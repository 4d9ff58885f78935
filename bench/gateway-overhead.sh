#!/usr/bin/env bash
# Issue 7 benchmark: what the gateway costs. The same endpoint (GET /api/cases/{id}, which reads the
# case and writes its audit record), the same token, 32 connections, in the same run: rounds of a run
# directly to case-service then a run through the gateway (token check, rate limiter with a limit too
# high to refuse anything, access log, streaming proxy); each round is compared on its own and the
# median taken, so a drift of the shared machine during the run is not charged to the gateway.
# Both JVMs are warmed up first (through the gateway, which warms case-service too, then directly):
# on two shared cores the JIT needs about a minute before the figures mean anything.
# Reports throughput, p50/p99, the gateway's share of the direct throughput, the p99 it adds, and
# the gateway's resident memory idle (after start) and loaded (after its run). At 32 connections both
# paths saturate the two cores, so their latencies are mostly queueing; the latency of one request at a
# time (1 connection, same endpoint) is measured too: what one pass through the gateway adds.
# Then the latency at a load both paths sustain: the same 32 connections, each pausing a random
# (exponential) time between requests so that together they offer PACED_SHARE % (default 50) of the
# direct throughput just measured; the gateway's added p99 is compared there, round by round too.
#   [ROUNDS=3] [PACED_SHARE=50] bench/gateway-overhead.sh [seconds [warm-up seconds]]   (default 30 and 60; needs wrk and curl)
# Ports 19180 (gateway) and 19181 (case-service) unless BENCH_GATEWAY_PORT / BENCH_CASE_PORT are set,
# so bench/case-read.sh (1818x) can run at the same time.
set -euo pipefail
BENCH_GATEWAY_PORT=${BENCH_GATEWAY_PORT:-19180}
BENCH_CASE_PORT=${BENCH_CASE_PORT:-19181}
BENCH_OUTREACH_PORT=${BENCH_OUTREACH_PORT:-19182}
BENCH_STATS_PORT=${BENCH_STATS_PORT:-19183}
source "$(dirname "$0")/lib.sh"
DURATION=${1:-30}
WARMUP=${2:-60}
ROUNDS=${ROUNDS:-3}
PACED_SHARE=${PACED_SHARE:-50}
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
CONNECTIONS=32
bench_require wrk curl
"$ANAISS_ROOT/deploy/local/infra.sh" up postgres kafka keycloak >/dev/null
OUT=$(mktemp -d)
trap 'bench_stop; rm -rf "$OUT"' EXIT

bench_start case-service "$BENCH_CASE_PORT" ANAISS_CASES_DB_POOL=$CONNECTIONS
# Every request is measured, none refused: the limiter runs (its cost is part of the figure) with a
# limit no client of this run can reach.
bench_start gateway "$BENCH_GATEWAY_PORT" \
  ANAISS_GATEWAY_GROUPS_CASES_RATE_LIMIT_BURST=1000000 ANAISS_GATEWAY_GROUPS_CASES_RATE_LIMIT_PER_SECOND=1000000
CASE_PID=${BENCH_PIDS[0]}; GW_PID=${BENCH_PIDS[1]}
GW_IDLE_RSS=$(rss_mb "$GW_PID")
TOKEN=$(token alice)
GW="http://localhost:$BENCH_GATEWAY_PORT"
DIRECT="http://localhost:$BENCH_CASE_PORT"
NIR_BODY=$(printf '2%02d%02d69%03d%03d' 75 6 $((RANDOM % 999 + 1)) $((RANDOM % 999 + 1)))
NIR="$NIR_BODY$(printf '%02d' $((97 - NIR_BODY % 97)))"
PERSON=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"lastName\":\"Bench$RANDOM$RANDOM\",\"firstName\":\"Eve\",\"birthDate\":\"1975-06-01\",\"sex\":\"FEMALE\",\"nir\":\"$NIR\"}" \
  "$DIRECT/api/cases/persons" | sed -E 's/^\{"id":"([0-9a-f-]{36})".*/\1/')
CASE=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"personId\":\"$PERSON\",\"theme\":\"JOB_RETENTION\",\"origin\":\"SELF\",\"assignedTo\":\"alice\"}" \
  "$DIRECT/api/cases" | sed -E 's/^\{"id":"([0-9a-f-]{36})".*/\1/')
# the case's own id is the first field of the answer (the person's id comes later, nested)
[[ "$CASE" =~ ^[0-9a-f-]{36}$ ]] || die "could not open a case for the benchmark"
PATH_UNDER_TEST="/api/cases/$CASE"

run() { # run <name> <base url> <seconds>
  wrk -t2 -c$CONNECTIONS -d"$3s" --latency -H "Authorization: Bearer $TOKEN" "$2$PATH_UNDER_TEST" > "$OUT/$1.txt"
  if grep -q "Non-2xx" "$OUT/$1.txt"; then cat "$OUT/$1.txt"; die "$1: errors during the run"; fi
}
log "case $CASE: warming up through the gateway (${WARMUP}s), then directly"
run warm-gateway "$GW" "$WARMUP"
run warm-direct "$DIRECT" $((WARMUP / 3))
log "${ROUNDS} rounds of ${DURATION}s directly then ${DURATION}s through the gateway, $CONNECTIONS connections"
GW_LOADED_RSS=0
for round in $(seq 1 "$ROUNDS"); do
  # a fresh token per round (Keycloak's live 5 minutes), the same one for both runs of the round
  TOKEN=$(token alice)
  run "direct$round" "$DIRECT" "$DURATION"
  run "gateway$round" "$GW" "$DURATION"
  rss=$(rss_mb "$GW_PID")
  if [ "$rss" -gt "$GW_LOADED_RSS" ]; then GW_LOADED_RSS=$rss; fi
done
CASE_RSS=$(rss_mb "$CASE_PID")
log "one request at a time: ${DURATION}s direct, ${DURATION}s through the gateway"
run1() {
  wrk -t1 -c1 -d"$3s" --latency -H "Authorization: Bearer $TOKEN" "$2$PATH_UNDER_TEST" > "$OUT/$1.txt"
  if grep -q "Non-2xx" "$OUT/$1.txt"; then cat "$OUT/$1.txt"; die "$1: errors during the run"; fi
}
TOKEN=$(token alice)
run1 single-direct "$DIRECT" "$DURATION"
run1 single-gateway "$GW" "$DURATION"

# wrk prints latencies with units (us, ms, s): in milliseconds
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'; }
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
DIRECT_MAX=$(for round in $(seq 1 "$ROUNDS"); do wrk_summary "$OUT/direct$round.txt" | cut -d' ' -f1; done | median)
PACED_RATE=$(awk -v d="$DIRECT_MAX" -v s="$PACED_SHARE" 'BEGIN {printf "%.0f", d * s / 100}')
# each connection waits a random time between its requests (mean: connections / rate), not counted in
# the latency wrk measures; a per-thread seed, so the two wrk threads do not pause in step
cat > "$OUT/paced.lua" <<LUA
local mean = $(awk -v r="$PACED_RATE" -v c=$CONNECTIONS 'BEGIN {printf "%.3f", 1000 * c / r}')
math.randomseed(tonumber(tostring({}):match("0x(%x+)") or "1", 16) % 2147483647)
delay = function() return -math.log(1 - math.random()) * mean end
LUA
log "latency at $PACED_RATE req/s offered ($PACED_SHARE % of the direct maximum), $CONNECTIONS connections: ${ROUNDS} rounds"
for round in $(seq 1 "$ROUNDS"); do
  TOKEN=$(token alice)
  for target in direct gateway; do
    url=$DIRECT; [ "$target" = gateway ] && url=$GW
    wrk -t2 -c$CONNECTIONS -d"${DURATION}s" --latency -s "$OUT/paced.lua" -H "Authorization: Bearer $TOKEN" \
      "$url$PATH_UNDER_TEST" > "$OUT/paced-$target$round.txt"
    if grep -q "Non-2xx" "$OUT/paced-$target$round.txt"; then cat "$OUT/paced-$target$round.txt"; die "paced $target: errors"; fi
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

ROWS=""; RATIOS=""; ADDED=""
for round in $(seq 1 "$ROUNDS"); do
  read -r D_RPS D_P50 D_P99 <<<"$(wrk_summary "$OUT/direct$round.txt")"
  read -r G_RPS G_P50 G_P99 <<<"$(wrk_summary "$OUT/gateway$round.txt")"
  ratio=$(awk -v g="$G_RPS" -v d="$D_RPS" 'BEGIN {printf "%.0f", 100 * g / d}')
  added=$(awk -v g="$(ms "$G_P99")" -v d="$(ms "$D_P99")" 'BEGIN {printf "%.2f", g - d}')
  ROWS+=$(printf '\n  round %d  direct %8s req/s p50 %8s p99 %8s | gateway %8s req/s p50 %8s p99 %8s | %3s %%, p99 %+.2f ms' \
    "$round" "$D_RPS" "$D_P50" "$D_P99" "$G_RPS" "$G_P50" "$G_P99" "$ratio" "$added")
  RATIOS+="$ratio"$'\n'; ADDED+="$added"$'\n'
done
RATIO=$(printf '%s' "$RATIOS" | median)
ADDED_P99=$(printf '%s' "$ADDED" | median)
PACED_ROWS=""; PACED_ADDED=""
for round in $(seq 1 "$ROUNDS"); do
  read -r D_RPS D_P50 D_P99 <<<"$(wrk_summary "$OUT/paced-direct$round.txt")"
  read -r G_RPS G_P50 G_P99 <<<"$(wrk_summary "$OUT/paced-gateway$round.txt")"
  added=$(awk -v g="$(ms "$G_P99")" -v d="$(ms "$D_P99")" 'BEGIN {printf "%.2f", g - d}')
  PACED_ROWS+=$(printf '\n  round %d  direct %8s req/s p50 %8s p99 %8s | gateway %8s req/s p50 %8s p99 %8s | p99 %+.2f ms' \
    "$round" "$D_RPS" "$D_P50" "$D_P99" "$G_RPS" "$G_P50" "$G_P99" "$added")
  PACED_ADDED+="$added"$'\n'
done
PACED_ADDED_P99=$(printf '%s' "$PACED_ADDED" | median)
read -r S_D_RPS S_D_P50 S_D_P99 <<<"$(wrk_summary "$OUT/single-direct.txt")"
read -r S_G_RPS S_G_P50 S_G_P99 <<<"$(wrk_summary "$OUT/single-gateway.txt")"
cat <<RES

GET /api/cases/{id}, same token, $(nproc) cores shared by wrk, the gateway, case-service and PostgreSQL;
load average at the start $LOAD_START, at the end $LOAD_AFTER${ROWS}
  median over the rounds: gateway / direct = $RATIO % of the throughput (target: at least 70 %),
    p99 added by the gateway = $ADDED_P99 ms at $CONNECTIONS connections, both saturated (queueing on the shared cores)
  at $PACED_RATE req/s offered ($PACED_SHARE % of the direct maximum), $CONNECTIONS connections:${PACED_ROWS}
  median over the rounds: p99 added by the gateway = $PACED_ADDED_P99 ms (target: under 5 ms)
  one request at a time: direct p50 $S_D_P50 p99 $S_D_P99, gateway p50 $S_G_P50 p99 $S_G_P99:
    the gateway adds $(awk -v g="$(ms "$S_G_P50")" -v d="$(ms "$S_D_P50")" 'BEGIN {printf "%.2f", g - d}') ms at p50, $(awk -v g="$(ms "$S_G_P99")" -v d="$(ms "$S_D_P99")" 'BEGIN {printf "%.2f", g - d}') ms at p99
  gateway memory (RSS): idle ${GW_IDLE_RSS} MB, loaded ${GW_LOADED_RSS} MB (highest after its runs); case-service ${CASE_RSS} MB
RES
