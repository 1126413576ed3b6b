#!/usr/bin/env bash
# Looks for a family's personal data in clear in a pg_dump of every platform database: the ID
# numbers, phone numbers and bank account of a filed form, and any further value given (the
# newborn's citizen ID number from the API, say). Prints per database what was found (masked);
# exits 1 if anything was, 0 if the dumps hold none of it.
#
# Usage: scripts/scan-personal-data.sh --form FILE [--value TEXT ...] [--database NAME ...]
#   --form FILE      the family's application form (JSON, as posted)
#   --value TEXT     another value that must not be stored in clear (repeatable)
#   --database NAME  only this database (repeatable; default the seven services' databases)
# Environment: DB_HOST, DB_PORT, DB_USER (127.0.0.1, 5432, postgres), PGPASSWORD.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { sed -n '2,12s/^# \{0,1\}//p' "$0"; }

form="" values=() databases=()
while [ $# -gt 0 ]; do
  case "$1" in
    --form) [ $# -ge 2 ] || { echo "--form needs a file" >&2; exit 2; }; form="$2"; shift ;;
    --value) [ $# -ge 2 ] || { echo "--value needs a text" >&2; exit 2; }; values+=("$2"); shift ;;
    --database) [ $# -ge 2 ] || { echo "--database needs a name" >&2; exit 2; }; databases+=("$2"); shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
[ -n "$form" ] || { usage >&2; exit 2; }
[ ${#databases[@]} -gt 0 ] || databases=(birth_application birth_birthcert birth_vaccination birth_hukou
                                         birth_insurance birth_sscard birth_notification)

while IFS= read -r value; do
  [ -n "$value" ] && values+=("$value")
done < <(jq -r '[.mother.idNumber, .father.idNumber, .household.headIdNumber, .applicant.phone,
                 .mother.phone, .father.phone, .delivery.recipient.phone, .reimbursement.accountNumber]
                | .[] | select(. != null and . != "")' "$form")

mask() { local v="$1"; echo "${v:0:3}****${v: -2}"; }

found=0
for db in "${databases[@]}"; do
  dump=$(pg_dump -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}" "$db")
  hits=()
  for value in "${values[@]}"; do
    if grep -qiF -- "$value" <<<"$dump"; then
      hits+=("$(mask "$value")")
    fi
  done
  if [ ${#hits[@]} -eq 0 ]; then
    printf '%-20s clean (%d values, %d dump lines)\n' "$db" "${#values[@]}" "$(wc -l <<<"$dump")"
  else
    printf '%-20s IN CLEAR: %s\n' "$db" "${hits[*]}"
    found=1
  fi
done
exit $found
