//! Putting it together: one [`Fact`] per event word and count, with its
//! subject, place, time and sources, sentence by sentence.

use isnad_gazetteer::key;
use isnad_text::{Doc, Span, TokenKind, Vocabulary};
use isnad_time::Date;

use crate::attribution::{attribution_with, trailing_citation, Attribution};
use crate::events::{triggers, Trigger};
use crate::lexicon::lexicon;
pub use crate::mentions::EntitySpan;
use crate::numbers::{quantities, Count, Quantity};
use crate::places::{place_of, PlaceEvidence};
use crate::timex::{fact_times, governing_time, TimeExpr};
use crate::words::{Spellings, Word};

/// Who made a claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// The direct source as written.
    pub name: Span,
    /// Its entity, when a mention covers it.
    pub entity: Option<String>,
    /// The whole chain, outermost first (the last is `name`).
    pub chain: Vec<Span>,
}

/// One claim made in one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// Ledger kind.
    pub kind: &'static str,
    /// The sentence that states it.
    pub evidence: Span,
    /// The event word(s).
    pub trigger: Span,
    /// The number claimed.
    pub count: Option<Count>,
    /// Who or what was counted or affected, as written.
    pub subject: Option<Span>,
    /// Who did it (entity id).
    pub actor: Option<String>,
    /// Where (entity id).
    pub place: Option<String>,
    /// Why that mention is the place.
    pub place_evidence: Option<PlaceEvidence>,
    /// When: the expression governing its clause, else the publication
    /// date marked `assumed` (none when undated).
    pub time: Option<TimeExpr>,
    /// Who says so (empty: the document's own voice).
    pub sources: Vec<Source>,
    /// Reported as denied.
    pub negated: bool,
    /// Reported as alleged.
    pub hedged: bool,
}

/// Kinds whose facts carry a count of people or things.
fn countable(kind: &str) -> bool {
    !matches!(
        kind,
        "emergency_measure" | "communications_cut" | "price_change" | "dismissal" | "riot"
    )
}

/// Kinds worth a fact even without a count.
fn stands_alone(kind: &str) -> bool {
    !matches!(kind, "hospitalized")
}

/// Words that end a subject phrase.
fn ends_subject(w: &Word) -> bool {
    let bare = w
        .key
        .strip_prefix('و')
        .filter(|b| b.chars().count() >= 2)
        .unwrap_or(&w.key);
    w.kind != TokenKind::Word
        || lexicon().subject_stop.has(&w.key)
        || lexicon().subject_stop.has(bare)
        || (crate::events::is_event_word(w) && !is_participle_only(w))
}

/// The subject after a count: "8 من قوات الشرطة" → "قوات الشرطة"; "ثمانية عناصر من الشرطة" → "عناصر من الشرطة".
fn subject_after(words: &[Word], from: usize) -> Option<Span> {
    let mut i = from;
    if words.get(i).is_some_and(|w| w.key == "من") {
        i += 1;
    }
    let start = i;
    let mut end = i;
    while end < words.len() && end - start < 4 {
        let w = &words[end];
        // "عناصر من الشرطة": a partitive "من" inside the phrase.
        if w.key == "من" && end > start && end + 1 < words.len() && !ends_subject(&words[end + 1])
        {
            end += 2;
            continue;
        }
        if ends_subject(w)
            || (end > start
                && w.conj
                && words[end].kind == TokenKind::Word
                && crate::events::is_event_word(w))
        {
            break;
        }
        end += 1;
    }
    (end > start).then(|| Span::new(words[start].name_start, words[end - 1].span.end))
}

/// Singular and dual nouns of people that count without a number.
fn implicit_count(w: &Word) -> Option<u64> {
    let lex = lexicon();
    if lex.one_person.has(&w.stem) {
        Some(1)
    } else if lex.two_people.has(&w.stem) {
        Some(2)
    } else {
        None
    }
}

/// Nouns of victims take the count written before them ("23 قتيلاً"); verbs
/// take the one after ("وأصابت قرابة 1000").
fn is_victim_noun(w: &Word) -> bool {
    lexicon().victim_nouns.has(&w.stem)
}

