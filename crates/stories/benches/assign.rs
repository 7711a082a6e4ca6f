//! The cost of assigning one new document to a story with 1,000, 10,000
//! and 100,000 documents already in the index: `cargo bench -p isnad-stories`.
//!
//! The documents are synthetic (a seeded generator): happenings, each
//! reported by one to four documents sharing its place, a country, a few
//! words of its own and a figure, among words drawn from a general
//! vocabulary by a Zipf-like law. Two ways a store grows:
//!
//! * `over_time` — 40 documents a day: a bigger store covers more days (a
//!   news store grows so);
//! * `one_year` — every store spans one year: a bigger store is denser
//!   (3 documents a day at 1,000, 274 at 100,000).
//!
//! What is timed is [`Index::closest`]: the whole decision of an assignment
//! (candidate lookup, comparisons, the best story) without inserting, so
//! the index stays the size named while criterion repeats it; inserting
//! afterwards appends the document to a few dozen postings. Every timed
//! decision is checked: the new report must find its happening's story.

use std::sync::Arc;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use isnad_ledger::{EntityType, Kind};
use isnad_stories::{EntityRef, FactRef, Index, StoryInput};
use isnad_time::Date;

/// A seeded xorshift64* generator: the same documents on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A Zipf-like draw in `0..n`: small values far more often.
    fn zipf(&mut self, n: u64) -> u64 {
        let u = (self.below(1 << 20) + 1) as f64 / (1u64 << 20) as f64;
        ((n as f64).powf(u) as u64).saturating_sub(1).min(n - 1)
    }
}

/// One happening: where, and what its reports share.
struct Happening {
    day: i64,
    place: u64,
    country: u64,
    words: Vec<u64>,
    killed: u64,
}

const GENERAL_WORDS: u64 = 3_000;
const OWN_WORDS: u64 = 50_000;
const PLACES: u64 = 20_000;
const COUNTRIES: u64 = 60;

fn happening(rng: &mut Rng, day: i64) -> Happening {
    Happening {
        day,
        place: rng.below(PLACES),
        country: rng.below(COUNTRIES),
        words: (0..8).map(|_| rng.below(OWN_WORDS)).collect(),
        killed: 1 + rng.below(60),
    }
}

/// A report of `h`: its place (and often its country), half its own
/// words, 60 general words, its figure (sometimes another).
fn report(rng: &mut Rng, id: usize, h: &Happening) -> StoryInput {
    let mut words: Vec<(Arc<str>, u32)> = Vec::with_capacity(64);
    for _ in 0..60 {
        let w = rng.zipf(GENERAL_WORDS);
        words.push((Arc::from(format!("g{w}")), 1 + rng.below(3) as u32));
    }
    for w in &h.words {
        if rng.below(2) == 0 {
            words.push((Arc::from(format!("o{w}")), 2));
        }
    }
    words.sort();
    words.dedup_by(|a, b| a.0 == b.0);
    let mut entities = vec![EntityRef {
        id: format!("place{}", h.place),
        kind: EntityType::Location,
        mentions: 1 + rng.below(3) as u32,
        broad: false,
    }];
    if rng.below(3) > 0 {
        entities.push(EntityRef {
            id: format!("country{}", h.country),
            kind: EntityType::Location,
            mentions: 1,
            broad: true,
        });
    }
    let killed = if rng.below(4) == 0 {
        h.killed + 2
    } else {
        h.killed
    };
    StoryInput {
        id: format!("{id:08}"),
        published: Some(Date::new(2020, 1, 1).unwrap().add_days(h.day)),
        title: Some(format!("report {id}")),
        headline: h
            .words
            .iter()
            .take(3)
            .map(|w| Arc::from(format!("o{w}")))
            .collect(),
        entities,
        facts: vec![FactRef {
            kind: Kind::Killed,
            count: Some((killed, Some(killed))),
            time: None,
        }],
        words,
        ..StoryInput::default()
    }
}

/// An index of `n` reports spread over `days` days, and the happenings of its last day.
fn index_of(n: usize, days: i64, rng: &mut Rng) -> (Index, Vec<Happening>) {
    let mut index = Index::new();
    let mut last_day = Vec::new();
    let mut made = 0;
    while made < n {
        let day = (made as i64 * days) / n as i64;
        let h = happening(rng, day);
        for _ in 0..1 + rng.below(4) {
            if made < n {
                index.add(report(rng, made, &h));
                made += 1;
            }
        }
        if day == days - 1 {
            last_day.push(h);
        }
    }
    (index, last_day)
}

fn bench(c: &mut Criterion) {
    for (name, per_day) in [("over_time", Some(40)), ("one_year", None)] {
        let mut g = c.benchmark_group(format!("assign_one/{name}"));
        g.sample_size(20);
        for n in [1_000usize, 10_000, 100_000] {
            let days = per_day.map_or(365, |p| (n as i64 / p).max(1));
            let mut rng = Rng(0x5eed_0000 + n as u64);
            let (index, recent) = index_of(n, days, &mut rng);
            assert_eq!(index.len(), n);
            // New reports of the last day's happenings, each of which a story holds.
            let new: Vec<StoryInput> = recent
                .iter()
                .take(50)
                .enumerate()
                .map(|(i, h)| report(&mut rng, n + i, h))
                .collect();
            for doc in &new {
                let (m, joins) = index.closest(doc).expect("a candidate");
                assert!(
                    joins,
                    "a report of a stored happening joins its story: {m:?}"
                );
            }
            let mut at = 0;
            g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
                b.iter(|| {
                    let doc = &new[at % new.len()];
                    at += 1;
                    let (m, joins) = index.closest(black_box(doc)).expect("a candidate");
                    assert!(
                        joins,
                        "a report of a stored happening joins its story: {m:?}"
                    );
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
