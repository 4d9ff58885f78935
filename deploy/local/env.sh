# shellcheck shell=bash
# Sourced by the deploy/local scripts: paths, ports (all overridable from the environment)
# and small helpers. Nothing here starts anything.

ANAISS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ANAISS_ROOT

# Downloads (broker classpath, Keycloak, PostgreSQL binaries) live outside the clone,
# so a second clone or run on the same machine fetches nothing.
export ANAISS_CACHE="${ANAISS_CACHE:-$HOME/.cache/anaiss}"
# Pid files, logs and data of what these scripts started: git-ignored, per clone.
export ANAISS_STATE="${ANAISS_STATE:-$ANAISS_ROOT/.local}"

export ANAISS_PG_HOST="${ANAISS_PG_HOST:-127.0.0.1}"
export ANAISS_PG_PORT="${ANAISS_PG_PORT:-5432}"
export ANAISS_PG_SUPERUSER="${ANAISS_PG_SUPERUSER:-postgres}"
export ANAISS_KAFKA_PORT="${ANAISS_KAFKA_PORT:-9092}"
export ANAISS_KAFKA_CONTROLLER_PORT="${ANAISS_KAFKA_CONTROLLER_PORT:-9093}"
export ANAISS_KAFKA_BOOTSTRAP="${ANAISS_KAFKA_BOOTSTRAP:-localhost:$ANAISS_KAFKA_PORT}"
# sasl (default): SCRAM principals and ACLs as in production (deploy/local/kafka/acls.txt), each
# service authenticating as its own principal; plaintext: no authentication, no ACLs
export ANAISS_KAFKA_SECURITY="${ANAISS_KAFKA_SECURITY:-sasl}"
# what the services and the tests' own clients speak (their application.properties default to SASL)
if [ "$ANAISS_KAFKA_SECURITY" = sasl ]; then
  export ANAISS_KAFKA_SECURITY_PROTOCOL="${ANAISS_KAFKA_SECURITY_PROTOCOL:-SASL_PLAINTEXT}"
else
  export ANAISS_KAFKA_SECURITY_PROTOCOL="${ANAISS_KAFKA_SECURITY_PROTOCOL:-PLAINTEXT}"
fi
# LOCAL ONLY credentials of the local broker's principals
export ANAISS_KAFKA_ADMIN_PASSWORD="${ANAISS_KAFKA_ADMIN_PASSWORD:-admin-local-only}"
# (each service's password is "<principal>-local-only", see deploy/local/tools/KafkaSetup.java)
export ANAISS_KEYCLOAK_PORT="${ANAISS_KEYCLOAK_PORT:-8180}"
# Always "localhost": the token issuer is the host the token was requested through.
export ANAISS_KEYCLOAK_URL="${ANAISS_KEYCLOAK_URL:-http://localhost:$ANAISS_KEYCLOAK_PORT}"
export ANAISS_OIDC_URL="${ANAISS_OIDC_URL:-$ANAISS_KEYCLOAK_URL/realms/anaiss}"

# A real SMTP server (GreenMail) that keeps every mail it receives: nothing leaves the machine.
export ANAISS_SMTP_HOST="${ANAISS_SMTP_HOST:-127.0.0.1}"
export ANAISS_SMTP_PORT="${ANAISS_SMTP_PORT:-3025}"
export ANAISS_IMAP_PORT="${ANAISS_IMAP_PORT:-3143}"
export ANAISS_MAIL_API_PORT="${ANAISS_MAIL_API_PORT:-8025}"

export ANAISS_GATEWAY_PORT="${ANAISS_GATEWAY_PORT:-8080}"
export ANAISS_CASE_PORT="${ANAISS_CASE_PORT:-8081}"
export ANAISS_OUTREACH_PORT="${ANAISS_OUTREACH_PORT:-8082}"
export ANAISS_STATS_PORT="${ANAISS_STATS_PORT:-8083}"

KAFKA_VERSION=4.1.2
KEYCLOAK_VERSION=26.7.3
PG_BINARIES_VERSION=16.4.0
PG_JDBC_VERSION=42.7.7
GREENMAIL_VERSION=2.1.3

mkdir -p "$ANAISS_CACHE" "$ANAISS_STATE/logs" "$ANAISS_STATE/pids"