/// The trigger a count belongs to however far it stands: a part after
/// "بينهم"/"منهم" is one of the last figure of people before it ("قتل 20
/// بينهم 4 ضباط"); a count of cases ("(9) حالات") counts the people of the
/// sentence's injuries (or deaths), unless an event word follows it.
fn part_or_cases(words: &[Word], trigs: &[Trigger], q: &Quantity) -> Option<usize> {
    let lex = lexicon();
    let people_before = || {
        trigs
            .iter()
            .rposition(|t| t.end <= q.first && counts_people(t.kind))
    };
    let prev = words[..q.first]
        .iter()
        .rev()
        .find(|w| w.kind != TokenKind::Punct);
    if prev.is_some_and(|w| lex.among.has(&w.stem)) {
        return people_before();
    }
    // "ارتفع عدد القتلى إلى 44": the figure the toll rose to.
    if q.first >= 1 && matches!(words[q.first - 1].key.as_str(), "الي" | "الى") {
        let to = q.first - 1;
        if let Some(ti) = trigs.iter().position(|t| t.end == to && countable(t.kind)) {
            return Some(ti);
        }
    }
    let next = words[q.end..].iter().find(|w| w.kind != TokenKind::Punct)?;
    let after = words.get(q.end + 1);
    if !lex.cases.has(&next.stem) || after.is_some_and(crate::events::is_event_word) {
        return None;
    }
    let health = |t: &Trigger| matches!(t.kind, "injured" | "hospitalized" | "killed");
    trigs
        .iter()
        .rposition(|t| t.end <= q.first && health(t))
        .or_else(|| trigs.iter().position(health))
}

/// The parts named after "بينهم" with no number ("بينهم ضابط"): the
/// trigger of the figure they are part of, the noun and its count.
fn parts_among(words: &[Word], trigs: &[Trigger]) -> Vec<(usize, usize, u64)> {
    let lex = lexicon();
    let mut out = Vec::new();
    for (j, w) in words.iter().enumerate().skip(1) {
        let Some(n) = implicit_count(w) else { continue };
        let before = &words[j - 1];
        let among = lex.among.has(&before.stem) || lex.among.has(&before.key);
        let trig = trigs
            .iter()
            .rposition(|t| t.end < j && counts_people(t.kind));
        if let Some(ti) = trig.filter(|_| among) {
            out.push((ti, j, n));
        }
    }
    out
}

/// "واحدة" right after a noun ("عائلة واحدة") describes it: no count.
fn is_adjective_number(words: &[Word], q: &Quantity) -> bool {
    q.end == q.first + 1
        && q.first > 0
        && words[q.first - 1].kind == TokenKind::Word
        && !crate::events::is_event_word(&words[q.first - 1])
        && lexicon().adjective_numbers.has(&words[q.first].stem)
}

/// Whether `between` holds a word that opens a new clause ("كما").
fn opens_clause(between: &[Word]) -> bool {
    between
        .iter()
        .any(|w| lexicon().clause_openers.has(&w.stem) || lexicon().clause_openers.has(&w.key))
}

/// Assigns each count to the nearest event word it can belong to.
fn assign(words: &[Word], trigs: &[Trigger], qs: &[Quantity]) -> Vec<Vec<usize>> {
    let mut by_trigger = vec![Vec::new(); trigs.len()];
    // A count written inside an idiom ("إدخال 400 منهم إلى المستشفى") is its count.
    let mut inside = vec![false; qs.len()];
    for (qi, q) in qs.iter().enumerate() {
        if let Some(ti) = trigs
            .iter()
            .position(|t| t.first < q.first && q.end <= t.end && countable(t.kind))
        {
            by_trigger[ti].push(qi);
            inside[qi] = true;
        }
    }
    let full: Vec<bool> = by_trigger.iter().map(|v| !v.is_empty()).collect();
    for (qi, q) in qs.iter().enumerate() {
        if let Some(ti) = (!inside[qi])
            .then(|| part_or_cases(words, trigs, q))
            .flatten()
        {
            by_trigger[ti].push(qi);
            inside[qi] = true;
        }
    }
    for (qi, q) in qs.iter().enumerate() {
        if inside[qi] {
            continue;
        }
        let mut best: Option<(usize, usize)> = None;
        for (ti, t) in trigs.iter().enumerate() {
            // "متظاهرين" names the people counted, not a happening that has a count.
            let only_people = t.end - t.first == 1
                && is_participle_only(&words[t.first])
                && !is_victim_noun(&words[t.first]);
            if !countable(t.kind)
                || full[ti]
                || only_people
                || (t.end <= q.first && opens_clause(&words[t.end..q.first]))
            {
                continue;
            }
            let d = if q.end <= t.first {
                t.first - q.end
            } else if q.first >= t.end {
                q.first - t.end
            } else {
                continue;
            };
            let limit = if q.end <= t.first { 6 } else { 5 };
            // Ties go to the event word right after the count ("23 قتيلاً وأكثر من 380 جريحاً").
            let victims_after = q.end <= t.first && is_victim_noun(&words[t.first]);
            let d2 = 2 * d + usize::from(!victims_after);
            if d <= limit && best.is_none_or(|(_, bd)| d2 < bd) {
                best = Some((ti, d2));
            }
        }
        if let Some((ti, _)) = best {
            by_trigger[ti].push(qi);
        }
    }
    by_trigger
}

