#!/usr/bin/env bash
# Fuzzes every file reader with Jazzer, one target at a time (libFuzzer runs once per JVM), and prints a table of
# executions, coverage at start and end (`cov:` must grow: an uninstrumented run stays flat) and findings.
# Usage: scripts/fuzz.sh [DURATION per target, default 60s] [TARGET filter, a grep pattern over Class#method]
# A finding fails its target: Jazzer saves the input as src/test/resources/.../<Class>Inputs/<method>/crash-*,
# where the plain test run replays it from then on; fix the reader and keep the file as a regression seed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
cd "$root"
duration="${1:-60s}"
filter="${2:-.}"
targets=(
  "embedkit-core VectorFileFuzzTest#word2vecText"
  "embedkit-core VectorFileFuzzTest#word2vecBinary"
  "embedkit-core VectorFileFuzzTest#glove"
  "embedkit-core VectorFileFuzzTest#detected"
  "embedkit-core VectorFileFuzzTest#safetensors"
  "embedkit-core VectorFileFuzzTest#npy"
  "embedkit-core VectorFileFuzzTest#gguf"
  "embedkit-core VectorFileFuzzTest#fastTextBin"
  "embedkit-core ModelDirectoryFuzzTest#modelDirectory"
  "embedkit-core TokenizerFuzzTest#tokenizerJson"
  "embedkit-core TokenizerFuzzTest#gpt2Files"
  "embedkit-train CorpusFuzzTest#corpusText"
  "embedkit-train CorpusFuzzTest#corpusGzip"
)
logs="$root/target/fuzz"
mkdir -p "$logs"
# compile once; each target then runs only its own test
mvn -B -ntp -q -pl embedkit-train -am test-compile || exit 1
failed=0
printf '| target | executions | cov at start → end | result |\n|---|---:|---|---|\n'
for entry in "${targets[@]}"; do
  module="${entry%% *}"; target="${entry#* }"
  echo "$target" | grep -q -- "$filter" || continue
  log="$logs/${target/\#/.}.log"
  # core runs its compiled tests directly; train needs core's classes from the reactor, so it goes through `test`
  goals="-pl $module surefire:test"; [ "$module" = embedkit-train ] && goals="-pl embedkit-train -am test"
  JAZZER_FUZZ=1 mvn -B -ntp -o $goals -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.max_duration="$duration" >"$log" 2>&1
  status=$?
  runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
  start=$(sed -n 's/.*INITED cov: \([0-9]*\).*/\1/p' "$log" | head -1)
  end=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  result="ok"
  if [ $status -ne 0 ]; then result="FINDING or failure, see $log"; failed=1
  elif [ -z "$runs" ]; then result="did not fuzz, see $log"; failed=1; fi
  printf '| %s | %s | %s → %s | %s |\n' "$target" "${runs:-?}" "${start:-?}" "${end:-?}" "$result"
done
exit $failed
