//! Who says so: reporting verbs and phrases, chains of transmission,
//! hedges and denials.

use isnad_text::{Span, TokenKind};

use crate::events::Trigger;
use crate::lexicon::{class, lexicon, without_conjunction};
use crate::words::Word;

/// Who a sentence attributes its content to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attribution {
    /// The chain, outermost first, each a span of the document text.
    pub chain: Vec<Span>,
    /// The sentence reports an allegation (`زعم`, `بحسب زعمها`, `مزاعم`).
    pub hedged: bool,
    /// The sentence reports a denial (`نفى`, `لا صحة`).
    pub negated: bool,
    /// The attribution continues the previous sentence's (`وأضاف`).
    pub continues: bool,
    /// Every reporting construct of the sentence: the word index where it
    /// starts and its chain. A claim takes the last one before it.
    pub chains: Vec<(usize, Vec<Span>)>,
}

/// A known given name or family name (ANERGazet, the transliteration table).
fn is_name_part(w: &Word) -> bool {
    let g = isnad_gazetteer::gazetteer();
    g.in_name_list(isnad_gazetteer::NameList::Person, &w.stem) || g.name_class(&w.stem).is_some()
}

/// Where a name phrase after position `i` ends: at a stop word, punctuation,
/// a reporting verb, or after `max` words.
fn phrase_end(words: &[Word], events_at: &[usize], i: usize, max: usize) -> usize {
    let mut j = i;
    let mut quoted = false;
    let mut seen = 0;
    // At most `max` words; quotes, brackets and dashes do not count.
    while j < words.len() && (seen < max || words[j].kind == TokenKind::Punct) {
        if words[j].kind != TokenKind::Punct {
            seen += 1;
        }
        let w = &words[j];
        let quote = matches!(w.text.as_str(), "\"" | "«" | "»" | "“" | "”");
        if quote {
            quoted = !quoted;
        }
        // A dash ends the phrase unless inside quotes ("سبأ- صنعاء").
        // "(سامي يوسف)" right after a title names the speaker; any other "(" ends the phrase.
        let closes_soon = w.text == "("
            && words[j + 1..words.len().min(j + 6)]
                .iter()
                .any(|x| x.text == ")");
        let keeps = quote || closes_soon || w.text == ")" || (w.text == "-" && quoted);
        // Adverbs and participles in the accusative ("لاحقاً", "مبرراً") end a name.
        if j > i
            && w.kind == TokenKind::Word
            && (w.text.ends_with('\u{064B}') || w.text.ends_with("اً"))
        {
            break;
        }
        if w.kind == TokenKind::Punct && !keeps {
            break;
        }
        // An event starts ("أعلنت الحكومة رفع أسعار ..."): the name has ended.
        if j > i && events_at.contains(&j) {
            break;
        }
        // A word without the article after words with it starts the object
        // ("وزارة الصحة السودانية ارتفاع ..."), unless it is a name ("الرئيس إيمانويل").
        if j >= i + 2
            && w.kind == TokenKind::Word
            && w.base == w.stem
            && words[j - 1].base != words[j - 1].stem
            && !is_name_part(w)
            && !w.is(class::CONNECTOR)
        {
            break;
        }
        if j > i
            && (w.is(class::STOP | class::SAY)
                || w.kind == TokenKind::Number
                || crate::events::is_event_word(w))
        {
            break;
        }
        j += 1;
    }
    j
}

/// The span of words `a..b`, without surrounding quotes and brackets; a
/// name in brackets after a title ("المتحدث باسم الشرطة (سامي يوسف)")
/// is the speaker's name.
fn words_span(words: &[Word], mut a: usize, mut b: usize) -> Option<Span> {
    for (o, c) in [("(", ")"), ("\"", "\""), ("«", "»")] {
        let open = words[a..b].iter().position(|w| w.text == o).map(|p| a + p);
        let close = open.and_then(|op| {
            words[op + 1..b]
                .iter()
                .position(|w| w.text == c)
                .map(|p| op + 1 + p)
        });
        if let (Some(open), Some(close)) = (open, close) {
            // Only a name after words of its own (a title): not a quoted phrase alone.
            if open > a && close > open + 1 && close - open <= 5 {
                a = open + 1;
                b = close;
                break;
            }
        }
    }
    let is_mark = |w: &Word| w.kind != TokenKind::Word && w.kind != TokenKind::Number;
    while a < b && is_mark(&words[a]) {
        a += 1;
    }
    while b > a && is_mark(&words[b - 1]) {
        b -= 1;
    }
    (a < b).then(|| Span::new(words[a].name_start, words[b - 1].span.end))
}

/// Reads the attribution of one sentence.
pub fn attribution(words: &[Word]) -> Attribution {
    attribution_with(words, &crate::events::triggers(words))
}