/// Reads every fact of a document's text: the convenience for tests and
/// examples, with a fresh [`Vocabulary`] and [`Spellings`] (a pipeline
/// keeps both across documents and calls [`extract_doc`]).
pub fn extract(text: &str, published: Option<Date>, entities: &[EntitySpan]) -> Vec<Fact> {
    let doc = Doc::new(text, &mut Vocabulary::new());
    extract_doc(&doc, published, entities, &mut Spellings::new())
}

/// Reads every fact of an analysed document, sentence by sentence, from
/// its tokens: `published` resolves relative dates, `entities` (mentions
/// of linked entities) give places, actors and sources, and `spellings`
/// (kept by the caller across documents) the lexicon classes of each
/// spelling.
pub fn extract_doc(
    doc: &Doc,
    published: Option<Date>,
    entities: &[EntitySpan],
    spellings: &mut Spellings,
) -> Vec<Fact> {
    let mut reader = Reader::new(doc.text(), published, entities);
    for (i, sentence) in doc.sentences().iter().enumerate() {
        let words = spellings.words(doc, doc.sentence_tokens(i));
        reader.read(sentence.span, &words, || {
            fact_times(doc, sentence.tokens.clone(), published)
        });
    }
    reader.facts
}

/// What reading a document carries from one sentence to the next.
struct Reader<'a> {
    text: &'a str,
    published: Option<Date>,
    /// Mentions by position, so each sentence looks only at its own.
    mentions: Vec<&'a EntitySpan>,
    /// The facts read so far.
    facts: Vec<Fact>,
    /// Who spoke last in this paragraph, for "وأضاف".
    previous_sources: Vec<Source>,
    /// The last named source, kept across paragraphs for "وأكد البيان".
    last_named_sources: Vec<Source>,
    /// Facts from here on have not been covered by a trailing citation yet.
    cited_from: usize,
    /// Where the last sentence read ends.
    previous_end: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, published: Option<Date>, entities: &'a [EntitySpan]) -> Self {
        let mut mentions: Vec<&EntitySpan> = entities.iter().collect();
        mentions.sort_by_key(|e| (e.span.start, e.span.end));
        Reader {
            text,
            published,
            mentions,
            facts: Vec::new(),
            previous_sources: Vec::new(),
            last_named_sources: Vec::new(),
            cited_from: 0,
            previous_end: 0,
        }
    }

    /// Reads one sentence: its facts, a citation closing the claims before
    /// it, and who speaks in it for the sentences after.
    fn read(&mut self, span: Span, words: &[Word], times: impl FnOnce() -> Vec<TimeExpr>) {
        // A new paragraph forgets who was speaking.
        if self.text[self.previous_end..span.start].contains("\n\n") {
            self.previous_sources.clear();
            self.cited_from = self.facts.len();
        }
        self.previous_end = span.end;
        let triggers = triggers(words);
        let sentence = Sentence::new(
            self.text,
            span,
            words,
            mentions_in(&self.mentions, span),
            attribution_with(words, &triggers),
            &self.previous_sources,
            &self.last_named_sources,
        );
        let sources = sentence.sources_at(words.len());
        if let Some(c) = sentence.citation {
            sentence.cite(c, &mut self.facts[self.cited_from..]);
        }
        if triggers.is_empty() {
            if sentence.citation.is_some() {
                self.cited_from = self.facts.len();
            }
        } else {
            sentence.read_facts(&triggers, self.published, &times(), &mut self.facts);
        }
        if !sources.is_empty() {
            self.previous_sources.clone_from(&sources);
            self.last_named_sources = sources;
        }
    }
}

/// The mentions (sorted by position) that start inside `span`.
fn mentions_in<'m, 'a>(mentions: &'m [&'a EntitySpan], span: Span) -> &'m [&'a EntitySpan] {
    let from = mentions.partition_point(|e| e.span.start < span.start);
    let to = mentions.partition_point(|e| e.span.start < span.end);
    &mentions[from..to]
}

