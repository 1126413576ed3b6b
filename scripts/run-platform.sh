#!/usr/bin/env bash
# Builds and starts the whole platform locally, without Docker: the local PostgreSQL, a Kafka
# broker from Maven artifacts (local-kafka; unless KAFKA_BOOTSTRAP_SERVERS names one), the external
# systems' simulator (WireMock: card-making banks, tax payment channel) and the eight services as
# separate background processes. Logs go to logs/, process ids to .run/pids/.
# Waits until every service is ready, then prints the gateway URL and a sample request. Parts that
# already run are left as they are and the rest is started (a crashed service, say); then nothing is built.
#
# Usage: scripts/run-platform.sh [--no-build] [--timeout SECONDS]
#   --no-build           use the jars already built (default: ./mvnw -B -q -DskipTests package)
#   --timeout SECONDS    how long to wait for readiness (default $READY_TIMEOUT or 240)
# Environment: JAVA_OPTS (service JVM options), KAFKA_JAVA_OPTS (broker JVM options), SIMULATOR_JAVA_OPTS
#   (the simulator's JVM options),
#   KAFKA_BOOTSTRAP_SERVERS (use this Kafka instead of starting one), LOCAL_KAFKA_PORT (9092),
#   LOCAL_KAFKA_CONTROLLER_PORT (9093), DB_HOST/DB_PORT, DB_SSL_MODE (disable on the loopback), DB_POOL_SIZE, KAFKA_PARTITIONS,
#   DB_USER/DB_PASSWORD (unset: scripts/setup-database.sh gives each service a role of its own, as
#   DB_ADMIN_USER/DB_ADMIN_PASSWORD, and each service connects as it; set: every service connects as that user),
#   DEMO_FAMILIES (20: the generated data set the departments load, .run/reference-data, kept while
#   families, DEMO_SEED (1), day and generator stay the same; REFERENCE_DATA_DIR: use another),
#   INSTANCES (1: how many instances of every service, the gateway's included; the second of a service is
#   <service>-2 on its port + 100, e.g. application-service-2 on 8181 and gateway-service-2 on 8180; the gateways
#   take each service's instances in turn; DB_POOL_SIZE defaults to 10 / INSTANCES),
#   CDS_ARCHIVES (true: services run extracted, from class-data archives a training run makes once
#   per build in .run/app; false: from the built jars),
#   BACKEND_NICE (5: the services but the gateway run that much nicer, so that on a shared machine the
#   gateway's answers, refusals included, do not wait behind their work; 0: all alike),
#   SIMULATOR_PORT (8089), SIMULATOR_DELAY_MS (unset: each simulator mapping's own delay before calling back,
#   1.5 s for a tax payment, 0.5 s for a bank card; a number: every callback after that many ms, 0 for benchmarks),
#   SPRING_PROFILES_ACTIVE (dev: local tokens from POST /api/v1/dev/tokens and
#   local secrets in .run/dev-keys; set it and the AUTH_*/secret variables of the README to run otherwise).
# Stop with scripts/stop-platform.sh (--clean also drops the broker's data).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

usage() { sed -n '2,32s/^# \{0,1\}//p' "$0"; }

build=1
TIMEOUT="${READY_TIMEOUT:-240}"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --timeout) [ $# -ge 2 ] || { echo "--timeout needs a number of seconds" >&2; exit 2; }; TIMEOUT="$2"; shift ;;
    --timeout=*) TIMEOUT="${1#--timeout=}" ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
case "$TIMEOUT" in
  ''|*[!0-9]*) echo "the timeout must be a whole number of seconds, not '$TIMEOUT'" >&2; exit 2 ;;
esac
SIMULATOR_OPTS=()
if [ -n "${SIMULATOR_DELAY_MS:-}" ]; then
  case "$SIMULATOR_DELAY_MS" in
    *[!0-9]*) echo "SIMULATOR_DELAY_MS must be a whole number of milliseconds, not '$SIMULATOR_DELAY_MS'" >&2; exit 2 ;;
  esac
  SIMULATOR_OPTS=("-Dsimulator.delay-ms=$SIMULATOR_DELAY_MS")
fi

# shellcheck source=scripts/java-home.sh
. scripts/java-home.sh

