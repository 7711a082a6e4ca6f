#!/usr/bin/env bash
# Benchmarks `isnad run` end to end on the fixed benchmark corpus: wall time,
# peak memory (max RSS) and throughput, each run into a fresh store.
#
# Usage: scripts/bench-run.sh [--one-core] [--runs N]
#   --one-core  one analysis thread (RAYON_NUM_THREADS=1), and the whole
#               process pinned to CPU 0 with `taskset` when it is installed
#   --runs N    N runs (default 1); prints each, then the median; with more
#               than one, an untimed run first reads the binary and the corpus
#               into the page cache (the first run after a build is slower)
# Builds the release binary first and makes the corpus if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
one_core=0
runs=1
while [ $# -gt 0 ]; do
    case "$1" in
        --one-core) one_core=1 ;;
        --runs) runs="$2"; shift ;;
        *) echo "usage: $0 [--one-core] [--runs N]" >&2; exit 2 ;;
    esac
    shift
done
[ -d bench-corpus/articles ] || python3 scripts/make_bench_corpus.py
cargo build --release -q
bytes=$(cat bench-corpus/articles/*.txt | wc -c)
files=$(ls bench-corpus/articles | wc -l)
pin=()
if [ "$one_core" = 1 ]; then
    export RAYON_NUM_THREADS=1
    if command -v taskset > /dev/null; then pin=(taskset -c 0); fi
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
results=()
if [ "$runs" -gt 1 ]; then
    "${pin[@]}" target/release/isnad --db "$dir/warmup.db" --quiet run bench-corpus/articles
fi
for i in $(seq "$runs"); do
    rm -f "$dir"/bench.db*
    /usr/bin/time -v "${pin[@]}" target/release/isnad --db "$dir/bench.db" --quiet run bench-corpus/articles 2> "$dir/time.log"
    wall=$(grep "Elapsed (wall clock)" "$dir/time.log" | awk '{print $NF}')
    rss=$(grep "Maximum resident set size" "$dir/time.log" | awk '{print $NF}')
    results+=("$wall $rss")
done
python3 - "$bytes" "$files" "$one_core" "${results[@]}" <<'PY'
import statistics, sys
b, files, one = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
secs = []
for r in sys.argv[4:]:
    wall, rss = r.split()
    s = sum(float(x) * 60**i for i, x in enumerate(reversed(wall.split(":"))))
    secs.append(s)
    print(f"isnad run ({'one core' if one else 'all cores'}): {files} files, {b/1048576:.1f} MiB in {s:.2f} s wall"
          f" = {b/1e6/s:.2f} MB/s ({b/1048576/s:.2f} MiB/s); peak RSS {int(rss)/1024:.0f} MiB")
if len(secs) > 1:
    m = statistics.median(secs)
    print(f"median of {len(secs)}: {m:.2f} s = {b/1e6/m:.2f} MB/s ({b/1048576/m:.2f} MiB/s);"
          f" best {min(secs):.2f} s, worst {max(secs):.2f} s")
PY
