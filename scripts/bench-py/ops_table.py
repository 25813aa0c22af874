"""The table of scripts/bench-ops.sh: reads the logs its steps wrote to OUT_DIR (neighbors, unembed, stack, load) and
the commands that wrote them (commands.tsv), and prints measure | embedkit | peer | ratio | target met? | command
as markdown, after the JMH forks' flags. A line it cannot find stops it, naming the log and the pattern.
Usage: python3 ops_table.py OUT_DIR"""
import re
import statistics
import sys
from pathlib import Path

HNSW_EF = 100  # what `neighbors --approximate` searches with by default


class Logs:
    def __init__(self, out):
        self.out = out
        self.texts = {}

    def text(self, step):
        if step not in self.texts:
            self.texts[step] = (self.out / f"{step}.log").read_text(errors="replace")
        return self.texts[step]

    def all(self, step, pattern):
        """Every match of pattern (a multi-line regex) in the step's log: the groups, numbers as floats."""
        found = [m.groups() for m in re.finditer(pattern, self.text(step), re.M)]
        if not found:
            sys.exit(f"ops_table: no line matching {pattern!r} in {self.out / (step + '.log')}")
        return [tuple(float(g) if re.fullmatch(r"[\d.]+", g) else g for g in groups) for groups in found]

    def one(self, step, pattern):
        return self.all(step, pattern)[0]

    def jmh(self, step, benchmark):
        """One JMH result line as {parameter: value, "score": score}; the parameters are named in the header line."""
        header = self.one(step, r"^(Benchmark .*)$")[0].split()
        params = [column.strip("()") for column in header if column.startswith("(")]
        for line in self.text(step).splitlines():
            fields = line.split()
            if fields and fields[0].endswith("." + benchmark):  # name, parameters…, mode, count, score
                result = {name: int(value) for name, value in zip(params, fields[1:])}
                result["score"] = float(fields[3 + len(params)])
                return result
        sys.exit(f"ops_table: no JMH result for {benchmark} in {self.out / (step + '.log')}")


def ms(value):
    digits = 0 if value >= 100 else 1 if value >= 10 else 2 if value >= 1 else 3
    return f"{value:.{digits}f} ms"


def ratio(ours, theirs):
    r = ours / theirs
    return f"{r:.2f}× ({1 / r:.1f}× faster)" if r < 1 else f"{r:.2f}×"


def target(ours, theirs, bound):
    r = ours / theirs
    return f"yes (≤ {bound:g}×)" if r <= bound else f"**no** (≤ {bound:g}×; {r / bound:.2f}× over)"


