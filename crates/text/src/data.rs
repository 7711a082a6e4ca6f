//! Cutting the data files shipped with the crates (word lists, gazetteers:
//! tens of thousands of short tab-separated lines) at bytes, without setting
//! up a string searcher per line and per field.

/// The lines of a data file, as [`str::lines`] gives them.
pub fn lines_of(data: &str) -> impl Iterator<Item = &str> {
    let mut rest = data;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        // "\r\n" ends a line as "\n" does; a last line without "\n" is kept whole.
        let line = match rest.bytes().position(|b| b == b'\n') {
            Some(i) => {
                let line = &rest[..i];
                rest = &rest[i + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut rest),
        };
        Some(line)
    })
}

/// The tab-separated fields of a line, as `line.split('\t')` gives them.
pub fn fields(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let s = rest?;
        match s.bytes().position(|b| b == b'\t') {
            Some(i) => {
                rest = Some(&s[i + 1..]);
                Some(&s[..i])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

/// A line cut at its first tab, as `line.split_once('\t')` cuts it.
pub fn split_at_tab(line: &str) -> Option<(&str, &str)> {
    let i = line.bytes().position(|b| b == b'\t')?;
    Some((&line[..i], &line[i + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_carriage_return_ends_a_line_only_before_a_newline() {
        for s in ["\r", "a\r", "a\r\nb\r", "\r\n\r\n", "a\n\nb\n"] {
            assert_eq!(
                lines_of(s).collect::<Vec<_>>(),
                s.lines().collect::<Vec<_>>(),
                "{s:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn lines_and_fields_cut_as_the_standard_library_does(s in "[a\\tب\\r\\n ]{0,40}") {
            proptest::prop_assert_eq!(lines_of(&s).collect::<Vec<_>>(), s.lines().collect::<Vec<_>>());
            for line in s.lines() {
                proptest::prop_assert_eq!(fields(line).collect::<Vec<_>>(), line.split('\t').collect::<Vec<_>>());
                proptest::prop_assert_eq!(split_at_tab(line), line.split_once('\t'));
            }
        }
    }
}
