#!/usr/bin/env bash
# Builds and starts the whole platform locally, without Docker: a Kafka broker from Maven
# artifacts (unless KAFKA_BOOTSTRAP_SERVERS names one), the local PostgreSQL, and the eight
# services as separate processes. Logs go to logs/, process ids to .run/pids/.
# Options: --no-build (use the jars already built). Stop with scripts/stop-platform.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

VERSION=0.1.0-SNAPSHOT
PIDS=.run/pids
mkdir -p "$PIDS" logs
TIMEOUT="${READY_TIMEOUT:-240}"
JAVA_OPTS="${JAVA_OPTS:--Xms64m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"

for pidfile in "$PIDS"/*.pid; do
  [ -e "$pidfile" ] || continue
  if kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "The platform is already running ($(basename "$pidfile" .pid) has pid $(cat "$pidfile")). Run scripts/stop-platform.sh first." >&2
    exit 1
  fi
  rm -f "$pidfile"
done

case "${DB_HOST:-127.0.0.1}" in
  127.0.0.1|localhost|::1) scripts/ensure-postgres.sh ;;
esac

if [ "$build" = 1 ]; then
  echo "Building (./mvnw -DskipTests package) ..."
  ./mvnw -B -q -DskipTests package
fi

wait_port() { # host port seconds
  for _ in $(seq 1 $(( $3 * 5 ))); do
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}

if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  KAFKA_PORT="${KAFKA_PORT:-9092}"
  echo "Starting Kafka broker on 127.0.0.1:$KAFKA_PORT (data in .run/kafka-data) ..."
  nohup "$JAVA_HOME/bin/java" -Xmx512m -jar "local-kafka/target/local-kafka-$VERSION.jar" \
    --data-dir .run/kafka-data --port "$KAFKA_PORT" --controller-port "${KAFKA_CONTROLLER_PORT:-9093}" \
    > logs/kafka.log 2>&1 &
  echo $! > "$PIDS/kafka.pid"
  if ! wait_port 127.0.0.1 "$KAFKA_PORT" 90; then
    echo "Kafka did not start; see logs/kafka.log" >&2; tail -n 20 logs/kafka.log >&2; exit 1
  fi
  export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT"
fi

declare -A PORTS=(
  [application-service]=8081 [birth-cert-service]=8082 [vaccination-service]=8083 [hukou-service]=8084
  [insurance-service]=8085 [sscard-service]=8086 [notification-service]=8087 [gateway-service]=8080
)
SERVICES=(application-service birth-cert-service vaccination-service hukou-service insurance-service
          sscard-service notification-service gateway-service)

for service in "${SERVICES[@]}"; do
  port="${PORTS[$service]}"
  echo "Starting $service on port $port ..."
  # shellcheck disable=SC2086
  SERVER_PORT="$port" nohup "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$service/target/$service-$VERSION.jar" \
    > "logs/$service.log" 2>&1 &
  echo $! > "$PIDS/$service.pid"
done

deadline=$(( $(date +%s) + TIMEOUT ))
for service in "${SERVICES[@]}"; do
  port="${PORTS[$service]}"
  until curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; do
    if ! kill -0 "$(cat "$PIDS/$service.pid")" 2>/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
      echo "$service is not up; the end of logs/$service.log:" >&2
      tail -n 30 "logs/$service.log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "  $service is ready"
done

cat <<TXT

The platform is up. Gateway: http://127.0.0.1:8080

Submit the sample application (a Guizhou family asking for all seven items):

  curl -sS -X POST http://127.0.0.1:8080/api/v1/applications -H 'Content-Type: application/json' \\
       --data @platform-test/src/main/resources/fixtures/application.json

then follow it with the id from the answer:

  curl -sS http://127.0.0.1:8080/api/v1/applications/<id>
  curl -sS 'http://127.0.0.1:8080/api/v1/notifications?applicationId=<id>'

Logs are in logs/. Stop everything with scripts/stop-platform.sh
TXT