VERSION=0.1.0-SNAPSHOT
PIDS=.run/pids
JAVA_OPTS="${JAVA_OPTS:--Xms64m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
# The broker and the simulator on C1 alone, as the services: on a small machine C2's compiling cost
# them more than it bought (docs/performance.md, fifteenth session).
KAFKA_JAVA_OPTS="${KAFKA_JAVA_OPTS:--Xms64m -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
SIMULATOR_JAVA_OPTS="${SIMULATOR_JAVA_OPTS:--Xms32m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
BACKEND_NICE="${BACKEND_NICE:-5}"
case "$BACKEND_NICE" in
  ''|*[!0-9]*|[2-9][0-9]|1[0-9][0-9]*) echo "BACKEND_NICE must be a niceness from 0 to 19, not '$BACKEND_NICE'" >&2; exit 2 ;;
esac
MODULES=(application-service birth-cert-service vaccination-service hukou-service insurance-service
         sscard-service notification-service gateway-service)
declare -A BASE_PORTS=(
  [gateway-service]=8080 [application-service]=8081 [birth-cert-service]=8082 [vaccination-service]=8083
  [hukou-service]=8084 [insurance-service]=8085 [sscard-service]=8086 [notification-service]=8087
)
INSTANCES="${INSTANCES:-1}"
case "$INSTANCES" in
  [1-9]) ;;
  *) echo "INSTANCES must be a number from 1 to 9, not '$INSTANCES'" >&2; exit 2 ;;
esac
# Every instance by name (the gateways last: they route to the others), and its port.
SERVICES=()
declare -A PORTS=()
for module in "${MODULES[@]}"; do
  for n in $(seq 1 "$INSTANCES"); do
    instance="$module"
    [ "$n" -gt 1 ] && instance="$module-$n"
    SERVICES+=("$instance")
    PORTS[$instance]=$(( BASE_PORTS[$module] + 100 * (n - 1) ))
  done
done
# The module (service) an instance runs: application-service-2 runs application-service.
module() { echo "${1%-[0-9]}"; }
SIMULATOR_PORT="${SIMULATOR_PORT:-8089}"
SIMULATOR_JAR=simulator/target/simulator.jar
SIMULATOR_EXTENSIONS=cn.gov.birth.simulator.PartnerSignatureCheck,cn.gov.birth.simulator.SignedCallback,cn.gov.birth.simulator.SmsInbox
# Local runs use the dev profile: tokens from the gateway's POST /api/v1/dev/tokens, signed by a key
# made on first run in .run/dev-keys, where the blind-index key and the partners' secrets are made too
# (the simulator reads the same folder). They survive restarts; delete the folder for new ones.
export SPRING_PROFILES_ACTIVE="${SPRING_PROFILES_ACTIVE:-dev}"
export DEV_KEYS_DIR="${DEV_KEYS_DIR:-$ROOT/.run/dev-keys}"
export SIMULATOR_PORT
jar() { echo "$1/target/$1-$VERSION.jar"; }
# What the command line of a process we started names: its jar.
jarname() {
  case "$1" in
    kafka) echo "local-kafka-$VERSION.jar" ;;
    simulator) echo "simulator.jar" ;;
    *) echo "$(module "$1")-$VERSION.jar" ;;
  esac
}

# The recorded process of $1 if it still runs and is ours (its command line names its jar).
running_pid() {
  local pidfile="$PIDS/$1.pid" pid
  [ -f "$pidfile" ] || return 1
  pid=$(tr -dc '0-9' < "$pidfile")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$(jarname "$1")" || return 1
  echo "$pid"
}

listening() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# What runs already (a crashed service, say, does not) is left as it is: this run starts the rest.
mkdir -p "$PIDS" logs
declare -A RUNNING=()
for name in kafka simulator "${SERVICES[@]}"; do
  if pid=$(running_pid "$name"); then
    RUNNING[$name]=$pid
  else
    rm -f "$PIDS/$name.pid"
  fi