log() { printf '[anaiss %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# mvn from the clone's wrapper, quiet, batch mode
mvnw() { "$ANAISS_ROOT/mvnw" -B -q "$@"; }

# fetch_artifact <groupId:artifactId:version[:type]> <dir>: one artifact from Maven Central
# (run outside the project so the reactor is not read)
fetch_artifact() {
  (cd "$ANAISS_CACHE" && mvnw org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="$1" -DoutputDirectory="$2" >&2)
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_until <seconds> <description> <command...>: bounded wait, 1 s steps
wait_until() {
  local limit=$1 what=$2; shift 2
  local i=0
  until "$@"; do
    i=$((i + 1))
    [ "$i" -ge "$limit" ] && { log "gave up waiting for $what after ${limit}s"; return 1; }
    sleep 1
  done
}

http_ok() { curl -fs -o /dev/null --max-time 3 "$1"; }

pidfile() { echo "$ANAISS_STATE/pids/$1.pid"; }

# running <name>: a pid file of ours whose process is alive
running() {
  local f; f=$(pidfile "$1")
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

# start_bg <name> <command...>: start in the background (own process group), log to logs/<name>.log
start_bg() {
  local name=$1; shift
  local logf="$ANAISS_STATE/logs/$name.log"
  setsid "$@" >"$logf" 2>&1 < /dev/null &
  echo $! > "$(pidfile "$name")"
}

# stop_bg <name>: stop only a process these scripts started (pid file), TERM then KILL
stop_bg() {
  local name=$1 f pid
  f=$(pidfile "$name")
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    local i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 30 ]; do sleep 1; i=$((i + 1)); done
    kill -0 "$pid" 2>/dev/null && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"; }
  fi
  rm -f "$f"
}

# Encryption keys for LOCAL RUNS ONLY (public, in the repository); production takes them from a Secret.
export ANAISS_CRYPTO_KEYS="${ANAISS_CRYPTO_KEYS:-dev1:9o0Ff2cOqZ6o3U3tq0v9qk1yGm1J3O6rXv7n5l3hY2E=}"
export ANAISS_CRYPTO_ACTIVE_KEY="${ANAISS_CRYPTO_ACTIVE_KEY:-dev1}"
export ANAISS_NIR_HASH_KEY="${ANAISS_NIR_HASH_KEY:-ZGV2LW9ubHktbmlyLWhhc2gta2V5LW5vdC1hLXNlY3JldC0wMDAx}"
# case-service reads the staff directory from Keycloak with this client secret (the local realm's)
export ANAISS_DIRECTORY_CLIENT_SECRET="${ANAISS_DIRECTORY_CLIENT_SECRET:-directory-local-only}"
# the gateway's web sessions: encrypts the tokens at rest and signs sign-in state and CSRF tokens (32 bytes)
export ANAISS_WEB_SESSION_KEY="${ANAISS_WEB_SESSION_KEY:-ZGV2LW9ubHktd2ViLXNlc3Npb24ta2V5LTMyYnl0ZXM=}"
# the secret the gateway's access log derives its daily pseudonyms of users from (docs/gateway.md; 32 bytes or more)
export ANAISS_GATEWAY_ACCESS_LOG_PSEUDONYM_KEY="${ANAISS_GATEWAY_ACCESS_LOG_PSEUDONYM_KEY:-ZGV2LW9ubHktYWNjZXNzLWxvZy1wc2V1ZG9ueW0ta2V5}"
# stats-service's noise key versions, <id>:<activation>:<epsilon>:<base64>, comma-separated (docs/stats.md)
export ANAISS_STATS_NOISE_KEYS="${ANAISS_STATS_NOISE_KEYS:-dev1:0001-01-01:0.5:ZGV2LW9ubHktc3RhdHMtbm9pc2Uta2V5LW5vdC1hLXNlY3JldC0wMDAx}"

# check_prerequisites [tests]: what the two commands need besides a JDK, checked before anything starts, every
# missing piece named with how to get it (Debian/Ubuntu commands; other systems have the same packages).
# "tests" adds what only the test command needs. A module with a package.json (a front end) adds Node.js/npm,
# and Chromium for its browser tests.
check_prerequisites() {
  local missing=()
  miss() { missing+=("  - $1: $2"); }
  [ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] \
    || miss "a Linux x86-64 machine" "PostgreSQL comes as linux-amd64 binaries (this is $(uname -s) $(uname -m))"
  if ! command -v java >/dev/null || ! command -v javac >/dev/null; then
    miss "a JDK 17 or later (java and javac)" "apt-get install -y openjdk-17-jdk-headless"
  else
    local v; v=$(java -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
    [ "${v%%.*}" -ge 17 ] 2>/dev/null || miss "a JDK 17 or later" "java is $v: apt-get install -y openjdk-17-jdk-headless, or set JAVA_HOME"
  fi
  command -v curl >/dev/null || miss "curl" "apt-get install -y curl (health checks, tokens)"
  command -v unzip >/dev/null || miss "unzip" "apt-get install -y unzip (Keycloak and PostgreSQL come as archives)"
  { command -v tar >/dev/null && command -v xz >/dev/null; } || miss "tar with xz" "apt-get install -y tar xz-utils (the PostgreSQL binaries are .txz)"
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1 && ! port_open "$ANAISS_PG_HOST" "$ANAISS_PG_PORT"; then
    miss "a 'postgres' user (running as root)" "useradd -r postgres (initdb refuses to run as root), or run as another user"
  fi
  if [ "${1:-}" = tests ]; then
    if [ -n "${KUBECTL:-}" ]; then
      [ -x "$KUBECTL" ] || miss "kubectl" "KUBECTL=$KUBECTL is not executable"
    else
      command -v kubectl >/dev/null || miss "kubectl 1.27 or later (Kustomize 5)" \
        "the deploy/k8s checks render the manifests with 'kubectl kustomize': https://kubernetes.io/docs/tasks/tools/ (not a Debian package), or set KUBECTL"
    fi
  fi
  if [ -n "$(find "$ANAISS_ROOT" \( -name node_modules -o -name target -o -name .git -o -name .local \) -prune \
        -o -name package.json -print -quit 2>/dev/null)" ]; then
    { command -v node >/dev/null && command -v npm >/dev/null; } || miss "Node.js 20 and npm" "apt-get install -y nodejs npm (the front end is built by the Maven build)"
    if [ "${1:-}" = tests ]; then
      { command -v chromium >/dev/null && command -v chromedriver >/dev/null; } \
        || miss "Chromium and its driver" "apt-get update && apt-get install -y chromium chromium-driver (browser tests; deploy/local/browser.sh)"
    fi
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "missing before anything can start:"
    printf '%s\n' "${missing[@]}" >&2
    return 1
  fi
}
