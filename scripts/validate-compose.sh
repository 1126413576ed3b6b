#!/usr/bin/env bash
# Validates docker-compose.yml statically (no Docker engine needed): uses `docker compose` (v2)
# if present, else `docker-compose`, installing Debian's docker-compose with apt-get if neither
# exists; runs `config -q` on the file, then checks the platform's wiring in the resolved config.
# Exits non-zero on any error.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

FILE=docker-compose.yml
[ -f "$FILE" ] || { echo "error: $ROOT/$FILE not found" >&2; exit 1; }
[ -f docker/service.Dockerfile ] || { echo "error: docker/service.Dockerfile not found" >&2; exit 1; }

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  if ! command -v docker-compose >/dev/null 2>&1; then
    echo "No compose tool found; installing Debian's docker-compose (apt-get) to validate $FILE ..." >&2
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null 2>&1 || { echo "error: need root (or sudo) to apt-get install docker-compose" >&2; exit 1; }
      sudo=(sudo)
    fi
    command -v apt-get >/dev/null 2>&1 || { echo "error: no apt-get: install docker compose yourself" >&2; exit 1; }
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
    hash -r
    command -v docker-compose >/dev/null 2>&1 \
      || { echo "error: docker-compose is still not on the PATH after apt-get install" >&2; exit 1; }
  fi
  compose=(docker-compose)
fi
echo "Validating $FILE with: ${compose[*]} ($("${compose[@]}" version --short 2>/dev/null || echo '?'))"

"${compose[@]}" -f "$FILE" config -q

# The platform's wiring, checked on the resolved (anchors and merges expanded) configuration.
resolved=$("${compose[@]}" -f "$FILE" config)
if ! python3 -c 'import yaml' >/dev/null 2>&1; then
  echo "python3 with PyYAML not found: skipping the wiring checks (the file itself is valid)." >&2
  exit 0
fi
python3 - "$resolved" <<'PY'
import sys, yaml

config = yaml.safe_load(sys.argv[1])
services = config.get("services", {})
backends = ["application-service", "birth-cert-service", "vaccination-service", "hukou-service",
            "insurance-service", "sscard-service", "notification-service"]
ports = dict(zip(backends, range(8081, 8088)), **{"gateway-service": 8080})
errors = []

def env(name):
    value = services[name].get("environment") or {}
    if isinstance(value, list):
        value = dict(item.split("=", 1) for item in value)
    return {k: ("" if v is None else str(v)) for k, v in value.items()}

def healthy_deps(name):
    deps = services[name].get("depends_on") or {}
    if isinstance(deps, list):
        return {}
    return {k: (v or {}).get("condition") for k, v in deps.items()}

missing = [s for s in ["kafka", "postgres", *ports] if s not in services]
if missing:
    errors.append("missing services: " + ", ".join(missing))
for infra in ("kafka", "postgres"):
    if infra in services and not (services[infra].get("healthcheck") or {}).get("test"):
        errors.append(infra + " has no healthcheck")
for name, port in ports.items():
    if name not in services:
        continue
    build = services[name].get("build") or {}
    if not str(build.get("dockerfile", "")).endswith("docker/service.Dockerfile"):
        errors.append(f"{name}: not built with docker/service.Dockerfile")
    if (build.get("args") or {}).get("MODULE") != name:
        errors.append(f"{name}: build arg MODULE is not {name}")
    e = env(name)
    if e.get("SERVER_PORT") != str(port):
        errors.append(f"{name}: SERVER_PORT is not {port}")
    deps = healthy_deps(name)
    wanted = backends \
        if name == "gateway-service" \
        else ["kafka", "postgres"]
    for dep in wanted:
        if deps.get(dep) != "service_healthy":
            errors.append(f"{name}: does not depend on {dep} with condition service_healthy")
    if name == "gateway-service":
        for key, value in {"APPLICATION_SERVICE_URL": "http://application-service:8081",
                           "NOTIFICATION_SERVICE_URL": "http://notification-service:8087",
                           "HUKOU_SERVICE_URL": "http://hukou-service:8084",
                           "BIRTH_CERT_SERVICE_URL": "http://birth-cert-service:8082",
                           "VACCINATION_SERVICE_URL": "http://vaccination-service:8083",
                           "INSURANCE_SERVICE_URL": "http://insurance-service:8085",
                           "SSCARD_SERVICE_URL": "http://sscard-service:8086"}.items():
            if e.get(key) != value:
                errors.append(f"{name}: {key} is not {value}")
    else:
        for key, value in {"DB_HOST": "postgres", "KAFKA_BOOTSTRAP_SERVERS": "kafka:9092"}.items():
            if e.get(key) != value:
                errors.append(f"{name}: {key} is not {value}")
