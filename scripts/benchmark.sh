#!/usr/bin/env bash
# Load generator: submits the families of the generated data set through the gateway and follows
# each to its final state (on its live status stream); prints submission latency by answer (201,
# 429, 503, other; Retry-After), POST -> completed by the platform's clock (submittedAt,
# completedAt), completions per second, the machine's CPU (/proc/stat) per completed application
# and the cores each process used; the last line is a machine-readable summary. The platform must
# run on the same data set with enough families (DEMO_FAMILIES >= families needed + --skip), e.g.
#   DEMO_FAMILIES=501 scripts/run-platform.sh && scripts/benchmark.sh --limit 500 --concurrency 16
#   SIMULATOR_DELAY_MS=0 DEMO_FAMILIES=1201 scripts/run-platform.sh && scripts/benchmark.sh --rate 20 --duration 60
#
# Usage: scripts/benchmark.sh [--rate R --duration S] [--concurrency N] [--await final|response] [--limit N]
#                             [--gateway URL] [--data DIR] [--pids DIR] [--skip N] [--timeout SECONDS]
#                             [--follow stream|poll] [--poll-rate N] [--etag on|off]
#   --rate R --duration S   open loop: R applications/s on a fixed schedule for S s (needs R x S families)
#   --concurrency N         closed loop: N clients (default 8; also how many mothers sign in at once)
#   --duration S            closed loop: submit for S s (default: until --limit families are submitted)
#   --await final|response  closed loop: a client posts again when its application is final (default
#                           without --duration, as before) or when its POST is answered (default with it);
#                           a POST refused with Retry-After (429, 503) is sent again after the wait, as a
#                           portal does, unless the run or --timeout is over first
#   --timeout SECONDS       how long each accepted application is followed after its POST (300)
#   --follow stream|poll    stream (default): each application on its live status stream (one request,
#                           GET /api/v1/applications/{id}/events) until final, then one GET for its record,
#                           as a portal showing progress; poll: by GETs only (a stream that fails is polled)
#   --poll-rate N           GETs/s that follow the applications, all together (50; each one first after
#                           250 ms, then every 0.5 s, then every 1 s)
#   --etag on|off           on (default): each GET after the first sends the last answer's ETag in
#                           If-None-Match, as a portal that keeps it, and 304 means unchanged; off: plain GETs
#   defaults: http://127.0.0.1:8080, .run/reference-data, .run/pids, --limit all, --skip 1 (family 1 is
#   the README's sample)
# Every family's mother signs in first (dev tokens, not timed): the platform runs with the dev profile.
# Each family can be submitted once per data set and databases (the departments remember a birth they
# certified): before running again, scripts/stop-platform.sh --clean --drop-databases, then start anew.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
JAR=benchmark/target/benchmark-0.1.0-SNAPSHOT-exec.jar
# Built when missing or older than its sources (a jar left from before a change would measure the old code).
# The build dates the jar by project.build.outputTimestamp (reproducible), so it is touched once built.
if [ ! -f "$JAR" ] || [ -n "$(find benchmark/pom.xml benchmark/src -newer "$JAR" -print -quit)" ]; then
  ./mvnw -B -q -DskipTests package -pl benchmark
  touch "$JAR"
fi
exec "$JAVA_HOME/bin/java" -jar "$JAR" "$@"
