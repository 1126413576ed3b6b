# Runs one end-to-end test class of e2e-tests (sourced by scripts/fuzz.sh and scripts/chaos.sh):
# builds what the packaged platform needs, then `verify` with only that class; the test starts a
# platform of its own on fresh databases.
# Usage: run_e2e_it <ClassName> [more Maven arguments, e.g. -Dfuzz.bodies=10000]
run_e2e_it() {
  local test="$1"; shift
  DB_HOST="${TEST_DB_HOST:-127.0.0.1}" DB_PORT="${TEST_DB_PORT:-5432}" scripts/ensure-postgres.sh
  exec ./mvnw -B verify -pl local-kafka,simulator,gateway-service,application-service,birth-cert-service,\
vaccination-service,hukou-service,insurance-service,sscard-service,notification-service,e2e-tests -am \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$test" -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dscale-out.skip="$([ "$test" = ScaleOutIT ] && echo false || echo true)" "$@"
}