def main():
    out = Path(sys.argv[1])
    logs = Logs(out)
    commands = dict(line.rstrip("\n").split("\t", 1) for line in open(out / "commands.tsv", encoding="utf-8"))
    rows = []

    def row(measure, ours, peer, ratio_cell, met, step):
        rows.append((measure, ours, peer, ratio_cell, met, "`" + commands[step].replace("|", "\\|") + "`"))

    # Exact top-10: one query against gensim, a batch of 1000 against NumPy.
    vocab, dim = logs.one("neighbors", r"^table (\d+)x(\d+)")
    table = f"{vocab:.0f}×{dim:.0f}"
    gensim_single = logs.one("neighbors", r"^gensim most_similar: ([\d.]+) ms/query median")[0]
    single, same_single, compared = logs.one(
        "neighbors", r"^embedkit single query\s*: ([\d.]+) ms/query median.*vs gensim: (\d+)/(\d+) same top-10 set")
    batch_size, numpy_batch = logs.one("neighbors", r"^numpy batch of (\d+) in blocks of \d+: ([\d.]+) ms/query median")
    batch, same_batch = logs.one("neighbors", r"^embedkit batch of \d+\s*: ([\d.]+) ms/query median.*vs gensim: (\d+)/")
    kernels = logs.one("neighbors", r"kernels (\S+), \d+ cores")[0]
    row(f"exact top-10, one query, {table} (per query)", ms(single), f"gensim `most_similar` {ms(gensim_single)}",
        ratio(single, gensim_single), target(single, gensim_single, 1), "neighbors")
    row(f"exact top-10, batch of {batch_size:.0f}, {table} (per query)", ms(batch),
        f"NumPy `Q·Eᵀ` + `argpartition` {ms(numpy_batch)}", ratio(batch, numpy_batch),
        target(batch, numpy_batch, 1.5), "neighbors")

    # Unembedding: the JMH average against NumPy's median.
    numpy_sgemm = logs.one("unembed", r"^numpy \S+ \(/usr/bin/python3\): best [\d.]+ ms, median ([\d.]+) ms")[0]
    unembed = logs.jmh("unembed", "logits")
    logits = unembed["score"]
    row(f"unembedding logits, n={unembed['batch']}, d={unembed['dim']}, V={unembed['vocab']}", ms(logits),
        f"NumPy sgemm `H @ E.T` {ms(numpy_sgemm)}", ratio(logits, numpy_sgemm), target(logits, numpy_sgemm, 1.5),
        "unembed")

    # Stacking rows against one block copy of the same bytes into a fresh array.
    copy = logs.jmh("stack", "copyFresh")
    for benchmark, where in (("lookupHeap", "heap"), ("lookupMapped", "memory-mapped")):
        stacked = logs.jmh("stack", benchmark)["score"]
        row(f"`lookup(int[])` of {copy['ids']} random IDs, {copy['vocab']}×{copy['dim']} {where} table", ms(stacked),
            f"`System.arraycopy` of the same bytes {ms(copy['score'])}", ratio(stacked, copy["score"]),
            target(stacked, copy["score"], 1.5), "stack")

    # Loading: convert against gensim's reader (medians of 3 alternating runs), opening against size and gensim.
    bin_bytes, bin_vocab, bin_dim = logs.one("load", r"^x\.bin: (\d+) bytes \(V=(\d+), d=(\d+)\)")
    gensim_load = statistics.median(
        s for (s,) in logs.all("load", r"^gensim load_word2vec_format\(binary=True\): ([\d.]+) s"))
    convert = statistics.median(
        m for (m,) in logs.all("load", r"^embedkit convert \(wall, JVM start included\): (\d+) ms")) / 1000
    row(f"convert a {bin_bytes / 1e9:.2f} GB word2vec binary ({bin_vocab:.0f}×{bin_dim:.0f}) to a model directory "
        "(wall, JVM start included)", f"{convert:.2f} s", f"gensim `load_word2vec_format` {gensim_load:.2f} s",
        ratio(convert, gensim_load), target(convert, gensim_load, 0.5), "load")
    (_, big_mb, big_open), (_, thin_mb, thin_open) = logs.all(
        "load", r"^open model directory (\S+) \((\d+) MB\): first [\d.]+ ms, median ([\d.]+) ms")[:2]
    gensim_mb, gensim_open = logs.one(
        "load", r"^gensim KeyedVectors\.load\(mmap='r'\) of (\d+) MB: .*median ([\d.]+) ms")
    row(f"open the model directory ({big_mb:.0f} MB), median of 20: does it grow with size?", ms(big_open),
        f"the same V at d=30 ({thin_mb:.0f} MB) {ms(thin_open)}", ratio(big_open, thin_open),
        target(big_open, thin_open, 1.5), "load")
    row(f"open the model directory ({big_mb:.0f} MB), median of 20", ms(big_open),
        f"gensim `KeyedVectors.load(mmap='r')` ({gensim_mb:.0f} MB) {ms(gensim_open)}", ratio(big_open, gensim_open),
        "(no target)", "load")

    # HNSW at the default ef against the exact search, both timed in HnswHarness.
    exact_single, _, exact_batch = logs.one(
        "neighbors", r"^exact: one query at a time ([\d.]+) ms/query, batch of (\d+) ([\d.]+) ms/query")
    recall, hnsw_single, hnsw_batch = logs.one(
        "neighbors", rf"^\s*{HNSW_EF}\s+([\d.]+)\s+([\d.]+)\s+[\d.]+×\s+([\d.]+)\s+[\d.]+×")
    build = logs.one("neighbors", r"built in ([\d.]+) s")[0]
    row(f"HNSW `neighbors --approximate` (ef={HNSW_EF}), recall@10 vs exact, {table}", f"{recall:.4f}", "exact 1",
        "–", "(report; no target)", "neighbors")
    row(f"HNSW (ef={HNSW_EF}), one query (per query)", ms(hnsw_single), f"embedkit exact {ms(exact_single)}",
        ratio(hnsw_single, exact_single), "(report; no target)", "neighbors")
    row(f"HNSW (ef={HNSW_EF}), batch of {batch_size:.0f} (per query)", ms(hnsw_batch),
        f"embedkit exact {ms(exact_batch)}", ratio(hnsw_batch, exact_batch), "(report; no target)", "neighbors")

    vm_options = r"^# VM options: (.*)$"
    forks = "; ".join(f"{benchmark} `{logs.one(step, vm_options)[0]}`"
                      for step, benchmark in (("unembed", "UnembedBench"), ("stack", "StackBench")))
    print(f"- JMH fork flags: {forks}")
    print(f"- embedkit kernels: {kernels}; answers: one query {same_single:.0f}/{compared:.0f} and batch "
          f"{same_batch:.0f}/{compared:.0f} with gensim's top-10 set; HNSW graph built in {build:.1f} s")
    print()
    print("| measure | embedkit | peer | ratio | target met? | command |")
    print("|---|---|---|---|---|---|")
    for cells in rows:
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
