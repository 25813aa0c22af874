#!/usr/bin/env bash
# The server's soak test (embedkit-server's SoakTest; the default suite runs it for 20 s): DURATION seconds (default
# 600) of valid requests to every route mixed with abuse from THREADS client threads (default 4, Jetty's HttpClient),
# slow sockets and a training-log stream, on loopback, to the server in a JVM of its own (-Xmx256m), whose heap and RSS
# the table reports. Fails on any 5xx, wrong status, unanswered request, hang or heap growth; prints the table (also
# kept in embedkit-server/target/soak-report.md).
# Usage: scripts/soak.sh [DURATION_S] [THREADS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/reported-test.sh"
run_reported_test embedkit-server SoakTest embedkit-server/target/soak-report.md \
  -Dembedkit.soak.seconds="${1:-600}" -Dembedkit.soak.threads="${2:-4}"