# Least privilege: PostgreSQL with a password (no trust), each service connecting as its own role,
# one of the databases its init script makes (docker/postgres-init.sh).
postgres_env = env("postgres") if "postgres" in services else {}
if not postgres_env.get("POSTGRES_PASSWORD"):
    errors.append("postgres: POSTGRES_PASSWORD is not set")
if postgres_env.get("POSTGRES_HOST_AUTH_METHOD", "") == "trust":
    errors.append("postgres: POSTGRES_HOST_AUTH_METHOD is trust (passwords, please)")
db_users = {name: env(name).get("DB_USER", "") for name in backends if name in services}
for name, user in db_users.items():
    if user in ("", postgres_env.get("POSTGRES_USER", "postgres")):
        errors.append(f"{name}: DB_USER is not a role of its own")
    elif user not in postgres_env.get("BIRTH_DATABASES", "").split():
        errors.append(f"{name}: DB_USER {user} is not one of postgres's BIRTH_DATABASES")
    if not env(name).get("DB_PASSWORD"):
        errors.append(f"{name}: DB_PASSWORD is empty")
if len(set(db_users.values())) != len(db_users):
    errors.append("two services share a DB_USER")
departments = ["birth-cert-service", "vaccination-service", "hukou-service", "insurance-service", "sscard-service"]
for name in departments:
    if name in services and env(name).get("REFERENCE_DATA_DIR") != "/reference-data":
        errors.append(f"{name}: REFERENCE_DATA_DIR is not /reference-data")
callbacks = {"insurance-service": {"TAX_CHANNEL_URL": "http://simulator:8080",
                                   "TAX_CHANNEL_CALLBACK_URL": "http://insurance-service:8085/api/v1/payment-callbacks"},
             "sscard-service": {"CARD_CALLBACK_URL": "http://sscard-service:8086/api/v1/card-callbacks"}}
if "simulator" not in services:
    errors.append("missing service: simulator")
for name, wanted_env in callbacks.items():
    for key, value in wanted_env.items():
        if name in services and env(name).get(key) != value:
            errors.append(f"{name}: {key} is not {value}")
kafka_env = env("kafka") if "kafka" in services else {}
for key, value in {"KAFKA_ADVERTISED_LISTENERS": "PLAINTEXT://kafka:9092",
                   "KAFKA_AUTO_CREATE_TOPICS_ENABLE": "false",
                   "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR": "1"}.items():
    if kafka_env.get(key) != value:
        errors.append(f"kafka: {key} is not {value}")
# Access control: every service on the dev profile with the shared local secrets (this is a local
# topology), backends listening on their container network, the gateway's rate limits on Redis.
for name in [*ports, "simulator"]:
    if name not in services:
        continue
    e = env(name)
    if e.get("DEV_KEYS_DIR") != "/dev-keys":
        errors.append(f"{name}: DEV_KEYS_DIR is not /dev-keys")
    mounts = [str(v.get("source", "")) + ":" + str(v.get("target", "")) if isinstance(v, dict) else str(v)
              for v in services[name].get("volumes") or []]
    if not any(m.endswith(":/dev-keys") or ":/dev-keys:" in m for m in mounts):
        errors.append(f"{name}: the dev-keys volume is not mounted at /dev-keys")
    if name in ports and e.get("SPRING_PROFILES_ACTIVE") != "dev":
        errors.append(f"{name}: SPRING_PROFILES_ACTIVE is not dev")
for name in backends:
    if name in services and env(name).get("SERVER_ADDRESS") != "0.0.0.0":
        errors.append(f"{name}: SERVER_ADDRESS is not 0.0.0.0 (services listen on loopback by default)")
if "redis" not in services or not (services["redis"].get("healthcheck") or {}).get("test"):
    errors.append("missing redis with a healthcheck (the gateway's rate limits)")
if "gateway-service" in services:
    if env("gateway-service").get("REDIS_HOST") != "redis":
        errors.append("gateway-service: REDIS_HOST is not redis")
    if healthy_deps("gateway-service").get("redis") != "service_healthy":
        errors.append("gateway-service: does not depend on redis with condition service_healthy")
if "sscard-service" in services and env("sscard-service").get("CARD_BANK_ALLOWED_URLS") != "http://simulator:8080/bank/":
    errors.append("sscard-service: CARD_BANK_ALLOWED_URLS is not http://simulator:8080/bank/")
published = {name: s.get("ports") for name, s in services.items() if s.get("ports") and not s.get("profiles")}
if set(published) != {"gateway-service"}:
    errors.append("only gateway-service may publish ports by default; publishing: " + ", ".join(sorted(published)))

if errors:
    print("docker-compose.yml is not what the platform needs:", *errors, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print(f"docker-compose.yml is valid: {len(services)} services, wiring checked")
PY
