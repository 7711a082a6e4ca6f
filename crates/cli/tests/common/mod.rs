//! Helpers the end-to-end test files share (each uses some of them).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the `isnad` binary in `dir` (with no `ISNAD_DB` from the environment).
pub fn isnad(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isnad"))
        .current_dir(dir)
        .env_remove("ISNAD_DB")
        .args(args)
        .output()
        .expect("isnad runs")
}

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
