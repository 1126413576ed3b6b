#!/usr/bin/env bash
# Makes sure the PostgreSQL the platform uses answers on ${DB_HOST:-127.0.0.1}:${DB_PORT:-5432};
# if it is local and down, starts the local Debian cluster (pg_ctlcluster). Exit 0 when it answers,
# 1 (with what is missing) otherwise.
set -euo pipefail
host="${DB_HOST:-127.0.0.1}"
port="${DB_PORT:-5432}"

if ! command -v pg_isready >/dev/null 2>&1; then
  echo "error: pg_isready not found; install the PostgreSQL client and server (Debian: apt-get install postgresql)," >&2
  echo "or point DB_HOST/DB_PORT at a running PostgreSQL." >&2
  exit 1
fi

ready() { pg_isready -q -h "$host" -p "$port" >/dev/null 2>&1; }
ready && exit 0

case "$host" in
  127.0.0.1|localhost|::1) ;;
  *) echo "error: PostgreSQL at $host:$port does not answer, and it is not local: start it there or fix DB_HOST/DB_PORT." >&2
     exit 1 ;;
esac

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "error: PostgreSQL on $host:$port is down and pg_ctlcluster is not installed, so it cannot be started here." >&2
  echo "Install it (Debian: apt-get install postgresql) or start your PostgreSQL yourself." >&2
  exit 1
fi
if [ ! -d /etc/postgresql ] || [ -z "$(ls -A /etc/postgresql 2>/dev/null)" ]; then
  echo "error: PostgreSQL on $host:$port is down and no cluster exists under /etc/postgresql." >&2
  echo "Create one (pg_createcluster <version> main) or install the server (apt-get install postgresql)." >&2
  exit 1
fi

# The cluster configured for this port, else the newest version's "main" cluster.
version="" cluster="main"
if command -v pg_lsclusters >/dev/null 2>&1; then
  read -r version cluster < <(pg_lsclusters -h 2>/dev/null | awk -v p="$port" '$3 == p {print $1, $2; exit}') || true
  if [ -z "$version" ]; then
    echo "error: no PostgreSQL answers on $host:$port and no local cluster is configured for port $port:" >&2
    pg_lsclusters >&2 || true
    echo "Set DB_PORT to the port of a cluster above, or create one (pg_createcluster <version> main -p $port)." >&2
    exit 1
  fi
else
  version=$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf "%f\n" | sort -V | tail -n 1)
fi

echo "PostgreSQL on $host:$port is down; starting the local cluster $version/$cluster ..." >&2
if ! pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start; then
  echo "warning: pg_ctlcluster $version $cluster start failed (see above); waiting briefly in case it is starting anyway" >&2
fi
for _ in $(seq 1 30); do
  if ready; then
    echo "PostgreSQL is up on $host:$port" >&2
    exit 0
  fi
  sleep 1
done
echo "error: PostgreSQL on $host:$port still does not answer after starting cluster $version/$cluster." >&2
echo "Check its log (/var/log/postgresql/postgresql-$version-$cluster.log) and its port, or set DB_HOST/DB_PORT." >&2
exit 1
