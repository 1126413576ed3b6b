#!/usr/bin/env bash
# Runs every test: unit, integration (real PostgreSQL and Kafka) and end-to-end (packaged services).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
DB_HOST="${TEST_DB_HOST:-127.0.0.1}" DB_PORT="${TEST_DB_PORT:-5432}" scripts/ensure-postgres.sh
exec ./mvnw -B verify "$@"
