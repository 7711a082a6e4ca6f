#!/usr/bin/env python3
"""Builds the fixed benchmark corpus (>= 10 MB of Arabic) from the project's
shared data: sentences of ANERcorp (train and test) and AQMAR, reassembled
from their token files, shuffled with a fixed seed into articles.

Writes (git-ignored):
  bench-corpus/all.txt           every article, one after the other (text-layer benchmark)
  bench-corpus/articles/NNNNN.txt one article per file, each with a headline, a byline,
                                  paragraphs, and the furniture news pages carry
                                  (a "read also" list, a comment thread) for `isnad run`.

Usage: python3 scripts/make_bench_corpus.py [SHARED_DATA_DIR] [MIN_MB]
"""
import glob, os, random, sys

here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "data")
min_bytes = int(float(sys.argv[2]) * 1024 * 1024) if len(sys.argv) > 2 else 10 * 1024 * 1024
out = os.path.join(here, "..", "bench-corpus")

files = [os.path.join(data, "anercorp_camel", f) for f in ("ANERCorp_CamelLab_train.txt", "ANERCorp_CamelLab_test.txt")]
files += sorted(glob.glob(os.path.join(data, "aqmar", "articles", "*.txt")))
sentences = []
for path in files:
    cur = []
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if cur:
                    sentences.append(cur)
                cur = []
                continue
            cur.append(parts[0])
    if cur:
        sentences.append(cur)

def detok(tokens):
    s = ""
    for t in tokens:
        if s and t not in ".,،:;؛?؟!)»" and not s.endswith(("(", "«")):
            s += " "
        s += t
    return s

sentences = [detok(s) for s in sentences if len(s) >= 4]
rng = random.Random(20260101)
os.makedirs(os.path.join(out, "articles"), exist_ok=True)
for old in glob.glob(os.path.join(out, "articles", "*.txt")):
    os.remove(old)

total = 0
n = 0
with open(os.path.join(out, "all.txt"), "w", encoding="utf-8") as everything:
    while total < min_bytes:
        paras = []
        for _ in range(rng.randint(4, 9)):
            paras.append(" ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5))))
        title = " ".join(rng.choice(sentences).split()[:8])
        parts = [title, "", "بقلم: محرر الأخبار", ""] + [p + "\n" for p in paras]
        if n % 3 == 0:
            parts += ["اقرأ أيضاً", " ".join(rng.choice(sentences).split()[:7]), " ".join(rng.choice(sentences).split()[:6]), ""]
        if n % 4 == 0:
            parts += ["التعليقات (2)", "", "قارئ", "منذ ساعتين", rng.choice(sentences), ""]
        article = "\n".join(parts) + "\n"
        with open(os.path.join(out, "articles", f"{n:05d}.txt"), "w", encoding="utf-8") as f:
            f.write(article)
        everything.write(article + "\n")
        total += len(article.encode("utf-8"))
        n += 1
print(f"{n} articles, {total / 1024 / 1024:.1f} MB in {os.path.normpath(out)}")
