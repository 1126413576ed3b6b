# Sourced by scripts that deal with the services' databases: which service owns which database
# (and the login role of the same name), and that role's password. Needs ROOT (the checkout).

# "module database" per service with a database: birth.database of its application.yml.
service_databases() {
  local yml module db
  for yml in "$ROOT"/*/src/main/resources/application.yml; do
    module=$(basename "$(dirname "$(dirname "$(dirname "$(dirname "$yml")")")")")
    # The two-space key database: under the top-level birth: of the first document.
    db=$(awk '/^---/ { exit } /^[^ #]/ { top = $1 } top == "birth:" && /^  database:/ { print $2; exit }' "$yml")
    [ -n "$db" ] && echo "$module $db"
  done
  return 0
}

# The password of a service's role: DB_PASSWORD_<DATABASE> (upper case) if set, else one made
# once for local runs with the other local secrets, in DEV_KEYS_DIR (default $ROOT/.run/dev-keys).
database_password() {
  local db="$1" var dir file
  var="DB_PASSWORD_$(echo "$db" | tr '[:lower:]' '[:upper:]')"
  if [ -n "${!var:-}" ]; then
    echo "${!var}"
    return 0
  fi
  dir="${DEV_KEYS_DIR:-$ROOT/.run/dev-keys}"
  file="$dir/db-$db.password"
  if [ ! -s "$file" ]; then
    (umask 077 && mkdir -p "$dir")
    (umask 077 && openssl rand -hex 24 > "$file.tmp" && mv "$file.tmp" "$file")
  fi
  cat "$file"
}
