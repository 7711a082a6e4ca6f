//! The words the fact readers match on, and the [`class`]es of a word that
//! follow from its keys alone: the event lexicon (`data/events.tsv`) and the
//! word lists of `data/*.txt` (reporting verbs, hedges, denials, "according
//! to" words, stop words, connectors, units, …), read once into one
//! immutable [`Lexicon`] shared by every thread. Nothing here knows
//! sentences; every other module of the crate builds on it.
//!
//! The lists are written as matching keys (folded: no hamza on alif, ى as
//! ي, ة as ه), so a lookup compares a word's key as it is.

use std::sync::LazyLock;

use isnad_text::hash::{FastMap, FastSet};
use isnad_text::keys::key;

/// The ledger's event kinds.
pub const KINDS: [&str; 20] = [
    "protest",
    "riot",
    "clash",
    "attack",
    "killed",
    "injured",
    "hospitalized",
    "arrested",
    "property_damage",
    "deployment",
    "emergency_measure",
    "communications_cut",
    "dismissal",
    "price_change",
    "casualties",
    "sentenced",
    "kidnapped",
    "missing",
    "displaced",
    "evacuated",
];

/// Questions the readers ask of every word of every sentence, answered once
/// per distinct spelling (the bits of a word's `classes`).
pub mod class {
    /// A one-word event of the lexicon (`events::is_event_word`).
    pub const EVENT: u32 = 1 << 0;
    /// A lexicon form may start at this word.
    pub const EVENT_START: u32 = 1 << 1;
    /// "مستشفى" in one of its forms.
    pub const HOSPITAL: u32 = 1 << 2;
    /// "حياتهم" of "فقدوا حياتهم".
    pub const LIFE: u32 = 1 << 3;
    /// "حتفهم"/"مصرعهم" of "لقوا حتفهم".
    pub const DEATH: u32 = 1 << 4;
    /// A reporting verb, with or without an object pronoun ("أعلنه").
    pub const SAYS: u32 = 1 << 5;
    /// A reporting verb as written.
    pub const SAY: u32 = 1 << 6;
    /// A word that ends a source's name.
    pub const STOP: u32 = 1 << 7;
    /// A hedge ("زعم", "مزاعم").
    pub const HEDGE: u32 = 1 << 8;
    /// A denial ("نفى").
    pub const DENY: u32 = 1 << 9;
    /// "بحسب", "وفقاً" and their kin.
    pub const ACCORDING: u32 = 1 << 10;
    /// A word that joins a title to its body ("باسم", "لشؤون").
    pub const CONNECTOR: u32 = 1 << 11;
}

/// One word list of `data/`, as matching keys, in the order written.
pub struct WordList {
    /// The file it is read from, under `data/`.
    pub file: &'static str,
    words: Vec<&'static str>,
    set: FastSet<&'static str>,
}

impl WordList {
    /// The list of a file's text: one word a line; `#` lines are comments.
    fn read(file: &'static str, text: &'static str) -> WordList {
        let words: Vec<&'static str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        WordList {
            file,
            set: words.iter().copied().collect(),
            words,
        }
    }

    /// Whether the key `k` is a word of the list.
    pub fn has(&self, k: &str) -> bool {
        self.set.contains(k)
    }

    /// Whether the key `k`, or `k` [`without_conjunction`], is a word of the list.
    pub fn has_bare(&self, k: &str) -> bool {
        self.has(k) || without_conjunction(k).is_some_and(|b| self.has(b))
    }

    /// The words, in the order of the file.
    pub fn words(&self) -> &[&'static str] {
        &self.words
    }
}

/// `k` without a conjunction the segmenter kept on a frequent word
/// ("وأضاف"), when three letters or more are left.
pub fn without_conjunction(k: &str) -> Option<&str> {
    k.strip_prefix('و')
        .or_else(|| k.strip_prefix('ف'))
        .filter(|b| b.chars().count() >= 3)
}

/// One form of the event lexicon: its kind and its words (keys, without
/// the article).
pub struct Form {
    /// Ledger kind.
    pub kind: &'static str,
    /// Its words, in order.
    pub words: Vec<String>,
}

/// The forms of `data/events.tsv` by their first word, longest first, and
/// the words of the one-word forms.
struct EventForms {
    by_first_word: FastMap<String, Vec<Form>>,
    single_words: FastSet<String>,
}

