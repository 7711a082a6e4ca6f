//! Fingerprints the code and data fact extraction depends on (this crate, the
//! text layer, dates, gazetteers), so a store knows when facts it holds were
//! read by different code and must be read again.
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let mut paths = Vec::new();
    for dir in [
        "src",
        "data",
        "../text/src",
        "../text/data",
        "../time/src",
        "../gazetteer/src",
        "../gazetteer/data",
    ] {
        let d = here.join(dir);
        println!("cargo:rerun-if-changed={}", d.display());
        files(&d, &mut paths);
    }
    paths.sort();
    // FNV-1a, 64 bits, over every file's path (relative) and bytes.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for p in &paths {
        feed(
            p.strip_prefix(&here)
                .unwrap_or(p)
                .to_string_lossy()
                .as_bytes(),
        );
        feed(&std::fs::read(p).unwrap_or_default());
    }
    println!("cargo:rustc-env=ISNAD_FACTS_FINGERPRINT={h:016x}");
}
