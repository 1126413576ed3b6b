#!/usr/bin/env bash
# Validates docker-compose.yml statically (no Docker engine needed): installs Debian's
# docker-compose if no compose tool is present, then runs 'config' on the file.
set -euo pipefail
cd "$(dirname "$0")/.."
if docker compose version >/dev/null 2>&1; then
  exec docker compose -f docker-compose.yml config -q
fi
if ! command -v docker-compose >/dev/null 2>&1; then
  echo "Installing docker-compose to validate docker-compose.yml ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq docker-compose >/dev/null
fi
docker-compose -f docker-compose.yml config -q
# Every service of the platform must be in the file.
services=$(docker-compose -f docker-compose.yml config --services)
for service in kafka postgres gateway-service application-service birth-cert-service vaccination-service \
               hukou-service insurance-service sscard-service notification-service; do
  grep -qx "$service" <<< "$services" \
    || { echo "docker-compose.yml lacks service $service" >&2; exit 1; }
done
echo "docker-compose.yml is valid"
