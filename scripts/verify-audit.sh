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

. scripts/lib/actuator.sh
actuator_options "$@"
for option in "${ACTUATOR_OTHER[@]}"; do
  case "$option" in
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $option" >&2; usage >&2; exit 2 ;;
  esac
done
actuator_prepare ops-audit

# One field of the endpoint's flat JSON answer ({"intact":false,"entries":2,"brokenAt":3,"problem":"…"}).
field() { sed -n "s/.*\"$1\":\(\"\([^\"]*\)\"\|\([^,}]*\)\).*/\2\3/p" <<< "$2"; }

failed=0
for service in "${ACTUATOR_TARGETS[@]}"; do
  if actuator_call "$service" auditchain; then
    if [ "$(field intact "$ACTUATOR_BODY")" = true ]; then
      echo "$service: intact, $(field entries "$ACTUATOR_BODY") entries, last hash $(field lastHash "$ACTUATOR_BODY")"
      continue
    fi
    echo "$service: BROKEN at seq $(field brokenAt "$ACTUATOR_BODY"): $(field problem "$ACTUATOR_BODY")"
  fi
  failed=1
done
exit "$failed"
