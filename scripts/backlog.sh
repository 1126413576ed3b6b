#!/usr/bin/env bash
# A department's backlog and how fast it drains: with one department's service stopped, N families file
# through the gateway (scripts/benchmark.sh, closed loop) and every application waits at that department;
# then the service starts again (scripts/run-platform.sh starts what is not running) and works the backlog
# off. Prints the drain by the platform's clock: from the start command to the last application COMPLETED,
# in seconds and applications per second. Compare with the sustained rate of an open-loop benchmark run.
# The platform must run, with families to spare (DEMO_FAMILIES >= N + --skip) and partners answering at once:
#   scripts/stop-platform.sh --clean --drop-databases
#   SIMULATOR_DELAY_MS=0 DEMO_FAMILIES=25001 scripts/run-platform.sh && scripts/backlog.sh --applications 25000
#
# Usage: scripts/backlog.sh [--applications N] [--department SERVICE] [--skip N] [--concurrency N]
#   --applications N     the backlog (default 2500)
#   --department SERVICE the service stopped meanwhile (default sscard-service; any department's service)
#   --skip N             families of the data set to leave out, as scripts/benchmark.sh (default 1)
#   --concurrency N      clients filing at once (default 16)
# Environment: DB_HOST/DB_PORT, DB_ADMIN_USER/DB_ADMIN_PASSWORD (postgres: reads application-service's database).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

applications=2500
department=sscard-service
skip=1
concurrency=16
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; }
  case "$1" in
    --applications) applications="$2" ;;
    --department) department="$2" ;;
    --skip) skip="$2" ;;
    --concurrency) concurrency="$2" ;;
    *) echo "unknown option: $1 (see the head of $0)" >&2; exit 2 ;;
  esac
  shift 2
done
for number in "$applications" "$skip" "$concurrency"; do
  case "$number" in ''|*[!0-9]*) echo "not a whole number: '$number'" >&2; exit 2 ;; esac
done
case "$department" in
  birth-cert-service|vaccination-service|hukou-service|insurance-service|sscard-service) ;;
  *) echo "--department must be a department's service (birth-cert-, vaccination-, hukou-, insurance-, sscard-service)" >&2
     exit 2 ;;
esac

sql() {
  PGPASSWORD="${DB_ADMIN_PASSWORD:-}" psql -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" \
    -U "${DB_ADMIN_USER:-postgres}" -d birth_application -Atc "$1"
}
since=$(sql "select now()")

echo "Stopping $department: applications wait at it ..."
scripts/stop-platform.sh "$department"

log=$(mktemp /tmp/backlog-benchmark.XXXXXX)
echo "Filing $applications applications (scripts/benchmark.sh, its output in $log) ..."
scripts/benchmark.sh --concurrency "$concurrency" --await response --limit "$applications" --skip "$skip" \
  --timeout 7200 > "$log" 2>&1 &
benchmark=$!
trap 'kill "$benchmark" 2>/dev/null || true' EXIT
filed=0
until [ "$filed" -ge "$applications" ]; do
  if ! kill -0 "$benchmark" 2>/dev/null; then
    echo "the benchmark ended after $filed applications; the end of $log:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  sleep 5
  filed=$(sql "select count(*) from application where submitted_at >= '$since'")
done
filed_at=$(sql "select max(submitted_at) from application where submitted_at >= '$since'")
echo "All $filed filed by $filed_at ($(sql "select round(extract(epoch from max(submitted_at) - min(submitted_at))::numeric, 1)
  from application where submitted_at >= '$since'") s); none can finish while $department is stopped:" \
  "$(sql "select count(*) from application where submitted_at >= '$since' and status = 'COMPLETED'") COMPLETED."

started=$(sql "select now()")
echo "Starting $department at $started ..."
scripts/run-platform.sh --no-build > /dev/null
ready=$(sql "select now()")
echo "$department ready at $ready; waiting for the backlog to drain ..."
until [ "$(sql "select count(*) from application where submitted_at >= '$since' and status = 'COMPLETED'")" -ge "$applications" ]; do
  if ! kill -0 "$benchmark" 2>/dev/null; then
    break
  fi
  sleep 2
done
wait "$benchmark" || true
trap - EXIT
sql "select count(*) || ' of $applications COMPLETED; drained in '
       || round(extract(epoch from max(completed_at) - '$started'::timestamptz)::numeric, 1) || ' s from the start command ('
       || round(count(*) / extract(epoch from max(completed_at) - '$started'::timestamptz)::numeric, 2) || '/s), '
       || round(extract(epoch from max(completed_at) - '$ready'::timestamptz)::numeric, 1) || ' s from ready ('
       || round(count(*) / extract(epoch from max(completed_at) - '$ready'::timestamptz)::numeric, 2) || '/s)'
     from application where submitted_at >= '$since' and status = 'COMPLETED'"
grep '^summary:' "$log" || true
