#!/usr/bin/env bash
# The run command: starts PostgreSQL, Kafka, Keycloak and SMTP (what is not already running), builds
# and starts the four services, prints where they are. Ctrl-C (or deploy/local/stop.sh) stops
# everything it started.
#   deploy/local/run.sh [--no-build]
set -uo pipefail
source "$(dirname "$0")/env.sh"

SERVICES=(case-service outreach-service stats-service gateway)
declare -A PORTS=([gateway]=$ANAISS_GATEWAY_PORT [case-service]=$ANAISS_CASE_PORT
                  [outreach-service]=$ANAISS_OUTREACH_PORT [stats-service]=$ANAISS_STATS_PORT)

before=()
for part in postgres kafka keycloak smtp; do running "$part" && before+=("$part"); done
started=()
stop_all() {
  trap - EXIT INT TERM
  for s in "${SERVICES[@]}"; do stop_bg "$s"; done
  [ ${#started[@]} -gt 0 ] && "$ANAISS_ROOT/deploy/local/infra.sh" down "${started[@]}"
  exit 0
}
trap stop_all EXIT INT TERM

check_prerequisites || exit 1
t0=$(date +%s)
"$ANAISS_ROOT/deploy/local/infra.sh" up || die "infrastructure did not start"
for part in postgres kafka keycloak smtp; do
  if running "$part" && [[ ! " ${before[*]} " =~ " $part " ]]; then started+=("$part"); fi
done

if [ "${1:-}" != "--no-build" ]; then
  log "building the services (./mvnw package, tests skipped: deploy/local/test.sh runs them)"
  (cd "$ANAISS_ROOT" && ./mvnw -B -q package -DskipTests) || die "build failed"
fi

# Keycloak lists the default gateway address only; another port must be allowed as a redirect of the web client
if [ "$ANAISS_GATEWAY_PORT" != 8080 ]; then
  java "$ANAISS_ROOT/deploy/local/tools/KeycloakRedirect.java" "$ANAISS_KEYCLOAK_URL" "http://localhost:$ANAISS_GATEWAY_PORT" \
    || die "cannot register the gateway's address at Keycloak"
fi

# Demo statistics (DEMO ONLY; ANAISS_DEMO_SEED=false to skip): released months in case-service's database with
# one region released and one masked by the staff rule. case-service's first automatic release waits until
# the seed is in; this script then releases at once.
ANAISS_DEMO_SEED="${ANAISS_DEMO_SEED:-true}"
[ "$ANAISS_DEMO_SEED" = true ] && export ANAISS_CASES_STATS_INITIAL_DELAY="${ANAISS_CASES_STATS_INITIAL_DELAY:-15m}"

export ANAISS_CASE_URL="http://localhost:$ANAISS_CASE_PORT"
export ANAISS_OUTREACH_URL="http://localhost:$ANAISS_OUTREACH_PORT"
export ANAISS_STATS_URL="http://localhost:$ANAISS_STATS_PORT"
for s in "${SERVICES[@]}"; do
  port_open 127.0.0.1 "${PORTS[$s]}" && die "port ${PORTS[$s]} ($s) is already taken"
  log "starting $s on port ${PORTS[$s]}"
  start_bg "$s" java -Xms64m -Xmx384m -jar "$ANAISS_ROOT/$s/target/quarkus-app/quarkus-run.jar"
done
for s in "${SERVICES[@]}"; do
  wait_until 180 "$s" http_ok "http://localhost:${PORTS[$s]}/q/health/ready" \
    || { tail -20 "$ANAISS_STATE/logs/$s.log" >&2; die "$s did not become ready"; }
done

if [ "$ANAISS_DEMO_SEED" = true ]; then
  log "seeding demo statistics (deploy/local/tools/DemoSeed.java), then releasing the released periods"
  java -cp "$ANAISS_CACHE/jdbc/postgresql-$PG_JDBC_VERSION.jar" "$ANAISS_ROOT/deploy/local/tools/DemoSeed.java" \
    "jdbc:postgresql://$ANAISS_PG_HOST:$ANAISS_PG_PORT/cases" "$ANAISS_PG_SUPERUSER" >&2 || log "demo seed failed (see above)"
  token=$(curl -s -d grant_type=password -d client_id=anaiss-test -d username=karim -d password=demo \
    "$ANAISS_KEYCLOAK_URL/realms/anaiss/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  curl -fs -X POST -H "Authorization: Bearer $token" "http://localhost:$ANAISS_CASE_PORT/api/cases/admin/stats/export" >&2 \
    && echo >&2 || log "releasing the statistics failed; case-service retries on its own schedule"
fi

cat <<MSG

ANAISS is running ($(($(date +%s) - t0)) s to ready). Logs: $ANAISS_STATE/logs/

  Staff web application  http://localhost:$ANAISS_GATEWAY_PORT/app/   (sign in with a demo account below; French, English in the header)
  Gateway (the only public entry point)  http://localhost:$ANAISS_GATEWAY_PORT/api/...   API documentation /api/docs/
  case-service      http://localhost:$ANAISS_CASE_PORT/q/swagger-ui   health /q/health, metrics /q/metrics
  outreach-service  http://localhost:$ANAISS_OUTREACH_PORT/q/swagger-ui
  stats-service     http://localhost:$ANAISS_STATS_PORT/q/swagger-ui
  Keycloak          $ANAISS_KEYCLOAK_URL/admin  (admin / admin-local-only)
  Mail received     http://127.0.0.1:$ANAISS_MAIL_API_PORT/api/user (GreenMail: nothing leaves this machine)

Demo accounts (realm anaiss, password "demo", DEMO ONLY; the web application is for social workers and team leads):
  RHONE_ALPES: alice, bruno, lucas (social workers), chloe (team lead) RA-LYON; david, maelle, nathan (lead)
               RA-GRENOBLE; olivia, quentin, paul (lead) RA-SAINT-ETIENNE
  BRETAGNE:    emma (social worker), fanny (team lead) BR-RENNES
  gilles (outreach officer, RHONE_ALPES)   helene (outreach officer, BRETAGNE)
  ines (statistician)   jules (dpo)   karim (admin)
  partner systems (client credentials): partner-cpam-rhone / demo-partner-secret-cpam,
                                        partner-chu-rennes / demo-partner-secret-chu
A token for a demo user (test client, password grant):
  curl -s -d grant_type=password -d client_id=anaiss-test -d username=alice -d password=demo \\
       $ANAISS_KEYCLOAK_URL/realms/anaiss/protocol/openid-connect/token
Statistics (as ines): released months by region, RHONE_ALPES published, BRETAGNE masked (unit-too-small):
  curl -s -H "Authorization: Bearer \$TOKEN" \\
       "http://localhost:$ANAISS_GATEWAY_PORT/api/stats/tables/cases_opened?granularity=MONTH&groupBy=region"

Ctrl-C stops everything this command started.
MSG

while true; do
  for s in "${SERVICES[@]}"; do
    running "$s" || { log "$s stopped (see $ANAISS_STATE/logs/$s.log)"; stop_all; }
  done
  sleep 5
done
