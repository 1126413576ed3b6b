#!/usr/bin/env bash
# Least privilege in PostgreSQL: each service gets a login role that owns its database, and only
# that role (and superusers) may connect to it. Per database: the role (same name as the database)
# with its password, the database created owned by it or, when it exists already (made at start-up
# by earlier runs, owned by postgres), given to it with everything in it; CONNECT revoked from PUBLIC.
# Runs scripts/sql/service-database.sql; idempotent, run it again at will (passwords are reset to
# the current ones).
#
# Usage: scripts/setup-database.sh [DATABASE...]
#   DATABASE   the databases (and roles) to set up; default: every service's birth.database
# Environment:
#   DB_HOST, DB_PORT                  the server (127.0.0.1, 5432; a socket directory works too)
#   DB_ADMIN_USER, DB_ADMIN_PASSWORD  a superuser to do it as (postgres, none)
#   DB_PASSWORD_<DATABASE>            a role's password, e.g. DB_PASSWORD_BIRTH_HUKOU; when unset, one
#                                     is made once in DEV_KEYS_DIR (.run/dev-keys) as db-<database>.password
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/service-databases.sh
. "$ROOT/scripts/lib/service-databases.sh"

case "${1:-}" in
  -h|--help) sed -n '2,17s/^# \{0,1\}//p' "$0"; exit 0 ;;
esac

if [ $# -gt 0 ]; then
  databases=("$@")
else
  mapfile -t databases < <(service_databases | awk '{ print $2 }')
fi
for db in "${databases[@]}"; do
  [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "error: '$db' is not a plain lower-case database name" >&2; exit 2; }
done

export PGPASSWORD="${DB_ADMIN_PASSWORD:-}"
for db in "${databases[@]}"; do
  password=$(database_password "$db")
  ROLE_PASSWORD="$password" psql -X -q -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${DB_ADMIN_USER:-postgres}" -d postgres \
    -v db="$db" -v role="$db" -f "$ROOT/scripts/sql/service-database.sql"
  echo "database $db: owned by role $db, which alone may connect"
done
