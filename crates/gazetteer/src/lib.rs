//! Gazetteers: what isnad knows about the world before it reads a word.
//!
//! All lists ship inside the binary (`data/`, provenance in `data/README.md`)
//! and are loaded once, on first use. Lookups take a [`key`]: the loose
//! matching form of a name (diacritics dropped, alef forms, ى/ي and ة/ه
//! folded, single spaces).
#![deny(missing_docs)]

use isnad_text::hash::{FastMap as HashMap, FastSet as HashSet};
use std::sync::{Arc, LazyLock};

/// What a gazetteer entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A country or territory.
    Country,
    /// A populated place.
    Place,
    /// An organisation, agency or outlet.
    Organization,
}

/// One named thing the gazetteers know.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Stable id: `country:KZ`, `place:1526384`, `org:Reuters`.
    pub id: String,
    /// What it is.
    pub kind: EntryKind,
    /// English name.
    pub name_en: String,
    /// Arabic names, the first being the usual one.
    pub names_ar: Vec<String>,
    /// Latin names besides `name_en` (acronyms, other spellings).
    pub names_latin: Vec<String>,
    /// ISO code of the country it is in (itself, for a country).
    pub country: Option<String>,
    /// Population (places).
    pub population: u64,
    /// Latitude and longitude (places).
    pub coordinates: Option<(f64, f64)>,
}

/// The loaded gazetteers.
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_id: HashMap<String, u32>,
    by_key: HashMap<String, Vec<u32>>,
    /// By first word (key): the lengths in words of the names it starts, as bits.
    first_words: HashMap<String, u32>,
    max_words: usize,
    nisba: HashMap<String, u32>,
    anergazet: [HashSet<String>; 3],
    translit: HashMap<String, (&'static str, NameClass)>,
    triggers: [HashSet<String>; 3],
    person_names: HashMap<String, PersonName>,
    wiki_names: HashMap<String, NameClass>,
    /// By first word (key): the lengths in words of the well-known names it starts, as bits.
    wiki_first_words: HashMap<String, u32>,
    wiki_max_words: usize,
    /// By Latin name (lower case): English names, and acronyms as written (upper case).
    by_latin: HashMap<String, Vec<u32>>,
}

/// The bit of [`Gazetteer::name_lengths`] for a name of `words` words.
pub fn length_bit(words: usize) -> u32 {
    1 << (words.clamp(1, 32) - 1)
}

/// How often people listed in Wikidata carry a name part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PersonName {
    /// As a given name.
    pub given: u32,
    /// As a surname.
    pub surname: u32,
    /// In a role the source does not say.
    pub other: u32,
}

/// The loose matching key of a name (see [`isnad_text::keys::key`]).
pub use isnad_text::keys::key;

/// The process's one copy of the gazetteers, loaded on first use.
static SHARED: LazyLock<Arc<Gazetteer>> = LazyLock::new(|| Arc::new(Gazetteer::load()));

/// The gazetteers, loaded on first use: the same copy as [`shared`].
pub fn gazetteer() -> &'static Gazetteer {
    &SHARED
}

/// The process's one copy of the gazetteers, as a value to keep: callers
/// that hold resources (a run, a server) take this rather than loading
/// their own, so the lists are read once per process.
pub fn shared() -> Arc<Gazetteer> {
    Arc::clone(&SHARED)
}

/// `countries.tsv`: the countries.
const COUNTRIES: &str = include_str!("../data/countries.tsv");
/// `places.tsv`: the populated places.
const PLACES: &str = include_str!("../data/places.tsv");
/// `translit.tsv`: Arabic name tokens with their English form.
const TRANSLIT: &str = include_str!("../data/translit.tsv");
/// `person_names.tsv`: Wikidata name parts with their counts.
const PERSON_NAMES: &str = include_str!("../data/person_names.tsv");
/// `aliases.tsv`: more names of entries (short forms, acronyms, Latin).
const ALIASES: &str = include_str!("../data/aliases.tsv");
/// `wiki_names.tsv`: well-known people and clubs.
const WIKI_NAMES: &str = include_str!("../data/wiki_names.tsv");

