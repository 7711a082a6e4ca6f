//! Prints what ingest makes of a file: metadata, removed ranges, clean text.
//! `cargo run -p isnad-ingest --example clean -- FILE`
fn main() {
    for arg in std::env::args().skip(1) {
        let path = std::path::PathBuf::from(&arg);
        let Some(format) = isnad_ingest::Format::from_path(&path) else {
            continue;
        };
        let input = isnad_ingest::Input { path, format };
        match isnad_ingest::read_file(&input) {
            Err(e) => println!("{arg}: {e}"),
            Ok(docs) => {
                for d in docs {
                    match d {
                        Err(e) => println!("{arg}: {e}"),
                        Ok(d) => {
                            println!("== {} id={} title={:?} outlet={:?} author={:?} published={:?} url={:?} words={}", d.source, d.id, d.title, d.outlet, d.author, d.published, d.url, isnad_text::word_count(&d.text));
                            for w in &d.warnings {
                                println!("  warning: {w}");
                            }
                            for r in &d.removed {
                                println!(
                                    "  removed {} {}: {:?}",
                                    r.reason.as_str(),
                                    r.span,
                                    r.span
                                        .slice(&d.original)
                                        .chars()
                                        .take(80)
                                        .collect::<String>()
                                );
                            }
                            if std::env::var("SHOW_TEXT").is_ok() {
                                println!("{}", d.text);
                            }
                        }
                    }
                }
            }
        }
    }
}