/// One sentence being read, with what it may take from the sentences before.
struct Sentence<'s, 'a> {
    text: &'s str,
    span: Span,
    words: &'s [Word],
    /// The mentions that start inside it.
    mentions: &'s [&'a EntitySpan],
    attribution: Attribution,
    /// A citation closing it ("… سكاي نيوز عربية (٢٠٢٣/٥/١٠)").
    citation: Option<Span>,
    /// Every span of its chains of attribution.
    chain_spans: Vec<Span>,
    /// Who spoke last in the paragraph before it.
    previous_sources: &'s [Source],
    /// The last named source before it.
    last_named_sources: &'s [Source],
}

impl<'s, 'a> Sentence<'s, 'a> {
    fn new(
        text: &'s str,
        span: Span,
        words: &'s [Word],
        mentions: &'s [&'a EntitySpan],
        attribution: Attribution,
        previous_sources: &'s [Source],
        last_named_sources: &'s [Source],
    ) -> Self {
        let chain_spans = attribution
            .chains
            .iter()
            .flat_map(|c| c.1.iter().copied())
            .collect();
        Sentence {
            text,
            span,
            words,
            mentions,
            citation: trailing_citation(words),
            attribution,
            chain_spans,
            previous_sources,
            last_named_sources,
        }
    }

    /// The entity of the mention that is most of `span` ("قوات الأمن
    /// العراقية" is not Iraq).
    fn entity_at(&self, span: Span) -> Option<String> {
        self.mentions
            .iter()
            .filter(|e| e.span.start >= span.start && e.span.end <= span.end)
            .find(|e| e.span.len() * 10 >= span.len() * 6)
            .map(|e| e.id.clone())
    }

    /// "بحسب بيان", "وأكد البيان": a statement speaks for whoever issued it.
    fn is_generic(&self, c: &Span) -> bool {
        let first = key(c.slice(self.text).split_whitespace().next().unwrap_or(""));
        lexicon().generic_sources.has(&first)
    }

    /// Whether `span` is inside the words of a chain of attribution.
    fn in_chain(&self, span: Span) -> bool {
        self.chain_spans
            .iter()
            .any(|c| c.start <= span.start && span.end <= c.end)
    }

    /// The sources a claim at word `at` has: the last reporting construct
    /// before it, else one after it ("…، بحسب مصادر طبية").
    fn sources_at(&self, at: usize) -> Vec<Source> {
        let picked = self
            .attribution
            .chains
            .iter()
            .rev()
            .find(|(i, _)| *i <= at)
            .or_else(|| self.attribution.chains.first());
        let mut chain: Vec<Span> = picked.map(|c| c.1.clone()).unwrap_or_default();
        let generic_only = !chain.is_empty() && chain.iter().all(|c| self.is_generic(c));
        chain.retain(|c| !self.is_generic(c));
        if let Some(c) = self.citation {
            if !chain.contains(&c) {
                chain.insert(0, c);
            }
        }
        match chain.last() {
            Some(&name) => vec![Source {
                name,
                entity: self.entity_at(name),
                chain: chain.clone(),
            }],
            None if generic_only => self.last_named_sources.to_vec(),
            None if self.attribution.continues => self.previous_sources.to_vec(),
            None => Vec::new(),
        }
    }

    /// A citation closing a quotation ("... سكاي نيوز عربية (٢٠٢٣/٥/١٠)") is the
    /// outermost source of the claims before it in the paragraph (`facts`).
    fn cite(&self, c: Span, facts: &mut [Fact]) {
        for f in facts {
            for src in &mut f.sources {
                if !src.chain.contains(&c) {
                    src.chain.insert(0, c);
                }
            }
            if f.sources.is_empty() {
                f.sources.push(Source {
                    name: c,
                    entity: self.entity_at(c),
                    chain: vec![c],
                });
            }
        }
    }

    /// Mentions of the sentence that may be places or actors of its claims:
    /// not those inside the source's words.
    fn claim_mentions(&self) -> Vec<&'a EntitySpan> {
        self.mentions
            .iter()
            .copied()
            .filter(|e| self.span.start <= e.span.start && e.span.end <= self.span.end)
            .filter(|e| !self.in_chain(e.span))
            .collect()
    }

    /// The facts of the sentence's event `triggers`, added to `out`.
    fn read_facts(
        &self,
        triggers: &[Trigger],
        published: Option<Date>,
        times: &[TimeExpr],
        out: &mut Vec<Fact>,
    ) {
        let mut qs = quantities(self.words);
        qs.retain(|q| !is_adjective_number(self.words, q));
        let assigned = assign(self.words, triggers, &qs);
        let parts = parts_among(self.words, triggers);
        let in_sentence = self.claim_mentions();
        // A nationality adjective says who, not where: "جندي روسي" is a Russian
        // soldier, wherever he is.
        let places: Vec<&EntitySpan> = in_sentence
            .iter()
            .copied()
            .filter(|e| !is_nationality_adjective(e.span.slice(self.text)))
            .collect();
        let mut seen_alone: Vec<&str> = Vec::new();
        for (t, counts) in triggers.iter().zip(&assigned) {
            let trigger = Span::new(
                self.words[t.first].span.start,
                self.words[t.end - 1].span.end,
            );
            // Never count the source's words as the event ("وزارة الصحة").
            if self.in_chain(trigger) {
                continue;
            }
            let fact = self.bare_fact(t, trigger, &in_sentence, &places, published, times);
            if counts.is_empty() {
                out.extend(uncounted(self.words, t, fact, &mut seen_alone));
                continue;
            }
            let its_parts = parts.iter().filter(|p| std::ptr::eq(&triggers[p.0], t));
            let its_parts: Vec<(usize, u64)> = its_parts.map(|&(_, j, n)| (j, n)).collect();
            self.counted_facts(t, &fact, counts, &qs, &its_parts, out);
        }
    }

    /// The fact of trigger `t` at `trigger` before any figure: kind, actor,
    /// place, time and sources.
    fn bare_fact(
        &self,
        t: &Trigger,
        trigger: Span,
        in_sentence: &[&EntitySpan],
        places: &[&EntitySpan],
        published: Option<Date>,
        times: &[TimeExpr],
    ) -> Fact {
        let actor = if has_actor(t.kind) {
            nearest_before(in_sentence, trigger, &self.chain_spans)
        } else {
            None
        };
        let (place, place_evidence) = match place_of(self.text, self.words, places, trigger, true) {
            Some((id, ev)) => (Some(id), Some(ev)),
            None => (None, None),
        };
        Fact {
            kind: t.kind,
            evidence: self.span,
            trigger,
            count: None,
            subject: None,
            actor,
            place,
            place_evidence,
            time: governing_time(self.text, times, self.span, trigger, published),
            sources: self.sources_at(t.first),
            negated: self.attribution.negated,
            hedged: self.attribution.hedged,
        }
    }

    /// The facts of trigger `t` with its figures `counts` (indexes into
    /// `qs`) and the parts (`بينهم ثلاثة أطفال`: word index, number) that
    /// attach to it, added to `out`.
    fn counted_facts(
        &self,
        t: &Trigger,
        fact: &Fact,
        counts: &[usize],
        qs: &[Quantity],
        parts: &[(usize, u64)],
        out: &mut Vec<Fact>,
    ) {
        let w = self.words;
        let right_after = counts.iter().any(|&qi| qs[qi].first == t.end);
        if !right_after {
            out.extend(implicit_after(w, t, fact.clone()));
        }
        for &(j, n) in parts {
            out.push(Fact {
                count: Some(Count {
                    min: Some(n),
                    max: Some(n),
                    span: w[j].span,
                    suspect: false,
                }),
                subject: Some(w[j].span),
                ..fact.clone()
            });
        }
        for &qi in counts {
            let q = &qs[qi];
            out.push(Fact {
                count: Some(Count {
                    min: q.min,
                    max: q.max,
                    span: q.span,
                    suspect: q.suspect,
                }),
                subject: counted_subject(w, t, q),
                ..fact.clone()
            });
        }
    }
}

