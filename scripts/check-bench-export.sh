#!/usr/bin/env bash
# Checks that the ledger export (JSON and CSV) of the whole benchmark corpus is
# byte-identical to the one recorded in scripts/bench-export.sha256 (taken from
# the release before the pipeline was restructured). Builds the release binary
# and makes the corpus (from ../shared) if missing.
#
# Usage: scripts/check-bench-export.sh [--record]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d bench-corpus/articles ] || python3 scripts/make_bench_corpus.py
cargo build --release -q
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
target/release/isnad --db "$dir/b.db" -q run bench-corpus/articles
target/release/isnad --db "$dir/b.db" export --format json > "$dir/ledger.json"
target/release/isnad --db "$dir/b.db" export --format csv > "$dir/facts.csv"
sums=$(cd "$dir" && sha256sum ledger.json facts.csv)
if [ "${1:-}" = --record ]; then
    echo "$sums" > scripts/bench-export.sha256
    echo "recorded:"; echo "$sums"
elif [ "$sums" = "$(cat scripts/bench-export.sha256)" ]; then
    echo "bench exports identical to scripts/bench-export.sha256"
else
    echo "bench exports DIFFER:"; echo "$sums"; echo "expected:"; cat scripts/bench-export.sha256
    exit 1
fi
