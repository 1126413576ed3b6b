#!/usr/bin/env bash
# Faults under load (e2e-tests ChaosIT; CI runs a short version: 200 applications at 2/s): files
# applications through the gateway at a steady rate, as a portal does (Idempotency-Key, again after a
# 429/503 or a lost connection), while every 10 s one part fails: a service killed with SIGKILL and
# started again (each service at least once, the gateway and application-service included), the
# broker killed and started again once, PostgreSQL restarted once (pg_ctlcluster: run it as root or
# as the cluster's owner, on a machine where nothing else needs that PostgreSQL meanwhile). Fails
# unless every accepted application is COMPLETED within 60 s of the last recovery, each item has one
# outcome, citizen ID numbers are unique and valid, the only 5xx are 503s, and the dead-letter topics
# are empty. Runs on a platform of its own: the packaged services, started by the test on fresh databases.
#
# Usage: scripts/chaos.sh [--applications N] [--rate R] [--fault-every DURATION] [--seed N] [more Maven arguments]
#   defaults: 5000, 20 (per second), PT10S, random (printed: give it again to replay the faults' order)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
applications=5000 rate=20 every=PT10S seed=
while [ $# -gt 0 ]; do
  case "$1" in
    --applications) applications="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --fault-every) every="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    *) break ;;
  esac
done
# shellcheck source=scripts/lib/e2e-it.sh
. scripts/lib/e2e-it.sh
run_e2e_it ChaosIT \
  -Dchaos.applications="$applications" -Dchaos.rate="$rate" -Dchaos.fault-every="$every" \
  ${seed:+-Dchaos.seed="$seed"} "$@"