/// Kinds whose facts name who did it.
fn has_actor(kind: &str) -> bool {
    matches!(
        kind,
        "arrested"
            | "attack"
            | "deployment"
            | "dismissal"
            | "killed"
            | "injured"
            | "property_damage"
    )
}

/// The fact of trigger `t` when no count was assigned to it: a singular or
/// dual noun after it counts ("مقتل شخص", "إصابة جنديين"); else `fact`
/// stands without a count, once per kind and sentence.
fn uncounted(w: &[Word], t: &Trigger, fact: Fact, seen_alone: &mut Vec<&'static str>) -> Vec<Fact> {
    let counted = implicit_after(w, t, fact.clone());
    if !counted.is_empty() {
        return counted;
    }
    if stands_alone(t.kind) && !seen_alone.contains(&t.kind) && !is_participle_only(&w[t.first]) {
        seen_alone.push(t.kind);
        return vec![fact];
    }
    Vec::new()
}

/// Kinds whose counts count people: a singular or dual noun counts for them.
fn counts_people(kind: &str) -> bool {
    matches!(
        kind,
        "killed"
            | "injured"
            | "hospitalized"
            | "arrested"
            | "casualties"
            | "sentenced"
            | "kidnapped"
            | "missing"
            | "displaced"
            | "evacuated"
    )
}

