#!/usr/bin/env bash
# Retrains the tagger model (crates/ner/model/ner.bin) on ANERcorp train,
# WikiFANE and AQMAR from the shared data beside the clone (../shared/data),
# choosing the number of epochs on the last tenth of ANERcorp train, and
# reports WikiFANE's and AQMAR's held-out parts; then scores ANERcorp test
# (read only for that). A few minutes on one core.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${SHARED_DATA:-../shared/data}
A=$DATA/anercorp_camel
cargo build --release -p isnad-ner --example train_model
target/release/examples/train_model "$A/ANERCorp_CamelLab_train.txt" \
  "$DATA/wikifane/wikifane_gold_aner4.txt" "$DATA/aqmar/articles" crates/ner/model/ner.bin "${MAX_EPOCHS:-12}"
cargo run --release -q -- eval ner "$A/ANERCorp_CamelLab_test.txt"
