#!/usr/bin/env bash
# Rotates the field-encryption data key of every running service (the ones that store personal
# data: all but the gateway): each makes a new active key in its own database, then re-encrypts
# the values of its encrypted columns under it (actuator POST /actuator/fieldkeys). Prints what each
# service did: the new key id and per column the values re-encrypted, encrypted (were in the clear)
# and unreadable. Run it again with --resume if it was interrupted: that only finishes the work.
#
# Usage: scripts/rotate-field-keys.sh [--status] [--resume] [--service NAME ...] [--host HOST]
#   --status        show each service's active key and what is not under it yet; change nothing
#   --resume        no new key: re-encrypt what is not under the active key yet
#   --service NAME  only this service (repeatable; default every running one)
#   --host HOST     where the services listen (default 127.0.0.1; ports as scripts/run-platform.sh)
# Environment: OPS_TOKEN (an access token with role OPS; default: a dev token from the gateway,
#   scripts/dev-token.sh, which works under the dev profile only), GATEWAY_URL (http://127.0.0.1:8080),
#   FIELD_KEY_SETTLE (seconds, default 35: after a rotation, other instances of a service may seal
#   under the old key until they look for the new one, every birth.crypto.refresh-interval (30 s);
#   the script waits that long and re-encrypts once more; 0: no second pass).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

usage() { sed -n '2,18s/^# \{0,1\}//p' "$0"; }

SERVICES=(application-service birth-cert-service vaccination-service hukou-service insurance-service
          sscard-service notification-service)
declare -A PORTS=(
  [application-service]=8081 [birth-cert-service]=8082 [vaccination-service]=8083 [hukou-service]=8084
  [insurance-service]=8085 [sscard-service]=8086 [notification-service]=8087
)
PIDS=.run/pids

action=rotate host=127.0.0.1 chosen=()
while [ $# -gt 0 ]; do
  case "$1" in
    --status) action=status ;;
    --resume) action=resume ;;
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
  token=$(scripts/dev-token.sh --role OPS --subject ops-field-keys --gateway "${GATEWAY_URL:-http://127.0.0.1:8080}") || {
    echo "No OPS_TOKEN and no dev token from the gateway: set OPS_TOKEN to an access token with role OPS." >&2
    exit 1
  }
fi

call() {
  local action="$1" failed=0 service url request answer status body
  for service in "${targets[@]}"; do
    url="http://$host:${PORTS[$service]}/actuator/fieldkeys"
    case "$action" in
      status) request=(-X GET) ;;
      resume) request=(-X POST -H 'Content-Type: application/json' --data '{"action":"resume"}') ;;
      *) request=(-X POST -H 'Content-Type: application/json' --data '{"action":"rotate"}') ;;
    esac
    # Re-encrypting a large table takes a while: no time limit on the answer, only on connecting.
    # The token goes to curl on its standard input, never in its arguments (which ps shows).
    if answer=$(printf 'header = "Authorization: Bearer %s"\n' "$token" \
        | curl -sS --connect-timeout 5 -K - "${request[@]}" "$url" -w '\n%{http_code}'); then
      status=${answer##*$'\n'}
      body=${answer%$'\n'*}
      if [ "$status" = 200 ]; then
        echo "$service: $body"
        continue
      fi
      echo "$service: $url answered $status: $body" >&2
      [ "$status" = 404 ] && echo "  (is fieldkeys in its management.endpoints.web.exposure.include?)" >&2
    else
      echo "$service: $url did not answer" >&2
    fi
    failed=1
  done
  return "$failed"
}

failed=0
call "$action" || failed=1
if [ "$action" = rotate ] && [ "${FIELD_KEY_SETTLE:-35}" -gt 0 ]; then
  echo "Waiting ${FIELD_KEY_SETTLE:-35} s for every instance to take the new key, then re-encrypting what was sealed meanwhile..."
  sleep "${FIELD_KEY_SETTLE:-35}"
  call resume || failed=1
fi
exit "$failed"
