//! The index on small ledgers written here: clitics and spellings, filters,
//! facets, highlights in document coordinates, staying in step.

use std::path::Path;

use isnad_ledger::{
    Cluster, Count, Document, Entity, EntityType, Fact, Kind, Ledger, Mention, Source, Status,
    Story, TimeRange,
};
use isnad_search::query::Filters;
use isnad_search::{ReadDocs, Request, Results, SearchError, SearchIndex};

fn doc(id: &str, text: &str, outlet: &str, published: &str) -> Document {
    Document {
        id: id.into(),
        source: format!("{id}.txt"),
        title: Some(text.split('.').next().unwrap_or_default().to_string()),
        outlet: Some(outlet.into()),
        author: None,
        published: Some(published.into()),
        text: text.into(),
        removed: Vec::new(),
        near_duplicate_of: None,
        url: None,
    }
}

fn mention(d: &Document, word: &str) -> Mention {
    let start = d
        .text
        .find(word)
        .unwrap_or_else(|| panic!("{word} in {}", d.id));
    Mention {
        doc: d.id.clone(),
        start,
        end: start + word.len(),
        text: word.into(),
    }
}

fn fact(id: &str, d: &Document, sentence: &str, kind: Kind, count: Option<(u64, u64)>) -> Fact {
    let start = d.text.find(sentence).unwrap();
    Fact {
        id: id.into(),
        kind,
        doc: d.id.clone(),
        start,
        end: start + sentence.len(),
        evidence: sentence.into(),
        count: count.map(|(min, max)| Count {
            min: Some(min),
            max: Some(max),
            text: min.to_string(),
            suspect: false,
            implausible: false,
        }),
        subject: None,
        actor: None,
        place: None,
        time: None,
        sources: Vec::new(),
        negated: false,
        hedged: false,
        background: false,
    }
}

/// Five reports: the police with three different proclitics, one without
/// the word, one in Aleppo (a city of Syria) with counted facts.
fn ledger() -> Ledger {
    let d1 = doc(
        "d1",
        "قالت مصادر إن والشرطة انتشرت في الشوارع. وهدأ الوضع مساءً.",
        "وكالة الشمال",
        "2024-03-01",
    );
    let d2 = doc(
        "d2",
        "وجهت الحكومة رسالة للشرطة تطلب ضبط النفس.",
        "صحيفة الجنوب",
        "2024-03-02",
    );
    let d3 = doc(
        "d3",
        "أعلنت الشرطةُ اعتقال ١٢ شخصاً في حلب. وقال المتحدث إن التحقيق مستمر.",
        "وكالة الشمال",
        "2024-03-05",
    );
    let d4 = doc(
        "d4",
        "ارتفعت أسعار القمح في الأسواق هذا الأسبوع.",
        "صحيفة الجنوب",
        "2024-03-06",
    );
    let d5 = doc(
        "d5",
        "قتل 30 شخصا في قصف على حلب بحسب ناشطين. ونفت سوريا سقوط قتلى.",
        "إذاعة الوسط",
        "2024-03-07",
    );
    let aleppo = Entity {
        id: "e-aleppo".into(),
        kind: EntityType::Location,
        name: "حلب".into(),
        name_latin: Some("Aleppo".into()),
        variants: vec!["حلب".into()],
        mentions: vec![mention(&d3, "حلب"), mention(&d5, "حلب")],
    };
    let syria = Entity {
        id: "e-syria".into(),
        kind: EntityType::Location,
        name: "سوريا".into(),
        name_latin: Some("Syria".into()),
        variants: vec!["سوريا".into(), "سورية".into()],
        mentions: vec![mention(&d5, "سوريا")],
    };
    let mut arrested = fact(
        "f1",
        &d3,
        "أعلنت الشرطةُ اعتقال ١٢ شخصاً في حلب.",
        Kind::Arrested,
        Some((12, 12)),
    );
    arrested.place = Some("e-aleppo".into());
    arrested.time = Some(TimeRange {
        start: "2024-03-04".into(),
        end: "2024-03-04".into(),
        text: "أمس".into(),
    });
    let mut killed = fact(
        "f2",
        &d5,
        "قتل 30 شخصا في قصف على حلب بحسب ناشطين.",
        Kind::Killed,
        Some((30, 30)),
    );
    killed.place = Some("e-aleppo".into());
    killed.hedged = true;
    killed.sources = vec![Source {
        name: "ناشطين".into(),
        entity: None,
        chain: vec!["ناشطين".into()],
    }];
    let mut denied = fact("f3", &d5, "ونفت سوريا سقوط قتلى.", Kind::Killed, None);
    denied.negated = true;
    Ledger {
        documents: vec![d1, d2, d3, d4, d5],
        entities: vec![aleppo, syria],
        facts: vec![arrested, killed, denied],
        clusters: vec![Cluster {
            id: "c1".into(),
            kind: Kind::Killed,
            facts: vec!["f2".into(), "f3".into()],
            status: Status::Conflict,
            summary: String::new(),
            story: None,
        }],
        stories: vec![Story {
            id: "sd3".into(),
            title: "اعتقالات وقصف في حلب".into(),
            documents: vec!["d3".into(), "d5".into()],
            start: Some("2024-03-05".into()),
            end: Some("2024-03-07".into()),
            places: vec!["e-aleppo".into()],
            actors: Vec::new(),
            clusters: vec!["c1".into()],
        }],
        ..Ledger::default()
    }
}

