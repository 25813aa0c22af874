#!/usr/bin/env bash
# embedkit against word2vec C in one run, on the same corpus and settings, scored by the same evaluator.
# For each dim in DIMS and model in MODELS: word2vec C, then embedkit (window 5, negative 5, sample 1e-4,
# min-count 5, 3 epochs, 2 threads; alpha 0.025 skip-gram, 0.05 CBOW), each under /usr/bin/time -v; then
# ../shared/bench/eval_vectors.py on both outputs. Prints one markdown table with the ratios.
# Usage: scripts/bench-train.sh CORPUS WORD2VEC_BINARY PEERS_BENCH_DIR EVAL_DIR [OUT_DIR]
#   e.g. scripts/bench-train.sh /tmp/baseline/corpus/corpus.txt \
#          /tmp/baseline/w2v/node_modules/word2vec/src/word2vec /work/shared/bench /work/shared/data/eval
# word2vec C: ../shared/bench/run-baselines.sh installs it (npm word2vec@1.1.5, whose src/ is word2vec.c), or
#   (mkdir -p /tmp/baseline/w2v && cd /tmp/baseline/w2v && npm install word2vec@1.1.5 && make -C node_modules/word2vec/src word2vec)
# Environment: DIMS (default "100 300"), MODELS (default "sgns cbow"; also "sgns-hogbatch" and "cbow-hogbatch":
# embedkit's `train --hogbatch`, compared with word2vec C's skip-gram or CBOW, run once per dim however many models
# of that kind are listed),
# THREADS (2), EPOCHS (3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$1" w2v="$2" peers="$3" eval="$4" out="${5:-${TMPDIR:-/tmp}/embedkit-bench-train}"
dims="${DIMS:-100 300}" models="${MODELS:-sgns cbow}" threads="${THREADS:-2}" epochs="${EPOCHS:-3}"
mkdir -p "$out"
tokens=$(wc -w < "$corpus")
"$root/embedkit" --version > /dev/null 2>&1 # build first, outside the timings

row() { # row TOOL MODEL DIM PREFIX: wall s, peak RSS MB, words/s, analogy %, ρ from PREFIX.time and PREFIX.json
  /usr/bin/python3 - "$@" "$tokens" "$epochs" <<'PY'
import json, re, sys
tool, model, dim, prefix, tokens, epochs = sys.argv[1:7]
t = open(prefix + ".time").read()
h, m, s = ([0] + [float(x) for x in re.search(r"Elapsed \(wall clock\) time.*: ([\d:.]+)", t).group(1).split(":")])[-3:]
wall = h * 3600 + m * 60 + s
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
scores = json.load(open(prefix + ".json"))
print(json.dumps(dict(tool=tool, model=model, dim=int(dim), wall=wall, rss=rss, wps=int(tokens) * int(epochs) / wall,
                      analogy=100 * scores["analogy_total"], rho=scores["ws353"])))
PY
}

results="$out/results.jsonl"
: > "$results"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt"
for dim in $dims; do
  peers_done=""
  for model in $models; do
    base="${model%-hogbatch}" extra=()
    [ "$model" != "$base" ] && extra=(--hogbatch)
    cbow=0 alpha=0.025; [ "$base" = cbow ] && cbow=1 alpha=0.05
    p="$out/w2v-$base-$dim"
    if [[ " $peers_done " != *" $base "* ]]; then
      /usr/bin/time -v -o "$p.time" "$w2v" -train "$corpus" -output "$p.vec" -size "$dim" -window 5 -negative 5 -hs 0 \
        -sample 1e-4 -threads "$threads" -iter "$epochs" -min-count 5 -cbow $cbow -alpha $alpha -binary 0 > "$p.log" 2>&1
      /usr/bin/python3 "$peers/eval_vectors.py" "$p.vec" "$eval/questions-words.txt" ws353="$eval/wordsim353.tsv" > "$p.json"
      row word2vec-C "$base" "$dim" "$p" >> "$results"
      peers_done="$peers_done $base"
    fi
    p="$out/embedkit-$model-$dim"
    /usr/bin/time -v -o "$p.time" "$root/embedkit" train "$corpus" -o "$p" --overwrite --model "$base" --dim "$dim" \
      --window 5 --negative 5 --sample 1e-4 --min-count 5 --epochs "$epochs" --threads "$threads" --alpha $alpha \
      "${extra[@]}" --save-word2vec "$p.txt" --log "$p.jsonl" > "$p.log" 2>&1
    /usr/bin/python3 "$peers/eval_vectors.py" "$p.txt" "$eval/questions-words.txt" ws353="$eval/wordsim353.tsv" > "$p.json"
    row embedkit "$model" "$dim" "$p" >> "$results"
    echo "done $model d=$dim, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
  done
done

/usr/bin/python3 - "$results" "$tokens" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"corpus: {sys.argv[2]} tokens")
print("| model | dim | tool | wall s | words/s | peak RSS MB | analogy % | WS-353 ρ |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['model']} | {r['dim']} | {r['tool']} | {r['wall']:.0f} | {r['wps']:,.0f} | {r['rss']:.0f} | {r['analogy']:.1f} | {r['rho']:.3f} |")
print()
print("| model | dim | speed embedkit/word2vec | RSS embedkit/word2vec | analogy Δ points | ρ Δ |")
print("|---|---|---|---|---|---|")
peer = {(r["model"], r["dim"]): r for r in rows if r["tool"] == "word2vec-C"}
for r in rows:
    base = r["model"].removesuffix("-hogbatch")
    if r["tool"] != "embedkit" or (base, r["dim"]) not in peer:
        continue
    p = peer[(base, r["dim"])]
    print(f"| {r['model']} | {r['dim']} | {r['wps'] / p['wps']:.2f}× | {r['rss'] / p['rss']:.2f} | "
          f"{r['analogy'] - p['analogy']:+.1f} | {r['rho'] - p['rho']:+.3f} |")
plain = {(r["model"], r["dim"]): r for r in rows if r["tool"] == "embedkit"}
batched = [r for r in rows if r["model"].endswith("-hogbatch") and (r["model"].removesuffix("-hogbatch"), r["dim"]) in plain]
if batched:
    print()
    print("| model | dim | speed hogbatch/plain | analogy Δ points | ρ Δ |")
    print("|---|---|---|---|---|")
    for r in batched:
        p = plain[(r["model"].removesuffix("-hogbatch"), r["dim"])]
        print(f"| {r['model']} | {r['dim']} | {r['wps'] / p['wps']:.2f}× | {r['analogy'] - p['analogy']:+.1f} | "
              f"{r['rho'] - p['rho']:+.3f} |")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