done
[ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ] && RUNNING[kafka]=elsewhere
if [ ${#RUNNING[@]} -eq $(( ${#SERVICES[@]} + 2 )) ]; then
  echo "The platform is already running (every part of it). Stop it with scripts/stop-platform.sh." >&2
  exit 0
fi
if [ ${#RUNNING[@]} -gt 0 ]; then
  for name in "${!RUNNING[@]}"; do
    [ "${RUNNING[$name]}" != elsewhere ] && echo "$name is running (pid ${RUNNING[$name]}): left as it is."
  done
  if [ "$build" = 1 ]; then
    # The running parts run from these jars: a build would change them under them.
    echo "Not building while parts of the platform run: the rest starts from the jars there are."
    build=0
  fi
fi
is_running() { [ -n "${RUNNING[$1]:-}" ]; }

case "${DB_HOST:-127.0.0.1}" in
  127.0.0.1|localhost|::1)
    scripts/ensure-postgres.sh
    # On the loopback there is no wire for TLS to protect, and it cost 13-15% of each service's CPU
    # (AES-GCM in Java: docs/performance.md). A remote database keeps the driver's prefer (or verify-full).
    export DB_SSL_MODE="${DB_SSL_MODE:-disable}" ;;
  *) echo "Using PostgreSQL at ${DB_HOST}:${DB_PORT:-5432} (not local: not checked or started here)." ;;
esac

# Several instances of each service share what one would use (PostgreSQL has 100 connections by default).
if [ "$INSTANCES" -gt 1 ] && [ -z "${DB_POOL_SIZE:-}" ]; then
  export DB_POOL_SIZE=$(( 10 / INSTANCES > 2 ? 10 / INSTANCES : 2 ))
fi
# Seven services keep a pool of DB_POOL_SIZE (10) connections each: warn if PostgreSQL has fewer free
# than those to be started want.
if command -v psql >/dev/null 2>&1; then
  free_slots=$(PGCONNECT_TIMEOUT=5 PGPASSWORD="${DB_PASSWORD:-}" psql -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" \
    -U "${DB_USER:-postgres}" -d postgres -Atc "select current_setting('max_connections')::int
      - current_setting('superuser_reserved_connections')::int - (select count(*) from pg_stat_activity)" \
    2>/dev/null || true)
  with_pool=0
  for service in "${SERVICES[@]}"; do
    [ "$(module "$service")" != gateway-service ] && ! is_running "$service" && with_pool=$(( with_pool + 1 ))
  done
  needed=$(( with_pool * ${DB_POOL_SIZE:-10} ))
  if [[ "$free_slots" =~ ^-?[0-9]+$ ]] && [ "$free_slots" -lt "$needed" ]; then
    echo "warning: PostgreSQL has $free_slots free connections, the services want up to $needed" \
         "($with_pool x DB_POOL_SIZE=${DB_POOL_SIZE:-10}); services may fail with 'too many clients'." >&2
    echo "         Stop other users of the database (e.g. a running test suite) or set DB_POOL_SIZE lower (e.g. 4)." >&2
  fi
fi

# Least privilege: each service connects as its own role, which owns its database and may connect
# to no other (passwords made once in DEV_KEYS_DIR unless DB_PASSWORD_<DATABASE> is set).
# shellcheck source=scripts/lib/service-databases.sh
. scripts/lib/service-databases.sh
declare -A DATABASES=()
if [ -z "${DB_USER:-}" ]; then
  scripts/setup-database.sh
  while read -r module db; do DATABASES[$module]="$db"; done < <(service_databases)
fi

if [ "$build" = 1 ]; then
  echo "Building with ./mvnw -B -q -DskipTests package (skip with --no-build) ..."
  ./mvnw -B -q -DskipTests package
fi

start_broker=0
[ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ] && ! is_running kafka && start_broker=1
KAFKA_PORT="${LOCAL_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${LOCAL_KAFKA_CONTROLLER_PORT:-9093}"

missing=()
GENERATOR=data-generator/target/data-generator-$VERSION-exec.jar
[ -f "$GENERATOR" ] || missing+=("$GENERATOR")
is_running simulator || [ -f "$SIMULATOR_JAR" ] || missing+=("$SIMULATOR_JAR")
[ "$start_broker" = 1 ] && [ ! -f "$(jar local-kafka)" ] && missing+=("$(jar local-kafka)")
STARTING=()
for service in "${SERVICES[@]}"; do
  is_running "$service" || STARTING+=("$service")
done
for service in "${STARTING[@]}"; do
  [ -f "$(jar "$(module "$service")")" ] || missing+=("$(jar "$(module "$service")")")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Missing jars (build them: ./mvnw -B -DskipTests package, or run without --no-build):" >&2
  printf '  %s\n' "${missing[@]}" >&2
  exit 1
fi

busy=()
if [ "$start_broker" = 1 ]; then
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do listening 127.0.0.1 "$port" && busy+=("$port (kafka)"); done
fi
is_running simulator || ! listening 127.0.0.1 "$SIMULATOR_PORT" || busy+=("$SIMULATOR_PORT (simulator)")
for service in "${STARTING[@]}"; do
  listening 127.0.0.1 "${PORTS[$service]}" && busy+=("${PORTS[$service]} ($service)")
done
if [ ${#busy[@]} -gt 0 ]; then
  echo "These ports are already in use on 127.0.0.1; stop what listens there first:" >&2
  printf '  %s\n' "${busy[@]}" >&2
  exit 1
fi

# Whatever ends this script before everything is ready (an error, a timeout, Ctrl-C, a closed
# terminal or pipe) stops what it started (and only that), so that the next run starts clean.
started=0
STARTED=()
on_exit() {
  local status=$?
  set +e
  trap '' PIPE HUP INT TERM
  if [ "$status" -ne 0 ] && [ "$started" = 1 ]; then
    echo "Stopping what was started (logs stay in logs/) ..." >&2
    for pidfile in "$PIDS"/*-training.pid; do
      [ -f "$pidfile" ] && kill -TERM "$(cat "$pidfile")" 2>/dev/null
      rm -f "$pidfile"
    done
    [ ${#STARTED[@]} -gt 0 ] && scripts/stop-platform.sh "${STARTED[@]}" >&2
  fi
}
trap on_exit EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 141' PIPE
trap 'exit 143' TERM

# The broker and the simulator start side by side (neither needs the other); then both are awaited.
if [ "$start_broker" = 1 ]; then
  echo "Starting Kafka on 127.0.0.1:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT, data in .run/kafka-data) ..."
  started=1
  STARTED+=(kafka)
  # shellcheck disable=SC2086
  nohup "$JAVA_HOME/bin/java" $KAFKA_JAVA_OPTS -jar "$(jar local-kafka)" --data-dir .run/kafka-data \
    --port "$KAFKA_PORT" --controller-port "$KAFKA_CONTROLLER_PORT" > logs/kafka.log 2>&1 < /dev/null &
  echo $! > "$PIDS/kafka.pid"
fi

if ! is_running simulator; then
  echo "Starting the external systems' simulator (WireMock: banks, tax channel) on 127.0.0.1:$SIMULATOR_PORT ..."
  if [ -n "${SIMULATOR_DELAY_MS:-}" ]; then
    echo "  every partner callback after ${SIMULATOR_DELAY_MS} ms (SIMULATOR_DELAY_MS), not the mappings' delays"
  fi
  started=1
  STARTED+=(simulator)
  nohup "$JAVA_HOME/bin/java" $SIMULATOR_JAVA_OPTS "${SIMULATOR_OPTS[@]+"${SIMULATOR_OPTS[@]}"}" -jar "$SIMULATOR_JAR" --extensions "$SIMULATOR_EXTENSIONS" \
    --port "$SIMULATOR_PORT" --bind-address 127.0.0.1 --root-dir simulator --disable-banner --no-request-journal \
    > logs/simulator.log 2>&1 < /dev/null &
  echo $! > "$PIDS/simulator.pid"
fi

if [ "$start_broker" = 1 ]; then
  kafka_deadline=$(( $(date +%s) + 120 ))
  until listening 127.0.0.1 "$KAFKA_PORT"; do
    if ! kill -0 "$(cat "$PIDS/kafka.pid")" 2>/dev/null || [ "$(date +%s)" -gt "$kafka_deadline" ]; then
      echo "Kafka did not start; the end of logs/kafka.log:" >&2
      tail -n 30 logs/kafka.log >&2
      exit 1
    fi
    sleep 0.3
  done
  export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT"
  echo "  Kafka is ready on $KAFKA_BOOTSTRAP_SERVERS"
elif [ "${RUNNING[kafka]:-}" != "" ] && [ "${RUNNING[kafka]}" != elsewhere ]; then
  export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT"
else
  echo "Using the Kafka at KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BOOTSTRAP_SERVERS (no local broker started)."
  export KAFKA_BOOTSTRAP_SERVERS
fi


simulator_deadline=$(( $(date +%s) + 60 ))
until listening 127.0.0.1 "$SIMULATOR_PORT"; do
  if is_running simulator || ! kill -0 "$(cat "$PIDS/simulator.pid")" 2>/dev/null || [ "$(date +%s)" -gt "$simulator_deadline" ]; then
    echo "The simulator did not start; the end of logs/simulator.log:" >&2
    tail -n 30 logs/simulator.log >&2
    exit 1
  fi
  sleep 0.3
done
SIMULATOR_URL="http://127.0.0.1:$SIMULATOR_PORT"
export TAX_CHANNEL_URL="${TAX_CHANNEL_URL:-$SIMULATOR_URL}"
export SMS_PROVIDER_URL="${SMS_PROVIDER_URL:-$SIMULATOR_URL}"
# Partners call back through the gateway when there are several instances: the one that sent a request may
# be gone by then, and any other takes the callback (one instance: each calls back to itself).
if [ "$INSTANCES" -gt 1 ]; then
  export TAX_CHANNEL_CALLBACK_URL="${TAX_CHANNEL_CALLBACK_URL:-http://127.0.0.1:${PORTS[gateway-service]}/api/v1/payment-callbacks}"
  export CARD_CALLBACK_URL="${CARD_CALLBACK_URL:-http://127.0.0.1:${PORTS[gateway-service]}/api/v1/card-callbacks}"
fi
# The gateways' view of each service: every instance of it (APPLICATION_SERVICE_URL, ...; set: used as it is).
for module in "${MODULES[@]}"; do
  [ "$module" = gateway-service ] && continue
  variable="$(echo "${module%-service}" | tr 'a-z-' 'A-Z_')_SERVICE_URL"
  urls=""
  for instance in "${SERVICES[@]}"; do
    [ "$(module "$instance")" = "$module" ] && urls+="${urls:+,}http://127.0.0.1:${PORTS[$instance]}"
  done
  export "$variable=${!variable:-$urls}"
done

# What the generator's data set depends on besides its options: its classes and the code tables'
# (birth-contracts), by content (their CRCs; the jars' timestamps change with every build).
generator_fingerprint() {
  local contracts
  contracts=$(mktemp)
  unzip -p "$GENERATOR" "BOOT-INF/lib/birth-contracts-$VERSION.jar" > "$contracts"
  { unzip -v "$GENERATOR" 'BOOT-INF/classes/*'; unzip -v "$contracts"; } | awk '$7 ~ /^[0-9a-f]{8}$/ { print $7, $8 }' \
    | LC_ALL=C sort | sha256sum | cut -c1-16
  rm -f "$contracts"
}

if [ -z "${REFERENCE_DATA_DIR:-}" ]; then
  # The departments' reference data (hospitals, delivery records, ...) and forms of the same families;
  # the banks' card-making interfaces are the simulator's. Made anew only when what it was made for
  # (.generated) changed: the same families, seed, day (China's), simulator, template and generator give
  # the same files, and the services skip a file they have imported, so a restart the same day is quick.
  REFERENCE_DATA_DIR="$ROOT/.run/reference-data"
  DATA_DAY=$(TZ=Asia/Shanghai date +%F)
  made_for="families=${DEMO_FAMILIES:-20} seed=${DEMO_SEED:-1} day=$DATA_DAY simulator=$SIMULATOR_URL"
  made_for+=" template=$(sha256sum < scripts/sample-application.json | cut -c1-16) generator=$(generator_fingerprint)"
  if [ "$(cat "$REFERENCE_DATA_DIR/.generated" 2>/dev/null)" = "$made_for" ]; then
    echo "Reusing the data set in $REFERENCE_DATA_DIR (${DEMO_FAMILIES:-20} families of $DATA_DAY; delete it to make it anew)."
  else
    echo "Generating the data set of ${DEMO_FAMILIES:-20} families in $REFERENCE_DATA_DIR ..."
    rm -rf "$REFERENCE_DATA_DIR"
    "$JAVA_HOME/bin/java" -jar "$GENERATOR" --families "${DEMO_FAMILIES:-20}" --seed "${DEMO_SEED:-1}" \
      --day "$DATA_DAY" --out "$REFERENCE_DATA_DIR" --simulator-url "$SIMULATOR_URL"
    echo "$made_for" > "$REFERENCE_DATA_DIR/.generated"
  fi
fi
export REFERENCE_DATA_DIR

# Quick starts: each service runs from its jar extracted into .run/app/<service>/ (plain jars, which
# the JVM's class-data sharing can map, unlike the classes nested in a Spring Boot jar) with a
# class-data archive, .run/app/<service>.jsa: the classes it loads, parsed and verified once. A
# training run makes the archive when there is none for this jar, JDK and JAVA_OPTS: the service
# starts as usual up to its refreshed context (migrations and the start-up imports included, so
# the run after it finds them done) and exits (Spring's spring.context.exit=onRefresh), and the
# JVM writes the classes it loaded. Written to a temporary file and renamed, an archive is whole or
# absent. CDS_ARCHIVES=false runs the services from their jars as built, with neither.
APPS=.run/app
# A jar by its entries' contents (CRCs; builds are reproducible, project.build.outputTimestamp), so a
# build that changed nothing keeps the archive.
jar_fingerprint() {
  unzip -v "$1" | awk '$7 ~ /^[0-9a-f]{8}$/ { print $7, $8 }' | sha256sum | cut -c1-16
}
run_service() { # instance extra-java-options...: runs it in this (sub)shell with its own role's credentials
  local instance="$1" service
  service=$(module "$1")
  shift
  # Its own role's credentials in its environment only (not on a command line, where ps shows them).
  if [ -n "${DATABASES[$service]:-}" ]; then
    DB_USER="${DATABASES[$service]}"
    DB_PASSWORD="$(database_password "$DB_USER")"
    export DB_USER DB_PASSWORD
  fi
  local app
  app=$(jar "$service")
  [ "${CDS_ARCHIVES:-true}" = true ] && app="$APPS/$service/$(basename "$app")"
  # On a shared machine the gateway is scheduled first (the services behind it run BACKEND_NICE lower):
  # its work per request is short, and a family turned away while the machine is full should hear so
  # at once, not after the services' work queued before it.
  local priority=()
  if [ "$service" != gateway-service ] && [ "$BACKEND_NICE" != 0 ]; then
    priority=(nice -n "$BACKEND_NICE")
  fi
  # shellcheck disable=SC2086
  # Its Kafka clients named after it: a consumer group's members say which instance they are.
  SERVER_PORT="${PORTS[$instance]}" SPRING_KAFKA_CLIENT_ID="$instance" \
    exec nohup "${priority[@]+"${priority[@]}"}" "$JAVA_HOME/bin/java" $JAVA_OPTS "$@" -jar "$app"
}

if [ "${CDS_ARCHIVES:-true}" = true ]; then
  mkdir -p "$APPS"
  training=()
  # One archive per service, whatever its instances.
  for service in $(for instance in "${STARTING[@]}"; do module "$instance"; done | sort -u); do
    made_from="$(jar_fingerprint "$(jar "$service")") $JAVA_HOME $JAVA_OPTS"
    if [ "$(cat "$APPS/$service.from" 2>/dev/null)" != "$made_from" ]; then
      rm -rf "${APPS:?}/$service" "$APPS/$service.jsa" "$APPS/$service.from"
      "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$(jar "$service")" extract --destination "$APPS/$service" > /dev/null
      echo "$made_from" > "$APPS/$service.from"
    fi
    [ -s "$APPS/$service.jsa" ] || training+=("$service")
  done
  if [ ${#training[@]} -gt 0 ]; then
    echo "Training run (once per build: class-data archives in $APPS, logs/<service>-training.log): ${training[*]} ..."
    started=1
    for service in "${training[@]}"; do
      rm -f "$APPS/$service.jsa.tmp"
      ( run_service "$service" -XX:ArchiveClassesAtExit="$APPS/$service.jsa.tmp" -Dspring.context.exit=onRefresh \
          > "logs/$service-training.log" 2>&1 < /dev/null ) &
      echo $! > "$PIDS/$service-training.pid"
    done
    for service in "${training[@]}"; do
      if wait "$(cat "$PIDS/$service-training.pid")" && [ -s "$APPS/$service.jsa.tmp" ]; then
        mv "$APPS/$service.jsa.tmp" "$APPS/$service.jsa"
      else
        echo "  $service's training run failed (it starts without an archive); the end of logs/$service-training.log:" >&2
        grep -v '\[cds' "logs/$service-training.log" | tail -n 20 >&2
        rm -f "$APPS/$service.jsa.tmp"
      fi
      rm -f "$PIDS/$service-training.pid"
    done
  fi
fi

for service in "${STARTING[@]}"; do
  echo "Starting $service on port ${PORTS[$service]} (log: logs/$service.log) ..."
  started=1
  STARTED+=("$service")
  cds=()
  archive="$APPS/$(module "$service").jsa"
  [ -s "$archive" ] && [ "${CDS_ARCHIVES:-true}" = true ] && cds=(-XX:SharedArchiveFile="$archive")
  ( run_service "$service" "${cds[@]+"${cds[@]}"}" > "logs/$service.log" 2>&1 < /dev/null ) &
  echo $! > "$PIDS/$service.pid"
done

echo "Waiting up to ${TIMEOUT}s for every service to be ready ..."
deadline=$(( $(date +%s) + TIMEOUT ))
pending=("${SERVICES[@]}")
while [ ${#pending[@]} -gt 0 ]; do
  still=()
  for service in "${pending[@]}"; do
    port="${PORTS[$service]}"
    if curl -fsS --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
      echo "  $service is ready on http://127.0.0.1:$port"
    elif ! kill -0 "$(cat "$PIDS/$service.pid")" 2>/dev/null; then
      echo "$service exited before it was ready; the end of logs/$service.log:" >&2
      tail -n 40 "logs/$service.log" >&2
      exit 1
    else
      still+=("$service")
    fi
  done
  pending=("${still[@]+"${still[@]}"}")
  [ ${#pending[@]} -eq 0 ] && break
  if [ "$(date +%s)" -ge "$deadline" ]; then
    for service in "${pending[@]}"; do
      echo "$service is not ready after ${TIMEOUT}s; the end of logs/$service.log:" >&2
      tail -n 30 "logs/$service.log" >&2
      echo >&2
    done
    echo "Not up: ${pending[*]}. (More time: --timeout SECONDS or READY_TIMEOUT.)" >&2
    exit 1
  fi
  sleep 1
done
started=0

GATEWAYS=""
[ "$INSTANCES" -gt 1 ] && GATEWAYS=" and $((INSTANCES - 1)) more on ports 8180 and up (INSTANCES=$INSTANCES)"
SAMPLE="$REFERENCE_DATA_DIR/applications/family-00001.json"
MOTHER_ID=$(tr -d '\n' < "$SAMPLE" | grep -o '"mother" *: *{[^}]*' | grep -o '"idNumber" *: *"[0-9X]*"' | grep -o '[0-9X]\{18\}')
cat <<TXT

The platform is up. Gateway: http://127.0.0.1:8080 (the services listen on 127.0.0.1 only)$GATEWAYS

Sign in as the sample family's mother (a dev token; see README "Access control"), from $ROOT:

  TOKEN=\$(scripts/dev-token.sh --role CITIZEN --id-number $MOTHER_ID)

submit the sample application (a Guizhou family asking for all seven items):

  curl -sS -X POST http://127.0.0.1:8080/api/v1/applications -H "Authorization: Bearer \$TOKEN" \\
       -H 'Content-Type: application/json' --data @$SAMPLE

then follow it with the id from the answer:

  curl -sS -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:8080/api/v1/applications/<id>
  curl -sS -H "Authorization: Bearer \$TOKEN" 'http://127.0.0.1:8080/api/v1/notifications?applicationId=<id>'

(Posting the same sample again while the first is still open answers 409: that newborn already has an open application.
Other families of the generated data set, whose births the departments know: $REFERENCE_DATA_DIR/applications/)
Logs are in logs/, process ids in .run/pids/. Stop everything with scripts/stop-platform.sh
TXT
