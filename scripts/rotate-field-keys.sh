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

. scripts/lib/actuator.sh
actuator_options "$@"
action=rotate
for option in "${ACTUATOR_OTHER[@]}"; do
  case "$option" in
    --status) action=status ;;
    --resume) action=resume ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $option" >&2; usage >&2; exit 2 ;;
  esac
done
actuator_prepare ops-field-keys

call() {
  local action="$1" failed=0 service request
  case "$action" in
    status) request=(-X GET) ;;
    resume) request=(-X POST -H 'Content-Type: application/json' --data '{"action":"resume"}') ;;
    *) request=(-X POST -H 'Content-Type: application/json' --data '{"action":"rotate"}') ;;
  esac
  for service in "${ACTUATOR_TARGETS[@]}"; do
    if actuator_call "$service" fieldkeys "${request[@]}"; then
      echo "$service: $ACTUATOR_BODY"
    else
      failed=1
    fi
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
