#!/usr/bin/env bash
# Fuzzes the platform through its gateway: mutated application bodies sent as citizens and mutated
# reference-data CSV files imported as department administrators (e2e-tests FuzzIT, which CI runs
# with 2,000 of each); fails on any 5xx, prints the answers counted by status and the seed. Runs on
# a platform of its own: the packaged services, started by the test on fresh databases.
#
# Usage: scripts/fuzz.sh [--bodies N] [--csvs N] [--seed N] [more Maven arguments]
#   defaults: 10000, 10000, random (printed: give it again to replay a run)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
bodies=10000 csvs=10000 seed=
while [ $# -gt 0 ]; do
  case "$1" in
    --bodies) bodies="$2"; shift 2 ;;
    --csvs) csvs="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    *) break ;;
  esac
done
# shellcheck source=scripts/lib/e2e-it.sh
. scripts/lib/e2e-it.sh
run_e2e_it FuzzIT \
  -Dfuzz.bodies="$bodies" -Dfuzz.csvs="$csvs" ${seed:+-Dfuzz.seed="$seed"} "$@"