/// The singular and dual nouns of people listed right after trigger `t`
/// ("مقتل ضابط", "استشهاد العريف … والجندي …"): each noun's word and count.
/// The list ends at a number, another event word or six words without one.
fn listed_after(w: &[Word], t: &Trigger) -> Vec<(usize, u64)> {
    let mut out: Vec<(usize, u64)> = Vec::new();
    let mut gap = 0;
    for j in t.end..w.len().min(t.end + 40) {
        let x = &w[j];
        if x.kind == TokenKind::Punct {
            continue;
        }
        if x.kind == TokenKind::Number
            || crate::events::is_event_word(x)
            || crate::numbers::read_number(w, j).is_some()
        {
            break;
        }
        match implicit_count(x) {
            Some(n) if out.is_empty() || x.conj => {
                out.push((j, n));
                gap = 0;
            }
            _ if out.is_empty() => break,
            _ => {
                gap += 1;
                if gap > 6 {
                    break;
                }
            }
        }
    }
    out
}

/// The facts of the nouns of people listed after trigger `t`: one a noun
/// when they follow each other ("مقتل ضابط وجنديين": 1 and 2), one for
/// the whole list when names stand between them (three named soldiers: 3).
fn implicit_after(w: &[Word], t: &Trigger, fact: Fact) -> Vec<Fact> {
    if !counts_people(t.kind) {
        return Vec::new();
    }
    let listed = listed_after(w, t);
    let named = listed.windows(2).any(|p| {
        w[p[0].0 + 1..p[1].0]
            .iter()
            .any(|x| x.kind != TokenKind::Punct)
    });
    let one = |from: usize, to: usize, n: u64| {
        let span = Span::new(w[from].span.start, w[to].span.end);
        Fact {
            count: Some(Count {
                min: Some(n),
                max: Some(n),
                span,
                suspect: false,
            }),
            subject: Some(span),
            ..fact.clone()
        }
    };
    match (listed.first(), listed.last()) {
        (Some(&(a, _)), Some(&(b, _))) if named => {
            vec![one(a, b, listed.iter().map(|x| x.1).sum())]
        }
        _ => listed.iter().map(|&(j, n)| one(j, j, n)).collect(),
    }
}

/// Who or what the count `q` of trigger `t` counts.
fn counted_subject(w: &[Word], t: &Trigger, q: &Quantity) -> Option<Span> {
    if t.first < q.first && q.end <= t.end {
        // Inside an idiom: "فقد 8 من قوات الأمن حياتهم".
        subject_after(&w[..t.end - 1], q.end)
    } else if q.end <= t.first {
        // "317 شرطياً وجندياً أصيبوا": the words between count and event word.
        (q.end < t.first)
            .then(|| subject_after(&w[..t.first], q.end))
            .flatten()
            .or_else(|| subject_after(w, t.end))
    } else {
        subject_after(w, q.end)
    }
}

/// Participles and plural nouns ("المتظاهرين") name people, not a happening.
fn is_participle_only(w: &Word) -> bool {
    let s = w.stem.as_str();
    (s.starts_with('م')
        && (s.ends_with("ين") || s.ends_with("ون") || s.ends_with('ا'))
        && s.chars().count() >= 5)
        || s == "متظاهر"
}

/// Whether a mention is written as a nationality adjective (الروسية،
/// الكزخي) rather than a place name.
fn is_nationality_adjective(mention: &str) -> bool {
    let k = key(mention);
    let bare = k.strip_prefix("ال").unwrap_or(&k);
    let g = isnad_gazetteer::gazetteer();
    g.country_of_adjective(bare).is_some() && g.first(&k).is_none()
}

