//! The tagger's tokens: words, numbers (digits of any script, with `/ - .`
//! inside for numeric dates) and punctuation, each with its byte span in the
//! text and its loose matching key.

use std::borrow::Cow;

use isnad_text::normalize::{fold_key_into, NormalizeOptions};
use isnad_text::TokenKind;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (with their marks).
    Word,
    /// While tokenising only: letters the key leaves as they are.
    PlainWord,
    /// Digits only; its value.
    Number(i64),
    /// Digits with `/`, `-` or `.` inside: a numeric date, perhaps.
    NumericDate,
    /// One punctuation character.
    Punct(char),
}

/// A token: its kind, byte span and key (a range of [`Tokens::keys`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    key: (u32, u32),
}

/// The tokens of a text, their keys in one buffer.
pub(crate) struct Tokens {
    pub list: Vec<Token>,
    keys: String,
    buf: String,
}

/// The loose matching key of `s`, tatweel removed.
pub(crate) fn loose(s: &str) -> String {
    let mut out = String::new();
    fold_key_into(s, NormalizeOptions::loose(), &mut out);
    out.retain(|c| c != '\u{0640}');
    out
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

fn class(c: char) -> u8 {
    if is_digit(c) {
        1
    } else if isnad_text::arabic::is_letter(c) || is_mark(c) {
        2
    } else if c.is_whitespace() {
        0
    } else {
        3
    }
}

impl Tokens {
    /// Cuts `text` into tokens.
    pub fn new(text: &str) -> Tokens {
        let mut t = Tokens {
            list: Vec::with_capacity(text.len() / 6),
            keys: String::with_capacity(text.len()),
            buf: String::new(),
        };
        let mut chars = text.char_indices().peekable();
        while let Some((s, c)) = chars.next() {
            let cl = class(c);
            if cl == 0 {
                continue;
            }
            if cl == 3 {
                t.push(text, s, s + c.len_utf8(), Kind::Punct(c));
                continue;
            }
            let mut e = s + c.len_utf8();
            let mut separators = false;
            let mut plain = is_plain_letter(c);
            while let Some(&(i, n)) = chars.peek() {
                let same = class(n) == cl;
                let ok = same
                    || (cl == 1 && matches!(n, '/' | '-' | '.') && {
                        let next = text[i + 1..].chars().next();
                        next.is_some_and(is_digit)
                    });
                if !ok {
                    break;
                }
                separators |= !same;
                plain &= is_plain_letter(n);
                e = i + n.len_utf8();
                chars.next();
            }
            let kind = if cl == 2 && plain {
                Kind::PlainWord
            } else if cl == 2 {
                Kind::Word
            } else if separators {
                Kind::NumericDate
            } else {
                Kind::Number(0)
            };
            t.push(text, s, e, kind);
        }
        t
    }

    /// The tokens `range` of an analysed document, read from its tokens instead of
    /// cutting the text again: a word keeps the Doc's loose key; a number is
    /// cut where the Doc joined digits with `,` `:` or the Arabic decimal and
    /// thousands signs (only `/ - .` make a numeric date); every other
    /// character is one punctuation token.
    pub fn from_doc(doc: &isnad_text::Doc, range: std::ops::Range<usize>) -> Tokens {
        let text = doc.text();
        let mut t = Tokens {
            list: Vec::with_capacity(doc.tokens().len()),
            keys: String::with_capacity(text.len()),
            buf: String::new(),
        };
        let tokens = &doc.tokens()[range];
        let mut i = 0;
        while i < tokens.len() {
            let tok = &tokens[i];
            let (s, mut e) = (tok.span.start, tok.span.end);
            i += 1;
            if tok.kind == TokenKind::Number {
                // The Doc does not join digits with "-": "2021-12-30" is one date here.
                while let [dash, digits, ..] = &tokens[i..] {
                    let joined = dash.span.start == e
                        && digits.span.start == dash.span.end
                        && digits.kind == TokenKind::Number
                        && dash.span.slice(text) == "-";
                    if !joined {
                        break;
                    }
                    e = digits.span.end;
                    i += 2;
                }
            }
            let raw = &text[s..e];
            match tok.kind {
                TokenKind::Word if raw.chars().all(|c| class(c) == 2) => {
                    t.push_key(s, e, Kind::Word, &tok.keys.norm)
                }
                TokenKind::Number => t.push_number(text, s, e),
                _ => {
                    // Latin words, symbols and punctuation: what [`Tokens::new`] makes of them.
                    for (i, c) in raw.char_indices() {
                        match class(c) {
                            0 => {}
                            2 => t.push(text, s + i, s + i + c.len_utf8(), Kind::Word),
                            _ => t.push(text, s + i, s + i + c.len_utf8(), Kind::Punct(c)),
                        }
                    }
                }
            }
        }
        t
    }

    /// A word whose loose key is already known.
    fn push_key(&mut self, start: usize, end: usize, kind: Kind, key: &str) {
        let k0 = self.keys.len() as u32;
        self.keys.extend(key.chars().filter(|&c| c != '\u{0640}'));
        let key = (k0, self.keys.len() as u32);
        self.list.push(Token {
            kind,
            start,
            end,
            key,
        });
    }

    /// The Doc's number token `start..end`: runs of digits joined by `/ - .`
    /// (a numeric date when joined), other joiners as punctuation.
    fn push_number(&mut self, text: &str, start: usize, end: usize) {
        let mut run = start;
        let mut joined = false;
        for (i, c) in text[start..end].char_indices() {
            let at = start + i;
            if is_digit(c) {
                continue;
            }
            if matches!(c, '/' | '-' | '.') {
                joined = true;
                continue;
            }
            self.push_digits(text, run, at, joined);
            self.push(text, at, at + c.len_utf8(), Kind::Punct(c));
            run = at + c.len_utf8();
            joined = false;
        }
        self.push_digits(text, run, end, joined);
    }

    fn push_digits(&mut self, text: &str, start: usize, end: usize, joined: bool) {
        if start < end {
            let kind = if joined {
                Kind::NumericDate
            } else {
                Kind::Number(0)
            };
            self.push(text, start, end, kind);
        }
    }

    fn push(&mut self, text: &str, start: usize, end: usize, kind: Kind) {
        let k0 = self.keys.len();
        let mut kind = kind;
        match kind {
            Kind::PlainWord => {
                self.keys.push_str(&text[start..end]);
                kind = Kind::Word;
            }
            Kind::Word => {
                fold_key_into(&text[start..end], NormalizeOptions::loose(), &mut self.buf);
                self.keys
                    .extend(self.buf.chars().filter(|&c| c != '\u{0640}'));
            }
            Kind::Number(_) | Kind::NumericDate => {
                for c in text[start..end].chars() {
                    self.keys.push(ascii_digit(c));
                }
                if let Kind::Number(_) = kind {
                    let v = self.keys[k0..].parse::<i64>().unwrap_or(i64::MAX);
                    kind = Kind::Number(v);
                }
            }
            Kind::Punct(c) => self.keys.push(c),
        }
        let key = (k0 as u32, self.keys.len() as u32);
        self.list.push(Token {
            kind,
            start,
            end,
            key,
        });
    }

    /// The key of token `i` ("" past the end).
    pub fn key(&self, i: usize) -> &str {
        self.list
            .get(i)
            .map(|t| &self.keys[t.key.0 as usize..t.key.1 as usize])
            .unwrap_or("")
    }

    /// Whether `test` holds for token `i`'s key or a form of it without
    /// proclitics, as [`Tokens::forms`] gives them but without building
    /// any (`لل…` is tried without its `ال`, so `test` must accept both).
    pub fn any_form(&self, i: usize, mut test: impl FnMut(&str) -> bool) -> bool {
        let k = self.key(i);
        if test(k) {
            return true;
        }
        let strip = |s: &str, k: &str| -> bool { k.starts_with(s) && k.len() > s.len() + 2 };
        let mut rest = k;
        if strip("و", rest) || strip("ف", rest) {
            rest = &rest[2..];
            if test(rest) {
                return true;
            }
        }
        if strip("لل", rest) {
            test(&rest[4..])
        } else if strip("ب", rest) || strip("ك", rest) || strip("ل", rest) {
            test(&rest[2..])
        } else {
            false
        }
    }

    /// The first `Some` that `f` gives for token `i`'s key or its forms
    /// without proclitics, in the order of [`Tokens::forms`], without
    /// allocating.
    pub fn find_form<V>(&self, i: usize, mut f: impl FnMut(&str) -> Option<V>) -> Option<V> {
        let k = self.key(i);
        if let Some(v) = f(k) {
            return Some(v);
        }
        if self.list.get(i).is_none_or(|t| t.kind != Kind::Word) {
            return None;
        }
        let strip = |s: &str, k: &str| -> bool { k.starts_with(s) && k.len() > s.len() + 2 };
        let mut rest = k;
        if strip("و", rest) || strip("ف", rest) {
            rest = &rest[2..];
            if let Some(v) = f(rest) {
                return Some(v);
            }
        }
        if strip("لل", rest) {
            let mut buf = [0u8; 96];
            let tail = &rest[4..];
            if tail.len() + 4 > buf.len() {
                return None;
            }
            buf[..4].copy_from_slice("ال".as_bytes());
            buf[4..4 + tail.len()].copy_from_slice(tail.as_bytes());
            let joined = std::str::from_utf8(&buf[..4 + tail.len()]).ok()?;
            f(joined)
        } else if strip("ب", rest) || strip("ك", rest) || strip("ل", rest) {
            f(&rest[2..])
        } else {
            None
        }
    }

    /// The key of token `i` and its forms without proclitics: `و`/`ف`, then
    /// `ب`/`ل`/`ك` (`لل` standing for `ل` + `ال`), the fullest first.
    pub fn forms(&self, i: usize) -> [Option<Cow<'_, str>>; 3] {
        let k = self.key(i);
        let mut out = [Some(Cow::Borrowed(k)), None, None];
        if self.list.get(i).is_none_or(|t| t.kind != Kind::Word) {
            return out;
        }
        let strip =
            |s: &'static str, k: &str| -> bool { k.starts_with(s) && k.len() > s.len() + 2 };
        let mut rest = k;
        let mut n = 1;
        if strip("و", rest) || strip("ف", rest) {
            rest = &rest[2..];
            out[n] = Some(Cow::Borrowed(rest));
            n += 1;
        }
        if strip("لل", rest) {
            // "للعام" is "ل" + "العام".
            out[n] = Some(Cow::Owned(format!("ال{}", &rest[4..])));
        } else if strip("ب", rest) || strip("ك", rest) || strip("ل", rest) {
            out[n] = Some(Cow::Borrowed(&rest[2..]));
        }
        out
    }
}

/// Whether `c` is an Arabic letter the loose key leaves as it is (most
/// letters of a text: not a diacritic, hamza seat on alef, ى, ة or tatweel).
#[inline]
fn is_plain_letter(c: char) -> bool {
    matches!(c, '\u{0621}' | '\u{0624}' | '\u{0626}'..='\u{0628}' | '\u{062A}'..='\u{063A}' | '\u{0641}'..='\u{0648}' | '\u{064A}')
}

fn ascii_digit(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    }
}
