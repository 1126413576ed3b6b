# Sourced by the other scripts: makes sure JAVA_HOME is a JDK 21 or newer.
# Keeps a suitable JAVA_HOME; otherwise picks the newest JDK >= 21 under /usr/lib/jvm.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
  best="" best_major=0
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate" best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "No JDK 21 or newer found (JAVA_HOME or /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-21-jdk'." >&2
    return 1 2>/dev/null || exit 1
  fi
  export JAVA_HOME="$best"
fi
export PATH="$JAVA_HOME/bin:$PATH"
