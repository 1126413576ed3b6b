#!/usr/bin/env bash
# Stops what scripts/run-platform.sh started (services first, then the broker).
# Options: --clean also deletes the local broker's data (.run/kafka-data).
set -euo pipefail
cd "$(dirname "$0")/.."
PIDS=.run/pids

stop() { # name
  local pidfile="$PIDS/$1.pid"
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    echo "stopped $1"
  fi
  rm -f "$pidfile"
}

for service in gateway-service application-service birth-cert-service vaccination-service hukou-service \
               insurance-service sscard-service notification-service; do
  stop "$service" &
done
wait
stop kafka
if [ "${1:-}" = "--clean" ]; then
  rm -rf .run/kafka-data
  echo "removed .run/kafka-data"
fi
