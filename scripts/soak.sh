#!/usr/bin/env bash
# The server's soak test (embedkit-server's SoakTest; the default suite runs it for 20 s): DURATION seconds (default
# 600) of valid requests to every route mixed with abuse from THREADS client threads (default 4, Jetty's HttpClient),
# slow sockets and a training-log stream, on loopback, to the server in a JVM of its own (-Xmx256m), whose heap and RSS
# the table reports. Fails on any 5xx, wrong status, unanswered request, hang or heap growth; prints the table (also
# kept in embedkit-server/target/soak-report.md).
# Usage: scripts/soak.sh [DURATION_S] [THREADS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
cd "$root"
duration="${1:-600}"
threads="${2:-4}"
report="embedkit-server/target/soak-report.md"
rm -f "$report"
status=0
mvn -B -ntp -q -pl embedkit-server -am test -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dembedkit.soak.seconds="$duration" -Dembedkit.soak.threads="$threads" > "${TMPDIR:-/tmp}/embedkit-soak.log" 2>&1 \
  || status=$?
if [ -f "$report" ]; then
  cat "$report"
else
  tail -50 "${TMPDIR:-/tmp}/embedkit-soak.log"
fi
[ "$status" -eq 0 ] || echo "soak: FAILED (Maven log: ${TMPDIR:-/tmp}/embedkit-soak.log)" >&2
exit "$status"
