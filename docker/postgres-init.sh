#!/usr/bin/env bash
# Compose's PostgreSQL, on its first start (docker-entrypoint-initdb.d, an empty data volume): each
# service's role owning its database, made as locally by scripts/setup-database.sh (mounted at
# /birth/scripts), for the databases in BIRTH_DATABASES with passwords from DB_PASSWORD_<DATABASE>.
# The server listens on its socket only while this runs.
DB_HOST=/var/run/postgresql DB_ADMIN_USER="$POSTGRES_USER" DB_ADMIN_PASSWORD="$POSTGRES_PASSWORD" \
  bash /birth/scripts/setup-database.sh $BIRTH_DATABASES  # unquoted: one argument per database
