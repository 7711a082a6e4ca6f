#!/usr/bin/env bash
# Benchmarks `isnad run` end to end on the fixed benchmark corpus:
# wall time, peak memory (max RSS) and throughput, into a fresh store.
# Usage: scripts/bench-run.sh            (builds release, makes the corpus if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d bench-corpus/articles ] || python3 scripts/make_bench_corpus.py
cargo build --release -q
bytes=$(cat bench-corpus/articles/*.txt | wc -c)
files=$(ls bench-corpus/articles | wc -l)
db=$(mktemp -d)/bench.db
log=$(mktemp)
/usr/bin/time -v target/release/isnad --db "$db" --quiet run bench-corpus/articles 2> "$log"
wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
secs=$(python3 -c "p='$wall'.split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))")
python3 - <<PY
b=$bytes; s=$secs; r=$rss
print(f"isnad run: {$files} files, {b/1048576:.1f} MiB in {s:.2f} s wall = {b/1048576/s:.1f} MiB/s; peak RSS {r/1024:.0f} MiB")
PY
rm -f "$log" "$db"