/// Which list of ANERGazet a name is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameList {
    /// Locations.
    Location = 0,
    /// Organisations.
    Organization = 1,
    /// Person name parts.
    Person = 2,
}

/// The class a transliteration pair was listed under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameClass {
    /// A person's name.
    Person,
    /// A place name.
    Location,
    /// An organisation's name.
    Organization,
}

/// What kind of entity a trigger word announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// A title before a person (`الرئيس`, `وزير`).
    Person = 0,
    /// A place word before a location (`مدينة`, `محافظة`).
    Location = 1,
    /// An organisation head word (`وكالة`, `حزب`).
    Organization = 2,
}

impl Gazetteer {
    /// Every list shipped in the binary, read and indexed (the nationality
    /// adjectives index the countries, so they come after them). This takes
    /// a tenth of a second: a process builds it once and shares it (the
    /// pipeline's resources hold one in an `Arc`).
    pub fn load() -> Gazetteer {
        let mut g = Gazetteer::sized_for_data();
        g.add_countries();
        g.add_places();
        g.add_organizations();
        g.add_aliases();
        g.index_nationality_adjectives();
        g.index_latin_names();
        g.load_anergazet();
        g.load_transliterations();
        g.load_person_names();
        g.load_wiki_names();
        g.load_triggers();
        g
    }

    /// An empty gazetteer whose tables are sized for their files up front
    /// (a line is at most one entry).
    fn sized_for_data() -> Gazetteer {
        let lines = |data: &str| data.bytes().filter(|&b| b == b'\n').count();
        fn sized<K, V>(n: usize) -> HashMap<K, V> {
            HashMap::with_capacity_and_hasher(n, Default::default())
        }
        let entries = lines(COUNTRIES) + lines(PLACES);
        Gazetteer {
            entries: Vec::with_capacity(entries),
            by_id: sized(entries),
            by_key: sized(entries * 2),
            first_words: sized(entries),
            max_words: 1,
            nisba: HashMap::default(),
            anergazet: Default::default(),
            translit: sized(lines(TRANSLIT)),
            triggers: Default::default(),
            person_names: sized(lines(PERSON_NAMES)),
            wiki_names: sized(lines(WIKI_NAMES)),
            wiki_first_words: HashMap::default(),
            wiki_max_words: 1,
            by_latin: HashMap::default(),
        }
    }

