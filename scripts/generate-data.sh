#!/usr/bin/env bash
# Writes a consistent synthetic data set: families' application forms and what the departments
# hold about them, one folder per department (health, cdc, police, medical_insurance,
# human_resources), for demos, tests and benchmarks.
#
# Usage: scripts/generate-data.sh [--families N] [--seed S] [--day YYYY-MM-DD] [--out DIR]
#                                 [--template FORM.json] [--simulator-url URL]
#   defaults: 20 families (at most 1,000,000; 100,000 take some 15 s), seed 1, today in China,
#   .run/reference-data, scripts/sample-application.json (always family 1), http://127.0.0.1:8089 (where
#   the banks' card-making interfaces answer: the WireMock simulator)
# The same options and day give the same files, byte for byte; every parent is a different person.
# Forms are applications/family-00001.json, ... (family-100000.json past 99,999); files of the same
# names in DIR are replaced, and forms beyond N removed.
# Load it: REFERENCE_DATA_DIR=DIR for the services (scripts/run-platform.sh does this), or POST each
# CSV to /api/v1/departments/<DEPARTMENT>/reference/<dataset> (Content-Type: text/csv).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
JAR=data-generator/target/data-generator-0.1.0-SNAPSHOT-exec.jar
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package -pl data-generator -am
exec "$JAVA_HOME/bin/java" -jar "$JAR" "$@"
