#!/usr/bin/env bash
# Load generator: submits the families of the generated data set through the gateway and follows
# each to its final state; prints submission and end-to-end latency percentiles and throughput.
# The platform must be running on the same data set, with enough families, e.g.
#   DEMO_FAMILIES=501 scripts/run-platform.sh && scripts/benchmark.sh --limit 500 --concurrency 16
#
# Usage: scripts/benchmark.sh [--gateway URL] [--data DIR] [--concurrency N] [--limit N] [--skip N]
#                             [--timeout SECONDS]
#   defaults: http://127.0.0.1:8080, .run/reference-data, 8, all, 1 (family 1 is the README's sample), 300
# Every family's mother signs in first (dev tokens, not timed): the platform runs with the dev profile.
# Each family can be submitted once per data set and databases (the departments remember a birth they
# certified): before running again, scripts/stop-platform.sh --clean --drop-databases, then start anew.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
JAR=benchmark/target/benchmark-0.1.0-SNAPSHOT-exec.jar
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package -pl benchmark
exec "$JAVA_HOME/bin/java" -jar "$JAR" "$@"
