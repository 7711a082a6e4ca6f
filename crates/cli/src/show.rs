//! `isnad docs` and `isnad show`.

use std::io::Write;
use std::process::ExitCode;

use isnad_store::Store;

pub fn list(store: &Store) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let docs = store.documents()?;
    if docs.is_empty() {
        say!(out, "no documents stored yet: run `isnad run PATH…`");
        return Ok(());
    }
    say!(
        out,
        "{:<16}  {:<10}  {:>6}  {:<32}  title",
        "id",
        "published",
        "words",
        "source"
    );
    for d in docs {
        say!(
            out,
            "{:<16}  {:<10}  {:>6}  {:<32}  {}",
            d.id,
            d.published.as_deref().unwrap_or("—"),
            d.words,
            d.source,
            d.title.as_deref().unwrap_or("—")
        );
    }
    Ok(())
}

pub fn show(store: &Store, key: &str) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let found = store.find(key)?;
    let d = match found.as_slice() {
        [d] => d,
        [] => anyhow::bail!("no document matches {key:?}: `isnad docs` lists them"),
        many => anyhow::bail!(
            "{key:?} matches {} documents ({}): give more of the id",
            many.len(),
            many.iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    say!(out, "id:         {}", d.id);
    say!(out, "source:     {}", d.sources.join(", "));
    say!(out, "title:      {}", d.title.as_deref().unwrap_or("—"));
    say!(out, "outlet:     {}", d.outlet.as_deref().unwrap_or("—"));
    say!(out, "author:     {}", d.author.as_deref().unwrap_or("—"));
    say!(out, "published:  {}", d.published.as_deref().unwrap_or("—"));
    if let Some(url) = &d.url {
        say!(out, "url:        {url}");
    }
    say!(out, "format:     {} ({})", d.format, d.encoding);
    say!(out, "words:      {}", d.words);
    if let Some(n) = &d.near_duplicate_of {
        say!(out, "near duplicate of: {n}");
    }
    say!(out);
    say!(out, "{}", d.text);
    say!(out);
    if d.removed.is_empty() {
        say!(out, "removed: nothing");
    } else {
        say!(out, "removed ({} ranges of the input):", d.removed.len());
        for (start, end, reason) in &d.removed {
            let removed = d.original.get(*start..*end).unwrap_or("");
            let mut preview: String = removed.split_whitespace().collect::<Vec<_>>().join(" ");
            if preview.chars().count() > 120 {
                preview = preview.chars().take(120).collect::<String>() + "…";
            }
            say!(out, "  {start}..{end} {reason}: {preview}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
