# Sourced by scripts/soak.sh and scripts/crash.sh: runs one long test through Maven, then prints the report it kept
# (or the end of the Maven log if it kept none) and returns the test's status.
# Usage: run_reported_test MODULE TEST_CLASS REPORT_FILE [-Dsetting=value ...]
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"

run_reported_test() {
  local module="$1" test="$2" report="$3"
  shift 3
  local name log status=0
  name="$(basename "$0" .sh)"
  log="${TMPDIR:-/tmp}/embedkit-$name.log"
  cd "$root"
  rm -f "$report"
  mvn -B -ntp -q -pl "$module" -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false "$@" > "$log" 2>&1 \
    || status=$?
  if [ -f "$report" ]; then
    cat "$report"
  else
    tail -50 "$log"
  fi
  [ "$status" -eq 0 ] || echo "$name: FAILED (Maven log: $log)" >&2
  return "$status"
}
