#!/usr/bin/env bash
# Issue 10 load test: the four services under a realistic mix of their users, all through the gateway
# (Gatling, bench/load/: social workers listing, reading and opening cases and recording contacts, a
# partner system sending signals, the statistician querying tables; see SuiteLoadSimulation). An
# open-model ramp: arrivals per second in plateaus of increasing rate, each measured on its own, until
# p99 passes 200 ms (it stops two plateaus past that). Meanwhile every 2 s: CPU and RSS of each
# service, of PostgreSQL, Kafka, Keycloak and Gatling itself, the whole machine's CPU, and each
# service's PostgreSQL connections (open, active, waiting on a lock) from pg_stat_activity; a top
# snapshot every 30 s. Prints a summary and writes it, the samples, the per-step figures and Gatling's
# HTML report to bench/results/load-<timestamp>/ (git-ignored).
#   bench/load.sh                                     (10 minutes at most, less when it stops at the knee; needs psql, ss)
#   GATEWAY_URL=http://localhost:8080 bench/load.sh   (services already running, started with
#       ANAISS_GATEWAY_RATE_LIMITING=false: nothing started; backends looked up on the next 3 ports)
# Environment: LOAD_RATES (arrivals/s of each plateau, default 10,20,30,40,50,60,80,...,160,200), LOAD_STEP_SECONDS (40),
#   LOAD_WARMUP_SECONDS (60), LOAD_RAMP_SECONDS (5), LOAD_P99_MS (200), LOAD_BASE_PORT (48080: the
#   gateway, then case-, outreach- and stats-service; the next free block of 100 if taken),
#   LOAD_SERVICE_JAVA_OPTS (-Xms64m -Xmx384m, as deploy/local/run.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# Kafka stays in the security mode it is in: another session may have switched it to SASL, and
# infra.sh would otherwise restart a stopped broker in plaintext on an emptied log directory.
if [ -z "${ANAISS_KAFKA_SECURITY:-}" ] && [ -f "${ANAISS_STATE:-$ROOT/.local}/kafka/mode" ]; then
  ANAISS_KAFKA_SECURITY=$(cat "${ANAISS_STATE:-$ROOT/.local}/kafka/mode"); export ANAISS_KAFKA_SECURITY
fi
source "$ROOT/bench/lib.sh"
bench_require curl psql ss awk
export LOAD_RATES=${LOAD_RATES:-10,20,30,40,50,60,80,100,120,140,160,200}
export LOAD_STEP_SECONDS=${LOAD_STEP_SECONDS:-40}
export LOAD_WARMUP_SECONDS=${LOAD_WARMUP_SECONDS:-60}
export LOAD_RAMP_SECONDS=${LOAD_RAMP_SECONDS:-5}
export LOAD_P99_MS=${LOAD_P99_MS:-200}
JAVA_OPTS=${LOAD_SERVICE_JAVA_OPTS:--Xms64m -Xmx384m}
SERVICES=(gateway case-service outreach-service stats-service)
SAMPLE_SECONDS=2
CLK_TCK=$(getconf CLK_TCK)