/// [`attribution`] of a sentence whose event triggers are known.
pub fn attribution_with(words: &[Word], triggers: &[Trigger]) -> Attribution {
    let mut a = Attribution {
        hedged: words.iter().any(|w| w.is(class::HEDGE)),
        negated: is_negated(words),
        ..Attribution::default()
    };
    let events_at: Vec<usize> = triggers.iter().map(|t| t.first).collect();
    let mut i = 0;
    while i < words.len() {
        i = if words[i].is(class::ACCORDING) {
            according_to(words, &events_at, i, &mut a)
        } else if words[i].is(class::SAYS) && !has_article(&words[i]) {
            reporting_verb(words, &events_at, i, &mut a)
        } else {
            i + 1
        };
    }
    if a.chains.is_empty() {
        a.chains.extend(source_before_colon(words));
    }
    a.chain = a.chains.first().map(|c| c.1.clone()).unwrap_or_default();
    a
}

/// A word with the article is a noun, never a reporting verb ("التابعة").
fn has_article(w: &Word) -> bool {
    w.base.starts_with("ال") && !w.stem.starts_with("ال")
}

/// A headline that opens with its source and a colon ("الداخلية: مقتل 4"):
/// one to three words, no event word, no weekday, particle or place.
fn source_before_colon(words: &[Word]) -> Option<(usize, Vec<Span>)> {
    let colon = words.iter().take(4).position(|w| w.key == ":")?;
    let lex = lexicon();
    let named = words[..colon].iter().all(|w| {
        w.kind == TokenKind::Word
            && !w.is(class::STOP | class::EVENT)
            && !lex.not_a_source.has_bare(&w.stem)
            && !lex.weekdays.has(&w.key)
    });
    let span = words_span(words, 0, colon).filter(|_| named && colon > 0)?;
    // "تونس: اعتقالات …": a place before the colon is the dateline, not a source.
    let gazetteer = isnad_gazetteer::gazetteer();
    let place = words[..colon]
        .iter()
        .any(|w| gazetteer.first(&w.key).is_some() || gazetteer.first(w.stem.as_str()).is_some());
    (!place).then(|| (0, vec![span]))
}

/// Whether the sentence reports a denial ("نفى", "لا صحة"; "صحة" alone is none).
fn is_negated(words: &[Word]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        w.is(class::DENY)
            && (w.stem != "صحه" || i > 0 && (words[i - 1].key == "لا" || words[i - 1].key == "عدم"))
    })
}

/// Reads "بحسب X" / "وفقاً لـ X" / "نقلا عن X" at word `i` into `a`; returns
/// the word to read on from.
fn according_to(words: &[Word], events_at: &[usize], i: usize, a: &mut Attribution) -> usize {
    let lex = lexicon();
    let mut s = i + 1;
    if words
        .get(s)
        .is_some_and(|n| lex.after_according.has_bare(&n.key))
    {
        s += 1;
    }
    if words
        .get(s)
        .is_some_and(|n| lex.not_a_source.has_bare(&n.stem))
    {
        return i + 1;
    }
    // "بحسب ما أفادت مصادر أمنية", "وفق ما أعلنه المتحدث": the verb is not the source.
    if words.get(s).is_some_and(|n| n.is(class::SAYS)) {
        s += 1;
    }
    // "لبيان صادر عن الجيش": the issuer speaks.
    if words
        .get(s)
        .is_some_and(|n| lex.statements.has_bare(&n.stem))
    {
        if let Some(k) =
            (s + 1..words.len().min(s + 4)).find(|&k| words[k].key == "عن" || words[k].key == "من")
        {
            s = k + 1;
        }
    }
    let e = phrase_end(words, events_at, s, 6);
    if let Some(span) = words_span(words, s, e) {
        // "ذكرت وكالة X نقلاً عن شهود": the agency's chain goes on.
        let w = &words[i];
        let extends = (w.key == "نقلا" || without_conjunction(&w.key) == Some("نقلا"))
            && a.chains
                .last()
                .is_some_and(|(at, _)| *at < i && i - *at <= 8);
        match a.chains.last_mut() {
            Some(last) if extends => last.1.push(span),
            _ => a.chains.push((i, vec![span])),
        }
    }
    e.max(i + 1)
}

/// Reads the reporting verb at word `i` and its speaker into `a`; returns
/// the word to read on from.
fn reporting_verb(words: &[Word], events_at: &[usize], i: usize, a: &mut Attribution) -> usize {
    let lex = lexicon();
    let w = &words[i];
    if i == 0 && lex.continues.has_bare(&w.stem) {
        a.continues = true;
    }
    if lex.quote_verbs.has_bare(&w.stem) {
        return agency_quoting(words, events_at, i, a);
    }
    // Verb-subject: "قال المتحدث باسم الشرطة إن ..." (not "أعلن حظر التجول": an event follows).
    let event_follows = events_at.contains(&(i + 1));
    if !event_follows && !words.get(i + 1).is_some_and(|n| n.is(class::STOP)) {
        let e = phrase_end(words, events_at, i + 1, 7);
        if let Some(span) = words_span(words, i + 1, e) {
            a.chains.push((i, vec![span]));
            return e;
        }
    }
    // Subject-verb: "قوات الأمن أعلنت أنها ...": the words before the verb.
    let clean_subject = words[..i]
        .iter()
        .all(|x| x.kind == TokenKind::Word && !x.is(class::STOP | class::EVENT));
    if i > 0 && i <= 5 && a.chains.is_empty() && clean_subject {
        if let Some(span) = words_span(words, 0, i) {
            a.chains.push((0, vec![span]));
        }
    }
    i + 1
}

