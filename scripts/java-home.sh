# shellcheck shell=bash
# Sourced by the other scripts (". scripts/java-home.sh"): makes sure JAVA_HOME is a JDK 21 or newer.
# Keeps JAVA_HOME if it already is one; otherwise picks the newest JDK >= 21 under /usr/lib/jvm
# (or the one on the PATH), exports JAVA_HOME and puts its bin/ first on PATH.
# Fails (return 1 when sourced, exit 1 otherwise) with a clear message if there is none.
# Safe under "set -euo pipefail".

# Prints the major version of the JDK at $1 (8 for 1.8), or nothing if $1 is not a usable JDK.
_jh_major() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \(1\.\)\{0,1\}\([0-9][0-9]*\).*/\2/p' | head -n 1 || true
}

_jh_fits() { # JAVA_HOME candidate
  local major
  major=$(_jh_major "$1")
  [ -n "$major" ] && [ "$major" -ge 21 ]
}

if [ -z "${JAVA_HOME:-}" ] || ! _jh_fits "$JAVA_HOME"; then
  _jh_best="" _jh_best_major=0
  _jh_candidates=(/usr/lib/jvm/*)
  if command -v javac >/dev/null 2>&1; then
    _jh_candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for _jh_candidate in "${_jh_candidates[@]}"; do
    [ -d "$_jh_candidate" ] || continue
    _jh_m=$(_jh_major "$_jh_candidate")
    if [ -n "$_jh_m" ] && [ "$_jh_m" -ge 21 ] && [ "$_jh_m" -gt "$_jh_best_major" ]; then
      _jh_best="$_jh_candidate" _jh_best_major="$_jh_m"
    fi
  done
  if [ -z "$_jh_best" ]; then
    echo "error: no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-<unset>} is missing, not a JDK, or older;" \
         "nothing suitable under /usr/lib/jvm or on the PATH)." >&2
    echo "Install one (e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+) or set JAVA_HOME to it." >&2
    unset _jh_best _jh_best_major _jh_candidates _jh_candidate _jh_m
    unset -f _jh_major _jh_fits
    # shellcheck disable=SC2317
    return 1 2>/dev/null || exit 1
  fi
  if [ -n "${JAVA_HOME:-}" ]; then
    echo "JAVA_HOME=$JAVA_HOME is not a JDK 21+; using $_jh_best" >&2
  fi
  JAVA_HOME="$_jh_best"
  unset _jh_best _jh_best_major _jh_candidates _jh_candidate _jh_m
fi
unset -f _jh_major _jh_fits
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