OUT="$ROOT/bench/results/load-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT/logs"
APPS=""; SAMPLER_PID=""; MVN_PID=""
declare -A PIDS PORTS
OWN_PIDS=()
# stop_services: the services this script started, by their ids: TERM, then KILL after 40 s
stop_services() {
  local p i
  for p in "${OWN_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for i in $(seq 40); do
    alive=""
    for p in "${OWN_PIDS[@]}"; do if kill -0 "$p" 2>/dev/null; then alive=1; fi; done
    [ -z "$alive" ] && break
    sleep 1
  done
  for p in "${OWN_PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  OWN_PIDS=()
}
cleanup() {
  set +e  # a process already gone must not end the cleanup half-way
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null
  # Maven and the Gatling JVM it forked, by their ids (interrupted run)
  if [ -n "$MVN_PID" ]; then for p in $(descendants "$MVN_PID") "$MVN_PID"; do kill "$p" 2>/dev/null; done; fi
  stop_services
  [ -n "$APPS" ] && rm -rf "$APPS"
  gzip -q "$OUT"/logs/*.log 2>/dev/null || true
}
trap cleanup EXIT
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

"$ANAISS_ROOT/deploy/local/infra.sh" up postgres kafka keycloak >/dev/null || die "the infrastructure did not start"

# any socket on the port, not only a listener: 48080-48083 are in the ephemeral range, where an
# outgoing connection of another process may hold one
port_busy() { [ -n "$(ss -Htan "( sport = :$1 )" 2>/dev/null)" ]; }

# start_services <base port>: the four packaged services; 1 if one could not bind its port
start_services() {
  local base=$1 s jaas extra i
  PORTS=([gateway]=$base [case-service]=$((base + 1)) [outreach-service]=$((base + 2)) [stats-service]=$((base + 3)))
  for s in "${SERVICES[@]}"; do
    jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$s\" password=\"$s-local-only\";"
    extra=()
    [ "$ANAISS_KAFKA_SECURITY" = sasl ] && extra=(KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT KAFKA_SASL_MECHANISM=SCRAM-SHA-512
                                                 "KAFKA_SASL_JAAS_CONFIG=$jaas")
    # consumer groups of their own, named after the service (as the SASL principals' ACLs require) and
    # the same from one run to the next (a start does not replay every topic from the beginning); each
    # service only its own channel's variable (an unknown MP_MESSAGING_* name would declare a channel)
    # The hourly statistics exports (aggregations over every case, 30 s after a start by default) are
    # kept out of the measured window: bench/stats-export.sh measures them.
    case "$s" in
      case-service) extra+=(MP_MESSAGING_INCOMING_OFFER_ACCEPTED_GROUP_ID="case-service-load-$base"
                            ANAISS_CASES_STATS_INITIAL_DELAY=1h) ;;
      outreach-service) extra+=(MP_MESSAGING_INCOMING_CASE_EVENTS_GROUP_ID="outreach-service-load-$base"
                                ANAISS_OUTREACH_STATS_INITIAL_DELAY=1h) ;;
      stats-service) extra+=(MP_MESSAGING_INCOMING_STATS_AGGREGATES_GROUP_ID="stats-service-load-$base"
                             ANAISS_STATS_REBUILD_GROUP_ID="stats-service-rebuild-load-$base") ;;
    esac
    env "${extra[@]}" \
      ANAISS_GATEWAY_PORT="${PORTS[gateway]}" ANAISS_CASE_PORT="${PORTS[case-service]}" \
      ANAISS_OUTREACH_PORT="${PORTS[outreach-service]}" ANAISS_STATS_PORT="${PORTS[stats-service]}" \
      ANAISS_CASE_URL="http://localhost:${PORTS[case-service]}" ANAISS_OUTREACH_URL="http://localhost:${PORTS[outreach-service]}" \
      ANAISS_STATS_URL="http://localhost:${PORTS[stats-service]}" \
      ANAISS_GATEWAY_RATE_LIMITING=false \
      java $JAVA_OPTS -jar "$APPS/$s/quarkus-run.jar" > "$OUT/logs/$s.log" 2>&1 &
    PIDS[$s]=$!
    OWN_PIDS+=($!)
  done
  for s in "${SERVICES[@]}"; do
    for i in $(seq 180); do
      http_ok "http://localhost:${PORTS[$s]}/q/health/ready" && break
      if ! kill -0 "${PIDS[$s]}" 2>/dev/null; then
        if grep -q "seems to be in use" "$OUT/logs/$s.log"; then
          log "$s: port ${PORTS[$s]} taken meanwhile; starting again on other ports"
          stop_services
          return 1
        fi
        tail -c 3000 "$OUT/logs/$s.log" >&2; die "$s exited (see $OUT/logs/$s.log)"
      fi
      [ "$i" -lt 180 ] || { tail -c 3000 "$OUT/logs/$s.log" >&2; die "$s not ready after 180 s (see $OUT/logs/$s.log)"; }
      sleep 1
    done
  done
}

if [ -n "${GATEWAY_URL:-}" ]; then
  # services already running: measure what listens on the gateway's port and the next three
  GW="${GATEWAY_URL%/}"
  base=$(sed -E 's#.*:([0-9]+)$#\1#' <<<"$GW")
  [[ "$base" =~ ^[0-9]+$ ]] || die "GATEWAY_URL must end with its port (http://localhost:8080)"
  i=0
  for s in "${SERVICES[@]}"; do
    PORTS[$s]=$((base + i)); i=$((i + 1))
    PIDS[$s]=$(ss -Htlnp "sport = :${PORTS[$s]}" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1)
  done
  if [ -n "${PIDS[gateway]}" ] && ! tr '\0' '\n' < "/proc/${PIDS[gateway]}/environ" 2>/dev/null | grep -qx 'ANAISS_GATEWAY_RATE_LIMITING=false'; then
    log "WARNING: the gateway does not seem to run with ANAISS_GATEWAY_RATE_LIMITING=false: 429s will count as errors"
  fi
  STARTED="running services at $GW (not started here)"
else
  for s in "${SERVICES[@]}"; do
    [ -f "$ANAISS_ROOT/$s/target/quarkus-app/quarkus-run.jar" ] && continue
    log "building the services (./mvnw package, tests skipped)"
    (cd "$ANAISS_ROOT" && ./mvnw -B -q package -DskipTests -pl case-service,outreach-service,stats-service,gateway -am) \
      || die "build failed"
    break
  done
  # private copies of the packaged apps: a build in the work tree during the run cannot change them
  APPS=$(mktemp -d)
  for s in "${SERVICES[@]}"; do cp -r "$ANAISS_ROOT/$s/target/quarkus-app" "$APPS/$s"; done
  base=${LOAD_BASE_PORT:-48080}
  started=""
  for _ in $(seq 10); do
    taken=""
    for p in 0 1 2 3; do port_busy $((base + p)) && taken=1; done
    if [ -z "$taken" ] && start_services "$base"; then started=1; break; fi
    base=$((base + 100))
  done
  [ -n "$started" ] || die "could not start the services on a free block of 4 ports from ${LOAD_BASE_PORT:-48080}"
  GW="http://localhost:${PORTS[gateway]}"
  STARTED="started here on ports $base-$((base + 3)) ($JAVA_OPTS, database pools of 20, rate limiting off, Kafka $ANAISS_KAFKA_SECURITY,
  statistics exports not during the run)"
fi
log "services: $STARTED"
for s in "${SERVICES[@]}"; do log "  $s: port ${PORTS[$s]}, pid ${PIDS[$s]:-not found}"; done

# ------------------------------------------------------------------ sampling
# infrastructure processes by their listening port; PostgreSQL as the sum of its processes
KAFKA_PID=$(ss -Htlnp "sport = :$ANAISS_KAFKA_PORT" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1)
KEYCLOAK_PID=$(ss -Htlnp "sport = :$ANAISS_KEYCLOAK_PORT" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1)
ticks() { [ -n "$1" ] && awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
rss_of() { [ -n "$1" ] && awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
pg_ticks() { cat /proc/[0-9]*/stat 2>/dev/null | awk '$2 == "(postgres)" {s += $14 + $15} END {print s + 0}'; }
cpu_line() { awk '/^cpu / {busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6}' /proc/stat; }
descendants() { local c; for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$c"; descendants "$c"; done; }
# the JVM that Maven forked for Gatling (not Maven's own, whose command line names the plugin too)
gatling_pid() {
  local p
  [ -n "$MVN_PID" ] || return 0
  for p in $(descendants "$MVN_PID"); do
    if [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ] && ! grep -q -a 'classworlds' "/proc/$p/cmdline" 2>/dev/null; then
      echo "$p"; return 0
    fi
  done
}
# each service's connections to PostgreSQL: its local ports, then the backends behind them.
# Prints open/busy/lock-waiting counts of case-, outreach- and stats-service, then "|" and the
# backends' pids (their CPU is the database's work for these services, apart from other sessions').
pg_snapshot() {
  local map="" s
  for s in case-service outreach-service stats-service; do
    [ -n "${PIDS[$s]:-}" ] || continue
    map+=$(ss -Htnp state established "( dport = :$ANAISS_PG_PORT )" 2>/dev/null \
      | awk -v pid="pid=${PIDS[$s]}," -v s="$s" 'index($0, pid) {n = split($3, a, ":"); print a[n] "=" s}' | tr '\n' ' ')
  done
  psql -h "$ANAISS_PG_HOST" -p "$ANAISS_PG_PORT" -U "$ANAISS_PG_SUPERUSER" -d postgres -AtF' ' -c \
    "select client_port, state, coalesce(wait_event_type, '-'), pid from pg_stat_activity where client_port is not null" 2>/dev/null \
    | awk -v map="$map" 'BEGIN { n = split(map, m, " "); for (i = 1; i <= n; i++) { split(m[i], kv, "="); svc[kv[1]] = kv[2] } }
        ($1 in svc) { s = svc[$1]; open[s]++; if ($2 == "active" || $2 ~ /^idle in/) busy[s]++; if ($3 == "Lock") lock[s]++
                      pids = pids " " $4 }
        END { printf "%d %d %d %d %d %d %d %d %d|%s", open["case-service"], busy["case-service"], lock["case-service"],
              open["outreach-service"], busy["outreach-service"], lock["outreach-service"],
              open["stats-service"], busy["stats-service"], lock["stats-service"], pids }'
}
sampler() {
  local gpid="" snap counts p t pg_ours=0
  # CPU of these services' backends: per backend since the previous sample (a backend seen for the
  # first time counts from then on), added up into one counter
  declare -A backend_ticks=() seen=()
  echo "epoch_ms machine_busy_pct gateway_cpu case_cpu outreach_cpu stats_cpu postgres_all_cpu postgres_ours_cpu kafka_cpu keycloak_cpu gatling_cpu gateway_rss case_rss outreach_rss stats_rss gatling_rss cases_pg_open cases_pg_busy cases_pg_lock outreach_pg_open outreach_pg_busy outreach_pg_lock stats_pg_open stats_pg_busy stats_pg_lock" > "$OUT/samples.txt"
  local -a last=() cur=()
  local n=0
  while true; do
    [ -z "$gpid" ] && gpid=$(gatling_pid)
    snap=$(pg_snapshot); counts=${snap%%|*}
    seen=()
    for p in ${snap#*|}; do
      t=$(ticks "$p")
      [ -n "${backend_ticks[$p]:-}" ] && [ "$t" -ge "${backend_ticks[$p]}" ] && pg_ours=$((pg_ours + t - backend_ticks[$p]))
      seen[$p]=$t
    done
    backend_ticks=()
    for p in "${!seen[@]}"; do backend_ticks[$p]=${seen[$p]}; done
    read -r busy total <<<"$(cpu_line)"
    cur=("$(date +%s%3N)" "$busy" "$total" "$(ticks "${PIDS[gateway]:-}")" "$(ticks "${PIDS[case-service]:-}")"
         "$(ticks "${PIDS[outreach-service]:-}")" "$(ticks "${PIDS[stats-service]:-}")" "$(pg_ticks)" "$pg_ours"
         "$(ticks "$KAFKA_PID")" "$(ticks "$KEYCLOAK_PID")" "$(ticks "$gpid")")
    if [ ${#last[@]} -gt 0 ]; then
      # CPU in % of one core over the interval (200 % = both cores); the machine's in % of all cores
      awk -v c="${cur[*]}" -v l="${last[*]}" -v hz="$CLK_TCK" 'BEGIN {
        split(c, a, " "); split(l, b, " "); dt = (a[1] - b[1]) / 1000.0
        printf "%d %.1f", a[1], (a[3] - b[3] > 0) ? 100 * (a[2] - b[2]) / (a[3] - b[3]) : 0
        for (i = 4; i <= 12; i++) { d = a[i] - b[i]; if (d < 0 || b[i] == 0) d = 0; printf " %.1f", 100 * d / hz / dt }
      }' >> "$OUT/samples.txt"
      echo " $(rss_of "${PIDS[gateway]:-}") $(rss_of "${PIDS[case-service]:-}") $(rss_of "${PIDS[outreach-service]:-}") $(rss_of "${PIDS[stats-service]:-}") $(rss_of "$gpid") $counts" >> "$OUT/samples.txt"
    fi
    last=("${cur[@]}")
    # who waits on a lock, and in which statement (the summary counts them over the run)
    psql -h "$ANAISS_PG_HOST" -p "$ANAISS_PG_PORT" -U "$ANAISS_PG_SUPERUSER" -d postgres -AtF'|' -c \
      "select datname, wait_event, left(regexp_replace(query, '\s+', ' ', 'g'), 80) from pg_stat_activity
       where wait_event_type = 'Lock' and datname in ('cases', 'outreach', 'stats')" 2>/dev/null \
      | sed "s/^/$(date +%s%3N)|/" >> "$OUT/locks.txt" || true
    if [ $((n % (30 / SAMPLE_SECONDS))) -eq 0 ]; then
      # the second of two iterations one second apart: CPU over that second, not since the start
      { echo "=== $(date +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
        top -b -c -n2 -d1 -w 200 | awk '/^top -/ {n++} n == 2' | sed -n '7,22p'; } >> "$OUT/top.txt"
    fi
    n=$((n + 1))
    sleep "$SAMPLE_SECONDS"
  done
}

# ------------------------------------------------------------------ the run
log "Gatling: plateaus of $LOAD_RATES arrivals/s, ${LOAD_STEP_SECONDS}s each after ${LOAD_WARMUP_SECONDS}s of warm-up; results in $OUT"
export LOAD_GATEWAY_URL="$GW" LOAD_KEYCLOAK_URL="$ANAISS_KEYCLOAK_URL" LOAD_OUT="$OUT/steps"
(cd "$ANAISS_ROOT" && ./mvnw -B -f bench/load/pom.xml io.gatling:gatling-maven-plugin:test \
  -Dgatling.resultsFolder="$OUT/gatling" -Dgatling.runDescription="ANAISS suite through the gateway, $(nproc) cores") \
  > "$OUT/gatling.log" 2>&1 &
MVN_PID=$!
sampler &
SAMPLER_PID=$!
tail -n +1 -f --pid="$MVN_PID" "$OUT/gatling.log" | grep --line-buffered -E '^\[load\]|ERROR|Exception' >&2 || true
wait "$MVN_PID" || log "Gatling's build ended with an error (see $OUT/gatling.log)"
MVN_PID=""
kill "$SAMPLER_PID" 2>/dev/null; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
[ -f "$OUT/steps/steps.csv" ] || die "no per-step figures: the simulation did not run (see $OUT/gatling.log)"

# peak resident memory of each service: the kernel's high-water mark (VmHWM), and the highest sample
declare -A HWM
for s in "${SERVICES[@]}"; do
  HWM[$s]=$( [ -n "${PIDS[$s]:-}" ] && awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/${PIDS[$s]}/status" 2>/dev/null || echo "?")
done
REPORT=$(ls -d "$OUT"/gatling/*/ 2>/dev/null | head -1)

# ------------------------------------------------------------------ summary
T0=$(cat "$OUT/steps/started-at-ms")
# per step: the samples taken during its plateau, averaged (CPU, machine) or at their highest (connections)
awk -v t0="$T0" -v w="$LOAD_WARMUP_SECONDS" -v s="$LOAD_STEP_SECONDS" -v r="$LOAD_RAMP_SECONDS" -v rates="$LOAD_RATES" '
  NR == 1 { next }
  { off = ($1 - t0) / 1000.0; step = 0
    if (off >= 0 && off < w) step = "warmup"
    else if (off >= w) { k = int((off - w) / (s + r)); if (off - w - k * (s + r) < s) step = k + 1 }
    if (step == 0) next
    n[step]++; for (i = 2; i <= 16; i++) sum[step, i] += $i
    for (i = 17; i <= 25; i++) if ($i > max[step, i]) max[step, i] = $i
    if (!(step in seen)) { seen[step] = 1; order[++m] = step } }
  END { for (j = 1; j <= m; j++) { st = order[j]; printf "%s", st
          for (i = 2; i <= 11; i++) printf " %.0f", sum[st, i] / n[st]
          for (i = 17; i <= 25; i++) printf " %d", max[st, i]
          printf "\n" } }' "$OUT/samples.txt" > "$OUT/resources-by-step.txt"

peak_sample() { awk -v c="$1" 'NR > 1 && $c > m {m = $c} END {print m + 0}' "$OUT/samples.txt"; }
mean_col() { awk -v c="$1" 'NR > 1 {s += $c; n++} END {printf "%.0f", n ? s / n : 0}' "$OUT/samples.txt"; }
CORES=$(nproc)

{
  echo "ANAISS load test through the gateway, $(date '+%Y-%m-%d %H:%M'), $CORES cores and $(free -g | awk '/Mem:/ {print $2}') GiB shared by"
  echo "the services, PostgreSQL, Kafka, Keycloak, Gatling itself and whatever else runs on the machine"
  echo "(load average at the start $LOAD_START, at the end $LOAD_END: other sessions' tests may run meanwhile; column 'others' below)."
  echo "Services: $STARTED"
  echo "Mix per arrival: 45 % worker lists their cases + reads one, 25 % reads a case + adds a contact,"
  echo "10 % registers a person + opens a case, 15 % partner signal, 5 % statistician lists tables + queries one"
  echo "(1.85 requests per arrival); plateaus of ${LOAD_STEP_SECONDS} s after ${LOAD_WARMUP_SECONDS} s of warm-up."
  echo
  echo "Per step (every request sent during the plateau; Gatling's response times; sustained = p99 < $LOAD_P99_MS ms and < 1 % errors):"
  grep -E '^step' "$OUT/steps/summary.txt" | sed 's/^/  /'
  echo
  echo "CPU per step, average over the plateau in % of one core ($((CORES * 100)) % = the machine); machine = % of all cores busy;"
  echo "pg all = every PostgreSQL process, pg ours = the backends of these services' connections; others = the machine's"
  echo "busy time not used by the processes listed (other sessions' tests and databases, the sampler, the kernel);"
  echo "then each service's PostgreSQL connections at their highest: open/active or in a transaction/waiting on a lock:"
  printf '  %-6s %7s %7s %6s %8s %6s %7s %7s %6s %8s %7s %7s   %-10s %-11s %-10s\n' step machine gateway case outreach stats "pg all" "pg ours" \
    kafka keycloak gatling others "cases pg" "outreach pg" "stats pg"
  while read -r st mb gw cs os ss pg po kf kc gt c1 c2 c3 o1 o2 o3 s1 s2 s3; do
    others=$(( mb * CORES - gw - cs - os - ss - pg - kf - kc - gt )); [ "$others" -lt 0 ] && others=0
    printf '  %-6s %6s%% %6s%% %5s%% %7s%% %5s%% %6s%% %6s%% %5s%% %7s%% %6s%% %6s%%   %-10s %-11s %-10s\n' "$st" "$mb" "$gw" "$cs" "$os" "$ss" \
      "$pg" "$po" "$kf" "$kc" "$gt" "$others" "$c1/$c2/$c3" "$o1/$o2/$o3" "$s1/$s2/$s3"
  done < <(awk 'NR == FNR { if (FNR > 1) ran[$1] = 1; next } ($1 in ran)' FS=, "$OUT/steps/steps.csv" FS=' ' "$OUT/resources-by-step.txt")
  echo
  grep -E '^sustained|^stopped' "$OUT/steps/summary.txt"
  sed -n '/^failed requests:/,$p' "$OUT/steps/summary.txt"
  echo "Gatling's assertions over the whole run (warm-up and the plateaus past the knee included):"
  grep -E '^Global: ' "$OUT/gatling.log" | sed 's/^/  /'
  echo
  echo "Peak resident memory (kernel high-water mark VmHWM of the process; highest 2-s sample in brackets):"
  echo "  gateway ${HWM[gateway]} MB ($(peak_sample 12) MB), case-service ${HWM[case-service]} MB ($(peak_sample 13) MB),"
  echo "  outreach-service ${HWM[outreach-service]} MB ($(peak_sample 14) MB), stats-service ${HWM[stats-service]} MB ($(peak_sample 15) MB); Gatling $(peak_sample 16) MB"
  echo "CPU over the whole run (average, % of one core): gateway $(mean_col 3) %, case-service $(mean_col 4) %, outreach-service $(mean_col 5) %,"
  echo "  stats-service $(mean_col 6) %, PostgreSQL $(mean_col 7) % (these services' backends $(mean_col 8) %), Kafka $(mean_col 9) %, Keycloak $(mean_col 10) %,"
  echo "  Gatling $(mean_col 11) %; machine $(mean_col 2) % busy"
  echo
  # where it saturates: the first plateau over the threshold above the highest sustained one (a lone bad
  # plateau below it is a disturbance), else the last plateau run
  best=$(awk -F, 'NR > 1 && $1 != "warmup" && $14 == "true" {b = $1} END {print b + 0}' "$OUT/steps/steps.csv")
  knee=$(awk -F, -v b="$best" 'NR > 1 && $1 != "warmup" && $1 > b && $14 == "false" {print $1; exit}' "$OUT/steps/steps.csv")
  [ -z "$knee" ] && knee=$(awk -F, 'NR > 1 && $1 != "warmup" {k = $1} END {print k}' "$OUT/steps/steps.csv")
  rps=$(awk -F, -v k="$knee" '$1 == k {print $5}' "$OUT/steps/steps.csv")
  awk -v k="$knee" '$1 == k' "$OUT/resources-by-step.txt" | while read -r st mb gw cs os ss pg po kf kc gt c1 c2 c3 o1 o2 o3 s1 s2 s3; do
    others=$(( mb * CORES - gw - cs - os - ss - pg - kf - kc - gt )); [ "$others" -lt 0 ] && others=0
    echo "Where it saturates: step $st ($rps requests/s), the first plateau over the threshold above the highest sustained one:"
    top=$(printf '%s gateway\n%s case-service\n%s outreach-service\n%s stats-service\n%s PostgreSQL\n%s Kafka\n%s Keycloak\n%s Gatling\n%s others\n' \
      "$gw" "$cs" "$os" "$ss" "$pg" "$kf" "$kc" "$gt" "$others" | sort -rn | head -5 | awk '{printf "%s%s %s %%", (NR > 1 ? ", " : ""), $2, $1}')
    echo "  the machine's CPU was ${mb} % busy; the largest users (% of one core): $top"
    if [ "$mb" -ge 90 ]; then
      echo "  -> CPU-bound: the $CORES cores are saturated (the load generator and other sessions included): latency grows in run queues."
    elif [ "$mb" -ge 75 ]; then
      echo "  -> close to CPU saturation (an average over 2-s samples: bursts take both cores): requests wait in run queues."
    else
      echo "  -> the cores were not saturated: the wait is elsewhere (pools, locks, I/O): see the connections below."
    fi
    echo "  CPU per request through the gateway at that step (ms of one core): $(awk -v r="$rps" -v g="$gw" -v c="$cs" -v o="$os" -v s="$ss" -v p="$po" -v t="$gt" \
      -v a="$pg" 'BEGIN { f = 10 / r; printf "gateway %.2f, case-service %.2f, outreach-service %.2f, stats-service %.2f, PostgreSQL %.2f (these services\047 backends %.2f), Gatling %.2f", g * f, c * f, o * f, s * f, a * f, p * f, t * f }')"
    echo "  case-service's PostgreSQL connections at their highest: $c1 open, $c2 active or in a transaction (pool 20), $c3 waiting on a lock"
    if [ "$c2" -ge 18 ]; then echo "  -> case-service's pool is (nearly) all in use at times: requests queue for a connection."; fi
    if [ "$c3" -gt 0 ]; then echo "  -> some of its transactions wait on locks: see the lock waits below."; fi
    echo "  outreach-service: $o1 open, $o2 busy, $o3 on a lock; stats-service: $s1 open, $s2 busy, $s3 on a lock"
    echo "  p50 / p99 of each request at that step (which path slows down first), ms:"
    awk -F, -v k="$st" '$1 == k {printf "    %-22s %5d / %5d\n", $3, $7, $9}' "$OUT/steps/steps-by-request.csv"
  done
  if [ -s "$OUT/locks.txt" ]; then
    echo "  Lock waits seen over the whole run (2-s samples of pg_stat_activity, any client of these databases;"
    echo "  database | wait event | statement), most frequent first:"
    cut -d'|' -f2- "$OUT/locks.txt" | sort | uniq -c | sort -rn | head -5 | sed 's/^/   /'
  fi
  echo
  echo "Gatling's HTML report: ${REPORT}index.html"
  echo "Files: summary.txt, steps/steps.csv, steps/steps-by-request.csv, samples.txt, resources-by-step.txt, locks.txt, top.txt,"
  echo "  gatling.log, logs/ (the services' logs, gzipped)"
} > "$OUT/summary.txt"
echo
cat "$OUT/summary.txt"