    /// Adds the countries of `countries.tsv` (ISO code, English name, capital,
    /// Arabic names).
    fn add_countries(&mut self) {
        for line in COUNTRIES.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            self.add(Entry {
                id: format!("country:{}", f[0]),
                kind: EntryKind::Country,
                name_en: f[1].to_string(),
                names_ar: f[3].split('|').map(str::to_string).collect(),
                names_latin: Vec::new(),
                country: Some(f[0].to_string()),
                population: 0,
                coordinates: None,
            });
        }
    }

    /// Adds the places of `places.tsv` (id, English name, country,
    /// population, latitude, longitude, Arabic names).
    fn add_places(&mut self) {
        for line in PLACES.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 7 {
                continue;
            }
            self.add(Entry {
                id: format!("place:{}", f[0]),
                kind: EntryKind::Place,
                name_en: f[1].to_string(),
                names_ar: f[6].split('|').map(str::to_string).collect(),
                names_latin: Vec::new(),
                country: Some(f[2].to_string()),
                population: f[3].parse().unwrap_or(0),
                coordinates: f[4].parse().ok().zip(f[5].parse().ok()),
            });
        }
    }

    /// Adds the organisations of `organizations.tsv` (English name, kind,
    /// Arabic names; `#` lines are comments).
    fn add_organizations(&mut self) {
        for line in include_str!("../data/organizations.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            self.add(Entry {
                id: format!("org:{}", f[0]),
                kind: EntryKind::Organization,
                name_en: f[0].to_string(),
                names_ar: f[2].split('|').map(str::to_string).collect(),
                names_latin: Vec::new(),
                country: None,
                population: 0,
                coordinates: None,
            });
        }
    }

    /// Adds the names of `aliases.tsv` (entry id, Arabic names, Latin
    /// names and acronyms, irregular nationality adjectives) to entries already loaded: the short and long
    /// names news use besides the sources' own (أمريكا, بريطانيا).
    fn add_aliases(&mut self) {
        for line in ALIASES.lines() {
            if line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let Some(&at) = f.first().and_then(|id| self.by_id.get(*id)) else {
                continue;
            };
            let arabic: Vec<String> = f
                .get(1)
                .into_iter()
                .flat_map(|names| names.split('|'))
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect();
            for name in &arabic {
                self.index_name(at, name);
            }
            for adjective in f.get(3).into_iter().flat_map(|a| a.split('|')) {
                let k = key(adjective);
                if !k.is_empty() {
                    for form in ["", "ه", "ون", "ين", "ان", "تان", "تين", "ات"] {
                        self.nisba.entry(format!("{k}{form}")).or_insert(at);
                    }
                }
            }
            let e = &mut self.entries[at as usize];
            e.names_ar.extend(arabic);
            e.names_latin.extend(
                f.get(2)
                    .into_iter()
                    .flat_map(|names| names.split('|'))
                    .filter(|n| !n.is_empty())
                    .map(str::to_string),
            );
        }
    }

    /// Indexes every entry by its English name and its Latin aliases
    /// (lower case; an acronym of two or three letters only as written).
    fn index_latin_names(&mut self) {
        for (i, e) in self.entries.iter().enumerate() {
            if e.kind == EntryKind::Place && e.population < 100_000 {
                continue;
            }
            for name in std::iter::once(&e.name_en).chain(&e.names_latin) {
                let ids = self.by_latin.entry(latin_key(name)).or_default();
                if !ids.contains(&(i as u32)) {
                    ids.push(i as u32);
                }
            }
        }
    }

    /// Indexes the nationality adjectives of the one-word Arabic names of
    /// the countries loaded so far (روسيا → روسي، الروسية، الروس...); the
    /// first country to claim an adjective keeps it.
    fn index_nationality_adjectives(&mut self) {
        for (i, e) in self.entries.iter().enumerate() {
            if e.kind != EntryKind::Country {
                continue;
            }
            for name in &e.names_ar {
                let k = key(name);
                if k.contains(' ') {
                    continue;
                }
                for adj in nisba_forms(&k) {
                    self.nisba.entry(adj).or_insert(i as u32);
                }
            }
        }
    }

    /// Loads the three ANERGazet lists (one name a line), as keys.
    fn load_anergazet(&mut self) {
        for (list, data) in [
            (
                NameList::Location,
                include_str!("../data/anergazet_loc.txt"),
            ),
            (
                NameList::Organization,
                include_str!("../data/anergazet_org.txt"),
            ),
            (NameList::Person, include_str!("../data/anergazet_pers.txt")),
        ] {
            self.anergazet[list as usize] =
                data.lines().filter(|l| !l.is_empty()).map(key).collect();
        }
    }

    /// Loads `translit.tsv` (Arabic, Latin, PER/LOC/other class); the first
    /// line for a key wins.
    fn load_transliterations(&mut self) {
        for line in TRANSLIT.lines() {
            let mut f = line.split('\t');
            if let (Some(arabic), Some(latin), Some(class)) = (f.next(), f.next(), f.next()) {
                let class = match class {
                    "PER" => NameClass::Person,
                    "LOC" => NameClass::Location,
                    _ => NameClass::Organization,
                };
                self.translit.entry(key(arabic)).or_insert((latin, class));
            }
        }
    }

    /// Loads `person_names.tsv` (name part, given, surname, other counts),
    /// summing the counts of lines with the same key.
    fn load_person_names(&mut self) {
        for line in PERSON_NAMES.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() == 4 && !line.starts_with('#') {
                let n = |s: &str| s.parse::<u32>().unwrap_or(0);
                let e = self.person_names.entry(key(f[0])).or_default();
                e.given += n(f[1]);
                e.surname += n(f[2]);
                e.other += n(f[3]);
            }
        }
    }

    /// Loads the PER and ORG lines of `wiki_names.tsv` (kind, name) with
    /// the lengths of the names each first word starts.
    fn load_wiki_names(&mut self) {
        for line in WIKI_NAMES.lines() {
            if let Some((kind, name)) = line.split_once('\t') {
                let class = match kind {
                    "PER" => NameClass::Person,
                    "ORG" => NameClass::Organization,
                    _ => continue,
                };
                let k = key(name);
                let words = k.split(' ').count();
                self.wiki_max_words = self.wiki_max_words.max(words);
                *self
                    .wiki_first_words
                    .entry(k.split(' ').next().unwrap_or("").to_string())
                    .or_default() |= length_bit(words);
                self.wiki_names.entry(k).or_insert(class);
            }
        }
    }

    /// Loads `triggers.tsv` (person/location/other kind, `|`-separated words).
    fn load_triggers(&mut self) {
        for line in include_str!("../data/triggers.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            if let Some((kind, words)) = line.split_once('\t') {
                let slot = match kind {
                    "person" => Trigger::Person,
                    "location" => Trigger::Location,
                    _ => Trigger::Organization,
                };
                self.triggers[slot as usize].extend(words.split('|').map(key));
            }
        }
    }

    fn add(&mut self, e: Entry) {
        let at = self.entries.len() as u32;
        for name in &e.names_ar {
            self.index_name(at, name);
        }
        self.by_id.insert(e.id.clone(), at);
        self.entries.push(e);
    }

    /// Indexes the Arabic name `name` of entry `at` by its key and first word.
    fn index_name(&mut self, at: u32, name: &str) {
        let k = key(name);
        if k.is_empty() {
            return;
        }
        let words = k.split(' ').count();
        self.max_words = self.max_words.max(words);
        *self
            .first_words
            .entry(k.split(' ').next().unwrap_or("").to_string())
            .or_default() |= length_bit(words);
        let ids = self.by_key.entry(k).or_default();
        if !ids.contains(&at) {
            ids.push(at);
        }
    }

    /// The entries a Latin-script name names (`Reuters`, `IMF`, `new york`):
    /// by English name or alias, in any case; acronyms of up to three
    /// letters only in capitals. Countries first, then organisations, then
    /// the most populous place.
    pub fn lookup_latin(&self, name: &str) -> Vec<&Entry> {
        let short = name.chars().filter(char::is_ascii_alphabetic).count() <= 3;
        if short && name.chars().any(|c| c.is_ascii_lowercase()) {
            return Vec::new();
        }
        let mut found: Vec<&Entry> = self
            .by_latin
            .get(&latin_key(name))
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i as usize])
            .collect();
        found.sort_by_key(|e| {
            (
                e.kind != EntryKind::Country,
                e.kind != EntryKind::Organization,
                u64::MAX - e.population,
            )
        });
        found
    }

    /// The entry [`Gazetteer::lookup`] lists first, without listing them all.
    pub fn first(&self, key: &str) -> Option<&Entry> {
        self.by_key
            .get(key)?
            .iter()
            .map(|&i| &self.entries[i as usize])
            .min_by_key(|e| {
                (
                    e.kind != EntryKind::Country,
                    e.kind != EntryKind::Organization,
                    u64::MAX - e.population,
                )
            })
    }

    /// Entries whose Arabic name has this key, most populous / country first.
    pub fn lookup(&self, key: &str) -> Vec<&Entry> {
        let mut found: Vec<&Entry> = self
            .by_key
            .get(key)
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i as usize])
            .collect();
        found.sort_by_key(|e| {
            (
                e.kind != EntryKind::Country,
                e.kind != EntryKind::Organization,
                u64::MAX - e.population,
            )
        });
        found
    }

    /// Whether some name starts with this word (to prune multi-word lookups).
    pub fn starts_a_name(&self, first_word_key: &str) -> bool {
        self.first_words.contains_key(first_word_key)
    }

    /// How many words the names starting with this word (key) have, as
    /// bits: `1 << (n - 1)` for `n` words (the top bit for 32 or more).
    /// A multi-word lookup need only try these lengths.
    pub fn name_lengths(&self, first_word_key: &str) -> u32 {
        self.first_words.get(first_word_key).copied().unwrap_or(0)
    }

    /// The most words any name has.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// The country a nationality adjective (key, without the article) names.
    pub fn country_of_adjective(&self, adjective_key: &str) -> Option<&Entry> {
        self.nisba
            .get(adjective_key)
            .map(|&i| &self.entries[i as usize])
    }

    /// Whether ANERGazet lists this name (key) in `list`.
    pub fn in_name_list(&self, list: NameList, key: &str) -> bool {
        self.anergazet[list as usize].contains(key)
    }

    /// Whether `key` is a trigger word of this kind.
    pub fn is_trigger(&self, kind: Trigger, key: &str) -> bool {
        self.triggers[kind as usize].contains(key)
    }

    /// The English form of one Arabic name token (key), when known.
    pub fn transliterate(&self, token_key: &str) -> Option<&'static str> {
        self.translit.get(token_key).map(|t| t.0)
    }

    /// What kind of name the transliteration table knows this token as.
    pub fn name_class(&self, token_key: &str) -> Option<NameClass> {
        self.translit.get(token_key).map(|t| t.1)
    }

    /// How often Wikidata people carry this name part (key), when they do.
    pub fn person_name(&self, token_key: &str) -> Option<PersonName> {
        self.person_names.get(token_key).copied()
    }

    /// Whether this name (key, one or more words) is a well-known person or
    /// sports club of Arabic Wikipedia's category labels, and which.
    pub fn wiki_name(&self, name_key: &str) -> Option<NameClass> {
        self.wiki_names.get(name_key).copied()
    }

    /// Whether some well-known person or club name starts with this word (key).
    pub fn starts_a_wiki_name(&self, first_word_key: &str) -> bool {
        self.wiki_first_words.contains_key(first_word_key)
    }

    /// [`Gazetteer::name_lengths`] for the well-known names.
    pub fn wiki_name_lengths(&self, first_word_key: &str) -> u32 {
        self.wiki_first_words
            .get(first_word_key)
            .copied()
            .unwrap_or(0)
    }

    /// The most words a well-known person or club name has.
    pub fn wiki_max_words(&self) -> usize {
        self.wiki_max_words
    }

    /// Every name token of the transliteration table (keys) with its class.
    pub fn transliterated_names(&self) -> impl Iterator<Item = (&str, NameClass)> + '_ {
        self.translit.iter().map(|(k, v)| (k.as_str(), v.1))
    }

    /// Every personal name part of the Wikidata list (keys) with its counts.
    pub fn person_names(&self) -> impl Iterator<Item = (&str, PersonName)> + '_ {
        self.person_names.iter().map(|(k, v)| (k.as_str(), *v))
    }

    /// Every entry.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// An entry by id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i as usize])
    }
}

