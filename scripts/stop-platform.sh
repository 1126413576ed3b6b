#!/usr/bin/env bash
# Stops what scripts/run-platform.sh started: the services first (SIGTERM, up to 20 s, then
# SIGKILL), then the Kafka broker and the simulator; removes their pid files. Only the process ids recorded in
# .run/pids/ are signalled, and only while they still are the process that was started there.
# Usage: scripts/stop-platform.sh [--clean] [--drop-databases] [NAME...]
#   NAME              stop only these (kafka, simulator, gateway-service, application-service-2, ...); default: everything
#   --clean           also deletes the broker's data, .run/kafka-data
#   --drop-databases  also drops the services' databases (birth_*, at DB_HOST/DB_PORT as DB_USER), so the
#                     next run starts from none: what the benchmark needs to submit the same families again
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
trap "" PIPE  # a closed stdout must not stop the stopping

clean=0
drop=0
only=()
for arg in "$@"; do
  case "$arg" in
    --clean) clean=1 ;;
    --drop-databases) drop=1 ;;
    -h|--help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
    kafka|simulator|*-service|*-service-[0-9]) only+=("$arg") ;;
    *) echo "unknown option: $arg (usage: scripts/stop-platform.sh [--clean] [--drop-databases] [NAME...])" >&2; exit 2 ;;
  esac
done

VERSION=0.1.0-SNAPSHOT
PIDS=.run/pids
GRACE_SECONDS="${STOP_GRACE_SECONDS:-20}"

# Messages must not abort the stopping (stdout may be a closed pipe or terminal).
say() { echo "$@" 2>/dev/null || true; }

stop() { # name
  local name="$1" pidfile="$PIDS/$1.pid" pid jarname
  [ -f "$pidfile" ] || return 0
  pid=$(tr -dc '0-9' < "$pidfile")
  case "$name" in
    kafka) jarname="local-kafka-$VERSION.jar" ;;
    simulator) jarname="simulator.jar" ;;
    *) jarname="${name%-[0-9]}-$VERSION.jar" ;;  # application-service-2 runs application-service's jar
  esac
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$pidfile"
    return 0
  fi
  if ! tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$jarname"; then
    say "pid $pid recorded for $name is now another process; not touching it" >&2
    rm -f "$pidfile"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt $(( GRACE_SECONDS * 5 )) ]; do
    sleep 0.2
    waited=$(( waited + 1 ))
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    say "killed $name (pid $pid; it did not stop within ${GRACE_SECONDS}s)"
  else
    say "stopped $name (pid $pid)"
  fi
  rm -f "$pidfile"
}

wanted() { [ ${#only[@]} -eq 0 ] || [[ " ${only[*]} " == *" $1 "* ]]; }
if [ -d "$PIDS" ]; then
  # Every instance of every service that was started (INSTANCES), all at once.
  for pidfile in "$PIDS"/*-service.pid "$PIDS"/*-service-[0-9].pid; do
    [ -f "$pidfile" ] || continue
    service=$(basename "$pidfile" .pid)
    wanted "$service" && stop "$service" &
  done
  wait
  wanted kafka && stop kafka &
  wanted simulator && stop simulator &
  wait
fi

if [ "$clean" = 1 ] && wanted kafka; then
  rm -rf .run/kafka-data
  say "removed .run/kafka-data"
fi

if [ "$drop" = 1 ]; then
  # shellcheck source=scripts/lib/service-databases.sh
  . scripts/lib/service-databases.sh
  for db in $(service_databases | awk '{ print $2 }'); do
    PGPASSWORD="${DB_PASSWORD:-}" psql -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}" \
      -d postgres -qc "drop database if exists $db with (force)"
  done
  say "dropped the services' databases"
fi
