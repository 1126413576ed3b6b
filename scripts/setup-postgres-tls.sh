#!/usr/bin/env bash
# Turns TLS on in the local PostgreSQL cluster with a certificate made here, for clients that verify
# it (DB_SSL_MODE=verify-full). Makes a CA and a server certificate for 127.0.0.1 and localhost
# (openssl, EC P-256) in <data directory>/birth-tls, owned by the server's OS user (keys 0600), sets
# ssl, ssl_cert_file and ssl_key_file with ALTER SYSTEM and reloads the configuration (no restart).
# Clients that do not ask for TLS keep working: pg_hba.conf is not touched. Idempotent: when TLS is
# on with a valid certificate of this CA nothing changes; run it again at will.
#
# Leaves the CA certificate for clients at PG_TLS_ROOT_CERT (default .run/postgres-tls/root.crt):
#   DB_SSL_MODE=verify-full DB_SSL_ROOT_CERT=$PWD/.run/postgres-tls/root.crt scripts/run-platform.sh
# Environment: DB_HOST, DB_PORT (127.0.0.1, 5432: local only), DB_ADMIN_USER (postgres), PG_TLS_ROOT_CERT.
# Needs root or the server's OS user (it writes into the data directory).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
host="${DB_HOST:-127.0.0.1}"
port="${DB_PORT:-5432}"
client_ca="${PG_TLS_ROOT_CERT:-$ROOT/.run/postgres-tls/root.crt}"

case "${1:-}" in
  -h|--help) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 0 ;;
esac
case "$host" in
  127.0.0.1|localhost) ;;
  *) echo "error: DB_HOST=$host is not local: TLS of another server is set up by its administrator" >&2; exit 2 ;;
esac

sql() { psql -X -q -At -h "$host" -p "$port" -U "${DB_ADMIN_USER:-postgres}" -d postgres -c "$1"; }

# One run at a time on this machine: checkouts share the cluster.
exec 9> "${TMPDIR:-/tmp}/birth-postgres-tls-$port.lock"
flock 9

data_dir=$(sql "show data_directory")
dir="$data_dir/birth-tls"
owner=$(stat -c %U "$data_dir")
group=$(stat -c %G "$data_dir")
if [ "$(id -u)" -ne 0 ] && [ "$(id -un)" != "$owner" ]; then
  echo "error: run as root or as $owner: the certificate goes into $dir" >&2
  exit 1
fi

# A CA and a server certificate of it, good for another 30 days, for both names clients use.
valid() {
  [ -s "$dir/ca.crt" ] && [ -s "$dir/ca.key" ] && [ -s "$dir/server.crt" ] && [ -s "$dir/server.key" ] \
    && openssl x509 -in "$dir/ca.crt" -noout -checkend 2592000 >/dev/null \
    && openssl x509 -in "$dir/server.crt" -noout -checkend 2592000 >/dev/null \
    && openssl verify -CAfile "$dir/ca.crt" "$dir/server.crt" >/dev/null 2>&1 \
    && openssl x509 -in "$dir/server.crt" -noout -checkhost localhost | grep -q 'does match' \
    && openssl x509 -in "$dir/server.crt" -noout -checkip 127.0.0.1 | grep -q 'does match'
}

if ! valid; then
  echo "Making a CA and a server certificate for 127.0.0.1 and localhost in $dir ..."
  install -d -m 700 -o "$owner" -g "$group" "$dir"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  if ! { [ -s "$dir/ca.key" ] && openssl x509 -in "$dir/ca.crt" -noout -checkend 2592000 >/dev/null 2>&1; }; then
    openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
      -subj "/CN=birth platform local PostgreSQL CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout "$work/ca.key" -out "$work/ca.crt" 2>/dev/null
    install -m 600 -o "$owner" -g "$group" "$work/ca.key" "$dir/ca.key"
    install -m 644 -o "$owner" -g "$group" "$work/ca.crt" "$dir/ca.crt"
  fi
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
    -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
  printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1" "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" > "$work/server.ext"
  openssl x509 -req -in "$work/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -CAserial "$work/ca.srl" -days 825 -extfile "$work/server.ext" -out "$work/server.crt" 2>/dev/null
  install -m 600 -o "$owner" -g "$group" "$work/server.key" "$dir/server.key"
  install -m 644 -o "$owner" -g "$group" "$work/server.crt" "$dir/server.crt"
  reload=1
fi

# The server reads them as its own OS user, and only it may read the keys.
chown -R "$owner:$group" "$dir"
chmod 700 "$dir"
chmod 600 "$dir/ca.key" "$dir/server.key"
chmod 644 "$dir/ca.crt" "$dir/server.crt"

mkdir -p "$(dirname "$client_ca")"
cp "$dir/ca.crt" "$client_ca"
chmod 644 "$client_ca"

verified() {
  psql -X -q -At "host=localhost port=$port user=${DB_ADMIN_USER:-postgres} dbname=postgres sslmode=verify-full sslrootcert=$client_ca" \
    -c "select ssl from pg_stat_ssl where pid = pg_backend_pid()" 2>/dev/null | grep -q '^t$'
}

if [ "${reload:-0}" = 1 ] || [ "$(sql "show ssl")" != on ] || [ "$(sql "show ssl_cert_file")" != "$dir/server.crt" ] \
   || [ "$(sql "show ssl_key_file")" != "$dir/server.key" ] || ! verified; then
  sql "alter system set ssl_cert_file = '$dir/server.crt'"
  sql "alter system set ssl_key_file = '$dir/server.key'"
  sql "alter system set ssl = on"
  sql "select pg_reload_conf()" >/dev/null
fi

# The reload is asynchronous: wait until a client that verifies the certificate gets in.
for _ in $(seq 1 50); do
  if verified; then
    echo "PostgreSQL on $host:$port speaks TLS (verify-full with $client_ca); plain connections still work"
    exit 0
  fi
  sleep 0.2
done
echo "error: PostgreSQL on $host:$port does not accept verified TLS connections after the reload;" \
     "see its log (e.g. /var/log/postgresql/)" >&2
exit 1
