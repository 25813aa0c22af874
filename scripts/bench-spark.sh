#!/usr/bin/env bash
# Distributed word2vec beside the single machine and Spark MLlib, on one corpus, scored by one evaluator:
#   embedkit      ./embedkit train, THREADS threads
#   spark-localN  scripts/spark-train --cores N --partitions N (ROUNDS rounds per epoch, merge sum), N = 1 and 2
#   mllib-localN  Spark MLlib's Word2Vec (scripts/bench-spark/MllibWord2Vec.java), local[N], numPartitions N
# All skip-gram (MODEL=sgns; MODEL=cbow for embedkit's rows, MLlib has only skip-gram), dim DIM, window 5,
# min-count 5, EPOCHS epochs, alpha 0.025 (0.05 for cbow); embedkit's rows with negative sampling (5) and
# subsampling (1e-4), MLlib with hierarchical softmax and no subsampling, the only training it has. Each run under
# /usr/bin/time -v (wall and peak RSS of the whole process: JVM, Spark start and the vocabulary pass included; "train
# s" is the tool's own training time), then ../shared/bench/eval_vectors.py on its word2vec-text vectors. Prints one
# markdown table.
# Usage: scripts/bench-spark.sh CORPUS [OUT_DIR]
# Environment: LINES (train on the first LINES lines only), EPOCHS (5), DIM (100), MODEL (sgns), ROUNDS (16),
#   THREADS (2), RUNS (default "embedkit spark-local1 spark-local2 mllib-local1 mllib-local2"), SHARED (../shared).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
source "$root/scripts/spark-jvm.sh"
corpus="$1" out="${2:-${TMPDIR:-/tmp}/embedkit-bench-spark}"
epochs="${EPOCHS:-5}" dim="${DIM:-100}" model="${MODEL:-sgns}" rounds="${ROUNDS:-16}" threads="${THREADS:-2}"
runs="${RUNS:-embedkit spark-local1 spark-local2 mllib-local1 mllib-local2}"
shared="${SHARED:-$root/../shared}"
alpha=0.025; [ "$model" = cbow ] && alpha=0.05
common=(--dim "$dim" --window 5 --negative 5 --sample 1e-4 --min-count 5 --epochs "$epochs" --alpha "$alpha"
        --model "$model")
mkdir -p "$out"
if [ -n "${LINES:-}" ]; then
  head -n "$LINES" "$corpus" > "$out/corpus.txt"
  corpus="$out/corpus.txt"
fi
tokens=$(wc -w < "$corpus")

# Build everything first, outside the timings.
"$root/embedkit" --version > /dev/null
spark_classpath > /dev/null
mllib_classpath="$(spark_classpath mllib)"

results="$out/results.jsonl"
: > "$results"
echo "corpus: $corpus, $tokens tokens; load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt"
for run in $runs; do
  p="$out/$run" vec="$out/$run.txt"
  case "$run" in
    embedkit)
      cmd=("$root/embedkit" train "$corpus" -o "$p" --overwrite "${common[@]}" --threads "$threads"
           --save-word2vec "$vec") ;;
    spark-local*)
      cores="${run#spark-local}"
      rm -rf "$p"
      cmd=("$root/scripts/spark-train" --cores "$cores" --input "$corpus" --output "$p" "${common[@]}"
           --partitions "$cores" --rounds "$rounds" --merge sum) ;;
    mllib-local*)
      cores="${run#mllib-local}"
      cmd=("$JAVA_HOME/bin/java" "${SPARK_JVM_FLAGS[@]}" -Dspark.master="local[$cores]" -cp "$mllib_classpath"
           "$root/scripts/bench-spark/MllibWord2Vec.java" "$corpus" "$vec" "$dim" 5 5 "$epochs" "$cores") ;;
    *) echo "bench-spark: unknown run $run" >&2; exit 1 ;;
  esac
  echo ">> $run: ${cmd[*]}" >> "$out/commands.txt"
  /usr/bin/time -v -o "$p.time" "${cmd[@]}" > "$p.log" 2>&1
  [[ "$run" == spark-local* ]] && "$root/embedkit" convert "$p" "$vec" > /dev/null
  /usr/bin/python3 "$shared/bench/eval_vectors.py" "$vec" "$shared/data/eval/questions-words.txt" \
    ws353="$shared/data/eval/wordsim353.tsv" > "$p.json"
  /usr/bin/python3 - "$run" "$p" "$tokens" "$epochs" >> "$results" <<'PY'
import json, re, sys
run, prefix, tokens, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
t = open(prefix + ".time").read()
h, m, s = ([0] + [float(x) for x in re.search(r"Elapsed \(wall clock\) time.*: ([\d:.]+)", t).group(1).split(":")])[-3:]
wall = h * 3600 + m * 60 + s
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
# each tool's own training time: "... words in 12.3 s", "... partitions in 32.1 s", "trained in 80.2 s"
train = re.search(r"(?:words|partitions|trained) in ([\d.]+) s\b", open(prefix + ".log").read())
scores = json.load(open(prefix + ".json"))
print(json.dumps(dict(run=run, wall=wall, train=float(train.group(1)) if train else None, rss=rss,
                      words=tokens * epochs, analogy=100 * scores["analogy_total"], seen=scores["analogy_seen"],
                      rho=scores["ws353"])))
PY
  echo "done $run, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
done

/usr/bin/python3 - "$results" "$tokens" "$epochs" "$dim" "$model" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"corpus: {sys.argv[2]} tokens × {sys.argv[3]} epochs, {sys.argv[5]} (MLlib: skip-gram HS), d {sys.argv[4]}")
print("| run | wall s | train s | words/s (wall) | words/s (train) | peak RSS MB | analogy % | questions | WS-353 ρ |")
print("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    train = f"{r['train']:.1f}" if r["train"] else "-"
    train_wps = f"{r['words'] / r['train']:,.0f}" if r["train"] else "-"
    print(f"| {r['run']} | {r['wall']:.1f} | {train} | {r['words'] / r['wall']:,.0f} | {train_wps} | {r['rss']:.0f} | "
          f"{r['analogy']:.2f} | {r['seen']} | {r['rho']:.3f} |")
PY