fn built(dir: &Path, ledger: &Ledger) -> SearchIndex {
    SearchIndex::rebuild(dir, ledger, "g1", &ReadDocs::new()).unwrap();
    SearchIndex::open(dir).unwrap()
}

fn find(index: &SearchIndex, query: &str, filters: Filters) -> Results {
    index
        .search(&Request {
            query: query.into(),
            filters,
            limit: 50,
            facets: true,
        })
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

/// The ids of the hits of one type, sorted.
fn ids(r: &Results, hit: &str) -> Vec<String> {
    let mut v: Vec<String> = r
        .hits
        .iter()
        .filter(|h| h.hit == hit)
        .map(|h| h.id.clone())
        .collect();
    v.sort();
    v
}

fn documents(index: &SearchIndex, query: &str) -> Vec<String> {
    ids(&find(index, query, Filters::default()), "document")
}

#[test]
fn the_police_finds_it_with_any_proclitic_and_the_bare_word_finds_all() {
    let tmp = tempfile::tempdir().unwrap();
    let index = built(&tmp.path().join("i"), &ledger());
    assert_eq!(documents(&index, "الشرطة"), ["d1", "d2", "d3"]);
    assert_eq!(documents(&index, "والشرطة"), ["d1", "d2", "d3"]);
    assert_eq!(documents(&index, "شرطة"), ["d1", "d2", "d3"]);
    // The form as written finds only that spelling.
    assert_eq!(documents(&index, "exact:للشرطة"), ["d2"]);
    // Digits of either script find each other.
    assert_eq!(documents(&index, "12"), ["d3"]);
    assert_eq!(documents(&index, "٣٠"), ["d5"]);
    // A Latin name finds the entity's mentions; a spelling variant too.
    assert_eq!(documents(&index, "Aleppo"), ["d3", "d5"]);
    assert_eq!(documents(&index, "سورية"), ["d5"]);
    // OR, exclusion, phrases.
    assert_eq!(
        documents(&index, "القمح OR للشرطة"),
        ["d1", "d2", "d3", "d4"]
    );
    assert_eq!(documents(&index, "الشرطة -حلب"), ["d1", "d2"]);
    assert_eq!(documents(&index, r#""ضبط النفس""#), ["d2"]);
    assert!(documents(&index, r#""النفس ضبط""#).is_empty());
}

#[test]
fn highlights_are_byte_spans_of_the_document_text_and_utf16_offsets() {
    let tmp = tempfile::tempdir().unwrap();
    let l = ledger();
    let index = built(&tmp.path().join("i"), &l);
    let r = find(&index, "الشرطة", Filters::default());
    assert!(!r.hits.is_empty());
    for h in &r.hits {
        let text: &str = match h.hit.as_str() {
            "story" => continue,
            _ => {
                &l.documents
                    .iter()
                    .find(|d| d.id == h.documents[0])
                    .unwrap()
                    .text
            }
        };
        assert!(!h.highlights.is_empty(), "{}", h.id);
        for s in &h.highlights {
            let word = &text[s.start..s.end];
            assert!(["والشرطة", "للشرطة", "الشرطةُ"].contains(&word), "{word}");
            let units: Vec<u16> = text.encode_utf16().collect();
            let from16 = String::from_utf16(&units[s.utf16_start..s.utf16_end]).unwrap();
            assert_eq!(from16, word);
        }
        let span = &h.snippet_span;
        assert_eq!(&text[span.start..span.end], h.snippet);
    }
    // A fact's highlight is in its document's coordinates, not its evidence's.
    let fact = r
        .hits
        .iter()
        .find(|h| h.hit == "fact")
        .expect("the arrest fact");
    assert_eq!(fact.documents, ["d3"]);
    let s = &fact.highlights[0];
    assert_eq!(&l.documents[2].text[s.start..s.end], "الشرطةُ");
    assert_eq!(s.start, "أعلنت ".len());
}

#[test]
fn filters_by_kind_place_status_count_dates_and_hedging() {
    let tmp = tempfile::tempdir().unwrap();
    let index = built(&tmp.path().join("i"), &ledger());
    let facts = |q: &str, f: Filters| ids(&find(&index, q, f), "fact");
    assert_eq!(facts("kind:killed", Filters::default()), ["f2", "f3"]);
    assert_eq!(facts("kind:killed 10..50", Filters::default()), ["f2"]);
    assert!(facts("kind:killed 31..", Filters::default()).is_empty());
    assert_eq!(
        facts("status:conflict type:fact", Filters::default()),
        ["f2", "f3"]
    );
    // A city is in its country: the place filter Syria finds Aleppo's facts.
    assert_eq!(facts("place:حلب", Filters::default()), ["f1", "f2"]);
    assert_eq!(
        facts(r#"place:"سورية" type:fact"#, Filters::default()),
        ["f1", "f2"]
    );
    let hedged = Filters {
        hedged: Some(true),
        ..Filters::default()
    };
    assert_eq!(facts("حلب", hedged), ["f2"]);
    let negated = Filters {
        negated: Some(true),
        ..Filters::default()
    };
    assert_eq!(facts("", negated), ["f3"]);
    // Event dates and publication dates are separate.
    let event = Filters {
        event_from: Some("2024-03-04".into()),
        event_to: Some("2024-03-04".into()),
        ..Filters::default()
    };
    assert_eq!(facts("", event), ["f1"]);
    let published = Filters {
        published_from: Some("2024-03-06".into()),
        ..Filters::default()
    };
    let r = find(
        &index,
        "",
        Filters {
            hit: vec!["document".into()],
            ..published
        },
    );
    assert_eq!(ids(&r, "document"), ["d4", "d5"]);
    let outlet = Filters {
        outlet: vec!["وكالة الشمال".into()],
        ..Filters::default()
    };
    assert_eq!(
        ids(&find(&index, "الشرطة", outlet), "document"),
        ["d1", "d3"]
    );
    // A story by its title and its place.
    assert_eq!(
        ids(
            &find(&index, "اعتقالات place:سوريا", Filters::default()),
            "story"
        ),
        ["sd3"]
    );
}

#[test]
fn facets_count_hits_by_kind_outlet_place_and_day() {
    let tmp = tempfile::tempdir().unwrap();
    let index = built(&tmp.path().join("i"), &ledger());
    let r = find(&index, "حلب type:fact", Filters::default());
    let facet = |name: &str| -> Vec<(String, u64)> {
        r.facets
            .iter()
            .find(|(n, _)| n == name)
            .unwrap()
            .1
            .iter()
            .map(|f| (f.value.clone(), f.count))
            .collect()
    };
    assert_eq!(
        facet("kind"),
        [("arrested".to_string(), 1), ("killed".to_string(), 1)]
    );
    assert!(facet("place").contains(&("حلب".to_string(), 2)));
    assert!(facet("place").contains(&("سوريا".to_string(), 2)));
    let days: Vec<(&str, u64)> = r.days.iter().map(|d| (d.value.as_str(), d.count)).collect();
    assert_eq!(days, [("2024-03-05", 1), ("2024-03-07", 1)]);
}

#[test]
fn bad_queries_and_unknown_filters_say_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let index = built(&tmp.path().join("i"), &ledger());
    let error = |q: &str| {
        index
            .search(&Request {
                query: q.into(),
                limit: 5,
                ..Request::default()
            })
            .err()
            .unwrap_or_else(|| panic!("{q}: no error"))
            .to_string()
    };
    assert!(error(r#""الشرطة"#).contains("closing"));
    assert!(error("colour:red").contains("unknown field"));
    assert!(error("kind:flood").contains("unknown"));
    assert!(error("place:أتلانتس").contains("no place named «أتلانتس»"));
    assert!(error("status:maybe").contains("agree, conflict or single"));
    assert!(error("").contains("say what to find"));
    assert!(error("-الشرطة").contains("say what to find"));
    assert!(error("،").contains("no word"));
    let bad_day = index.search(&Request {
        query: "الشرطة".into(),
        filters: Filters {
            event_from: Some("5/3/2024".into()),
            ..Filters::default()
        },
        limit: 5,
        facets: false,
    });
    assert!(matches!(bad_day, Err(SearchError::Filter(m)) if m.contains("YYYY-MM-DD")));
}

/// Every hit of a set of queries, as comparable text.
fn answers(index: &SearchIndex) -> Vec<String> {
    [
        "الشرطة",
        "حلب",
        "القمح",
        "kind:killed",
        "اعتقالات",
        "المطار",
        "type:story",
    ]
    .iter()
    .map(|q| {
        let r = find(index, q, Filters::default());
        let mut hits: Vec<String> = r
            .hits
            .iter()
            .map(|h| format!("{} {} {:?} {:?}", h.hit, h.id, h.highlights, h.status))
            .collect();
        hits.sort();
        format!("{q}: {} {hits:?}", r.total)
    })
    .collect()
}

#[test]
fn an_index_brought_in_step_answers_as_a_rebuilt_one_and_never_with_stale_hits() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("i");
    let before = ledger();
    SearchIndex::rebuild(&dir, &before, "g1", &ReadDocs::new()).unwrap();
    // The next state: d2 removed, d4 re-analysed with new text, d6 added,
    // and the conflict resolved (statuses change for d5's facts).
    let mut after = before.clone();
    after.documents.retain(|d| d.id != "d2");
    after.documents[2].text = "ارتفعت أسعار الخبز بعد افتتاح المطار.".into();
    after.documents[2].title = Some("ارتفعت أسعار الخبز".into());
    after.documents.push(doc(
        "d6",
        "أغلقت الشرطة طريق المطار مساء الخميس.",
        "صحيفة الجنوب",
        "2024-03-08",
    ));
    after.clusters[0].status = Status::Agree;
    let report = SearchIndex::sync(&dir, &after, "g2", &ReadDocs::new()).unwrap();
    assert!(!report.rebuilt);
    assert_eq!(
        (report.indexed, report.removed, report.unchanged),
        (3, 3, 2),
        "{report:?}"
    );
    let synced = SearchIndex::open(&dir).unwrap();
    assert_eq!(synced.stamp().generation, "g2");
    let fresh_dir = tmp.path().join("fresh");
    let fresh = built(&fresh_dir, &after);
    assert_eq!(answers(&synced), answers(&fresh));
    assert!(!documents(&synced, "الشرطة").contains(&"d2".to_string()));
    assert!(documents(&synced, "القمح").is_empty());
    assert_eq!(documents(&synced, "المطار"), ["d4", "d6"]);
    let r = find(&synced, "kind:killed", Filters::default());
    assert!(r.hits.iter().all(|h| h.status == ["agree"]), "{:?}", r.hits);
    // Nothing changed: nothing is indexed again.
    let again = SearchIndex::sync(&dir, &after, "g2", &ReadDocs::new()).unwrap();
    assert_eq!((again.indexed, again.removed, again.unchanged), (0, 0, 5));
}

#[test]
fn an_index_stamped_by_another_analyser_or_damaged_is_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("i");
    let l = ledger();
    SearchIndex::rebuild(&dir, &l, "g1", &ReadDocs::new()).unwrap();
    let stamp_path = dir.join("stamp.json");
    let stamp = std::fs::read_to_string(&stamp_path).unwrap();
    std::fs::write(
        &stamp_path,
        stamp.replace(
            &format!("\"analyser\":{}", isnad_search::analyser::ANALYSER_VERSION),
            "\"analyser\":0",
        ),
    )
    .unwrap();
    let report = SearchIndex::sync(&dir, &l, "g1", &ReadDocs::new()).unwrap();
    assert!(report.rebuilt);
    assert_eq!(report.indexed, 5);
    assert_eq!(
        documents(&SearchIndex::open(&dir).unwrap(), "الشرطة"),
        ["d1", "d2", "d3"]
    );
    // An unreadable stamp is no stamp: rebuilt too.
    std::fs::write(&stamp_path, "{not json").unwrap();
    assert!(
        SearchIndex::sync(&dir, &l, "g1", &ReadDocs::new())
            .unwrap()
            .rebuilt
    );
    // Without a stamp the index is not opened as if it were good.
    std::fs::remove_file(&stamp_path).unwrap();
    let e = SearchIndex::open(&dir).err().unwrap().to_string();
    assert!(e.contains("isnad index --rebuild"), "{e}");
}

#[test]
fn hits_of_equal_score_come_in_id_order_however_the_index_was_made() {
    let tmp = tempfile::tempdir().unwrap();
    let same = "انتشرت الشرطة في الشوارع.";
    let reports: Vec<Document> = ["r6", "r5", "r4", "r3", "r2", "r1"]
        .iter()
        .map(|id| doc(id, same, "وكالة", "2024-03-01"))
        .collect();
    // Step by step, one segment per report, the last id first.
    let stepwise = tmp.path().join("stepwise");
    let mut growing = Ledger::default();
    for (i, d) in reports.iter().enumerate() {
        growing.documents.push(d.clone());
        SearchIndex::sync(&stepwise, &growing, &format!("g{i}"), &ReadDocs::new()).unwrap();
    }
    let rebuilt = tmp.path().join("rebuilt");
    SearchIndex::rebuild(&rebuilt, &growing, "g", &ReadDocs::new()).unwrap();
    for dir in [&stepwise, &rebuilt] {
        let index = SearchIndex::open(dir).unwrap();
        let best = |limit: usize| -> Vec<String> {
            index
                .search(&Request {
                    query: "الشرطة".into(),
                    filters: Filters::default(),
                    limit,
                    facets: false,
                })
                .unwrap()
                .hits
                .into_iter()
                .map(|h| h.id)
                .collect()
        };
        assert_eq!(best(3), ["r1", "r2", "r3"], "{}", dir.display());
        assert_eq!(best(6), ["r1", "r2", "r3", "r4", "r5", "r6"]);
    }
}

#[test]
fn an_index_made_from_documents_already_read_is_the_index_made_from_their_texts() {
    use isnad_text::{Doc, Vocabulary};
    let tmp = tempfile::tempdir().unwrap();
    let l = ledger();
    let from_texts = built(&tmp.path().join("texts"), &l);
    let mut vocabulary = Vocabulary::new();
    let docs: Vec<(String, Doc)> = l
        .documents
        .iter()
        .map(|d| (d.id.clone(), Doc::new(d.text.as_str(), &mut vocabulary)))
        .collect();
    // One document read from another text: indexing must not trust it.
    let wrong = Doc::new("نص آخر تماما", &mut vocabulary);
    let mut read: ReadDocs = docs.iter().map(|(id, d)| (id.as_str(), d)).collect();
    read.add(&l.documents[0].id, &wrong);
    let dir = tmp.path().join("read");
    SearchIndex::rebuild(&dir, &l, "g1", &read).unwrap();
    let from_docs = SearchIndex::open(&dir).unwrap();
    let scored = |index: &SearchIndex| -> Vec<String> {
        let mut out = answers(index);
        for q in ["title:الشرطة", "title:حلب", "\"في حلب\"", "exact:والشرطة"] {
            let r = find(index, q, Filters::default());
            out.extend(
                r.hits
                    .iter()
                    .map(|h| format!("{q}: {} {} {:.4} {:?}", h.hit, h.id, h.score, h.highlights)),
            );
        }
        out
    };
    assert!(scored(&from_texts).iter().any(|a| a.starts_with("title:")));
    assert_eq!(scored(&from_docs), scored(&from_texts));
}
