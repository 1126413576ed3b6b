#!/usr/bin/env bash
# Writes a consistent synthetic data set: families' application forms and what the departments
# hold about them, one folder per department (health, cdc, police, medical_insurance,
# human_resources), for demos, tests and benchmarks.
#
# Usage: scripts/generate-data.sh [--families N] [--seed S] [--out DIR] [--template FORM.json]
#                                 [--simulator-url URL]
#   defaults: 20 families, seed 1, .run/reference-data, scripts/sample-application.json (always family 1),
#   http://127.0.0.1:8089 (where the banks' card-making interfaces answer: the WireMock simulator)
# Load it: REFERENCE_DATA_DIR=DIR for the services (scripts/run-platform.sh does this), or POST each
# CSV to /api/v1/departments/<DEPARTMENT>/reference/<dataset> (Content-Type: text/csv).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
JAR=data-generator/target/data-generator-0.1.0-SNAPSHOT-exec.jar
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests install -pl data-generator -am
exec "$JAVA_HOME/bin/java" -jar "$JAR" "$@"
