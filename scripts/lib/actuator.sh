# Sourced by the scripts that ask every running service's actuator (scripts/rotate-field-keys.sh,
# scripts/verify-audit.sh): the services and their ports, the --service and --host options, which
# services run, the OPS token, and one call. Expects to run from the repository's root.

ACTUATOR_SERVICES=(application-service birth-cert-service vaccination-service hukou-service insurance-service
                   sscard-service notification-service)
declare -A ACTUATOR_PORTS=(
  [application-service]=8081 [birth-cert-service]=8082 [vaccination-service]=8083 [hukou-service]=8084
  [insurance-service]=8085 [sscard-service]=8086 [notification-service]=8087
)
ACTUATOR_HOST=127.0.0.1
ACTUATOR_CHOSEN=()
# The options the sourcing script handles itself, in order.
ACTUATOR_OTHER=()

# Takes --service NAME (repeatable) and --host HOST; anything else goes to ACTUATOR_OTHER.
actuator_options() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --service)
        [ $# -ge 2 ] || { echo "--service needs a name" >&2; exit 2; }
        [ -n "${ACTUATOR_PORTS[$2]:-}" ] || { echo "unknown service: $2 (one of: ${ACTUATOR_SERVICES[*]})" >&2; exit 2; }
        ACTUATOR_CHOSEN+=("$2"); shift ;;
      --host) [ $# -ge 2 ] || { echo "--host needs a host" >&2; exit 2; }; ACTUATOR_HOST="$2"; shift ;;
      *) ACTUATOR_OTHER+=("$1") ;;
    esac
    shift
  done
  [ ${#ACTUATOR_CHOSEN[@]} -gt 0 ] || ACTUATOR_CHOSEN=("${ACTUATOR_SERVICES[@]}")
}

# Running: the process scripts/run-platform.sh recorded is alive, or (started otherwise, e.g. in
# containers) something answers on the service's port.
actuator_running() {
  local pidfile=".run/pids/$1.pid" pid
  if [ -f "$pidfile" ]; then
    pid=$(tr -dc '0-9' < "$pidfile")
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && return 0
  fi
  (exec 3<>"/dev/tcp/$ACTUATOR_HOST/${ACTUATOR_PORTS[$1]}") 2>/dev/null
}

# Sets ACTUATOR_TARGETS to the chosen services that run (saying which are skipped) and
# ACTUATOR_TOKEN to an OPS token (OPS_TOKEN, or a dev token for SUBJECT from the gateway); exits when
# none runs, when the host is not this one, or when there is no token.
actuator_prepare() {
  local subject="$1" service
  ACTUATOR_TARGETS=()
  for service in "${ACTUATOR_CHOSEN[@]}"; do
    if actuator_running "$service"; then
      ACTUATOR_TARGETS+=("$service")
    else
      echo "$service: not running, skipped"
    fi
  done
  if [ ${#ACTUATOR_TARGETS[@]} -eq 0 ]; then
    echo "No service is running (start them with scripts/run-platform.sh)." >&2
    exit 1
  fi
  case "$ACTUATOR_HOST" in
    127.0.0.1|localhost|::1) ;;
    *) echo "--host $ACTUATOR_HOST: the services' management ports speak plain HTTP, and an OPS token must not" \
         "cross the network in clear: run this script on that host." >&2; exit 2 ;;
  esac
  ACTUATOR_TOKEN="${OPS_TOKEN:-}"
  if [ -z "$ACTUATOR_TOKEN" ]; then
    ACTUATOR_TOKEN=$(scripts/dev-token.sh --role OPS --subject "$subject" \
        --gateway "${GATEWAY_URL:-http://127.0.0.1:8080}") || {
      echo "No OPS_TOKEN and no dev token from the gateway: set OPS_TOKEN to an access token with role OPS." >&2
      exit 1
    }
  fi
}

# actuator_call SERVICE ENDPOINT [curl options...]: asks /actuator/ENDPOINT of SERVICE; sets
# ACTUATOR_STATUS and ACTUATOR_BODY; returns 1 (having said why) when it did not answer 200.
actuator_call() {
  local service="$1" endpoint="$2" answer
  shift 2
  local url="http://$ACTUATOR_HOST:${ACTUATOR_PORTS[$service]}/actuator/$endpoint"
  # No time limit on the answer (re-encrypting a large table takes a while), only on connecting. The
  # token goes to curl on its standard input, never in its arguments (which ps shows).
  if ! answer=$(printf 'header = "Authorization: Bearer %s"\n' "$ACTUATOR_TOKEN" \
      | curl -sS --connect-timeout 5 -K - "$@" "$url" -w '\n%{http_code}'); then
    echo "$service: $url did not answer" >&2
    return 1
  fi
  ACTUATOR_STATUS=${answer##*$'\n'}
  ACTUATOR_BODY=${answer%$'\n'*}
  if [ "$ACTUATOR_STATUS" != 200 ]; then
    echo "$service: $url answered $ACTUATOR_STATUS: $ACTUATOR_BODY" >&2
    [ "$ACTUATOR_STATUS" = 404 ] && echo "  (is $endpoint in its management.endpoints.web.exposure.include?)" >&2
    return 1
  fi
}
