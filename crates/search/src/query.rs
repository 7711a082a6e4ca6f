//! The query language: words, `"phrases"`, `OR`, `-`exclusion, field
//! prefixes (`title:`, `exact:`) and filters written in the query
//! (`kind:killed`, `place:حلب`, `status:conflict`, a count range `10..50`).

use crate::SearchError;

/// Which text a match looks in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    /// The text and the title, by their keys (clitics and spelling folded),
    /// light stems at a low weight, linked names by their entity.
    Any,
    /// The document's title only.
    Title,
    /// The form as written (only tatweel, invisible controls and
    /// presentation forms ignored).
    Exact,
}

/// One word or phrase to find.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Where to look.
    pub field: TextField,
    /// The word or phrase as the user wrote it.
    pub phrase: String,
}

/// One clause: any of its alternatives (`a OR b`); excluded when `exclude`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// The alternatives, at least one.
    pub alternatives: Vec<Match>,
    /// `-word`: hits with it are left out.
    pub exclude: bool,
}

/// Filters: every one given must hold; a list holds when any of its values does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// What hits to give: `document`, `fact`, `story` (all when empty).
    pub hit: Vec<String>,
    /// Fact kinds (ledger names: `killed`, `arrested`, …).
    pub kind: Vec<String>,
    /// Places by name (any spelling), places inside them included.
    pub place: Vec<String>,
    /// Actors by name.
    pub actor: Vec<String>,
    /// Who said it, by name.
    pub source: Vec<String>,
    /// Outlets by name.
    pub outlet: Vec<String>,
    /// Cluster status: `agree`, `conflict`, `single`.
    pub status: Vec<String>,
    /// Events dated on or after this day (`YYYY-MM-DD`).
    pub event_from: Option<String>,
    /// Events dated on or before this day.
    pub event_to: Option<String>,
    /// Published on or after this day.
    pub published_from: Option<String>,
    /// Published on or before this day.
    pub published_to: Option<String>,
    /// Only facts reported as alleged (`true`) or as plain fact (`false`).
    pub hedged: Option<bool>,
    /// Only denied facts (`true`) or only affirmed ones (`false`).
    pub negated: Option<bool>,
    /// Facts whose count lies in this range (both ends included; `None`: open).
    pub count: Option<(u64, Option<u64>)>,
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// What to find; every clause must hold (an excluded one must not).
    pub clauses: Vec<Clause>,
    /// The filters written in the query.
    pub filters: Filters,
}

/// The field prefixes and filter names a query may use.
pub const PREFIXES: &str =
    "title:, exact:, kind:, place:, actor:, source:, outlet:, status:, type:";

/// Parses `input`.
///
/// ```
/// let q = isnad_search::query::parse(r#"الشرطة OR الأمن -"حظر التجول" kind:arrested 10..50"#).unwrap();
/// assert_eq!(q.clauses.len(), 2);
/// assert_eq!(q.clauses[0].alternatives.len(), 2);
/// assert!(q.clauses[1].exclude);
/// assert_eq!(q.filters.kind, ["arrested"]);
/// assert_eq!(q.filters.count, Some((10, Some(50))));
/// ```
pub fn parse(input: &str) -> Result<Query, SearchError> {
    let bad = |message: String| SearchError::Query {
        query: input.to_string(),
        message,
    };
    let mut query = Query::default();
    let mut pending_or = false;
    for piece in pieces(input).map_err(bad)? {
        if piece.raw == "OR" && !piece.quoted {
            if query.clauses.last().is_none_or(|c| c.exclude) || pending_or {
                return Err(bad("`OR` needs a word or phrase on each side".into()));
            }
            pending_or = true;
            continue;
        }
        let (prefix, value) = piece.split_prefix();
        let field = match prefix {
            None => TextField::Any,
            Some("title") => TextField::Title,
            Some("exact") => TextField::Exact,
            Some(name) => {
                if pending_or || piece.exclude {
                    return Err(bad(format!(
                        "a filter (`{name}:`) cannot be excluded or joined with OR"
                    )));
                }
                add_filter(&mut query.filters, name, value).map_err(bad)?;
                continue;
            }
        };
        if !piece.quoted && prefix.is_none() {
            if let Some(range) = count_range(value).map_err(bad)? {
                query.filters.count = Some(range);
                continue;
            }
        }
        if value.trim().is_empty() {
            return Err(bad(
                "an empty word or phrase: write something between the quotes".into(),
            ));
        }
        let m = Match {
            field,
            phrase: value.to_string(),
        };
        if pending_or {
            if piece.exclude {
                return Err(bad(
                    "`OR -word` mixes an alternative with an exclusion".into()
                ));
            }
            query
                .clauses
                .last_mut()
                .expect("checked above")
                .alternatives
                .push(m);
            pending_or = false;
        } else {
            query.clauses.push(Clause {
                alternatives: vec![m],
                exclude: piece.exclude,
            });
        }
    }
    if pending_or {
        return Err(bad("`OR` needs a word or phrase on each side".into()));
    }
    Ok(query)
}

