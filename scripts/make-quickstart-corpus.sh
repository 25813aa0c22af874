#!/usr/bin/env bash
# Rebuilds the bundled quickstart corpus: the King James Bible (public domain), one verse per line,
# from Debian's bible-kjv-text via its `bible` reader. The output is committed; this script documents
# where it came from and makes it again: scripts/make-quickstart-corpus.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/embedkit-core/src/main/resources/dev/embedkit/corpus/kjv.txt.gz"
if ! command -v bible >/dev/null; then
  apt-get install -y -q bible-kjv bible-kjv-text
fi
mkdir -p "$(dirname "$out")"
# `bible` prints "Book N" headings, then "  V text" with long verses wrapped onto following lines.
bible -l10000 "ge1:1-re22:21" \
  | awk '/^$/ || /^([1-3] )?[A-Z][a-z]+( [A-Za-z]+)* [0-9]+$/ { next }
         /^ *[0-9]+ / { if (verse != "") print verse; sub(/^ *[0-9]+ /, ""); verse = $0; next }
         { verse = verse " " $0 }
         END { if (verse != "") print verse }' \
  | gzip -n -9 > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out: $(zcat "$out" | wc -l) verses, $(zcat "$out" | wc -w) words"