impl EventForms {
    fn read() -> EventForms {
        let mut forms = Vec::new();
        for line in include_str!("../data/events.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((kind, list)) = line.split_once('\t') else {
                continue;
            };
            // The lexicon is compiled in: a kind the ledger does not know is
            // a mistake in the data, never read as some other kind.
            let kind = KINDS
                .iter()
                .find(|k| **k == kind)
                .copied()
                .unwrap_or_else(|| panic!("data/events.tsv: unknown fact kind {kind:?}"));
            for f in list.split('|') {
                let words: Vec<String> = f
                    .split_whitespace()
                    .map(|w| strip_article(&key(w)).to_string())
                    .collect();
                if !words.is_empty() {
                    forms.push(Form { kind, words });
                }
            }
        }
        // Longest forms first, so idioms win over their single words.
        forms.sort_by_key(|f| std::cmp::Reverse(f.words.len()));
        let single_words = forms
            .iter()
            .filter(|f| f.words.len() == 1)
            .map(|f| f.words[0].clone())
            .collect();
        let mut by_first_word: FastMap<String, Vec<Form>> = FastMap::default();
        for f in forms {
            by_first_word.entry(f.words[0].clone()).or_default().push(f);
        }
        EventForms {
            by_first_word,
            single_words,
        }
    }
}