fn nearest_before(cands: &[&EntitySpan], trigger: Span, chain: &[Span]) -> Option<String> {
    cands
        .iter()
        .filter(|e| {
            (e.kind == "organization" || e.kind == "person")
                && e.span.end <= trigger.start
                && trigger.start - e.span.end < 60
        })
        .filter(|e| {
            !chain
                .iter()
                .any(|c| c.start <= e.span.start && e.span.end <= c.end)
        })
        .max_by_key(|e| e.span.end)
        .map(|e| e.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row = (String, Option<u64>, Option<u64>, String, Vec<String>);

    fn facts(text: &str) -> Vec<Row> {
        extract(text, Date::new(2023, 5, 10), &[])
            .iter()
            .map(|f| {
                (
                    f.kind.to_string(),
                    f.count.as_ref().and_then(|c| c.min),
                    f.count.as_ref().and_then(|c| c.max),
                    f.subject
                        .map(|s| s.slice(text).to_string())
                        .unwrap_or_default(),
                    f.sources
                        .first()
                        .map(|s| s.chain.iter().map(|c| c.slice(text).to_string()).collect())
                        .unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn one_sentence_can_hold_several_facts() {
        let f = facts("قُتل 12 شخصاً وأصيب 40 آخرون في انفجار بالسوق.");
        let kc: Vec<(&str, Option<u64>)> = f.iter().map(|x| (x.0.as_str(), x.1)).collect();
        assert!(kc.contains(&("killed", Some(12))), "{f:?}");
        assert!(kc.contains(&("injured", Some(40))), "{f:?}");
        assert!(kc.iter().any(|k| k.0 == "attack"), "{f:?}");
    }

    #[test]
    fn counts_subjects_and_sources() {
        let f = facts("وقالت وزارة الداخلية إن ثمانية عناصر من الشرطة قتلوا في الاشتباكات.");
        let killed = f.iter().find(|x| x.0 == "killed").expect("killed fact");
        assert_eq!((killed.1, killed.2), (Some(8), Some(8)));
        assert_eq!(killed.3, "عناصر من الشرطة");
        assert_eq!(killed.4, ["وزارة الداخلية"]);
    }

    #[test]
    fn verbal_noun_then_count() {
        let f = facts("أعلنت السلطات مقتل 5 أشخاص واعتقال نحو 200 متظاهر.");
        assert!(
            f.iter()
                .any(|x| x.0 == "killed" && x.1 == Some(5) && x.3 == "أشخاص"),
            "{f:?}"
        );
        assert!(
            f.iter()
                .any(|x| x.0 == "arrested" && x.1 == Some(180) && x.2 == Some(220)),
            "{f:?}"
        );
    }

    #[test]
    fn singular_and_dual_nouns_count() {
        let f = facts("أسفر الحادث عن مقتل شخص وإصابة جنديين.");
        assert!(f.iter().any(|x| x.0 == "killed" && x.1 == Some(1)), "{f:?}");
        assert!(
            f.iter().any(|x| x.0 == "injured" && x.1 == Some(2)),
            "{f:?}"
        );
    }

    #[test]
    fn own_voice_has_no_sources_and_continuations_keep_them() {
        let text = "قال المتحدث باسم الجيش إن الهجوم فشل.\nوأضاف أن ثلاثة مسلحين قتلوا.";
        let f = facts(text);
        let killed = f.iter().find(|x| x.0 == "killed").expect("killed");
        assert_eq!(killed.4, ["المتحدث باسم الجيش"]);
        let f = facts("اندلعت اشتباكات في المدينة.");
        assert!(f[0].4.is_empty());
    }

    #[test]
    fn hedged_and_negated() {
        let text = "وزعمت وكالات محلية أن المتظاهرين أحرقوا 120 سيارة.";
        let fs = extract(text, None, &[]);
        let d = fs
            .iter()
            .find(|f| f.kind == "property_damage")
            .expect("damage");
        assert!(d.hedged);
        assert_eq!(d.count.as_ref().and_then(|c| c.min), Some(120));
        let fs = extract("ونفت الشرطة اعتقال أي صحفي.", None, &[]);
        assert!(fs.iter().any(|f| f.kind == "arrested" && f.negated));
    }

    #[test]
    fn a_nationality_adjective_is_not_the_place() {
        let text = "قُتل جندي روسي في انفجار عبوة ناسفة قرب حلب.";
        let span = |w: &str, id: &str| {
            let start = text.find(w).unwrap();
            EntitySpan {
                span: Span::new(start, start + w.len()),
                id: id.into(),
                kind: "location".into(),
            }
        };
        let both = [span("روسي", "russia"), span("حلب", "aleppo")];
        let f = extract(text, None, &both);
        assert!(!f.is_empty());
        assert!(
            f.iter().all(|f| f.place.as_deref() == Some("aleppo")),
            "{f:?}"
        );
        let only_adjective = [span("روسي", "russia")];
        let f = extract(text, None, &only_adjective);
        assert!(f.iter().all(|f| f.place.is_none()), "{f:?}");
    }

    #[test]
    fn a_table_kept_across_documents_reads_what_fresh_ones_read() {
        let texts = [
            "قال المتحدث باسم الجيش إن الهجوم فشل.\nوأضاف أن ثلاثة مسلحين قتلوا أمس.",
            "وزعمت وكالات محلية أن المتظاهرين أحرقوا 120 سيارة.\n\nونفت الشرطة اعتقال أي صحفي.",
            "أعلنت السلطات مقتل 5 أشخاص واعتقال نحو 200 متظاهر يوم ٢٠٢٣/٥/٩.",
        ];
        let published = Date::new(2023, 5, 10);
        let mut vocabulary = Vocabulary::new();
        let mut spellings = Spellings::new();
        for text in texts.iter().chain(&texts) {
            let doc = Doc::new(*text, &mut vocabulary);
            let kept = extract_doc(&doc, published, &[], &mut spellings);
            assert!(!kept.is_empty(), "{text}");
            assert_eq!(kept, extract(text, published, &[]), "{text}");
        }
        let learnt = spellings.len();
        for text in &texts {
            extract_doc(
                &Doc::new(*text, &mut vocabulary),
                published,
                &[],
                &mut spellings,
            );
        }
        assert_eq!(
            spellings.len(),
            learnt,
            "spellings seen before are kept once"
        );
        // Keys from another vocabulary are other keys: learnt again, read the same.
        let mut other = Vocabulary::new();
        for text in &texts {
            let doc = Doc::new(*text, &mut other);
            let facts = extract_doc(&doc, published, &[], &mut spellings);
            assert_eq!(facts, extract(text, published, &[]), "{text}");
        }
        assert!(spellings.len() > learnt);
    }

    #[test]
    fn each_count_takes_its_own_trigger_without_hamza_or_with_a_conjunction() {
        let f = facts("قتل 20 شخصا على الاقل واصيب عشرة آخرون.");
        assert!(
            f.iter().any(|x| x.0 == "injured" && x.1 == Some(10)),
            "{f:?}"
        );
        assert!(
            !f.iter().any(|x| x.0 == "killed" && x.1 == Some(10)),
            "{f:?}"
        );
        let f = facts("قتل خمسة وجرح عشرة.");
        assert!(
            f.iter().any(|x| x.0 == "injured" && x.1 == Some(10)),
            "{f:?}"
        );
    }

    #[test]
    fn named_lists_count_their_length_and_parts_join_their_whole() {
        let f = facts("استشهد الرقيب سالم الهاشمي والعريف ماجد الكعبي في المواجهات.");
        assert!(f.iter().any(|x| x.0 == "killed" && x.1 == Some(2)), "{f:?}");
        let f = facts("قتل 14 شخصا بينهم 3 أطفال في الغارة.");
        assert!(
            f.iter().any(|x| x.0 == "killed" && x.1 == Some(14)),
            "{f:?}"
        );
        assert!(f.iter().any(|x| x.0 == "killed" && x.1 == Some(3)), "{f:?}");
    }

    #[test]
    fn a_headline_names_its_source_before_a_colon_and_a_noun_is_no_verb() {
        let f = facts("الشرطة : مقتل 3 أشخاص في انفجار");
        assert_eq!(f.iter().find(|x| x.0 == "killed").unwrap().4, ["الشرطة"]);
        let f = facts("تونس: اعتقالات خلال الاحتجاجات");
        assert!(
            f.iter().all(|x| x.4.is_empty()),
            "a place is no source: {f:?}"
        );
        let text = "وقال المتحدث العميد سالم إن انفجارا في البلدة التابعة لمحافظة الشمال أسفر عن مقتل ضابط.";
        let f = facts(text);
        let killed = f.iter().find(|x| x.0 == "killed").expect("killed");
        assert_eq!(killed.1, Some(1));
        assert_eq!(killed.4, ["المتحدث العميد سالم"]);
    }
}
