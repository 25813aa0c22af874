#!/usr/bin/env bash
# embedkit --subwords against fastText in one run, on the same corpus and settings, scored by the same evaluator.
# fastText (Debian's `fasttext skipgram`) then embedkit (`train --subwords`), then embedkit's word-only skip-gram
# for reference, each under /usr/bin/time -v: skip-gram, dim 100, window 5, negative 5, sample 1e-4, min-count 5,
# minn 3, maxn 6, 2,000,000 buckets, 3 epochs, 2 threads, learning rate 0.05 (fastText's). All three are scored by
# `embedkit eval` (it reads fastText's .bin too): analogy accuracy on questions-words.txt (top 30,000 words;
# semantic, syntactic, total) and WordSim-353 ρ. Prints one markdown table.
# Usage: scripts/bench-subwords.sh CORPUS [EVAL_DIR] [OUT_DIR]
#   CORPUS: one text file, tokens separated by spaces (e.g. ../shared/bench's corpus, or a lowercased KJV)
#   EVAL_DIR: holds questions-words.txt and wordsim353.tsv (default /work/shared/data/eval)
# Environment: DIM (100), EPOCHS (3), THREADS (2), BUCKETS (2000000), ALPHA (0.05), WORD_ONLY (1: also the
# word-only embedkit run; 0 skips it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$1" eval="${2:-/work/shared/data/eval}" out="${3:-${TMPDIR:-/tmp}/embedkit-bench-subwords}"
dim="${DIM:-100}" epochs="${EPOCHS:-3}" threads="${THREADS:-2}" buckets="${BUCKETS:-2000000}" alpha="${ALPHA:-0.05}"
command -v fasttext > /dev/null || { echo "needs Debian's fasttext (apt-get install fasttext)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
mkdir -p "$out"
tokens=$(wc -w < "$corpus")
"$root/embedkit" --version > /dev/null 2>&1 # build first, outside the timings

score() { # score NAME MODEL: wall s, peak RSS MB, words/s, analogy %, ρ as one JSON line
  local name="$1" model="$2" p="$out/$1"
  "$root/embedkit" eval "$model" --analogies "$eval/questions-words.txt" --similarity "$eval/wordsim353.tsv" \
    --format json > "$p.eval.json" 2> /dev/null
  /usr/bin/python3 - "$name" "$p" "$tokens" "$epochs" <<'PY'
import json, re, sys
name, prefix, tokens, epochs = sys.argv[1:5]
t = open(prefix + ".time").read()
h, m, s = ([0] + [float(x) for x in re.search(r"Elapsed \(wall clock\) time.*: ([\d:.]+)", t).group(1).split(":")])[-3:]
wall = h * 3600 + m * 60 + s
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
e = json.load(open(prefix + ".eval.json"))
a = e["analogies"]
print(json.dumps(dict(tool=name, wall=wall, rss=rss, wps=int(tokens) * int(epochs) / wall,
                      semantic=100 * a["semantic"]["accuracy"], syntactic=100 * a["syntactic"]["accuracy"],
                      total=100 * a["total"]["accuracy"], asked=a["total"]["asked"],
                      rho=e["similarity"][0]["spearman"])))
PY
}

results="$out/results.jsonl"
: > "$results"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt"

/usr/bin/time -v -o "$out/fasttext.time" fasttext skipgram -input "$corpus" -output "$out/fasttext" -dim "$dim" \
  -ws 5 -neg 5 -t 1e-4 -minCount 5 -minn 3 -maxn 6 -bucket "$buckets" -epoch "$epochs" -thread "$threads" \
  -lr "$alpha" > "$out/fasttext.log" 2>&1
score fasttext "$out/fasttext.bin" >> "$results"

common=(--model sgns --dim "$dim" --window 5 --negative 5 --sample 1e-4 --min-count 5 --epochs "$epochs"
        --threads "$threads" --alpha "$alpha" --overwrite)
/usr/bin/time -v -o "$out/embedkit-subwords.time" "$root/embedkit" train "$corpus" -o "$out/embedkit-subwords" \
  "${common[@]}" --subwords 3:6 --buckets "$buckets" > "$out/embedkit-subwords.log" 2>&1
score embedkit-subwords "$out/embedkit-subwords" >> "$results"

if [ "${WORD_ONLY:-1}" = 1 ]; then
  /usr/bin/time -v -o "$out/embedkit-words.time" "$root/embedkit" train "$corpus" -o "$out/embedkit-words" \
    "${common[@]}" > "$out/embedkit-words.log" 2>&1
  score embedkit-words "$out/embedkit-words" >> "$results"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"

/usr/bin/python3 - "$results" "$tokens" "$corpus" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"corpus: {sys.argv[3]} ({int(sys.argv[2]):,} tokens)")
print("| tool | wall s | words/s | peak RSS MB | analogy % sem / syn / total (asked) | WS-353 ρ |")
print("|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['tool']} | {r['wall']:.0f} | {r['wps']:,.0f} | {r['rss']:.0f} | "
          f"{r['semantic']:.1f} / {r['syntactic']:.1f} / {r['total']:.1f} ({r['asked']:,}) | {r['rho']:.3f} |")
PY
