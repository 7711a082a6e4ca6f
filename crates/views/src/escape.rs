//! What documents say, made safe for where it is shown: a terminal, an HTML
//! page, a Markdown file. A title, outlet or file name comes from whoever
//! wrote the input, so it may hold an escape sequence that clears a screen,
//! a newline that breaks a table, a right-to-left override that reorders
//! what follows, or markup a renderer would run. Each function keeps
//! ordinary text exactly as it is and shows the rest visibly.
//!
//! ```
//! use isnad_views::escape;
//! assert_eq!(escape::terminal("a\u{1b}[2Jb\nc"), "a\\e[2Jb\\nc");
//! assert_eq!(escape::terminal("قال\u{202e}abc"), "قال<U+202E>abc");
//! assert_eq!(escape::terminal_text("سطر\nسطر\r"), "سطر\nسطر\\r");
//! assert_eq!(escape::markdown("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
//! assert_eq!(escape::html("<b>\"x\"</b>"), "&lt;b&gt;&quot;x&quot;&lt;/b&gt;");
//! ```

use std::borrow::Cow;

/// How a character that must not reach a terminal as itself is shown:
/// `\e`, `\n`, `\r`, `\t`, `\0`, `\x07` for C0 controls and DEL, `<U+202E>`
/// for C1 controls, bidi embeddings, overrides and isolates, and line and
/// paragraph separators; `None` for every other character.
fn visible(c: char) -> Option<String> {
    match c {
        '\u{1b}' => Some("\\e".into()),
        '\n' => Some("\\n".into()),
        '\r' => Some("\\r".into()),
        '\t' => Some("\\t".into()),
        '\0' => Some("\\0".into()),
        '\u{1}'..='\u{1f}' | '\u{7f}' => Some(format!("\\x{:02x}", c as u32)),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some(format!("<U+{:04X}>", c as u32))
        }
        '\u{2028}' | '\u{2029}' => Some(format!("<U+{:04X}>", c as u32)),
        _ => None,
    }
}

/// `s` with every character `visible` names replaced by what it gives,
/// except those `keep` accepts; borrowed when nothing changes.
fn replace_unsafe(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| !keep(c) && visible(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match visible(c).filter(|_| !keep(c)) {
            Some(v) => out.push_str(&v),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// One field for a terminal line (a title, a file name, a name): control
/// characters (newlines and tabs included) and bidi controls shown
/// escaped, so the field stays on its line and cannot move the cursor,
/// clear the screen or reorder what follows it.
pub fn terminal(s: &str) -> Cow<'_, str> {
    replace_unsafe(s, |_| false)
}

/// A text of several lines for a terminal (an article's clean text): its
/// newlines kept, every other control and bidi character escaped as in
/// [`terminal`].
pub fn terminal_text(s: &str) -> Cow<'_, str> {
    replace_unsafe(s, |c| c == '\n')
}

/// Text for HTML element content or a quoted attribute.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for a Markdown line or table cell, shown literally: HTML is
/// written as entities (never raw markup), Markdown's inline syntax
/// (emphasis, code, links and images, table pipes) is backslash-escaped,
/// line breaks and tabs become spaces, and other control and bidi
/// characters are shown as in [`terminal`].
pub fn markdown(s: &str) -> String {
    let flat: String = s
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let shown = terminal(&flat);
    let mut out = String::with_capacity(shown.len() + 8);
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_kept_exactly_and_borrowed() {
        let s = "قوات الأمن «8» (8) — file_1.txt, 2022-01-05";
        assert!(matches!(terminal(s), Cow::Borrowed(_)));
        assert_eq!(terminal(s), s);
        assert_eq!(terminal_text("سطر\n\nسطر"), "سطر\n\nسطر");
        // Marks that only steer direction inside a word are harmless.
        assert_eq!(terminal("a\u{200f}b\u{061c}c"), "a\u{200f}b\u{061c}c");
    }

    #[test]
    fn terminal_controls_and_bidi_overrides_are_shown_escaped() {
        assert_eq!(terminal("\u{1b}[2J\u{1b}[H"), "\\e[2J\\e[H");
        assert_eq!(
            terminal("a\r\nb\tc\0d\u{7}e\u{7f}"),
            "a\\r\\nb\\tc\\0d\\x07e\\x7f"
        );
        assert_eq!(terminal("x\u{9b}31m"), "x<U+009B>31m");
        for c in ('\u{202a}'..='\u{202e}').chain('\u{2066}'..='\u{2069}') {
            let shown = terminal(&format!("a{c}b")).into_owned();
            assert_eq!(shown, format!("a<U+{:04X}>b", c as u32));
        }
        assert_eq!(terminal("a\u{2028}b"), "a<U+2028>b");
        assert_eq!(terminal_text("a\nb\u{1b}c\rd"), "a\nb\\ec\\rd");
    }

    #[test]
    fn markdown_never_carries_raw_html_or_links() {
        assert_eq!(
            markdown("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            markdown("[click](javascript:alert(1)) ![x](http://e/x.png)"),
            "\\[click\\](javascript:alert(1)) !\\[x\\](http://e/x.png)"
        );
        assert_eq!(
            markdown("a|b\nc **d** `e` &amp;"),
            "a\\|b c \\*\\*d\\*\\* \\`e\\` &amp;amp;"
        );
        assert_eq!(markdown("x\u{202e}y"), "x&lt;U+202E&gt;y");
        assert_eq!(markdown("a\u{1b}b"), "a\\\\eb");
    }
}
