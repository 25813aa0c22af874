#!/usr/bin/env bash
# embedkit against its peers in one run, on the same corpus and settings, scored by the same evaluator.
# For each thread count in THREADS, dim in DIMS and model in MODELS: each peer in PEERS, then embedkit (window 5,
# negative 5, sample 1e-4, min-count 5, 3 epochs; alpha 0.025 skip-gram, 0.05 CBOW), each under /usr/bin/time -v;
# then ../shared/bench/eval_vectors.py on every output. Prints markdown tables: every run; embedkit against the
# fastest peer (words/s), the leanest (peak RSS) and the best (quality) of each model, dim and thread count; with
# several THREADS, the scaling from the fewest; with sgns-hogbatch, its speed-up over plain skip-gram.
# Usage: scripts/bench-train.sh CORPUS WORD2VEC_BINARY PEERS_BENCH_DIR EVAL_DIR [OUT_DIR]
#   e.g. scripts/bench-train.sh /tmp/baseline/corpus/corpus.txt \
#          /tmp/baseline/w2v/node_modules/word2vec/src/word2vec /work/shared/bench /work/shared/data/eval
# word2vec C: ../shared/bench/run-baselines.sh installs it (npm word2vec@1.1.5, whose src/ is word2vec.c), or
#   (mkdir -p /tmp/baseline/w2v && cd /tmp/baseline/w2v && npm install word2vec@1.1.5 && make -C node_modules/word2vec/src word2vec)
# Environment: PEERS (default "word2vec"; "gensim" is Debian's gensim in corpus_file mode with run-baselines.sh's
# settings, scripts/bench-py/gensim_train.py; "word2vec gensim" runs both), DIMS (default "100 300"), MODELS
# (default "sgns cbow"; also "sgns-hogbatch" and "cbow-hogbatch": embedkit's `train --hogbatch`, compared with the
# peers' skip-gram or CBOW, which run once per dim and thread count however many models of that kind are listed), THREADS (default "2"; a list such as
# "1 2" runs everything at each count), EPOCHS (3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$1" w2v="$2" shared_bench="$3" eval="$4" out="${5:-${TMPDIR:-/tmp}/embedkit-bench-train}"
dims="${DIMS:-100 300}" models="${MODELS:-sgns cbow}" thread_counts="${THREADS:-2}" epochs="${EPOCHS:-3}"
peers="${PEERS:-word2vec}"
for peer in $peers; do
  case "$peer" in
    word2vec | gensim) ;;
    *) echo "bench-train: PEERS lists word2vec and/or gensim, not '$peer'" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
tokens=$(wc -w < "$corpus")
"$root/embedkit" --version > /dev/null 2>&1 # build first, outside the timings

record() { # record TOOL MODEL DIM THREADS PREFIX VECTORS: scores VECTORS, then one JSON row from PREFIX.time/.json
  /usr/bin/python3 "$shared_bench/eval_vectors.py" "$6" "$eval/questions-words.txt" ws353="$eval/wordsim353.tsv" > "$5.json"
  /usr/bin/python3 - "${@:1:5}" "$tokens" "$epochs" >> "$results" <<'PY'
import json, re, sys
tool, model, dim, threads, prefix, tokens, epochs = sys.argv[1:8]
t = open(prefix + ".time").read()
h, m, s = ([0] + [float(x) for x in re.search(r"Elapsed \(wall clock\) time.*: ([\d:.]+)", t).group(1).split(":")])[-3:]
wall = h * 3600 + m * 60 + s
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
scores = json.load(open(prefix + ".json"))
print(json.dumps(dict(tool=tool, model=model, dim=int(dim), threads=int(threads), wall=wall, rss=rss,
                      wps=int(tokens) * int(epochs) / wall, analogy=100 * scores["analogy_total"], rho=scores["ws353"])))
PY
}

run_peer() { # run_peer PEER MODEL DIM THREADS: trains the peer (word2vec or gensim) and records it
  local peer="$1" model="$2" dim="$3" threads="$4" sg=1 alpha=0.025
  [ "$model" = cbow ] && sg=0 alpha=0.05
  local p="$out/$peer-$model-$dim-t$threads"
  case "$peer" in
    word2vec)
      /usr/bin/time -v -o "$p.time" "$w2v" -train "$corpus" -output "$p.vec" -size "$dim" -window 5 -negative 5 -hs 0 \
        -sample 1e-4 -threads "$threads" -iter "$epochs" -min-count 5 -cbow $((1 - sg)) -alpha $alpha -binary 0 \
        > "$p.log" 2>&1
      record word2vec-C "$model" "$dim" "$threads" "$p" "$p.vec" ;;
    gensim) # as run-baselines.sh: gensim calls BLAS on single short vectors only
      OPENBLAS_NUM_THREADS=1 /usr/bin/time -v -o "$p.time" /usr/bin/python3 "$root/scripts/bench-py/gensim_train.py" \
        $sg "$corpus" "$p.vec" "$dim" 5 5 1e-4 5 "$epochs" "$threads" $alpha > "$p.log" 2>&1
      record gensim "$model" "$dim" "$threads" "$p" "$p.vec" ;;
  esac
}

