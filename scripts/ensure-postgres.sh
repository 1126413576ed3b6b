#!/usr/bin/env bash
# Makes sure the PostgreSQL the platform uses answers; starts the local cluster if it is down.
set -euo pipefail
host="${DB_HOST:-127.0.0.1}"
port="${DB_PORT:-5432}"

ready() { pg_isready -q -h "$host" -p "$port" 2>/dev/null; }

if ! command -v pg_isready >/dev/null 2>&1; then
  echo "pg_isready not found: install the PostgreSQL client (apt-get install postgresql-client) or check DB_HOST/DB_PORT." >&2
  exit 1
fi
ready && exit 0

case "$host" in
  127.0.0.1|localhost|::1) ;;
  *) echo "PostgreSQL at $host:$port does not answer, and it is not local: start it there." >&2; exit 1 ;;
esac

if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "PostgreSQL is down; starting local cluster $version/main" >&2
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do ready && exit 0; sleep 1; done
fi
echo "PostgreSQL at $host:$port is not available. Install and start it (Debian: apt-get install postgresql)," >&2
echo "or point DB_HOST/DB_PORT (and TEST_DB_HOST/TEST_DB_PORT for tests) at a running server." >&2
exit 1
