#!/usr/bin/env bash
# Regenerates the tagger's features made from unlabeled text and name lists
# (crates/ner/data/word_clusters.tsv, crates/ner/data/name_words.tsv) from the
# project's shared data beside the clone (../shared/data; see
# crates/ner/data/README.md). About a minute on one core. Then retrain the
# model: scripts/train_tagger.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${SHARED_DATA:-../shared/data}
for f in "$DATA/ant_corpus/ant_v2.1_multisource.txt.gz" "$DATA/ant_corpus/ant_v1.1_jawharafm.txt.gz" \
         "$DATA/limsi_nerar_dics" "$DATA/arwikicats/arwikicats_names.tsv" \
         "$DATA/person_names_ar/wikidata_person_fullnames_ar.tsv"; do
  [ -e "$f" ] || { echo "build_tagger_features: $f is missing (the shared data folder; set SHARED_DATA)" >&2; exit 1; }
done
cargo build --release -p isnad-ner --example word_clusters --example name_words
zcat "$DATA/ant_corpus/ant_v2.1_multisource.txt.gz" "$DATA/ant_corpus/ant_v1.1_jawharafm.txt.gz" \
  | target/release/examples/word_clusters > crates/ner/data/word_clusters.tsv
target/release/examples/name_words "$DATA" > crates/ner/data/name_words.tsv
wc -l crates/ner/data/word_clusters.tsv crates/ner/data/name_words.tsv
