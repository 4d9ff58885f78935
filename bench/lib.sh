# shellcheck shell=bash
# Shared by the benchmarks: start packaged services on benchmark ports, get tokens, stop them after.
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/local/env.sh"

BENCH_GATEWAY_PORT=${BENCH_GATEWAY_PORT:-18180}
BENCH_CASE_PORT=${BENCH_CASE_PORT:-18181}
BENCH_OUTREACH_PORT=${BENCH_OUTREACH_PORT:-18182}
BENCH_STATS_PORT=${BENCH_STATS_PORT:-18183}
BENCH_PIDS=()

bench_require() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "this benchmark needs $tool (Debian: apt-get install $tool)"
  done
}

# bench_start <module> <port> [VAR=value ...]: starts a packaged service, waits until ready
bench_start() {
  local module=$1 port=$2; shift 2
  local jar="$ANAISS_ROOT/$module/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || (cd "$ANAISS_ROOT" && ./mvnw -B -q -pl "$module" package -DskipTests) || die "cannot build $module"
  env "$@" ANAISS_KAFKA_GROUP_SUFFIX="-bench-$$" ANAISS_GATEWAY_PORT="$BENCH_GATEWAY_PORT" \
    ANAISS_CASE_PORT="$BENCH_CASE_PORT" ANAISS_OUTREACH_PORT="$BENCH_OUTREACH_PORT" ANAISS_STATS_PORT="$BENCH_STATS_PORT" \
    ANAISS_CASE_URL="http://localhost:$BENCH_CASE_PORT" ANAISS_OUTREACH_URL="http://localhost:$BENCH_OUTREACH_PORT" \
    ANAISS_STATS_URL="http://localhost:$BENCH_STATS_PORT" \
    java -Xms128m -Xmx512m -jar "$jar" > "$ANAISS_STATE/logs/bench-$module.log" 2>&1 &
  BENCH_PIDS+=($!)
  wait_until 120 "$module" http_ok "http://localhost:$port/q/health/ready" || die "$module not ready (see $ANAISS_STATE/logs/bench-$module.log)"
}

bench_stop() {
  # a process already gone must not stop the cleanup half-way (set -e)
  for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${BENCH_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}

# rss_mb <pid>: resident memory of a process
rss_mb() { echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$1/status") / 1024 )); }

token() {
  curl -fs -d grant_type=password -d client_id=anaiss-test -d username="$1" -d password=demo \
    "$ANAISS_KEYCLOAK_URL/realms/anaiss/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

# wrk_summary <wrk output file>: "rps p50 p99"
wrk_summary() {
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}' "$1"
}