/// Reads "نقلت وكالة Y عن X" at word `i` into `a`: the agency, then its
/// source ("نقل" without "عن" is transport, not report); returns the word
/// to read on from.
fn agency_quoting(words: &[Word], events_at: &[usize], i: usize, a: &mut Attribution) -> usize {
    if !(i + 1..words.len().min(i + 9)).any(|k| words[k].key == "عن") {
        return i + 1;
    }
    let e = phrase_end(words, events_at, i + 1, 6);
    let mut chain: Vec<Span> = words_span(words, i + 1, e).into_iter().collect();
    let mut next = e.max(i + 1);
    if let Some(k) = (e..words.len().min(e + 2)).find(|&k| words[k].key == "عن") {
        let e2 = phrase_end(words, events_at, k + 1, 8);
        chain.extend(words_span(words, k + 1, e2));
        next = e2.max(next);
    }
    if !chain.is_empty() {
        a.chains.push((i, chain));
    }
    next
}

/// The outermost source of a trailing citation in parentheses, as in
/// `(… وكالة سبوتنيك الروسية ٢٠٢٢/١/٨)`: the words before the date.
pub fn trailing_citation(words: &[Word]) -> Option<Span> {
    let close = words.iter().rposition(|w| w.text == ")")?;
    if words[close + 1..]
        .iter()
        .any(|w| w.kind == TokenKind::Word || w.kind == TokenKind::Number)
    {
        return None;
    }
    let date = (0..close)
        .rev()
        .take(3)
        .find(|&k| words[k].kind == TokenKind::Number && words[k].text.contains('/'))?;
    // "سكاي نيوز عربية (٢٠٢٣/٥/١٠)": the name stands before the bracket.
    let date = if date > 0 && words[date - 1].text == "(" {
        date - 1
    } else {
        date
    };
    let mut start = date;
    while start > 0 && date - start < 6 {
        let w = &words[start - 1];
        if w.kind != TokenKind::Word || w.text == "..." {
            break;
        }
        start -= 1;
    }
    words_span(words, start, date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words_of;

    fn chain(text: &str) -> Vec<String> {
        let w = words_of(text);
        attribution(&w)
            .chain
            .iter()
            .map(|s| s.slice(text).to_string())
            .collect()
    }

    #[test]
    fn verb_then_speaker() {
        assert_eq!(
            chain("قال المتحدث باسم الشرطة إن ثلاثة قتلوا"),
            ["المتحدث باسم الشرطة"]
        );
        assert_eq!(chain("وأعلنت وزارة الصحة مقتل خمسة"), ["وزارة الصحة"]);
    }

    #[test]
    fn speaker_then_verb() {
        assert_eq!(chain("قوات الأمن أعلنت أنها اعتقلت عشرين"), ["قوات الأمن"]);
    }

    #[test]
    fn according_to() {
        assert_eq!(chain("قتل خمسة أشخاص، بحسب مصادر طبية."), ["مصادر طبية"]);
        assert_eq!(chain("وفقا لشهود عيان، أصيب عشرة"), ["شهود عيان"]);
    }

    #[test]
    fn agency_quoting_a_spokesman_is_a_chain() {
        assert_eq!(
            chain("نقلت وكالة الأنباء الرسمية عن المتحدث باسم الجيش قوله إن"),
            ["وكالة الأنباء الرسمية", "المتحدث باسم الجيش"]
        );
    }

    #[test]
    fn hedges_and_denials() {
        let t = "وزعمت وكالات محلية أن المتظاهرين أحرقوا سيارات";
        assert!(attribution(&words_of(t)).hedged);
        let t = "ونفت الوزارة مقتل أي متظاهر";
        assert!(attribution(&words_of(t)).negated);
        let t = "وقالت الشرطة إنه لا صحة لهذه الأنباء";
        assert!(attribution(&words_of(t)).negated);
        let t = "وقالت الشرطة إن الوضع هادئ";
        let a = attribution(&words_of(t));
        assert!(!a.negated && !a.hedged);
    }

    #[test]
    fn citation_with_the_date_in_brackets() {
        let t = "وأضاف معلناً اعتقال نحو ١٠ آلاف شخص... سكاي نيوز عربية (٢٠٢٣/٥/١٠).";
        let w = words_of(t);
        assert_eq!(
            trailing_citation(&w).map(|s| s.slice(t)),
            Some("سكاي نيوز عربية")
        );
    }

    #[test]
    fn trailing_citation_names_the_outlet() {
        let t = "وقال إن الوضع مستقر... سكاي نيوز عربية ٢٠٢٣/٥/١٠)";
        let w = words_of(t);
        assert_eq!(
            trailing_citation(&w).map(|s| s.slice(t)),
            Some("سكاي نيوز عربية")
        );
    }
}
