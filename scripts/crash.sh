#!/usr/bin/env bash
# The training crash test (embedkit-cli's TrainingCrashTest; the default suite kills 4 times): KILLS SIGKILLs
# (default 100) of `embedkit train --deterministic --checkpoint-every` in child JVMs, at moments spread over the
# training, the checkpoint writes and the final model write, each followed by --resume. Fails if a checkpoint does
# not load, a model is half-written, a resume fails, or a round ends with vectors other than an uninterrupted run's;
# prints the report (also kept in embedkit-cli/target/crash-report.md).
# Usage: scripts/crash.sh [KILLS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/reported-test.sh"
run_reported_test embedkit-cli TrainingCrashTest embedkit-cli/target/crash-report.md -Dembedkit.crash.kills="${1:-100}"
