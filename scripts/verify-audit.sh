#!/usr/bin/env bash
# Verifies the audit chain of every running service (each keeps its own in its audit_entry table):
# actuator GET /actuator/auditchain walks the chain in sequence order and reports it intact (the
# number of entries and the last hash), or the first row where it is broken and why (a row edited,
# a row replaced, a row missing). Prints one line per service; exits 1 if any chain is broken or a
# service could not be asked.
#
# Usage: scripts/verify-audit.sh [--service NAME ...] [--host HOST]
#   --service NAME  only this service (repeatable; default every running one)
#   --host HOST     where the services listen (default 127.0.0.1; ports as scripts/run-platform.sh)
# Environment: OPS_TOKEN (an access token with role OPS; default: a dev token from the gateway,
#   scripts/dev-token.sh, which works under the dev profile only), GATEWAY_URL (http://127.0.0.1:8080).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

usage() { sed -n '2,13s/^# \{0,1\}//p' "$0"; }

SERVICES=(application-service birth-cert-service vaccination-service hukou-service insurance-service
          sscard-service notification-service)
declare -A PORTS=(
  [application-service]=8081 [birth-cert-service]=8082 [vaccination-service]=8083 [hukou-service]=8084
  [insurance-service]=8085 [sscard-service]=8086 [notification-service]=8087
)
PIDS=.run/pids

host=127.0.0.1 chosen=()
while [ $# -gt 0 ]; do
  case "$1" in
    --service)
      [ $# -ge 2 ] || { echo "--service needs a name" >&2; exit 2; }
      [ -n "${PORTS[$2]:-}" ] || { echo "unknown service: $2 (one of: ${SERVICES[*]})" >&2; exit 2; }
      chosen+=("$2"); shift ;;
    --host) [ $# -ge 2 ] || { echo "--host needs a host" >&2; exit 2; }; host="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
[ ${#chosen[@]} -gt 0 ] || chosen=("${SERVICES[@]}")

listening() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# Running: the process scripts/run-platform.sh recorded is alive, or (started otherwise, e.g. in
# containers) something answers on the service's port.
running() {
  local pidfile="$PIDS/$1.pid" pid
  if [ -f "$pidfile" ]; then
    pid=$(tr -dc '0-9' < "$pidfile")
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && return 0
  fi
  listening "$host" "${PORTS[$1]}"
}

targets=()
for service in "${chosen[@]}"; do
  if running "$service"; then
    targets+=("$service")
  else
    echo "$service: not running, skipped"
  fi
done
if [ ${#targets[@]} -eq 0 ]; then
  echo "No service is running (start them with scripts/run-platform.sh)." >&2
  exit 1
fi

case "$host" in
  127.0.0.1|localhost|::1) ;;
  *) echo "--host $host: the services' management ports speak plain HTTP, and an OPS token must not cross" \
       "the network in clear: run this script on that host." >&2; exit 2 ;;
esac

token="${OPS_TOKEN:-}"
if [ -z "$token" ]; then
  token=$(scripts/dev-token.sh --role OPS --subject ops-audit --gateway "${GATEWAY_URL:-http://127.0.0.1:8080}") || {
    echo "No OPS_TOKEN and no dev token from the gateway: set OPS_TOKEN to an access token with role OPS." >&2
    exit 1
  }
fi

# One field of the endpoint's flat JSON answer ({"intact":false,"entries":2,"brokenAt":3,"problem":"…"}).
field() { sed -n "s/.*\"$1\":\(\"\([^\"]*\)\"\|\([^,}]*\)\).*/\2\3/p" <<< "$2"; }

failed=0
for service in "${targets[@]}"; do
  url="http://$host:${PORTS[$service]}/actuator/auditchain"
  # The token goes to curl on its standard input, never in its arguments (which ps shows).
  if answer=$(printf 'header = "Authorization: Bearer %s"\n' "$token" \
      | curl -sS --connect-timeout 5 -K - "$url" -w '\n%{http_code}'); then
    status=${answer##*$'\n'}
    body=${answer%$'\n'*}
    if [ "$status" = 200 ]; then
      if [ "$(field intact "$body")" = true ]; then
        echo "$service: intact, $(field entries "$body") entries, last hash $(field lastHash "$body")"
        continue
      fi
      echo "$service: BROKEN at seq $(field brokenAt "$body"): $(field problem "$body")"
    else
      echo "$service: $url answered $status: $body" >&2
      [ "$status" = 404 ] && echo "  (is auditchain in its management.endpoints.web.exposure.include?)" >&2
    fi
  else
    echo "$service: $url did not answer" >&2
  fi
  failed=1
done
exit "$failed"