/// The matching form of a Latin name: letters and digits in lower case,
/// one space between words (`Agence France-Presse` → `agence france presse`).
pub fn latin_key(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Nationality adjective forms (keys, without the article) of a one-word
/// country name key: روسيا → روسي روسيه روسيون روسيين روسيان روس...
pub fn nisba_forms(country_key: &str) -> Vec<String> {
    let bare = country_key
        .strip_prefix("ال")
        .filter(|b| b.chars().count() >= 3)
        .unwrap_or(country_key);
    let mut forms = nisba_forms_of(bare);
    // A name whose first letters only look like the article (ألمانيا).
    if bare != country_key {
        forms.extend(nisba_forms_of(country_key));
    }
    forms
}

/// [`nisba_forms`] of a name key without its article.
fn nisba_forms_of(bare: &str) -> Vec<String> {
    let base: String = if let Some(b) = bare.strip_suffix("يا") {
        b.to_string()
    } else if let Some(b) = bare.strip_suffix("يه") {
        b.to_string()
    } else if let Some(b) = bare.strip_suffix('ا').or_else(|| bare.strip_suffix('ه')) {
        b.to_string()
    } else {
        bare.to_string()
    };
    if base.chars().count() < 3 || NOT_NISBA.contains(&base.as_str()) {
        return Vec::new();
    }
    ["ي", "يه", "يون", "يين", "يان", "يتان", "يتين", "يات"]
        .iter()
        .map(|s| format!("{base}{s}"))
        .collect()
}

/// Bases whose adjective is mostly a common word (مالي "financial").
const NOT_NISBA: &[&str] = &["مال", "عرب", "جزر"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_places_and_organisations_are_found_by_key() {
        let g = gazetteer();
        assert_eq!(
            g.lookup(&key("المملكة العربية السعودية"))[0].id,
            "country:SA"
        );
        assert_eq!(g.lookup(&key("روسيا البيضاء"))[0].id, "country:BY");
        assert_eq!(g.lookup(&key("روسيا"))[0].id, "country:RU");
        let cairo = g.lookup(&key("القاهرة"));
        assert_eq!(cairo[0].name_en, "Cairo");
        assert_eq!(cairo[0].country.as_deref(), Some("EG"));
        assert_eq!(
            g.lookup(&key("منظمة الصحة العالمية"))[0].kind,
            EntryKind::Organization
        );
        assert!(g.lookup(&key("الرئيس")).is_empty());
        assert!(g.first(&key("الرئيس")).is_none());
        // The first entry of every name is the one the full lookup lists first.
        for e in g.entries() {
            for name in &e.names_ar {
                let k = key(name);
                let first = g.first(&k).map(|e| &e.id);
                assert_eq!(first, g.lookup(&k).first().map(|e| &e.id), "{name}");
            }
        }
    }

    #[test]
    fn first_words_know_the_lengths_of_the_names_they_start() {
        let g = gazetteer();
        // "روسيا" alone and "روسيا البيضاء"; "المملكة العربية السعودية" has three words.
        let russia = g.name_lengths(&key("روسيا"));
        assert_ne!(russia & length_bit(1), 0);
        assert_ne!(russia & length_bit(2), 0);
        assert_ne!(g.name_lengths(&key("المملكة")) & length_bit(3), 0);
        assert_eq!(g.name_lengths(&key("وأضاف")), 0);
        assert!(!g.starts_a_name(&key("وأضاف")));
        // Every name is found at a length its first word allows.
        for e in g.entries().iter().take(2000) {
            for n in &e.names_ar {
                let k = key(n);
                if k.is_empty() {
                    continue;
                }
                let first = k.split(' ').next().unwrap();
                let words = k.split(' ').count();
                assert_ne!(g.name_lengths(first) & length_bit(words), 0, "{n}");
            }
        }
        assert_ne!(g.wiki_name_lengths(&key("جورج")) & length_bit(2), 0);
        assert_eq!(length_bit(40), length_bit(32));
    }

    #[test]
    fn nationality_adjectives_point_to_their_country() {
        let g = gazetteer();
        for (adj, iso) in [
            ("مصري", "EG"),
            ("مصريه", "EG"),
            ("سوريين", "SY"),
            ("فرنسي", "FR"),
            ("عراقيون", "IQ"),
            ("اردني", "JO"),
        ] {
            assert_eq!(
                g.country_of_adjective(adj)
                    .and_then(|e| e.country.as_deref()),
                Some(iso),
                "{adj}"
            );
        }
        assert!(
            g.country_of_adjective("مالي").is_none(),
            "مالي is mostly 'financial'"
        );
    }

    #[test]
    fn well_known_people_and_clubs() {
        let g = gazetteer();
        assert_eq!(g.wiki_name(&key("جورج أورويل")), Some(NameClass::Person));
        assert_eq!(
            g.wiki_name(&key("نادي برشلونة")),
            Some(NameClass::Organization)
        );
        // Clubs also without "نادي" and their sport.
        assert_eq!(
            g.wiki_name(&key("أتلتيك بيلباو")),
            Some(NameClass::Organization)
        );
        assert!(g.starts_a_wiki_name(&key("جورج")) && g.wiki_max_words() >= 2);
        assert_eq!(g.wiki_name(&key("أورويل")), None, "only whole names");
    }

    #[test]
    fn person_name_parts_with_their_roles() {
        let g = gazetteer();
        let given = g.person_name(&key("محمد")).expect("a common given name");
        assert!(given.given > given.surname);
        let surname = g.person_name(&key("الخوري")).expect("a common surname");
        assert!(surname.surname > surname.given);
        assert_eq!(g.person_name(&key("الحكومة")), None);
    }

    #[test]
    fn triggers_and_transliterations() {
        let g = gazetteer();
        assert!(g.is_trigger(Trigger::Person, &key("الرئيس")));
        assert!(g.is_trigger(Trigger::Location, &key("محافظة")));
        assert!(g.transliterate(&key("محمد")).is_some());
    }
}