/// Declares the word lists of [`Lexicon`], one field a file of `data/`.
macro_rules! word_lists {
    ($($(#[$doc:meta])* $name:ident: $file:literal,)*) => {
        /// Every word the fact readers match on, read once ([`lexicon`]).
        pub struct Lexicon {
            $($(#[$doc])* pub $name: WordList,)*
            events: EventForms,
            number_words: FastMap<&'static str, NumberWord>,
            vague_amounts: FastMap<&'static str, (u64, u64)>,
            /// For each key of the lists [`attribution_classes`] reads, the
            /// `IN_*` bits of the lists that hold it.
            class_bits: FastMap<&'static str, u8>,
        }

        impl Lexicon {
            fn read() -> Lexicon {
                let mut lexicon = Lexicon {
                    $($name: WordList::read($file, include_str!(concat!("../data/", $file))),)*
                    events: EventForms::read(),
                    number_words: table(NUMBER_WORDS)
                        .map(|(k, row)| (k, NumberWord::read(row)))
                        .collect(),
                    vague_amounts: table(VAGUE_AMOUNTS)
                        .map(|(k, row)| (k, (number(&row, 0), number(&row, 1))))
                        .collect(),
                    class_bits: FastMap::default(),
                };
                lexicon.class_bits = lexicon.read_class_bits();
                lexicon
            }

            /// Every word list.
            #[cfg(test)]
            fn lists(&self) -> Vec<&WordList> {
                vec![$(&self.$name),*]
            }
        }
    };
}

word_lists! {
    /// Reporting verbs (قال، أعلن، أكد …).
    say: "say.txt",
    /// Reporting verbs that carry on the previous speaker (وأضاف، وتابع).
    continues: "continue.txt",
    /// Words that introduce a source (بحسب، وفقاً، نقلاً).
    according: "according.txt",
    /// Hedges (زعم، مزاعم، المزعوم).
    hedge: "hedge.txt",
    /// Denials (نفى، يكذب، صحة).
    deny: "deny.txt",
    /// Words that end a source's name (إن، في، مضيفاً).
    source_stop: "source_stop.txt",
    /// Words that join the parts of a speaker's title (باسم، لشؤون).
    connectors: "connectors.txt",
    /// Particles between an "according to" word and its source (لـ، عن، ما).
    after_according: "after_according.txt",
    /// Nouns after an "according to" word that are no source (زعمها، وصفها).
    not_a_source: "not_a_source.txt",
    /// Statements whose issuer speaks (بيان، تقرير).
    statements: "statements.txt",
    /// Verbs of an agency quoting a source (نقل، نقلت).
    quote_verbs: "quote_verbs.txt",
    /// Sources that speak for whoever issued them (بيان، البيان، تقرير).
    generic_sources: "generic_sources.txt",
    /// "Hospital", singular and plural.
    hospital: "hospital.txt",
    /// Verbs that take someone to hospital (إدخال، نقل، إسعاف).
    hospital_verbs: "hospital_verbs.txt",
    /// "Their life" of فقدوا حياتهم.
    life: "life.txt",
    /// "Lost" of فقد … حياته.
    lose_verbs: "lose_verbs.txt",
    /// "Their death" of لقوا حتفهم / مصرعهم.
    death: "death.txt",
    /// "Met" of لقي … حتفه.
    meet_verbs: "meet_verbs.txt",
    /// Forces and their gear, which make نشر/أرسل a deployment.
    forces: "forces.txt",
    /// "March" (مسيرة), a protest word.
    marches: "marches.txt",
    /// Aircraft, which make a following مسيرة a drone.
    aircraft: "aircraft.txt",
    /// Words that end the subject phrase of a count (في، من، بينهم).
    subject_stop: "subject_stop.txt",
    /// Singular nouns of people that count one (شخص، جندي).
    one_person: "one_person.txt",
    /// Dual nouns of people that count two (شخصين، جنديين).
    two_people: "two_people.txt",
    /// Nouns of victims, which take the count before them (قتيل، جرحى).
    victim_nouns: "victim_nouns.txt",
    /// "One" after a noun, its adjective (عائلة واحدة).
    adjective_numbers: "adjective_numbers.txt",
    /// Words that open a new clause (كما، ثم، بينما).
    clause_openers: "clause_openers.txt",
    /// "Case(s)", which count people in a report of injuries (حالة، حالات).
    cases: "cases.txt",
    /// "Among them", before a part of the figure before (بينهم، منهم).
    among: "among.txt",
    /// Words after a number that make it no count: time, money, measures.
    units: "units.txt",
    /// Words before a number that make it a year, ordinal or article number.
    number_markers: "number_markers.txt",
    /// Words that make the number after them approximate (نحو، قرابة).
    approximately: "approximately.txt",
    /// "More than" before من/عن/على and a number (أكثر، يزيد).
    more_than: "more_than.txt",
    /// Place names that are also common words (صور pictures / Tyre, مالي
    /// financial / Mali): a place only after a locative word.
    ambiguous_places: "ambiguous_places.txt",
    /// Words after which a name is a place (في، قرب، شمال، مدينة).
    locatives: "locatives.txt",
    /// Weekdays with the article, Sunday first.
    weekdays: "weekdays.txt",
}

/// `data/number_words.tsv`.
const NUMBER_WORDS: &str = include_str!("../data/number_words.tsv");
/// `data/vague_amounts.tsv`.
const VAGUE_AMOUNTS: &str = include_str!("../data/vague_amounts.tsv");

/// The rows of a table of `data/`: its key, then the other fields of the
/// line (tab-separated); `#` lines are comments.
fn table(text: &'static str) -> impl Iterator<Item = (&'static str, Vec<&'static str>)> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut fields = l.split('\t');
            let k = fields.next().unwrap_or_default();
            (k, fields.collect())
        })
}

/// Field `i` of a table row as a number (the tables are compiled in and
/// checked by the tests: a bad one is a bug).
fn number<T: std::str::FromStr>(row: &[&str], i: usize) -> T {
    row.get(i)
        .and_then(|f| f.parse().ok())
        .unwrap_or_else(|| panic!("bad number in table row {row:?}"))
}

/// What a number word is worth (`data/number_words.tsv`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberWord {
    /// One to ten.
    Unit(f64),
    /// Twenty to ninety.
    Ten(f64),
    /// One to nine hundred.
    Hundred(f64),
    /// A thousand, a million or a billion.
    Scale {
        /// Its value.
        value: f64,
        /// Written as a dual (ألفان): two of it alone.
        dual: bool,
        /// Written as a plural (آلاف): needs a number before it.
        plural: bool,
    },
    /// Half or quarter of a scale.
    Fraction(f64),
}

impl NumberWord {
    /// A row of `number_words.tsv`: kind and value.
    fn read(row: Vec<&str>) -> NumberWord {
        let value = number(&row, 1);
        let scale = |dual, plural| NumberWord::Scale {
            value,
            dual,
            plural,
        };
        match row[0] {
            "unit" => NumberWord::Unit(value),
            "ten" => NumberWord::Ten(value),
            "hundred" => NumberWord::Hundred(value),
            "scale" => scale(false, false),
            "dual" => scale(true, false),
            "plural" => scale(false, true),
            "fraction" => NumberWord::Fraction(value),
            kind => panic!("number_words.tsv: unknown kind {kind}"),
        }
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::read);

/// The lexicon, read on first use.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

/// `k` without the article, when two letters or more are left.
fn strip_article(k: &str) -> &str {
    k.strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(k)
}

/// Pronoun suffixes a verb or noun may carry ("قتلته", "اعتقالهم"), longest
/// first: grammar, not vocabulary (and [`candidates`] strips the first that fits).
const SUFFIXES: &[&str] = &["هما", "هم", "هن", "ها", "ه"];

/// The keys a word (by its `stem` and `base` keys) can start a lexicon
/// form by: its stem, with and without the article, accusative alif or a
/// pronoun suffix.
pub fn candidates<'a>(stem: &'a str, base: &'a str) -> impl Iterator<Item = &'a str> {
    let stem = strip_article(stem);
    let base = strip_article(base);
    let acc = stem.strip_suffix('ا').filter(|b| b.chars().count() >= 3);
    let suf = SUFFIXES
        .iter()
        .find_map(|s| stem.strip_suffix(s).filter(|b| b.chars().count() >= 3));
    [Some(stem), Some(base), acc, suf].into_iter().flatten()
}

/// Every key a word (by its `stem` and `base` keys) is compared with a
/// lexicon word by: the stem and base without the article, the stem without
/// an accusative alif and without each pronoun suffix (those two only when
/// three letters are left).
pub fn match_keys<'a>(stem: &'a str, base: &'a str) -> impl Iterator<Item = &'a str> {
    let stem = strip_article(stem);
    let base = strip_article(base);
    let long_enough = |b: &&str| b.chars().count() >= 3;
    let acc = stem.strip_suffix('ا').filter(long_enough);
    let suffixed = SUFFIXES
        .iter()
        .filter_map(move |s| stem.strip_suffix(s).filter(long_enough));
    [Some(stem), Some(base), acc]
        .into_iter()
        .flatten()
        .chain(suffixed)
}

const IN_SAY: u8 = 1;
const IN_STOP: u8 = 2;
const IN_HEDGE: u8 = 4;
const IN_DENY: u8 = 8;
const IN_ACCORDING: u8 = 16;
const IN_CONNECTORS: u8 = 32;

impl Lexicon {
    /// The event forms whose first word is the key `k`, longest first.
    pub fn forms_starting(&self, k: &str) -> &[Form] {
        self.events.by_first_word.get(k).map_or(&[], Vec::as_slice)
    }

    /// Every form of the event lexicon.
    pub fn event_forms(&self) -> impl Iterator<Item = &Form> {
        self.events.by_first_word.values().flatten()
    }

    /// Whether the key `k` is the word of a one-word event form.
    pub fn is_single_event_word(&self, k: &str) -> bool {
        self.events.single_words.contains(k)
    }

    /// What the number word whose key is `k` is worth.
    pub fn number_word(&self, k: &str) -> Option<NumberWord> {
        self.number_words.get(k).copied()
    }

    /// The range of the vague amount whose key is `k` ("عشرات": 10 to 99).
    pub fn vague_amount(&self, k: &str) -> Option<(u64, u64)> {
        self.vague_amounts.get(k).copied()
    }

    /// The lists [`Lexicon::lists_of`] answers for, with their bits.
    fn class_lists(&self) -> [(u8, &WordList); 6] {
        [
            (IN_SAY, &self.say),
            (IN_STOP, &self.source_stop),
            (IN_HEDGE, &self.hedge),
            (IN_DENY, &self.deny),
            (IN_ACCORDING, &self.according),
            (IN_CONNECTORS, &self.connectors),
        ]
    }

    fn read_class_bits(&self) -> FastMap<&'static str, u8> {
        let mut bits = FastMap::default();
        for (bit, list) in self.class_lists() {
            for w in list.words() {
                *bits.entry(*w).or_default() |= bit;
            }
        }
        bits
    }

    /// Which of the [`Lexicon::class_lists`] hold the key `k` as
    /// [`WordList::has_bare`] reads them: one bit per list, from one table
    /// of every listed key.
    fn lists_of(&self, k: &str) -> u8 {
        let of = |k: &str| self.class_bits.get(k).copied().unwrap_or(0);
        of(k) | without_conjunction(k).map_or(0, of)
    }

    /// The [`class`]es of the event lexicon a word with these keys is in.
    fn event_classes(&self, stem: &str, base: &str) -> u32 {
        let mut c = 0;
        if match_keys(stem, base).any(|k| self.is_single_event_word(k)) {
            c |= class::EVENT;
        }
        if candidates(stem, base).any(|k| self.events.by_first_word.contains_key(k)) {
            c |= class::EVENT_START;
        }
        if match_keys(stem, base).any(|k| self.hospital.has(k)) {
            c |= class::HOSPITAL;
        }
        if self.life.has(stem) {
            c |= class::LIFE;
        }
        if self.death.has(stem) {
            c |= class::DEATH;
        }
        c
    }

    /// The [`class`]es of attribution a word with these keys is in.
    fn attribution_classes(&self, key: &str, stem: &str) -> u32 {
        let (in_stem, in_key) = (self.lists_of(stem), self.lists_of(key));
        let says_alone = in_stem & IN_SAY != 0;
        let mut c = 0;
        for (yes, bit) in [
            (
                says_alone
                    || stem
                        .strip_suffix('ه')
                        .or_else(|| stem.strip_suffix("ها"))
                        .is_some_and(|b| self.lists_of(b) & IN_SAY != 0),
                class::SAYS,
            ),
            (says_alone, class::SAY),
            (in_key & IN_STOP != 0, class::STOP),
            ((in_stem | in_key) & IN_HEDGE != 0, class::HEDGE),
            (in_stem & IN_DENY != 0, class::DENY),
            ((in_stem | in_key) & IN_ACCORDING != 0, class::ACCORDING),
            (in_key & IN_CONNECTORS != 0, class::CONNECTOR),
        ] {
            if yes {
                c |= bit;
            }
        }
        c
    }

    /// Every [`class`] of a word token with these keys (its whole `key`, its
    /// `stem` without proclitics and article, its `base` with the article).
    pub fn classes(&self, key: &str, stem: &str, base: &str) -> u32 {
        self.event_classes(stem, base) | self.attribution_classes(key, stem)
    }

    /// Whether `word` (a bare key) is an event word or a noun of people the
    /// fact reader counts.
    pub fn knows(&self, word: &str) -> bool {
        self.event_classes(word, word) & class::EVENT != 0
            || self.one_person.has(word)
            || self.two_people.has(word)
            || self.victim_nouns.has(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_event_lexicon_names_a_kind_of_the_ledger() {
        for line in include_str!("../data/events.tsv").lines() {
            if let Some((kind, _)) = line.split_once('\t').filter(|_| !line.starts_with('#')) {
                assert!(KINDS.contains(&kind), "events.tsv: unknown kind {kind:?}");
            }
        }
    }

    #[test]
    fn every_list_and_table_is_written_in_keys_once_each_under_a_header() {
        let lists = lexicon().lists();
        for list in &lists {
            assert!(!list.words().is_empty(), "{} is empty", list.file);
            let mut seen = FastSet::default();
            for w in list.words() {
                assert_eq!(key(w), *w, "{}: {w} is not written as its key", list.file);
                assert!(seen.insert(*w), "{}: {w} twice", list.file);
            }
        }
        for (file, text) in [
            ("number_words.tsv", NUMBER_WORDS),
            ("vague_amounts.tsv", VAGUE_AMOUNTS),
        ] {
            let mut seen = FastSet::default();
            for (k, row) in table(text) {
                assert_eq!(key(k), k, "{file}: {k} is not written as its key");
                assert!(seen.insert(k), "{file}: {k} twice");
                assert_eq!(row.len(), 2, "{file}: {k} {row:?}");
            }
        }
        assert_eq!(
            lexicon().number_word("الفا"),
            lexicon().number_word("الفين")
        );
        // Every file of `data/` is read, and each says what it is for.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let mut read: Vec<String> = lists.iter().map(|l| l.file.to_string()).collect();
        read.extend(["events.tsv", "number_words.tsv", "vague_amounts.tsv"].map(String::from));
        read.sort();
        assert_eq!(files, read);
        for f in &files {
            let text = std::fs::read_to_string(format!("{dir}/{f}")).unwrap();
            assert!(text.starts_with("# "), "{f} has no header");
        }
    }

    #[test]
    fn one_table_of_lists_answers_as_each_list_does() {
        let lex = lexicon();
        let mut keys: Vec<String> = lex
            .class_lists()
            .iter()
            .flat_map(|(_, l)| l.words())
            .flat_map(|k| {
                [
                    k.to_string(),
                    format!("و{k}"),
                    format!("ف{k}"),
                    format!("{k}ه"),
                    k.chars().skip(1).collect(),
                ]
            })
            .collect();
        keys.extend(["قال", "وقال", "فقالوا", "الحكومة", "و", "ف", ""].map(String::from));
        for k in &keys {
            for (bit, list) in lex.class_lists() {
                assert_eq!(
                    lex.lists_of(k) & bit != 0,
                    list.has_bare(k),
                    "{k} {}",
                    list.file
                );
            }
        }
    }
}
