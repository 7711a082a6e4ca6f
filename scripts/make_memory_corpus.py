#!/usr/bin/env python3
"""Builds the inputs of the peak-memory measurements in BENCHMARKS.md from the
benchmark corpus (bench-corpus/, made by scripts/make_bench_corpus.py):

  OUT/largest.jsonl   one JSON record just under the per-record cap (64 MiB):
                      a headline, then the paragraphs of the benchmark articles
                      (without their furniture) again and again, as one text
  OUT/largest.txt     the same text as a plain file just under the file cap
  OUT/corpus/NNNNN.txt  about 100 MiB of articles: the benchmark corpus ten
                      times, every copy after the first with each article's
                      second half taken from another article (fixed seed), so
                      no two files are the same text or near duplicates

Usage: python3 scripts/make_memory_corpus.py OUT [CORPUS_MIB]
"""
import glob, json, os, random, sys

CAP = 64 * 1024 * 1024  # isnad_ingest::MAX_RECORD_BYTES and MAX_FILE_BYTES

here = os.path.dirname(os.path.abspath(__file__))
out = sys.argv[1]
corpus_bytes = int(float(sys.argv[2]) * 1024 * 1024) if len(sys.argv) > 2 else 100 * 1024 * 1024
paths = sorted(glob.glob(os.path.join(here, "..", "bench-corpus", "articles", "*.txt")))
if not paths:
    sys.exit("no bench-corpus/articles: run python3 scripts/make_bench_corpus.py first")
articles = [open(p, encoding="utf-8").read() for p in paths]
os.makedirs(os.path.join(out, "corpus"), exist_ok=True)

def body(article):
    """The paragraphs of an article: after headline and byline, before its
    "read also" list and comment thread (furniture isnad would remove)."""
    kept = []
    for block in article.split("\n\n")[2:]:
        if block.startswith(("اقرأ أيضاً", "التعليقات")):
            break
        kept.append(block.strip())
    return "\n\n".join(kept)

# The largest accepted document, as a JSON record and as a text file: one
# headline, then the paragraphs of every article, again and again.
bodies = [body(a) for a in articles]
parts, size = [articles[0].split("\n")[0]], 0
while True:
    a = bodies[len(parts) % len(bodies)]
    # Its length inside the JSON string (escapes included), and the "\n\n" before it.
    grown = size + len(json.dumps(a, ensure_ascii=False).encode()) - 2 + 4
    if grown > CAP - 64:
        break
    parts.append(a)
    size = grown
text = "\n\n".join(parts)
line = json.dumps({"text": text}, ensure_ascii=False)
assert len(line.encode()) <= CAP, len(line.encode())
with open(os.path.join(out, "largest.jsonl"), "w", encoding="utf-8") as f:
    f.write(line + "\n")
with open(os.path.join(out, "largest.txt"), "w", encoding="utf-8") as f:
    f.write(text)

# About 100 MiB of distinct articles.
rng = random.Random(20260125)
written, n = 0, 0
while written < corpus_bytes:
    copy, i = divmod(n, len(articles))
    a = articles[i]
    if copy > 0:
        blocks = a.split("\n\n")
        other = articles[rng.randrange(len(articles))].split("\n\n")
        head = blocks[: max(3, len(blocks) // 2)]
        a = "\n\n".join(head + other[len(other) // 2 :])
    with open(os.path.join(out, "corpus", f"{n:05}.txt"), "w", encoding="utf-8") as f:
        f.write(a)
    written += len(a.encode())
    n += 1
print(f"{out}: largest.jsonl {len(line.encode())} bytes, largest.txt {len(text.encode())} bytes, "
      f"corpus/ {n} files, {written} bytes")
