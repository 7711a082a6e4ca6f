//! The tagger's tokens: words, numbers (digits of any script, with `/ - .`
//! inside for numeric dates) and punctuation, each with its byte span in the
//! text and its loose matching key.

use std::borrow::Cow;

use isnad_text::normalize::{fold_key_into, NormalizeOptions};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (with their marks).
    Word,
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
            while let Some(&(i, n)) = chars.peek() {
                let ok = class(n) == cl
                    || (cl == 1 && matches!(n, '/' | '-' | '.') && {
                        let next = text[i + 1..].chars().next();
                        next.is_some_and(is_digit)
                    });
                if !ok {
                    break;
                }
                separators |= class(n) != cl;
                e = i + n.len_utf8();
                chars.next();
            }
            let kind = if cl == 2 {
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

    fn push(&mut self, text: &str, start: usize, end: usize, kind: Kind) {
        let k0 = self.keys.len();
        let mut kind = kind;
        match kind {
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

fn ascii_digit(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    }
}
