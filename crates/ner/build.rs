//! Trains the name-likeness letter-trigram table (`src/namelike/table.rs`)
//! from the gazetteer's name lists and the general word list once, at build
//! time, and writes it where `namelike.rs` includes it: the tagger reads
//! the bytes instead of counting a quarter of a million words at each start.

#[path = "src/namelike/table.rs"]
#[allow(dead_code)]
mod table;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/namelike/table.rs");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("namelike.bin");
    std::fs::write(&out, table::Joint::train().to_bytes())
        .unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}