/// One whitespace-separated piece of a query, quotes resolved.
struct Piece {
    raw: String,
    quoted: bool,
    exclude: bool,
}

impl Piece {
    /// `name:value` → (`name`, `value`) for a known prefix.
    fn split_prefix(&self) -> (Option<&str>, &str) {
        if let Some((name, value)) = self.raw.split_once(':') {
            if name.chars().all(|c| c.is_ascii_lowercase()) && !name.is_empty() {
                return (Some(name), value);
            }
        }
        (None, &self.raw)
    }
}

/// Splits a query into pieces: a `-` in front excludes, `"…"` keeps spaces
/// (also after a prefix: `place:"روسيا البيضاء"`).
fn pieces(input: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&first) = chars.peek() else { break };
        let exclude = first == '-' && {
            chars.next();
            true
        };
        let mut raw = String::new();
        let mut quoted = false;
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            if c == '"' {
                quoted = true;
                let mut closed = false;
                for c in chars.by_ref() {
                    if c == '"' {
                        closed = true;
                        break;
                    }
                    raw.push(c);
                }
                if !closed {
                    return Err("a phrase is not closed: add the closing `\"`".into());
                }
            } else {
                raw.push(c);
            }
        }
        if raw.is_empty() && !quoted {
            return Err("a lone `-`: write the word to exclude right after it (`-word`)".into());
        }
        out.push(Piece {
            raw,
            quoted,
            exclude,
        });
    }
    Ok(out)
}

/// `10..50`, `10..` or `..50` as a count range; `None` when `s` is not one.
fn count_range(s: &str) -> Result<Option<(u64, Option<u64>)>, String> {
    let Some((a, b)) = s.split_once("..") else {
        return Ok(None);
    };
    let digits = |x: &str| {
        !x.is_empty()
            && x.chars()
                .all(|c| isnad_text::arabic::digit_value(c).is_some())
    };
    if !(a.is_empty() || digits(a)) || !(b.is_empty() || digits(b)) {
        return Ok(None);
    }
    let number = |x: &str| -> Result<u64, String> {
        let ascii: String = x
            .chars()
            .map(|c| {
                char::from_digit(isnad_text::arabic::digit_value(c).unwrap_or(0), 10).unwrap_or('0')
            })
            .collect();
        ascii
            .parse()
            .map_err(|_| format!("the count `{x}` is too large"))
    };
    let lo = if a.is_empty() { 0 } else { number(a)? };
    let hi = if b.is_empty() { None } else { Some(number(b)?) };
    if hi.is_some_and(|h| h < lo) {
        return Err(format!("the count range `{s}` ends before it starts"));
    }
    if a.is_empty() && b.is_empty() {
        return Err("`..` needs a count on at least one side (`10..50`, `100..`)".into());
    }
    Ok(Some((lo, hi)))
}

fn add_filter(f: &mut Filters, name: &str, value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        return Err(format!(
            "`{name}:` needs a value (`{name}:VALUE`, quoted when it has spaces)"
        ));
    }
    let list = match name {
        "kind" => &mut f.kind,
        "place" => &mut f.place,
        "actor" => &mut f.actor,
        "source" => &mut f.source,
        "outlet" => &mut f.outlet,
        "status" => &mut f.status,
        "type" => &mut f.hit,
        _ => return Err(format!("unknown field `{name}:`; a query knows {PREFIXES}")),
    };
    list.push(value.to_string());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(q: &str) -> String {
        match parse(q) {
            Err(SearchError::Query { message, .. }) => message,
            other => panic!("{q}: expected an error, got {other:?}"),
        }
    }

    #[test]
    fn phrases_prefixes_and_exclusions() {
        let q =
            parse(r#"title:"وزارة الداخلية" exact:والشرطة -حلب place:"روسيا البيضاء""#).unwrap();
        assert_eq!(q.clauses[0].alternatives[0].field, TextField::Title);
        assert_eq!(q.clauses[0].alternatives[0].phrase, "وزارة الداخلية");
        assert_eq!(q.clauses[1].alternatives[0].field, TextField::Exact);
        assert!(q.clauses[2].exclude);
        assert_eq!(q.filters.place, ["روسيا البيضاء"]);
        assert_eq!(parse("١٠..٥٠").unwrap().filters.count, Some((10, Some(50))));
        assert_eq!(parse("100..").unwrap().filters.count, Some((100, None)));
    }

    #[test]
    fn bad_queries_say_what_to_fix() {
        assert!(message(r#""حظر التجول"#).contains("closing"));
        assert!(message("OR الشرطة").contains("OR"));
        assert!(message("الشرطة OR").contains("OR"));
        assert!(message("colour:red").contains("unknown field `colour:`"));
        assert!(message("50..10").contains("ends before"));
        assert!(message("kind:").contains("needs a value"));
        assert!(message("- الشرطة").contains("lone `-`"));
    }
}