results="$out/results.jsonl"
: > "$results"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt"
for threads in $thread_counts; do
  for dim in $dims; do
    peers_done=""
    for model in $models; do
      base="${model%-hogbatch}" extra=()
      [ "$model" != "$base" ] && extra=(--hogbatch)
      alpha=0.025; [ "$base" = cbow ] && alpha=0.05
      if [[ " $peers_done " != *" $base "* ]]; then
        for peer in $peers; do run_peer "$peer" "$base" "$dim" "$threads"; done
        peers_done="$peers_done $base"
      fi
      p="$out/embedkit-$model-$dim-t$threads"
      /usr/bin/time -v -o "$p.time" "$root/embedkit" train "$corpus" -o "$p" --overwrite --model "$base" --dim "$dim" \
        --window 5 --negative 5 --sample 1e-4 --min-count 5 --epochs "$epochs" --threads "$threads" --alpha $alpha \
        "${extra[@]}" --save-word2vec "$p.txt" --log "$p.jsonl" > "$p.log" 2>&1
      record embedkit "$model" "$dim" "$threads" "$p" "$p.txt"
      echo "done $model d=$dim threads=$threads, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
    done
  done
done

/usr/bin/python3 - "$results" "$tokens" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"corpus: {sys.argv[2]} tokens")
print("| model | dim | threads | tool | wall s | words/s | peak RSS MB | analogy % | WS-353 ρ |")
print("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['model']} | {r['dim']} | {r['threads']} | {r['tool']} | {r['wall']:.0f} | {r['wps']:,.0f} | "
          f"{r['rss']:.0f} | {r['analogy']:.1f} | {r['rho']:.3f} |")

peers = {}  # (model, dim, threads) -> the peers' rows
for r in rows:
    if r["tool"] != "embedkit":
        peers.setdefault((r["model"], r["dim"], r["threads"]), []).append(r)
print()
print("| model | dim | threads | speed vs the fastest peer | RSS vs the leanest peer | analogy Δ points vs the best peer "
      "| ρ Δ vs the best peer |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    group = peers.get((r["model"].removesuffix("-hogbatch"), r["dim"], r["threads"]))
    if r["tool"] != "embedkit" or not group:
        continue
    fastest = max(group, key=lambda p: p["wps"])
    leanest = min(group, key=lambda p: p["rss"])
    best_analogy = max(group, key=lambda p: p["analogy"])
    best_rho = max(group, key=lambda p: p["rho"])
    print(f"| {r['model']} | {r['dim']} | {r['threads']} | {r['wps'] / fastest['wps']:.2f}× {fastest['tool']} | "
          f"{r['rss'] / leanest['rss']:.2f}× {leanest['tool']} | {r['analogy'] - best_analogy['analogy']:+.1f} "
          f"{best_analogy['tool']} | {r['rho'] - best_rho['rho']:+.3f} {best_rho['tool']} |")

fewest = min(r["threads"] for r in rows)
base_runs = {(r["tool"], r["model"], r["dim"]): r for r in rows if r["threads"] == fewest}
scaled = [r for r in rows if r["threads"] != fewest and (r["tool"], r["model"], r["dim"]) in base_runs]
if scaled:
    print()
    print(f"| model | dim | tool | threads | words/s | speed-up over {fewest} thread(s) |")
    print("|---|---|---|---|---|---|")
    for r in scaled:
        print(f"| {r['model']} | {r['dim']} | {r['tool']} | {r['threads']} | {r['wps']:,.0f} | "
              f"{r['wps'] / base_runs[(r['tool'], r['model'], r['dim'])]['wps']:.2f}× |")

plain = {(r["model"], r["dim"], r["threads"]): r for r in rows if r["tool"] == "embedkit"}
batched = [r for r in rows if r["model"].endswith("-hogbatch")
           and (r["model"].removesuffix("-hogbatch"), r["dim"], r["threads"]) in plain]
if batched:
    print()
    print("| model | dim | threads | speed hogbatch/plain | analogy Δ points | ρ Δ |")
    print("|---|---|---|---|---|---|")
    for r in batched:
        p = plain[(r["model"].removesuffix("-hogbatch"), r["dim"], r["threads"])]
        print(f"| {r['model']} | {r['dim']} | {r['threads']} | {r['wps'] / p['wps']:.2f}× | {r['analogy'] - p['analogy']:+.1f} | "
              f"{r['rho'] - p['rho']:+.3f} |")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
