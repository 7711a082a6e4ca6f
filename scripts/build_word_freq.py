#!/usr/bin/env python3
"""Regenerates crates/text/data/ar_word_freq.tsv, the word-frequency lexicon
the clitic segmenter consults (is the rest of a word after a proclitic a word
of its own?).

Sources (train material only; the ANERcorp test split is never read):
  ../shared/data/anercorp_camel/ANERCorp_CamelLab_train.txt
  ../shared/data/aqmar/articles/*.txt
Forms are "light": diacritics and tatweel removed, hamza kept. Words seen
fewer than 2 times are dropped.

Usage: python3 scripts/build_word_freq.py [SHARED_DATA_DIR]
"""
import collections, glob, os, re, sys

data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
files = [os.path.join(data, "anercorp_camel", "ANERCorp_CamelLab_train.txt")]
files += sorted(glob.glob(os.path.join(data, "aqmar", "articles", "*.txt")))

DIAC = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
ARABIC_WORD = re.compile("^[\u0621-\u064A]+$")

counts = collections.Counter()
for path in files:
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            w = DIAC.sub("", parts[0])
            if ARABIC_WORD.match(w):
                counts[w] += 1

out = os.path.join(os.path.dirname(__file__), "..", "crates", "text", "data", "ar_word_freq.tsv")
with open(out, "w", encoding="utf-8") as f:
    for w, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if c >= 2:
            f.write(f"{w}\t{c}\n")
print(f"{sum(counts.values())} tokens, {len(counts)} types, wrote {sum(1 for c in counts.values() if c >= 2)} words to {out}")
