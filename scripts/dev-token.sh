#!/usr/bin/env bash
# Prints an access token from the local platform's dev token endpoint (profile dev only), as a
# real identity platform would issue it after a sign-in. For curl: -H "Authorization: Bearer $TOKEN".
#
# Usage: scripts/dev-token.sh --role ROLE [--role ROLE ...] [--subject NAME] [--department DEPT]
#                             [--id-number ID] [--centre CODE] [--hospital CODE] [--gateway URL]
#   ROLE: CITIZEN (needs --id-number, the person's resident ID number), CLERK (files at the window
#         of --centre, a service centre of the region's policy), HOSPITAL (files at --hospital),
#         STAFF or DEPT_ADMIN (need --department: HEALTH, CDC, POLICE, MEDICAL_INSURANCE,
#         HUMAN_RESOURCES), SUPERVISOR, OPS, AUDITOR
#   --subject defaults to the role and the department, or a random pseudonym for a citizen (a subject
#   is stored and published: never an ID number); --gateway to http://127.0.0.1:8080
# Example: TOKEN=$(scripts/dev-token.sh --role STAFF --department POLICE)
#          TOKEN=$(scripts/dev-token.sh --role CLERK --centre 520102-ZWFW)
set -euo pipefail
roles=() subject="" department="" id_number="" centre="" hospital="" gateway="http://127.0.0.1:8080"
usage() { sed -n '2,15s/^# \{0,1\}//p' "$0"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --role) roles+=("\"$2\""); shift ;;
    --subject) subject="$2"; shift ;;
    --department) department="$2"; shift ;;
    --id-number) id_number="$2"; shift ;;
    --centre) centre="$2"; shift ;;
    --hospital) hospital="$2"; shift ;;
    --gateway) gateway="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
[ ${#roles[@]} -gt 0 ] || { echo "give at least one --role" >&2; usage >&2; exit 2; }
first_role=$(echo "${roles[0]}" | tr -d '"' | tr 'A-Z_' 'a-z-')
if [ -z "$subject" ]; then
  if [ -n "$id_number" ]; then
    subject="$first_role-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  else
    subject="$first_role${department:+-$department}"
  fi
fi
json() { [ -n "$1" ] && printf '"%s"' "$1" || printf 'null'; }
body=$(printf '{"subject":"%s","roles":[%s],"department":%s,"idNumber":%s,"centre":%s,"hospital":%s}' \
  "$subject" "$(IFS=,; echo "${roles[*]}")" "$(json "$department")" "$(json "$id_number")" "$(json "$centre")" \
  "$(json "$hospital")")
answer=$(curl -sS -X POST "$gateway/api/v1/dev/tokens" -H 'Content-Type: application/json' --data "$body" \
  -w '\n%{http_code}')
status=${answer##*$'\n'}
answer=${answer%$'\n'*}
if [ "$status" != 200 ]; then
  echo "The gateway answered $status: $answer" >&2
  exit 1
fi
echo "$answer" | sed -E 's/.*"accessToken" *: *"([^"]+)".*/\1/'
