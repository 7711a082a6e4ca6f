//! Putting it together: one [`Fact`] per event word and count, with its
//! subject, place, time and sources, sentence by sentence.

use isnad_gazetteer::key;
use isnad_text::{sentences, Span, TokenKind};
use isnad_time::Date;

use crate::attribution::{attribution_with, trailing_citation};
use crate::events::{triggers, Trigger};
use crate::lexicon::lexicon;
use crate::numbers::{quantities, Quantity};
use crate::timex::{find_time, TimeExpr};
use crate::words::{words, Word};

/// An entity mention the fact reader may use for places, actors and sources.
#[derive(Clone, Debug)]
pub struct EntitySpan {
    /// Where it is in the document text.
    pub span: Span,
    /// Entity id.
    pub id: String,
    /// `person`, `organization`, `location` or `other`.
    pub kind: String,
}

/// A number claimed.
#[derive(Clone, Debug, PartialEq)]
pub struct Count {
    /// Lower bound.
    pub min: Option<u64>,
    /// Upper bound.
    pub max: Option<u64>,
    /// Where the figure is written.
    pub span: Span,
    /// Multiplies into nonsense (`40,000 ألف`): shown, not trusted.
    pub suspect: bool,
}

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
    /// When.
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
        if inside[qi] {
            continue;
        }
        let mut best: Option<(usize, usize)> = None;
        for (ti, t) in trigs.iter().enumerate() {
            // "متظاهرين" names the people counted, not a happening that has a count.
            if !countable(t.kind)
                || full[ti]
                || (t.end - t.first == 1 && is_participle_only(&words[t.first]))
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

/// Reads every fact of a document's text.
pub fn extract(text: &str, published: Option<Date>, entities: &[EntitySpan]) -> Vec<Fact> {
    extract_in(text, &sentences(text), published, entities)
}

/// [`extract`] for a text whose sentences ([`sentences`]) are known (the
/// mention finder read the same ones).
pub fn extract_in(
    text: &str,
    sentence_spans: &[Span],
    published: Option<Date>,
    entities: &[EntitySpan],
) -> Vec<Fact> {
    // Mentions by position, so each sentence looks only at its own.
    let mut sorted: Vec<&EntitySpan> = entities.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out: Vec<Fact> = Vec::new();
    let mut previous_sources: Vec<Source> = Vec::new();
    // The last named source, kept across paragraphs for "وأكد البيان".
    let mut last_named_sources: Vec<Source> = Vec::new();
    // Facts from here on have not been covered by a trailing citation yet.
    let mut cited_from = 0usize;
    let mut previous_end = 0usize;
    for &sentence in sentence_spans {
        let w = words(text, sentence);
        // A new paragraph forgets who was speaking.
        if text[previous_end..sentence.start].contains("\n\n") {
            previous_sources.clear();
            cited_from = out.len();
        }
        let last_named = last_named_sources.clone();
        let prev = previous_sources.clone();
        previous_end = sentence.end;
        let trigs = triggers(&w);
        let attr = attribution_with(&w, &trigs);
        let from = sorted.partition_point(|e| e.span.start < sentence.start);
        let to = sorted.partition_point(|e| e.span.start < sentence.end);
        let here: &[&EntitySpan] = &sorted[from..to];
        let entity_at = |span: Span| {
            // The mention must be most of the name ("قوات الأمن العراقية" is not Iraq).
            here.iter()
                .filter(|e| e.span.start >= span.start && e.span.end <= span.end)
                .find(|e| e.span.len() * 10 >= span.len() * 6)
                .map(|e| e.id.clone())
        };
        let citation = trailing_citation(&w);
        // "بحسب بيان", "وأكد البيان": a statement speaks for whoever issued it.
        let generic = |c: &Span| {
            let first = key(c.slice(text).split_whitespace().next().unwrap_or(""));
            lexicon().generic_sources.has(&first)
        };
        // The sources a claim at word `at` has: the last reporting construct
        // before it, else one after it ("…، بحسب مصادر طبية").
        let sources_at = |at: usize| -> Vec<Source> {
            let picked = attr
                .chains
                .iter()
                .rev()
                .find(|(i, _)| *i <= at)
                .or_else(|| attr.chains.first());
            let mut chain: Vec<Span> = picked.map(|c| c.1.clone()).unwrap_or_default();
            let generic_only = !chain.is_empty() && chain.iter().all(generic);
            chain.retain(|c| !generic(c));
            if let Some(c) = citation {
                if !chain.contains(&c) {
                    chain.insert(0, c);
                }
            }
            match chain.last() {
                Some(&name) => vec![Source {
                    name,
                    entity: entity_at(name),
                    chain: chain.clone(),
                }],
                None if generic_only => last_named.clone(),
                None if attr.continues => prev.clone(),
                None => Vec::new(),
            }
        };
        let sentence_sources = sources_at(w.len());
        if !sentence_sources.is_empty() {
            previous_sources = sentence_sources.clone();
            last_named_sources = sentence_sources.clone();
        }
        let chain_spans: Vec<Span> = attr
            .chains
            .iter()
            .flat_map(|c| c.1.iter().copied())
            .collect();
        // A citation closing a quotation ("... سكاي نيوز عربية (٢٠٢٣/٥/١٠)") is the
        // outermost source of the claims before it in the paragraph.
        if let Some(c) = citation {
            for f in &mut out[cited_from..] {
                for src in &mut f.sources {
                    if !src.chain.contains(&c) {
                        src.chain.insert(0, c);
                    }
                }
                if f.sources.is_empty() {
                    f.sources.push(Source {
                        name: c,
                        entity: entity_at(c),
                        chain: vec![c],
                    });
                }
            }
        }
        if trigs.is_empty() {
            if citation.is_some() {
                cited_from = out.len();
            }
            continue;
        }
        let qs = quantities(&w);
        let time = find_time(text, &w, published);
        let assigned = assign(&w, &trigs, &qs);
        // Mentions inside the source's words are not places or actors of the claim.
        let in_sentence: Vec<&EntitySpan> = here
            .iter()
            .copied()
            .filter(|e| sentence.start <= e.span.start && e.span.end <= sentence.end)
            .filter(|e| {
                !chain_spans
                    .iter()
                    .any(|c| c.start <= e.span.start && e.span.end <= c.end)
            })
            .collect();
        // A nationality adjective says who, not where: "جندي روسي" is a Russian
        // soldier, wherever he is.
        let places: Vec<&EntitySpan> = in_sentence
            .iter()
            .copied()
            .filter(|e| !is_nationality_adjective(e.span.slice(text)))
            .collect();
        let mut seen_alone: Vec<&str> = Vec::new();
        for (ti, t) in trigs.iter().enumerate() {
            let trigger = Span::new(w[t.first].span.start, w[t.end - 1].span.end);
            // Never count the source's words as the event ("وزارة الصحة").
            if chain_spans
                .iter()
                .any(|c| c.start <= trigger.start && trigger.end <= c.end)
            {
                continue;
            }
            let sources = sources_at(t.first);
            let place = nearest(&places, trigger, "location", true);
            let actor = if matches!(
                t.kind,
                "arrested"
                    | "attack"
                    | "deployment"
                    | "dismissal"
                    | "killed"
                    | "injured"
                    | "property_damage"
            ) {
                nearest_before(&in_sentence, trigger, &chain_spans)
            } else {
                None
            };
            let base = |count: Option<Count>, subject: Option<Span>| Fact {
                kind: t.kind,
                evidence: sentence,
                trigger,
                count,
                subject,
                actor: actor.clone(),
                place: place.clone(),
                time: time.clone(),
                sources: sources.clone(),
                negated: attr.negated,
                hedged: attr.hedged,
            };
            if assigned[ti].is_empty() {
                // "مقتل شخص", "إصابة جنديين"
                if let Some(n) = w
                    .get(t.end)
                    .filter(|_| countable(t.kind))
                    .and_then(implicit_count)
                {
                    let noun = w[t.end].span;
                    out.push(base(
                        Some(Count {
                            min: Some(n),
                            max: Some(n),
                            span: noun,
                            suspect: false,
                        }),
                        Some(noun),
                    ));
                    continue;
                }
                if stands_alone(t.kind)
                    && !seen_alone.contains(&t.kind)
                    && !is_participle_only(&w[t.first])
                {
                    seen_alone.push(t.kind);
                    out.push(base(None, None));
                }
                continue;
            }
            for &qi in &assigned[ti] {
                let q = &qs[qi];
                let subject = if t.first < q.first && q.end <= t.end {
                    // Inside an idiom: "فقد 8 من قوات الأمن حياتهم".
                    subject_after(&w[..t.end - 1], q.end)
                } else if q.end <= t.first {
                    // "317 شرطياً وجندياً أصيبوا": the words between count and event word.
                    (q.end < t.first)
                        .then(|| subject_after(&w[..t.first], q.end))
                        .flatten()
                        .or_else(|| subject_after(&w, t.end))
                } else {
                    subject_after(&w, q.end)
                };
                let count = Count {
                    min: q.min,
                    max: q.max,
                    span: q.span,
                    suspect: q.suspect,
                };
                out.push(base(Some(count), subject));
            }
        }
    }
    out
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

fn nearest(cands: &[&EntitySpan], trigger: Span, kind: &str, prefer_after: bool) -> Option<String> {
    cands
        .iter()
        .filter(|e| e.kind == kind)
        .min_by_key(|e| {
            let after = e.span.start >= trigger.end;
            let d = if after {
                e.span.start - trigger.end
            } else {
                trigger.start.saturating_sub(e.span.end)
            };
            (if after == prefer_after { 0 } else { 1 }, d)
        })
        .map(|e| e.id.clone())
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
}
