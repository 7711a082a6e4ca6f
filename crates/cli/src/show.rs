//! `isnad docs` and `isnad show`. Everything a document says is shown
//! escaped (`isnad_views::escape`): a title cannot move the cursor, and a
//! newline in a file name cannot break the table.

use std::io::Write;
use std::process::ExitCode;

use isnad_store::Store;
use isnad_views::escape::{terminal as shown, terminal_text};
use isnad_views::thousands;

/// A field of a document, escaped, or `—` when it has none.
fn field(value: Option<&str>) -> String {
    value.map_or("—".into(), |v| shown(v).into_owned())
}

/// `isnad docs`: one line per stored document.
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
            shown(&d.id),
            field(d.published.as_deref()),
            thousands(d.words.max(0) as u64),
            shown(&d.source),
            field(d.title.as_deref())
        );
    }
    Ok(())
}

/// `isnad show DOC`: one document, its metadata, text and removed ranges.
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
    say!(out, "id:         {}", shown(&d.id));
    say!(out, "source:     {}", shown(&d.sources.join(", ")));
    say!(out, "title:      {}", field(d.title.as_deref()));
    say!(out, "outlet:     {}", field(d.outlet.as_deref()));
    say!(out, "author:     {}", field(d.author.as_deref()));
    say!(out, "published:  {}", field(d.published.as_deref()));
    if let Some(url) = &d.url {
        say!(out, "url:        {}", shown(url));
    }
    say!(
        out,
        "format:     {} ({})",
        shown(&d.format),
        shown(&d.encoding)
    );
    say!(out, "words:      {}", thousands(d.words.max(0) as u64));
    if let Some(n) = &d.near_duplicate_of {
        say!(out, "near duplicate of: {}", shown(n));
    }
    say!(out);
    say!(out, "{}", terminal_text(&d.text));
    say!(out);
    if d.removed.is_empty() {
        say!(out, "removed: nothing");
    } else {
        say!(
            out,
            "removed ({} ranges of the input):",
            thousands(d.removed.len() as u64)
        );
        for (start, end, reason) in &d.removed {
            let removed = d.original.get(*start..*end).unwrap_or("");
            let mut preview: String = removed.split_whitespace().collect::<Vec<_>>().join(" ");
            if preview.chars().count() > 120 {
                preview = preview.chars().take(120).collect::<String>() + "…";
            }
            say!(out, "  {start}..{end} {reason}: {}", shown(&preview));
        }
    }
    Ok(ExitCode::SUCCESS)
}
