# Sourced by ./embedkit, scripts/test and .ci/run: finds a JDK >= 25 and exports JAVA_HOME and PATH for it.
# Looks at $JAVA_HOME first, then the usual /usr/lib/jvm locations.

embedkit_java_major() { # prints the feature version of the JDK at $1, or nothing
  local release="$1/release"
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
  fi
}

embedkit_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    major=$(embedkit_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! EMBEDKIT_JDK=$(embedkit_find_jdk); then
  echo "embedkit: no JDK 25 or newer found (looked at JAVA_HOME='${JAVA_HOME:-}' and /usr/lib/jvm)." >&2
  echo "embedkit: install Temurin 25 (or any JDK >= 25) and set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME="$EMBEDKIT_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8's bundled Guava warns about sun.misc.Unsafe on JDK 24+; the access is harmless.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
